//! Safety alerts and disputes over HTTP (SPEC R6.4, R6.5; API.md "Safety alerts"): posting to a
//! coop and to the collective, who sees what (anonymous posters, coops she is not in), the
//! contact-details warning and posting anyway, the lookup's `alerts` and `alert_list`,
//! disputes that never hide an alert, the moderators' queue and decisions with recusal, the
//! Dispute Resolution Committee, outcomes on the dashboards, expiry, the access matrix, the
//! pages in English and German without JavaScript, and the R8.4 output check.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};
use tessera_core::committee::Committee;

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

/// A coop of `owner` that lets members post at once; `others` are invited and accept.
async fn coop_with(owner: &Client, others: &[&Client], anonymous_alerts: bool) -> String {
    let r = owner
        .post_json(
            "/api/coops",
            json!({"name": "Night shift", "kind": "regional", "min_member_days": 0,
                   "anonymous_alerts": anonymous_alerts}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let id = body(r).await["id"].as_str().unwrap().to_owned();
    for o in others {
        let me = body(o.get("/api/session").await).await;
        let name = me["pseudonym"].as_str().unwrap().to_owned();
        let r = owner
            .post_json(
                &format!("/api/coops/{id}/invitations"),
                json!({"seller": name}),
            )
            .await;
        assert_eq!(r.status(), 201);
        let r = o
            .post_json(&format!("/api/coops/{id}/join"), json!({}))
            .await;
        assert_eq!(r.status(), 200);
    }
    id
}

async fn post_alert(c: &Client, b: Value) -> reqwest::Response {
    c.post_json("/api/alerts", b).await
}

/// A server whose sessions outlive the clock's jumps (expiry and min_member_days).
async fn long_sessions() -> TestApp {
    spawn_app_with(|c| {
        c.session_idle_minutes = 525_600;
        c.session_absolute_hours = 8_760;
    })
    .await
}

async fn committee(app: &TestApp, name: &str) {
    let acc = app.store.account_by_pseudonym(name).await.unwrap().unwrap();
    app.store
        .committee_add(Committee::Disputes, acc.id, "test", app.state.now())
        .await
        .unwrap();
}

#[tokio::test]
async fn r6_4_alert_in_a_coop_reaches_its_members_and_the_lookup_only() {
    let app = long_sessions().await;
    let ada = app.seller("ada").await;
    let bea = app.seller("bea").await;
    let cem = app.seller("cem").await;
    let _bob = app.buyer("bob_b").await;
    let coop = coop_with(&ada, &[&bea], true).await;

    let r = post_alert(
        &ada,
        json!({"coop": coop, "flags": ["scam", "unsafe"], "buyer": "Bob_B",
               "text": "Refused protection, became aggressive.", "days": 10}),
    )
    .await;
    assert_eq!(r.status(), 201);
    let a = body(r).await;
    let id = a["id"].as_str().unwrap().to_owned();
    let today = tessera_core::Day::from_unix(app.state.now());
    assert_eq!(
        a,
        json!({"id": id, "coop": coop, "flags": ["unsafe", "scam"], "buyer": "bob_b",
               "text": "Refused protection, became aggressive.", "posted_by": "ada",
               "posted_on": today.to_string(), "expires_on": today.plus_days(10).to_string(),
               "disputed": false, "state": "live"})
    );

    // Bea (member) sees it, on the list and on bob's lookup; Cem (no member) sees neither.
    let list = body(bea.get("/api/alerts").await).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let rep = body(bea.get("/api/buyer/bob_b/reputation").await).await;
    assert_eq!(rep["alerts"], 1);
    assert_eq!(rep["alert_list"][0]["id"], id.as_str());
    assert_eq!(body(cem.get("/api/alerts").await).await, json!([]));
    let rep = body(cem.get("/api/buyer/bob_b/reputation").await).await;
    assert_eq!(rep["alerts"], 0);
    assert_eq!(rep["alert_list"], json!([]));
    // The filter by buyer, and an unknown buyer names nothing.
    assert_eq!(
        body(bea.get("/api/alerts?buyer=bob_b").await)
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        body(bea.get("/api/alerts?buyer=nobody").await).await,
        json!([])
    );

    // The lookup page shows it, in English and German.
    let html = bea.get_html("/lookup?pseudonym=bob_b").await;
    assert!(
        html.contains("One live alert names this pseudonym."),
        "{html}"
    );
    assert!(html.contains("Refused protection, became aggressive."));
    let de = bea.page_de("/lookup?pseudonym=bob_b").await;
    assert!(de.contains("Eine aktive Warnung nennt dieses Pseudonym."));

    // Expiry: live until expires_on begins; then never served, and purged.
    app.clock.advance(time::Duration::days(10));
    assert_eq!(body(bea.get("/api/alerts").await).await, json!([]));
    assert_eq!(
        body(bea.get("/api/buyer/bob_b/reputation").await).await["alerts"],
        0
    );
    let report = app
        .store
        .purge(app.state.now(), 3600, 86_400)
        .await
        .unwrap();
    assert_eq!(report.alerts, 1);
    assert!(!app
        .store
        .dump_all_rows()
        .await
        .unwrap()
        .contains("Refused protection"));
}

#[tokio::test]
async fn r6_4_collective_alerts_anonymous_posters_and_the_coop_rules() {
    let app = long_sessions().await;
    let ada = app.seller("ada").await;
    let bea = app.seller("bea").await;
    let cem = app.seller("cem").await;
    let dan = app.seller("dan").await;
    committee(&app, "dan").await;

    // Collective and anonymous: "a member" to everyone but the poster and the committee.
    let r = post_alert(
        &ada,
        json!({"coop": null, "flags": ["aggressive"], "anonymous": true}),
    )
    .await;
    assert_eq!(r.status(), 201);
    let a = body(r).await;
    assert_eq!(a["posted_by"], "ada");
    assert_eq!(a["coop"], Value::Null);
    assert_eq!(a["buyer"], Value::Null);
    assert_eq!(a["text"], Value::Null);
    let days = |a: &Value| {
        let p = tessera_core::Day::parse(a["posted_on"].as_str().unwrap()).unwrap();
        p.days_until(tessera_core::Day::parse(a["expires_on"].as_str().unwrap()).unwrap())
    };
    assert_eq!(days(&a), 14, "default lifetime (R6.4)");
    let seen = body(cem.get("/api/alerts").await).await;
    assert_eq!(seen[0]["posted_by"], Value::Null);
    let seen = body(dan.get("/api/alerts").await).await;
    assert_eq!(seen[0]["posted_by"], "ada", "the committee moderates it");

    // A coop that does not allow anonymous alerts: 400.
    let coop = coop_with(&ada, &[&bea], false).await;
    let r = post_alert(
        &bea,
        json!({"coop": coop, "flags": ["other"], "anonymous": true}),
    )
    .await;
    assert_eq!(r.status(), 400);
    // A coop she is not in: 404, as if it did not exist; an unknown buyer: 404.
    let r = post_alert(&cem, json!({"coop": coop, "flags": ["other"]})).await;
    assert_eq!(r.status(), 404);
    let r = post_alert(
        &bea,
        json!({"coop": coop, "flags": ["other"], "buyer": "nobody"}),
    )
    .await;
    assert_eq!(r.status(), 404);
    // Fields out of range: 400 naming them.
    for (b, field) in [
        (json!({"flags": []}), "flags"),
        (json!({"flags": ["bad"]}), "flags"),
        (json!({"flags": ["other"], "days": 0}), "days"),
        (json!({"flags": ["other"], "days": 91}), "days"),
        (json!({"flags": ["other"], "text": "x".repeat(501)}), "text"),
    ] {
        let r = post_alert(&bea, b).await;
        assert_eq!(r.status(), 400);
        assert_eq!(body(r).await["fields"], json!([field]));
    }

    // min_member_days: a coop asking 7 days refuses posting until then (403 not_allowed_yet).
    let r = ada
        .post_json("/api/coops", json!({"name": "Slow", "kind": "private"}))
        .await;
    let slow = body(r).await["id"].as_str().unwrap().to_owned();
    let r = post_alert(&ada, json!({"coop": slow, "flags": ["other"]})).await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "not_allowed_yet");
    app.clock.advance(time::Duration::days(7));
    let r = post_alert(&ada, json!({"coop": slow, "flags": ["other"]})).await;
    assert_eq!(r.status(), 201);

    // A suspended member: 403 not_allowed_yet.
    let r = ada
        .post_json(
            &format!("/api/coops/{coop}/members/bea"),
            json!({"action": "suspend"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = post_alert(&bea, json!({"coop": coop, "flags": ["other"]})).await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "not_allowed_yet");
}

#[tokio::test]
async fn r6_4_contact_details_warn_with_the_charter_sentence_and_post_anyway() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await;
    for text in [
        "call him on +49 176 1234 5678",
        "john at example dot com",
        "lives at Hauptstraße 5",
        "0 1 7 6 1 2 3 4 5 6 7",
    ] {
        let r = post_alert(&ada, json!({"flags": ["other"], "text": text})).await;
        assert_eq!(r.status(), 422, "{text}");
        let b = body(r).await;
        assert_eq!(b["error"], "contact_details");
        assert_eq!(
            b["message"],
            "This text looks like it contains contact details. Remove them, or post as it is?"
        );
    }
    // Nothing was posted; then she posts as it is.
    assert_eq!(body(ada.get("/api/alerts").await).await, json!([]));
    let r = post_alert(
        &ada,
        json!({"flags": ["other"], "text": "john at example dot com", "confirm_contact_details": true}),
    )
    .await;
    assert_eq!(r.status(), 201);

    // The page: the warning in the charter's words, what she typed kept, and "Post as it is".
    let html = ada.get_html("/alerts").await;
    let csrf = csrf_in(&html);
    let r = ada
        .post_form(
            "/alerts",
            &csrf,
            &[
                ("coop", ""),
                ("flags", "unsafe"),
                ("flags", "scam"),
                ("text", "ring 0176 1234567"),
                ("days", "5"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"contact-warning\""), "{html}");
    assert!(html.contains(
        "This text looks like it contains contact details. Remove them, or post as it is?"
    ));
    assert!(html.contains("ring 0176 1234567</textarea>"));
    assert!(html.contains("value=\"scam\" checked"));
    assert!(html.contains("name=\"confirm\""));
    let r = ada
        .post_form(
            "/alerts",
            &csrf,
            &[
                ("coop", ""),
                ("flags", "unsafe"),
                ("text", "ring 0176 1234567"),
                ("days", "5"),
                ("confirm", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        body(ada.get("/api/alerts").await)
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // German.
    let de = ada.page_de("/alerts").await;
    assert!(de.contains("Sicherheitswarnungen"));
}

#[tokio::test]
async fn r6_5_dispute_moderate_recuse_and_see_the_outcome() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await; // moderator
    let bea = app.seller("bea").await; // poster
    let cem = app.seller("cem").await; // disputer
    let eve = app.seller("eve").await; // second moderator
    let coop = coop_with(&ada, &[&bea, &cem, &eve], true).await;
    let r = ada
        .post_json(
            &format!("/api/coops/{coop}/members/eve"),
            json!({"action": "make_moderator"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = post_alert(
        &bea,
        json!({"coop": coop, "flags": ["time_waster"], "anonymous": true}),
    )
    .await;
    let id = body(r).await["id"].as_str().unwrap().to_owned();

    // The moderators see the anonymous poster; members do not.
    assert_eq!(
        body(ada.get("/api/alerts").await).await[0]["posted_by"],
        "bea"
    );
    assert_eq!(
        body(cem.get("/api/alerts").await).await[0]["posted_by"],
        Value::Null
    );

    // A dispute: 201, the alert says so and stays live and visible.
    let r = cem
        .post_json(
            &format!("/api/alerts/{id}/disputes"),
            json!({"reason": "revenge", "context": "We argued about a shared flat."}),
        )
        .await;
    assert_eq!(r.status(), 201);
    assert_eq!(body(r).await["disputed"], true);
    let again = cem
        .post_json(
            &format!("/api/alerts/{id}/disputes"),
            json!({"reason": "other"}),
        )
        .await;
    assert_eq!(again.status(), 409);
    let bad = cem
        .post_json(
            &format!("/api/alerts/{id}/disputes"),
            json!({"reason": "bored"}),
        )
        .await;
    assert_eq!(bad.status(), 400);
    let list = body(ada.get("/api/alerts").await).await;
    assert_eq!(list[0]["disputed"], true);
    assert_eq!(list[0]["state"], "live");

    // The queue: moderators only (member 403, non-member 404).
    let q = body(ada.get(&format!("/api/coops/{coop}/queue")).await).await;
    assert_eq!(q[0]["alert"]["id"], id.as_str());
    assert_eq!(q[0]["disputes"][0]["reason"], "revenge");
    assert_eq!(
        q[0]["disputes"][0]["context"],
        "We argued about a shared flat."
    );
    assert_eq!(
        cem.get(&format!("/api/coops/{coop}/queue")).await.status(),
        403
    );
    let out = app.seller("out").await;
    assert_eq!(
        out.get(&format!("/api/coops/{coop}/queue")).await.status(),
        404
    );
    assert_eq!(out.get("/api/alerts/queue").await.status(), 403);

    // Recusal: the poster and the disputer get 403 recused (even if they moderated).
    let r = ada
        .post_json(
            &format!("/api/coops/{coop}/members/cem"),
            json!({"action": "make_moderator"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    for who in [&bea, &cem] {
        let r = who
            .post_json(
                &format!("/api/alerts/{id}/moderation"),
                json!({"action": "withdraw"}),
            )
            .await;
        assert_eq!(r.status(), 403);
        assert_eq!(body(r).await["error"], "recused");
    }
    let r = ada
        .post_json(
            &format!("/api/alerts/{id}/moderation"),
            json!({"action": "nap"}),
        )
        .await;
    assert_eq!(r.status(), 400);

    // Uphold: the queue empties, the alert stays live and no longer says it is disputed
    // (a decision was made; a new dispute would mark it again).
    let r = ada
        .post_json(
            &format!("/api/alerts/{id}/moderation"),
            json!({"action": "uphold"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let a = body(r).await;
    assert_eq!(
        (a["state"].as_str(), a["disputed"].as_bool()),
        (Some("live"), Some(false))
    );
    assert_eq!(
        body(ada.get(&format!("/api/coops/{coop}/queue")).await).await,
        json!([])
    );
    // Both sides see the outcome on their dashboards (R6.5).
    assert!(bea
        .get_html("/dashboard")
        .await
        .contains("Your alert: upheld."));
    assert!(cem
        .get_html("/dashboard")
        .await
        .contains("An alert you disputed: upheld."));

    // Withdraw (by the other moderator): gone from every list; a second decision 409.
    let r = eve
        .post_json(
            &format!("/api/alerts/{id}/moderation"),
            json!({"action": "withdraw"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await["state"], "withdrawn");
    assert_eq!(body(cem.get("/api/alerts").await).await, json!([]));
    let r = ada
        .post_json(
            &format!("/api/alerts/{id}/moderation"),
            json!({"action": "uphold"}),
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(bea
        .get_html("/dashboard")
        .await
        .contains("Your alert: withdrawn."));
}

#[tokio::test]
async fn r6_5_suspend_the_poster_and_escalate_to_the_committee() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await;
    let bea = app.seller("bea").await;
    let cem = app.seller("cem").await;
    let dan = app.seller("dan").await;
    committee(&app, "dan").await;
    let coop = coop_with(&ada, &[&bea, &cem], true).await;

    // Suspend the poster: she reads, she no longer posts there.
    let r = post_alert(&bea, json!({"coop": coop, "flags": ["scam"]})).await;
    let first = body(r).await["id"].as_str().unwrap().to_owned();
    let r = ada
        .post_json(
            &format!("/api/alerts/{first}/moderation"),
            json!({"action": "suspend_poster"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let me = body(bea.get(&format!("/api/coops/{coop}")).await).await;
    assert_eq!(me["state"], "suspended");
    let r = post_alert(&bea, json!({"coop": coop, "flags": ["scam"]})).await;
    assert_eq!(body(r).await["error"], "not_allowed_yet");
    // A suspended member cannot dispute (403).
    let r = post_alert(&cem, json!({"coop": coop, "flags": ["other"]})).await;
    let second = body(r).await["id"].as_str().unwrap().to_owned();
    let r = bea
        .post_json(
            &format!("/api/alerts/{second}/disputes"),
            json!({"reason": "inaccurate"}),
        )
        .await;
    assert_eq!(r.status(), 403);

    // Escalate: recorded for the committee, whose queue then holds it and who decides it.
    let r = ada
        .post_json(
            &format!("/api/alerts/{second}/moderation"),
            json!({"action": "escalate"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = ada
        .post_json(
            &format!("/api/alerts/{second}/moderation"),
            json!({"action": "escalate"}),
        )
        .await;
    assert_eq!(r.status(), 409, "escalated once");
    let q = body(dan.get("/api/alerts/queue").await).await;
    assert_eq!(q.as_array().unwrap().len(), 1);
    assert_eq!(q[0]["alert"]["id"], second.as_str());
    assert_eq!(ada.get("/api/alerts/queue").await.status(), 403);
    let r = dan
        .post_json(
            &format!("/api/alerts/{second}/moderation"),
            json!({"action": "withdraw"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(body(dan.get("/api/alerts/queue").await).await, json!([]));

    // A collective alert is the committee's: a coop moderator may not decide it, and the
    // committee suspends its poster from collective alerts.
    let r = post_alert(&cem, json!({"flags": ["other"]})).await;
    let third = body(r).await["id"].as_str().unwrap().to_owned();
    let r = ada
        .post_json(
            &format!("/api/alerts/{third}/moderation"),
            json!({"action": "withdraw"}),
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "forbidden");
    let r = ada
        .post_json(
            &format!("/api/alerts/{third}/disputes"),
            json!({"reason": "personal_data"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let q = body(dan.get("/api/alerts/queue").await).await;
    assert_eq!(q[0]["alert"]["id"], third.as_str());
    let r = dan
        .post_json(
            &format!("/api/alerts/{third}/moderation"),
            json!({"action": "suspend_poster"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = post_alert(&cem, json!({"flags": ["other"]})).await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "not_allowed_yet");
}

#[tokio::test]
async fn r6_4_r6_5_access_matrix_of_every_alert_route() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await; // moderator
    let mem = app.seller("mem").await; // member
    let sus = app.seller("sus").await; // suspended member
    let non = app.seller("non").await; // no member
    let buyer = app.buyer("bob_b").await;
    let anon = app.client();
    let coop = coop_with(&ada, &[&mem, &sus], true).await;
    let r = post_alert(&mem, json!({"coop": coop, "flags": ["other"]})).await;
    let id = body(r).await["id"].as_str().unwrap().to_owned();
    let r = ada
        .post_json(
            &format!("/api/coops/{coop}/members/sus"),
            json!({"action": "suspend"}),
        )
        .await;
    assert_eq!(r.status(), 200);

    let routes: Vec<(Method, String, Option<Value>)> = vec![
        (
            Method::POST,
            "/api/alerts".into(),
            Some(json!({"coop": coop, "flags": ["other"]})),
        ),
        (Method::GET, "/api/alerts".into(), None),
        (Method::GET, "/api/alerts/queue".into(), None),
        (
            Method::POST,
            format!("/api/alerts/{id}/disputes"),
            Some(json!({"reason": "other"})),
        ),
        (Method::GET, format!("/api/coops/{coop}/queue"), None),
        (
            Method::POST,
            format!("/api/alerts/{id}/moderation"),
            Some(json!({"action": "uphold"})),
        ),
    ];
    // Expected status per caller: anonymous, buyer, non-member, suspended, member, moderator.
    let expected: [[u16; 6]; 6] = [
        [401, 403, 404, 403, 201, 201],
        [401, 403, 200, 200, 200, 200],
        [401, 403, 403, 403, 403, 403],
        [401, 403, 404, 403, 201, 201],
        [401, 403, 404, 403, 403, 200],
        [401, 403, 404, 403, 403, 403],
    ];
    let callers = [&anon, &buyer, &non, &sus, &mem, &ada];
    for ((method, path, b), want) in routes.iter().zip(expected) {
        for (c, want) in callers.iter().zip(want) {
            let got = c
                .request(method.clone(), path, b.clone(), &[])
                .await
                .status()
                .as_u16();
            assert_eq!(got, want, "{method} {path}");
        }
    }
    // The moderator who disputed is recused (the last row's 403), and the pages: a buyer
    // gets 403, a non-member 404.
    for page in ["/alerts", "/alerts/queue", &format!("/alerts/{id}")] {
        assert_eq!(buyer.get(page).await.status(), 403, "{page}");
    }
    assert_eq!(non.get(&format!("/alerts/{id}")).await.status(), 404);
    assert_eq!(anon.get("/alerts").await.status(), 303);
}

#[tokio::test]
async fn r6_5_the_pages_dispute_and_decide_without_javascript() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await;
    let bea = app.seller("bea").await;
    let cem = app.seller("cem").await;
    let coop = coop_with(&ada, &[&bea, &cem], true).await;
    let _bob = app.buyer("bob_b").await;
    let r = post_alert(
        &bea,
        json!({"coop": coop, "flags": ["non_payment"], "buyer": "bob_b", "text": "Left without paying."}),
    )
    .await;
    let id = body(r).await["id"].as_str().unwrap().to_owned();

    let page = format!("/alerts/{id}");
    let html = cem.get_html(&page).await;
    assert!(html.contains("Left without paying."));
    assert!(html.contains("Non-payment"));
    let r = cem
        .post_form(
            &format!("/alerts/{id}/dispute"),
            &csrf_in(&html),
            &[("reason", "inaccurate"), ("context", "He paid me.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let html = cem.get_html(&format!("{page}?done=disputed")).await;
    assert!(html.contains("Your dispute is recorded."));
    assert!(html.contains("Disputed:"));

    // The moderator's queue page and her decision.
    let q = ada.get_html("/alerts/queue").await;
    assert!(q.contains("He paid me."), "{q}");
    let html = ada.get_html(&page).await;
    assert!(html.contains("value=\"withdraw\""));
    let r = ada
        .post_form(
            &format!("/alerts/{id}/moderate"),
            &csrf_in(&html),
            &[("action", "withdraw")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(!cem
        .get_html("/alerts")
        .await
        .contains("Left without paying."));
    let de = cem.page_de("/dashboard").await;
    assert!(
        de.contains("Eine Warnung, die du angefochten hast: zurückgezogen."),
        "{de}"
    );

    // Nothing of the alert or the dispute reaches the server's output (R8.4).
    assert_logs_free_of(&["Left without paying.", "He paid me.", "bob_b"]);
}
