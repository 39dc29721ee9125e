//! Disputes and the two-person rule over HTTP (SPEC R7.8, R7.9; API.md "Disputes and the
//! two-person rule"): a buyer's appeal through mediation and arbitration to its close, who may
//! open, see and decide a case (parties recused), the panel's audit-logged view of the ratings
//! without seller identity, an exclusion that takes effect only with a second committee member
//! and changes the lookup at once, deadlines flagged on the clock, the petition for a
//! membership vote, and the pages in English and German without JavaScript.

use serde_json::{json, Value};
use tessera_core::committee::Committee;

use crate::common::*;

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

fn days_ago(app: &TestApp, n: i64) -> String {
    app.state.clock.today().plus_days(-n).to_string()
}

async fn on_disputes_committee(app: &TestApp, who: &str) {
    tessera_app::network::committees::add(&app.store, who, Committee::Disputes, app.state.now())
        .await
        .unwrap();
}

#[tokio::test]
async fn r7_8_r7_9_an_appeal_from_mediation_to_an_exclusion_and_its_close() {
    let app = spawn_app_with(|c| {
        c.session_idle_minutes = 525_600;
        c.session_absolute_hours = 8_760;
    })
    .await;
    let ann = app.seller("ann_d").await;
    let bea = app.seller("bea_d").await;
    let cat = app.seller("cat_d").await;
    let dan = app.seller("dan_d").await;
    let eve = app.seller("eve_d").await;
    let _fay = app.seller("fay_d").await;
    let gus = app.seller("gus_d").await;
    let bert = app.buyer("bert_d").await;
    for who in ["ann_d", "cat_d", "dan_d", "eve_d", "fay_d"] {
        on_disputes_committee(&app, who).await;
    }
    let unsafe_day = days_ago(&app, 3);
    for (s, day, safe) in [
        (&ann, unsafe_day.clone(), false),
        (&bea, days_ago(&app, 2), true),
    ] {
        let r = s
            .post_json(
                "/api/ratings/submit",
                json!({"buyer": "bert_d", "safe": safe, "reliable": true, "day": day}),
            )
            .await;
        assert_eq!(r.status(), 201);
    }
    let look = body(gus.get("/api/buyer/bert_d/reputation").await).await;
    assert_eq!(
        (look["safe"]["n"].as_i64(), look["safe"]["flagged"].as_i64()),
        (Some(2), Some(1))
    );

    // Buyers appeal only; sellers do not appeal.
    let r = bert
        .post_json(
            "/api/disputes",
            json!({"kind": "report", "buyer": "bert_d"}),
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        ann.post_json("/api/disputes", json!({"kind": "appeal"}))
            .await
            .status(),
        403
    );
    let r = gus
        .post_json(
            "/api/disputes",
            json!({"kind": "report", "buyer": "nobody_here"}),
        )
        .await;
    assert_eq!(r.status(), 404);
    let r = bert
        .post_json(
            "/api/disputes",
            json!({"kind": "appeal", "context": "x".repeat(4001)}),
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(body(r).await["fields"], json!(["context"]));
    let r = bert
        .post_json(
            "/api/disputes",
            json!({"kind": "appeal", "context": "She rated the wrong man"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let opened = body(r).await;
    assert_eq!(opened["stage"], "mediation");
    let id = opened["id"].as_str().unwrap().to_owned();
    let case = format!("/api/disputes/{id}");

    // Who sees it: the buyer and the committee; nobody else learns that it exists.
    let mine = body(bert.get("/api/disputes").await).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(body(gus.get("/api/disputes").await).await, json!([]));
    assert_eq!(gus.get(&case).await.status(), 404);
    let seen = body(cat.get(&case).await).await;
    assert_eq!(seen["kind"], "appeal");
    assert_eq!(seen["overdue"], false);
    assert_eq!(
        seen["deadline"].as_str(),
        Some(app.state.clock.today().plus_days(30).to_string().as_str())
    );

    // The panel: three distinct committee members, none a party (ann rated him).
    let adv = format!("{case}/advance");
    for bad in [
        json!({"to": "arbitration", "panel": ["dan_d", "eve_d", "gus_d"]}),
        json!({"to": "arbitration", "panel": ["dan_d", "eve_d", "dan_d"]}),
        json!({"to": "arbitration"}),
        json!({"to": "sideways", "panel": ["dan_d", "eve_d", "fay_d"]}),
    ] {
        let r = cat.post_json(&adv, bad.clone()).await;
        assert_eq!(r.status(), 400, "{bad}");
    }
    let r = cat
        .post_json(
            &adv,
            json!({"to": "arbitration", "panel": ["ann_d", "eve_d", "fay_d"]}),
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "recused");
    let r = ann
        .post_json(
            &adv,
            json!({"to": "arbitration", "panel": ["dan_d", "eve_d", "fay_d"]}),
        )
        .await;
    assert_eq!(body(r).await["error"], "recused");
    assert_eq!(
        gus.post_json(&adv, json!({"to": "closed", "outcome": "no_change"}))
            .await
            .status(),
        403
    );
    let r = cat
        .post_json(
            &adv,
            json!({"to": "arbitration", "panel": ["dan_d", "eve_d", "fay_d"]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let v = body(r).await;
    assert_eq!(v["stage"], "arbitration");
    assert_eq!(v["panel"].as_array().unwrap().len(), 3);
    // Not a second time.
    let r = cat
        .post_json(
            &adv,
            json!({"to": "arbitration", "panel": ["dan_d", "eve_d", "fay_d"]}),
        )
        .await;
    assert_eq!(r.status(), 409);

    // The panel's view: the ratings without their sellers, each view in the audit log.
    assert_eq!(cat.get(&format!("{case}/ratings")).await.status(), 403);
    let r = dan.get(&format!("{case}/ratings")).await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(!text.contains("ann_d") && !text.contains("bea_d"), "{text}");
    let rows: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    let audit = body(gus.get("/api/audit").await).await;
    assert_eq!(audit[0]["action"], "ratings_viewed");
    assert_eq!(audit[0]["actor"], "dan_d");
    assert_eq!(audit[0]["role"], "disputes");
    let target = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["day"] == unsafe_day.as_str())
        .unwrap()["id"]
        .clone();

    // An exclusion: requested by one panel member, enacted only by a second committee member.
    let ex = format!("{case}/exclusions");
    assert_eq!(
        dan.post_json(&ex, json!({"ratings": ["not-a-rating"]}))
            .await
            .status(),
        400
    );
    let r = dan.post_json(&ex, json!({"ratings": [target]})).await;
    assert_eq!(r.status(), 201);
    let ask = body(r).await;
    assert_eq!(ask["state"], "awaiting_second");
    let approve = format!("/api/approvals/{}", ask["id"].as_str().unwrap());
    let r = dan.post_json(&approve, json!({})).await;
    assert_eq!(r.status(), 403, "not the requester");
    assert_eq!(gus.post_json(&approve, json!({})).await.status(), 403);
    let r = ann.post_json(&approve, json!({})).await;
    assert_eq!(body(r).await["error"], "recused");
    let look = body(gus.get("/api/buyer/bert_d/reputation").await).await;
    assert_eq!(
        look["safe"]["n"], 2,
        "nothing changes before the second member"
    );
    let r = eve.post_json(&approve, json!({})).await;
    assert_eq!(r.status(), 200);
    let done = body(r).await;
    assert_eq!(
        (done["state"].as_str(), done["excluded"].as_i64()),
        (Some("enacted"), Some(1))
    );
    assert_eq!(eve.post_json(&approve, json!({})).await.status(), 409);
    let look = body(gus.get("/api/buyer/bert_d/reputation").await).await;
    assert_eq!(
        (look["safe"]["n"].as_i64(), look["safe"]["flagged"].as_i64()),
        (Some(1), Some(0)),
        "the excluded rating leaves the score at once"
    );
    // Ann cannot put the excluded rating back.
    let r = ann
        .post_json(
            "/api/ratings/submit",
            json!({"buyer": "bert_d", "safe": false, "reliable": true, "day": unsafe_day}),
        )
        .await;
    assert_eq!(r.status(), 409);
    let look = body(gus.get("/api/buyer/bert_d/reputation").await).await;
    assert_eq!(look["safe"]["n"], 1);

    // 30 days on, the stage is flagged overdue; the close must tell what happened.
    app.clock.advance(time::Duration::days(31));
    assert_eq!(body(cat.get(&case).await).await["overdue"], true);
    // The committee's dashboard says so; a member off the committee sees nothing of it.
    assert!(cat
        .get_html("/dashboard")
        .await
        .contains("One dispute has passed its deadline."));
    assert!(!gus.get_html("/dashboard").await.contains("overdue-cases"));
    let r = cat
        .post_json(&adv, json!({"to": "closed", "outcome": "no_change"}))
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(
        cat.post_json(&adv, json!({"to": "membership_vote"}))
            .await
            .status(),
        409,
        "no petition yet"
    );
    let r = cat
        .post_json(&adv, json!({"to": "closed", "outcome": "ratings_excluded"}))
        .await;
    assert_eq!(r.status(), 200);
    let closed = body(bert.get(&case).await).await;
    assert_eq!(
        (
            closed["stage"].as_str(),
            closed["outcome"].as_str(),
            closed["overdue"].as_bool()
        ),
        (Some("closed"), Some("ratings_excluded"), Some(false))
    );
    let audit = body(gus.get("/api/audit").await).await.to_string();
    for action in ["approval_requested", "approval_given", "ratings_excluded"] {
        assert!(audit.contains(action), "{action}");
    }
    // R7.10: the audit log names no rating value and no context.
    assert!(!audit.contains("wrong man"));
    assert_logs_free_of(&["She rated the wrong man"]);
}

#[tokio::test]
async fn r7_8_ten_signatures_take_a_case_to_a_membership_vote() {
    let app = spawn_app().await;
    let mut sellers = Vec::new();
    for i in 0..10 {
        sellers.push(app.seller(&format!("sig_{i}")).await);
    }
    let _bert = app.buyer("bert_p").await;
    for who in ["sig_0", "sig_1", "sig_2", "sig_3"] {
        on_disputes_committee(&app, who).await;
    }
    let r = sellers[9]
        .post_json(
            "/api/disputes",
            json!({"kind": "report", "buyer": "bert_p"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let id = body(r).await["id"].as_str().unwrap().to_owned();
    let sig = format!("/api/disputes/{id}/signatures");
    assert_eq!(
        sellers[0].post_json(&sig, json!({})).await.status(),
        409,
        "not in arbitration"
    );
    let adv = format!("/api/disputes/{id}/advance");
    let r = sellers[0]
        .post_json(
            &adv,
            json!({"to": "arbitration", "panel": ["sig_1", "sig_2", "sig_3"]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    for (i, s) in sellers.iter().enumerate() {
        let r = s.post_json(&sig, json!({})).await;
        assert_eq!(r.status(), 201);
        assert_eq!(body(r).await["signatures"], i as i64 + 1);
        if i == 0 {
            assert_eq!(s.post_json(&sig, json!({})).await.status(), 409, "once");
            assert_eq!(
                s.post_json(&adv, json!({"to": "membership_vote"}))
                    .await
                    .status(),
                409
            );
        }
    }
    let r = sellers[0]
        .post_json(&adv, json!({"to": "membership_vote"}))
        .await;
    assert_eq!(r.status(), 200);
    let case = body(r).await;
    assert_eq!(case["stage"], "membership_vote");
    // The vote is a proposal opened with the stage (R7.8), which every member can read and
    // which names the case and nothing of its content.
    let vote = case["vote"].as_str().expect("the vote's proposal id");
    let p = body(sellers[5].get(&format!("/api/proposals/{vote}")).await).await;
    assert_eq!(p["kind"], "operational");
    assert_eq!(p["phase"], "comment");
    assert!(p["title"].as_str().unwrap().contains(&id), "{p}");
    assert_eq!(p["author"], "sig_0");
    assert_eq!(
        body(sellers[0].get(&format!("/api/disputes/{id}")).await).await["vote"],
        vote
    );
}

#[tokio::test]
async fn r7_8_a_membership_vote_carries_the_committees_motion() {
    let app = spawn_app().await;
    let mut sellers = Vec::new();
    for i in 0..10 {
        sellers.push(app.seller(&format!("mot_{i}")).await);
    }
    let _bert = app.buyer("bert_m").await;
    for who in ["mot_0", "mot_1", "mot_2", "mot_3"] {
        on_disputes_committee(&app, who).await;
    }
    let r = sellers[9]
        .post_json(
            "/api/disputes",
            json!({"kind": "report", "buyer": "bert_m"}),
        )
        .await;
    let id = body(r).await["id"].as_str().unwrap().to_owned();
    let adv = format!("/api/disputes/{id}/advance");
    // A motion belongs to a membership vote only.
    let r = sellers[0]
        .post_json(
            &adv,
            json!({"to": "arbitration", "panel": ["mot_1", "mot_2", "mot_3"], "motion": "x"}),
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(body(r).await["fields"], json!(["motion"]));
    let r = sellers[0]
        .post_json(
            &adv,
            json!({"to": "arbitration", "panel": ["mot_1", "mot_2", "mot_3"]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    for s in &sellers {
        let r = s
            .post_json(&format!("/api/disputes/{id}/signatures"), json!({}))
            .await;
        assert_eq!(r.status(), 201);
    }
    let motion = "Suspend the account concerned for 90 days.";
    let r = sellers[0]
        .post_json(&adv, json!({"to": "membership_vote", "motion": motion}))
        .await;
    assert_eq!(r.status(), 200);
    let vote = body(r).await["vote"].as_str().unwrap().to_owned();
    let p = body(sellers[4].get(&format!("/api/proposals/{vote}")).await).await;
    assert_eq!(p["specification"], motion);
}

#[tokio::test]
async fn r7_8_r10_1_the_dispute_pages_work_without_script_in_english_and_german() {
    let app = spawn_app().await;
    let ann = app.seller("ann_p").await;
    let cat = app.seller("cat_p").await;
    let bert = app.buyer("bert_pg").await;
    on_disputes_committee(&app, "cat_p").await;
    assert!(ann
        .get_html("/dashboard")
        .await
        .contains("href=\"/disputes\""));
    assert!(bert
        .get_html("/dashboard")
        .await
        .contains("href=\"/disputes\""));
    let page = ann.get_html("/disputes/new").await;
    assert!(page.contains("Report a buyer"), "{page}");
    // An unknown buyer: the form again with the reason, and what she typed kept.
    let r = ann
        .submit(
            "/disputes/new",
            "/disputes",
            &[("buyer", "nobody_pg"), ("context", "kept text")],
        )
        .await;
    assert_eq!(r.status(), 404);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("form-error") && html.contains("kept text"),
        "{html}"
    );
    let r = ann
        .submit(
            "/disputes/new",
            "/disputes",
            &[("buyer", "bert_pg"), ("context", "he came drunk")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let at = r.headers()["location"].to_str().unwrap().to_owned();
    let html = ann.get_html(&at).await;
    assert!(
        html.contains("A report, opened") && html.contains("he came drunk"),
        "{html}"
    );
    assert!(
        !html.contains("action=\"/disputes/"),
        "no committee form for her: {html}"
    );
    let de = ann.page_de(&at).await;
    assert!(de.contains("Eine Meldung, eröffnet am"), "{de}");
    // The buyer is a party but does not read her report; he appeals on his own page.
    let html = bert.get_html(&at).await;
    assert!(!html.contains("he came drunk"));
    assert!(bert
        .get_html("/disputes/new")
        .await
        .contains("Appeal my ratings"));
    // The committee's page: the list, the case with its form to move it on.
    let list = cat.get_html("/disputes").await;
    assert!(list.contains(&at), "{list}");
    let html = cat.get_html(&at).await;
    assert!(html.contains(&format!("action=\"{at}/advance\"")), "{html}");
    let r = cat
        .submit(
            &at,
            &format!("{at}/advance"),
            &[("to", "arbitration"), ("panel1", "cat_p")],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("form-error"));
    let r = cat
        .submit(
            &at,
            &format!("{at}/advance"),
            &[("to", "closed"), ("outcome", "no_change")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("id=\"outcome\"") && html.contains("no change"),
        "{html}"
    );
    assert!(cat.page_de(&at).await.contains("keine Änderung"));
}
