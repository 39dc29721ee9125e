//! The two-person actions beside exclusions and emergency changes, over HTTP (SPEC R7.8, R7.9,
//! R7.10; charter 9.5 and 18.6): a suspension after a passed vote, a reputation restore with
//! the code its holder asked for at deletion, and a coop's dissolution. Each is asked for by one
//! authorised member and takes effect only when a second one approves at
//! `POST /api/approvals/{id}`; never by the one who asked, never by someone not authorised.

use serde_json::{json, Value};
use tessera_core::committee::Committee;

use crate::common::*;

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

async fn long_sessions() -> TestApp {
    spawn_app_with(|c| {
        c.session_idle_minutes = 525_600;
        c.session_absolute_hours = 8_760;
    })
    .await
}

async fn on(app: &TestApp, who: &str, c: Committee) {
    tessera_app::network::committees::add(&app.store, who, c, app.state.now())
        .await
        .unwrap();
}

/// An operational proposal by `author`, voted yes by `voters`, closed: its id.
async fn passed_motion(app: &TestApp, author: &Client, voters: &[&Client]) -> String {
    let r = author
        .post_json(
            "/api/proposals",
            json!({"title": "Suspend the account that threatened members", "kind": "operational",
                   "specification": "90 days", "rationale": "threats", "risks": "none known",
                   "alternatives": "a warning"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let id = body(r).await["id"].as_str().unwrap().to_owned();
    app.clock.advance(time::Duration::days(30));
    for v in voters {
        let r = v
            .post_json(
                &format!("/api/proposals/{id}/ballot"),
                json!({"choice": "yes"}),
            )
            .await;
        assert_eq!(r.status(), 201);
    }
    app.clock.advance(time::Duration::days(14));
    let p = body(author.get(&format!("/api/proposals/{id}")).await).await;
    assert_eq!(p["phase"], "closed");
    assert_eq!(p["result"]["passed"], true, "{p}");
    id
}

#[tokio::test]
async fn r7_8_r7_9_a_suspension_after_a_vote_needs_two_governance_members_and_ends_by_itself() {
    let app = long_sessions().await;
    let gina = app.seller("gina_s").await;
    let hana = app.seller("hana_s").await;
    let ida = app.seller("ida_s").await;
    let dan = app.seller("dan_s").await;
    on(&app, "gina_s", Committee::Governance).await;
    on(&app, "hana_s", Committee::Governance).await;
    let vote = passed_motion(&app, &ida, &[&gina, &hana, &ida]).await;
    let until = app.state.clock.today().plus_days(30).to_string();
    let ask = json!({"account": "dan_s", "proposal": vote, "until": until});

    // Only the Governance committee asks; the vote must be a passed motion; the day ahead.
    assert_eq!(
        ida.post_json("/api/suspensions", ask.clone())
            .await
            .status(),
        403
    );
    let past = json!({"account": "dan_s", "proposal": vote, "until": "2020-01-01"});
    let r = gina.post_json("/api/suspensions", past).await;
    assert_eq!(r.status(), 400);
    assert_eq!(body(r).await["fields"], json!(["until"]));
    let nobody = json!({"account": "nobody_s", "proposal": vote, "until": until});
    assert_eq!(
        gina.post_json("/api/suspensions", nobody).await.status(),
        404
    );
    let lift = json!({"account": "dan_s", "proposal": vote});
    assert_eq!(
        gina.post_json("/api/suspensions", lift.clone())
            .await
            .status(),
        409,
        "nothing to end"
    );

    let r = gina.post_json("/api/suspensions", ask).await;
    assert_eq!(r.status(), 201);
    let req = body(r).await;
    assert_eq!(req["state"], "awaiting_second");
    let approval = format!("/api/approvals/{}", req["id"].as_str().unwrap());
    // Nothing yet: dan still reads his standing.
    assert_eq!(dan.get("/api/members/me").await.status(), 200);
    let waiting = body(hana.get("/api/approvals").await).await;
    assert_eq!(waiting[0]["kind"], "suspension");
    assert_eq!(waiting[0]["mine"], false);
    assert_eq!(
        body(gina.get("/api/approvals").await).await[0]["mine"],
        true
    );
    assert!(body(ida.get("/api/approvals").await)
        .await
        .as_array()
        .unwrap()
        .is_empty());

    assert_eq!(
        gina.post_json(&approval, json!({})).await.status(),
        403,
        "her own"
    );
    assert_eq!(
        ida.post_json(&approval, json!({})).await.status(),
        403,
        "not on it"
    );
    let r = hana.post_json(&approval, json!({})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await, json!({"state": "enacted", "until": until}));
    assert_eq!(
        hana.post_json(&approval, json!({})).await.status(),
        409,
        "once"
    );

    // In force at once: his session is gone, he cannot sign in, and says why.
    assert_eq!(dan.get("/api/members/me").await.status(), 401);
    let r = app
        .client()
        .post_json(
            "/api/session",
            json!({"pseudonym": "dan_s", "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status(), 403);
    let e = body(r).await;
    assert_eq!(e["error"], "suspended");
    assert!(e["message"].as_str().unwrap().contains("suspended"), "{e}");
    // A wrong password still says only that the credentials are wrong.
    let r = app
        .client()
        .post_json(
            "/api/session",
            json!({"pseudonym": "dan_s", "password": "not his password at all"}),
        )
        .await;
    assert_eq!(r.status(), 401);
    let audit = body(gina.get("/api/audit").await).await.to_string();
    for action in ["approval_requested", "approval_given", "member_suspended"] {
        assert!(audit.contains(action), "{action}");
    }
    assert!(
        !audit.contains("dan_s"),
        "the audit log names who acted, not on whom"
    );

    // After its last day it has ended by itself: he signs in, and his standing is his record's
    // again (past his first 60 days without one: lapsed, no longer suspended).
    app.clock.advance(time::Duration::days(31));
    let dan = app.client();
    dan.login("dan_s", PASSWORD).await;
    assert_eq!(
        body(dan.get("/api/members/me").await).await["standing"],
        "lapsed"
    );
}

#[tokio::test]
async fn r7_9_a_suspension_can_be_ended_early_by_a_later_vote() {
    let app = long_sessions().await;
    let gina = app.seller("gina_e").await;
    let hana = app.seller("hana_e").await;
    let _dan = app.seller("dan_e").await;
    on(&app, "gina_e", Committee::Governance).await;
    on(&app, "hana_e", Committee::Governance).await;
    let vote = passed_motion(&app, &gina, &[&gina, &hana]).await;
    let until = app.state.clock.today().plus_days(200).to_string();
    let r = gina
        .post_json(
            "/api/suspensions",
            json!({"account": "dan_e", "proposal": vote, "until": until}),
        )
        .await;
    let id = body(r).await["id"].as_str().unwrap().to_owned();
    assert_eq!(
        hana.post_json(&format!("/api/approvals/{id}"), json!({}))
            .await
            .status(),
        200
    );
    let r = hana
        .post_json(
            "/api/suspensions",
            json!({"account": "dan_e", "proposal": vote, "until": null}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let id = body(r).await["id"].as_str().unwrap().to_owned();
    let r = gina
        .post_json(&format!("/api/approvals/{id}"), json!({}))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await, json!({"state": "enacted"}));
    app.client().login("dan_e", PASSWORD).await;
    assert!(body(gina.get("/api/audit").await)
        .await
        .to_string()
        .contains("member_reinstated"));
}

#[tokio::test]
async fn r7_9_charter_18_6_a_reputation_restore_moves_the_ratings_to_the_new_account() {
    let app = spawn_app().await;
    let ann = app.seller("ann_r").await;
    let bea = app.seller("bea_r").await;
    let dora = app.seller("dora_r").await;
    let edda = app.seller("edda_r").await;
    on(&app, "dora_r", Committee::Disputes).await;
    on(&app, "edda_r", Committee::Disputes).await;
    let bert = app.buyer("bert_r").await;
    let today = app.state.clock.today();
    for (who, back, safe) in [(&ann, 3, true), (&ann, 2, true), (&bea, 2, false)] {
        let r = who
            .post_json(
                "/api/ratings/submit",
                json!({"buyer": "bert_r", "safe": safe, "reliable": true,
                       "day": today.plus_days(-back).to_string()}),
            )
            .await;
        assert_eq!(r.status(), 201);
    }
    // Deleting without asking gives no code (204); asking gives one, once (200).
    let r = bert
        .delete_json(
            "/api/account",
            Some(json!({"password": PASSWORD, "restore_code": true})),
        )
        .await;
    assert_eq!(r.status(), 200);
    let code = body(r).await["restore_code"].as_str().unwrap().to_owned();
    assert!(code.len() >= 26, "128 bits: {code}");
    let _new = app.buyer("bert_r2").await;
    assert_eq!(
        body(ann.get("/api/buyer/bert_r2/reputation").await).await["interactions"],
        0
    );
    let ask =
        json!({"code": code, "account": "bert_r2", "reason": "deleted after a doxxing threat"});
    assert_eq!(
        ann.post_json("/api/restorations", ask.clone())
            .await
            .status(),
        403
    );
    let wrong = json!({"code": "aaaabbbbccccddddeeeeffffgg", "account": "bert_r2", "reason": "x"});
    let r = dora.post_json("/api/restorations", wrong).await;
    assert_eq!(r.status(), 404);
    let to_seller = json!({"code": code, "account": "ann_r", "reason": "x"});
    let r = dora.post_json("/api/restorations", to_seller).await;
    assert_eq!(r.status(), 400, "a buyer's ratings go to a buyer");
    let r = dora.post_json("/api/restorations", ask.clone()).await;
    assert_eq!(r.status(), 201);
    let approval = format!("/api/approvals/{}", body(r).await["id"].as_str().unwrap());
    assert_eq!(
        dora.post_json(&approval, json!({})).await.status(),
        403,
        "her own"
    );
    assert_eq!(ann.post_json(&approval, json!({})).await.status(), 403);
    let r = edda.post_json(&approval, json!({})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await, json!({"state": "enacted", "restored": 3}));
    let rep = body(ann.get("/api/buyer/bert_r2/reputation").await).await;
    assert_eq!(rep["interactions"], 3, "{rep}");
    assert_eq!(rep["sellers"], 2);
    assert_eq!(rep["safe"]["flagged"], 1);
    // The code is used up.
    assert_eq!(dora.post_json("/api/restorations", ask).await.status(), 404);
    let audit = body(dora.get("/api/audit").await).await.to_string();
    assert!(audit.contains("reputation_restored"));
    assert_logs_free_of(&[&code]);
    let consistency = app.store.consistency().await.unwrap();
    assert!(
        consistency.drifting_buyers.is_empty(),
        "counters match a recount"
    );
}

#[tokio::test]
async fn r6_2_r7_9_a_coop_is_dissolved_only_with_a_second_members_approval() {
    let app = spawn_app().await;
    let ada = app.seller("ada_d").await;
    let bea = app.seller("bea_d").await;
    let cat = app.seller("cat_d").await;
    let dora = app.seller("dora_d").await;
    let r = ada
        .post_json(
            "/api/coops",
            json!({"name": "Night shift", "kind": "regional", "min_member_days": 0}),
        )
        .await;
    let coop = body(r).await["id"].as_str().unwrap().to_owned();
    for who in ["bea_d", "cat_d"] {
        let r = ada
            .post_json(
                &format!("/api/coops/{coop}/invitations"),
                json!({"seller": who}),
            )
            .await;
        assert_eq!(r.status(), 201);
    }
    for c in [&bea, &cat] {
        assert_eq!(
            c.post_json(&format!("/api/coops/{coop}/join"), json!({}))
                .await
                .status(),
            200
        );
    }
    let r = bea
        .post_json(
            "/api/threads",
            json!({"kind": "coop", "coop": coop, "title": "Shift talk"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let thread = body(r).await["id"].as_str().unwrap().to_owned();
    let r = bea
        .post_json(
            &format!("/api/threads/{thread}/messages"),
            json!({"body": "The corner by the old mill is dark tonight"}),
        )
        .await;
    assert_eq!(r.status(), 201);

    let dissolve = format!("/api/coops/{coop}/dissolution");
    assert_eq!(
        bea.post_json(&dissolve, json!({"reason": "we part"}))
            .await
            .status(),
        403,
        "not a moderator"
    );
    assert_eq!(
        dora.post_json(&dissolve, json!({"reason": "we part"}))
            .await
            .status(),
        404,
        "not hers to see"
    );
    let r = ada.post_json(&dissolve, json!({"reason": ""})).await;
    assert_eq!(r.status(), 400);
    let r = ada
        .post_json(&dissolve, json!({"reason": "we part ways"}))
        .await;
    assert_eq!(r.status(), 201);
    let approval = format!("/api/approvals/{}", body(r).await["id"].as_str().unwrap());
    assert_eq!(
        ada.post_json(&approval, json!({})).await.status(),
        403,
        "her own"
    );
    assert_eq!(
        bea.post_json(&approval, json!({})).await.status(),
        403,
        "a member only"
    );
    assert_eq!(
        dora.post_json(&approval, json!({})).await.status(),
        403,
        "a stranger"
    );
    assert!(body(bea.get("/api/approvals").await)
        .await
        .as_array()
        .unwrap()
        .is_empty());
    // Another moderator approves; a Dispute Resolution Committee member could too.
    let r = ada
        .post_json(
            &format!("/api/coops/{coop}/members/bea_d"),
            json!({"action": "make_moderator"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        body(bea.get("/api/approvals").await).await[0]["kind"],
        "dissolution"
    );
    let r = bea.post_json(&approval, json!({})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await, json!({"state": "enacted"}));
    assert_eq!(cat.post_json(&approval, json!({})).await.status(), 409);
    for c in [&ada, &bea, &cat] {
        assert_eq!(c.get(&format!("/api/coops/{coop}")).await.status(), 404);
        assert!(body(c.get("/api/coops").await)
            .await
            .as_array()
            .unwrap()
            .is_empty());
    }
    assert_eq!(
        bea.get(&format!("/api/threads/{thread}/messages"))
            .await
            .status(),
        404
    );
    let audit = body(cat.get("/api/audit").await).await.to_string();
    assert!(audit.contains("coop_dissolved"));
    assert!(
        !audit.contains("we part ways"),
        "no reason text in the audit log"
    );
}

#[tokio::test]
async fn r7_9_the_disputes_committee_may_approve_a_dissolution_and_pages_work_in_both_languages() {
    let app = spawn_app().await;
    let ada = app.seller("ada_q").await;
    let dora = app.seller("dora_q").await;
    let gina = app.seller("gina_q").await;
    on(&app, "dora_q", Committee::Disputes).await;
    on(&app, "gina_q", Committee::Governance).await;
    let r = ada
        .post_json(
            "/api/coops",
            json!({"name": "Day shift", "kind": "private"}),
        )
        .await;
    let coop = body(r).await["id"].as_str().unwrap().to_owned();
    // The request from the coop's page, without script.
    let page = format!("/coops/{coop}");
    let html = ada.get_html(&page).await;
    assert!(
        html.contains(&format!("action=\"/coops/{coop}/dissolve\"")),
        "form on the page"
    );
    let r = ada
        .submit(
            &page,
            &format!("/coops/{coop}/dissolve"),
            &[("reason", "we stop")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"notice\""), "{html}");
    // The committee member sees it on /approvals, in English and German, and approves there.
    let en = dora.get_html("/approvals").await;
    assert!(
        en.contains("A coop&#39;s dissolution") || en.contains("A coop's dissolution"),
        "{en}"
    );
    let de = dora.page_de("/approvals").await;
    assert!(de.contains("Die Auflösung einer Coop"), "{de}");
    let id = body(dora.get("/api/approvals").await).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = dora
        .submit("/approvals", &format!("/approvals/{id}"), &[])
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("id=\"notice\""));
    assert_eq!(ada.get(&format!("/api/coops/{coop}")).await.status(), 404);
    // Each committee sees its own request form, and nobody else's.
    let g = gina.get_html("/approvals").await;
    assert!(g.contains("action=\"/suspensions\"") && !g.contains("action=\"/restorations\""));
    let d = dora.get_html("/approvals").await;
    assert!(d.contains("action=\"/restorations\"") && !d.contains("action=\"/suspensions\""));
    let a = ada.get_html("/approvals").await;
    assert!(!a.contains("action=\"/restorations\"") && !a.contains("action=\"/suspensions\""));
    let r = gina
        .submit(
            "/approvals",
            "/suspensions",
            &[("account", "ada_q"), ("proposal", "nope"), ("until", "")],
        )
        .await;
    assert_eq!(r.status(), 404, "no such proposal, said on the page");
}

/// R7.9, R6.1: the new routes refuse buyers (403) and anonymous visitors (401).
#[tokio::test]
async fn r7_9_buyers_and_visitors_get_no_two_person_route() {
    let app = spawn_app().await;
    let bob = app.buyer("bob_np").await;
    let anon = app.client();
    let posts = [
        (
            "/api/suspensions",
            json!({"account": "x", "proposal": "p", "until": null}),
        ),
        (
            "/api/restorations",
            json!({"code": "c", "account": "x", "reason": "r"}),
        ),
        ("/api/coops/nonexistent/dissolution", json!({"reason": "r"})),
        ("/api/approvals/nonexistent", json!({})),
    ];
    for (path, b) in &posts {
        assert_eq!(
            bob.post_json(path, b.clone()).await.status(),
            403,
            "buyer {path}"
        );
        assert_eq!(
            anon.post_json(path, b.clone()).await.status(),
            401,
            "anon {path}"
        );
    }
    assert_eq!(bob.get("/api/approvals").await.status(), 403);
    assert_eq!(anon.get("/api/approvals").await.status(), 401);
    assert_eq!(bob.get("/approvals").await.status(), 403);
}

#[tokio::test]
async fn r2_11_charter_18_6_the_delete_form_offers_a_restore_code_shown_once() {
    let app = spawn_app().await;
    let zoe = app.seller("zoe_del").await;
    let html = zoe.get_html("/settings").await;
    assert!(html.contains("name=\"restore_code\""));
    let r = zoe
        .submit(
            "/settings",
            "/settings/delete",
            &[
                ("current_password", PASSWORD),
                ("confirm", "on"),
                ("restore_code", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    let code = between(&html, "<code class=\"secret\">", "</code>").to_owned();
    assert_eq!(code.len(), 26, "{html}");
    assert_logs_free_of(&[&code]);
}
