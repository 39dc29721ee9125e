//! Governance over HTTP (SPEC R7.1–R7.4, R7.6; API.md "Governance"): members' standing, the
//! whole life of an algorithm proposal on the injected clock (comment, the vote opening with a
//! frozen roll, secret ballots with receipts, the close, the published receipts and roll that
//! anyone can check, the new parameter version in every lookup and in the public changelog, then
//! a rollback proposal that restores version 1 as version 3),
//! refusals with their codes, and the pages in English and German without JavaScript.

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

fn days(app: &TestApp, n: i64) {
    app.clock.advance(time::Duration::days(n));
}

fn proposal(params: Option<Value>) -> Value {
    let mut b = json!({
        "title": "Lower the quantile",
        "kind": if params.is_some() { "algorithm" } else { "operational" },
        "specification": "q down to 0.05",
        "rationale": "one bad meeting should weigh more",
        "risks": "more buyers in the low band",
        "alternatives": "keep q",
    });
    if let Some(p) = params {
        b["params"] = p;
    }
    b
}

#[tokio::test]
async fn r7_1_members_me_and_standing_recorded_by_the_governance_committee() {
    let app = spawn_app().await;
    let ann = app.seller("ann_g").await;
    let bea = app.seller("bea_g").await;
    let buyer = app.buyer("bob_g").await;
    assert_eq!(
        body(ann.get("/api/members/me").await).await,
        json!({"pseudonym": "ann_g", "good_standing": true, "standing": "new", "committees": []})
    );
    assert_eq!(buyer.get("/api/members/me").await.status(), 403);
    assert_eq!(app.client().get("/api/members/me").await.status(), 401);
    // Only the Governance committee records standing.
    let r = bea
        .put_json(
            "/api/members/ann_g/standing",
            json!({"paid_through": "2030-01"}),
        )
        .await;
    assert_eq!(r.status(), 403);
    tessera_app::network::committees::add(
        &app.store,
        "bea_g",
        Committee::Governance,
        app.state.now(),
    )
    .await
    .unwrap();
    let r = bea
        .put_json(
            "/api/members/ann_g/standing",
            json!({"paid_through": "2030-13"}),
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(body(r).await["fields"], json!(["paid_through"]));
    let r = bea
        .put_json("/api/members/nobody_g/standing", json!({"waived": true}))
        .await;
    assert_eq!(r.status(), 404);
    let r = bea
        .put_json(
            "/api/members/ann_g/standing",
            json!({"paid_through": "2030-01"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await["standing"], "paid");
    assert_eq!(
        body(bea.get("/api/members/me").await).await["committees"],
        json!(["governance"])
    );
}

#[tokio::test]
async fn r7_2_r7_3_r7_4_r7_6_an_algorithm_proposal_from_comment_to_a_new_version() {
    let app = long_sessions().await;
    let ann = app.seller("ann_v").await;
    let bea = app.seller("bea_v").await;
    let cat = app.seller("cat_v").await;
    let buyer = app.buyer("bob_v").await;
    // A buyer with one unsafe flag in five meetings: his score moves with q.
    let today = app.state.clock.today();
    for i in 1..=5 {
        let day = today.plus_days(-i).to_string();
        let r = ann
            .post_json(
                "/api/ratings/submit",
                json!({"buyer": "bob_v", "safe": i != 3, "reliable": true, "day": day}),
            )
            .await;
        assert_eq!(r.status(), 201);
    }
    let r = bea
        .put_json("/api/account/settings", json!({"preset": "moderate"}))
        .await;
    assert_eq!(r.status(), 200);
    let before = body(app.client().get("/api/params").await).await;
    assert_eq!(before["version"], 1);
    let mut params = before["params"].clone();
    let q_before = params["q"].clone();
    params["q"] = json!(0.05);
    // A parameter set that does not validate is refused with the field named.
    let mut bad = params.clone();
    bad["q"] = json!(2.0);
    let r = ann.post_json("/api/proposals", proposal(Some(bad))).await;
    assert_eq!(r.status(), 400);
    assert_eq!(body(r).await["fields"], json!(["q"]));
    assert_eq!(
        buyer
            .post_json("/api/proposals", proposal(None))
            .await
            .status(),
        403
    );

    let r = ann
        .post_json("/api/proposals", proposal(Some(params)))
        .await;
    assert_eq!(r.status(), 201);
    let p = body(r).await;
    let id = p["id"].as_str().unwrap().to_owned();
    assert_eq!(p["phase"], "comment");
    assert_eq!(p["threshold"], "two_thirds");
    assert_eq!(p["electorate"], Value::Null);
    assert_eq!(p["result"], Value::Null);
    assert_eq!(
        p["params_diff"],
        json!([{"name": "q", "from": q_before, "to": 0.05}])
    );
    // R7.4: the impact preview, in totals only. At q = 0.25 one unsafe meeting in five does not
    // show (trust 1.0, high); at q = 0.05 it does (0.2, low), crossing bea's minimum of 0.8.
    assert_eq!(p["impact"]["computed_on"], today.to_string());
    assert_eq!(p["impact"]["band_moves"], json!({"high->low": 1}));
    assert_eq!(p["impact"]["thresholds_crossed"], 1);
    assert_eq!(p["impact"]["sellers_qs_moved"], 0);
    let html = ann.get_html(&format!("/proposals/{id}")).await;
    assert!(
        html.contains("id=\"impact\"") && html.contains("high trust"),
        "{html}"
    );
    assert!(ann
        .page_de(&format!("/proposals/{id}"))
        .await
        .contains("Was diese Änderung bewirken würde"));
    let r = bea
        .post_json(
            &format!("/api/proposals/{id}/comments"),
            json!({"body": "Yes, please"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    assert_eq!(
        body(bea.get(&format!("/api/proposals/{id}/comments")).await).await[0]["body"],
        "Yes, please"
    );
    let r = cat
        .post_json(
            &format!("/api/proposals/{id}/ballot"),
            json!({"choice": "yes"}),
        )
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(body(r).await["error"], "not_voting");
    assert_eq!(
        body(ann.get(&format!("/api/proposals/{id}/receipts")).await).await["error"],
        "not_closed"
    );

    // 30 days later the vote opens: a read shows it at once, with the roll frozen.
    days(&app, 30);
    let p = body(ann.get(&format!("/api/proposals/{id}")).await).await;
    assert_eq!(p["phase"], "voting");
    assert_eq!(p["electorate"], 3);
    assert_eq!(
        p["impact"]["computed_on"],
        today.plus_days(30).to_string(),
        "computed again when the vote opened"
    );
    assert_eq!(p["quorum"], 1);
    let fingerprint = p["roll_fingerprint"].as_str().unwrap().to_owned();
    let my_token = p["my_roll_token"].as_str().unwrap().to_owned();
    // A seller who joins now is not on the roll.
    let late = app.seller("late_v").await;
    let r = late
        .post_json(
            &format!("/api/proposals/{id}/ballot"),
            json!({"choice": "yes"}),
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "not_in_good_standing");

    let mut receipts = Vec::new();
    for (c, choice) in [(&ann, "yes"), (&bea, "yes"), (&cat, "no")] {
        let r = c
            .post_json(
                &format!("/api/proposals/{id}/ballot"),
                json!({ "choice": choice }),
            )
            .await;
        assert_eq!(r.status(), 201);
        receipts.push((
            body(r).await["receipt"].as_str().unwrap().to_owned(),
            choice,
        ));
    }
    let r = ann
        .post_json(
            &format!("/api/proposals/{id}/ballot"),
            json!({"choice": "no"}),
        )
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(body(r).await["error"], "already_voted");
    let r = bea
        .post_json(
            &format!("/api/proposals/{id}/ballot"),
            json!({"choice": "maybe"}),
        )
        .await;
    assert_eq!(r.status(), 400);

    // 14 days later it closes: 2 yes of 3 is two thirds, quorum 1 of 3 met.
    days(&app, 14);
    let p = body(cat.get(&format!("/api/proposals/{id}")).await).await;
    assert_eq!(p["phase"], "closed");
    assert_eq!(
        p["result"],
        json!({"yes": 2, "no": 1, "abstain": 0, "turnout": 3, "quorum_met": true, "passed": true})
    );
    // Anyone can check: receipts sorted, each with its choice; the roll hashes to the
    // published fingerprint, as many tokens marked voted as receipts, her own among them.
    let published = body(cat.get(&format!("/api/proposals/{id}/receipts")).await).await;
    let list = published.as_array().unwrap();
    assert_eq!(list.len(), 3);
    let mut sorted: Vec<&str> = list
        .iter()
        .map(|b| b["receipt"].as_str().unwrap())
        .collect();
    let mut check = sorted.clone();
    check.sort_unstable();
    assert_eq!(sorted, check);
    for (r, choice) in &receipts {
        assert!(list
            .iter()
            .any(|b| b["receipt"] == *r && b["choice"] == *choice));
    }
    sorted.clear();
    let roll = body(cat.get(&format!("/api/proposals/{id}/roll")).await).await;
    let roll = roll.as_array().unwrap();
    assert_eq!(roll.len(), 3);
    assert_eq!(roll.iter().filter(|e| e["voted"] == true).count(), 3);
    let tokens: Vec<String> = roll
        .iter()
        .map(|e| e["token"].as_str().unwrap().to_owned())
        .collect();
    use sha2::Digest;
    let digest = sha2::Sha256::digest(tokens.join("\n").as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, fingerprint);
    assert!(roll
        .iter()
        .any(|e| e["token"] == my_token && e["voted"] == true));

    // The new version is in force: the public endpoints, the changelog, every lookup.
    let now = body(app.client().get("/api/params").await).await;
    assert_eq!(now["version"], 2);
    assert_eq!(now["proposal"], id.as_str());
    assert_eq!(now["params"]["q"], 0.05);
    let log = body(app.client().get("/api/changelog").await).await;
    assert_eq!(log[0]["version"], 2);
    assert_eq!(log[0]["summary"], "Lower the quantile");
    assert_eq!(
        log[0]["diff"],
        json!([{"name": "q", "from": q_before, "to": 0.05}])
    );
    assert_eq!(
        body(app.client().get("/api/params/history").await)
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Lookups read the parameters through a cache that lives five seconds (the ratings above
    // filled it); then the new version and the changed score show.
    tokio::time::sleep(std::time::Duration::from_millis(5_200)).await;
    let look = body(ann.get("/api/buyer/bob_v/reputation").await).await;
    assert_eq!(look["params_version"], 2);
    assert_eq!(
        look["safe"]["score"], 0.2,
        "one unsafe meeting in five shows at q = 0.05"
    );
    // The changelog page is public, in both languages.
    let html = app.client().get_html("/changelog").await;
    assert!(html.contains("Lower the quantile"), "{html}");
    let de = app.client().page_de("/changelog").await;
    assert!(de.contains("Änderungsprotokoll"));

    // R7.4: a rollback proposal restores version 1 as the next version, once it passes. The
    // three are past their first 60 days by its vote: the committee's record keeps them in.
    for who in ["ann_v", "bea_v", "cat_v"] {
        let a = app.store.account_by_pseudonym(who).await.unwrap().unwrap();
        app.store
            .record_standing(
                a.id,
                tessera_core::governance::StandingRecord::Waived,
                app.state.clock.today(),
            )
            .await
            .unwrap();
    }
    let r = ann
        .post_json(
            "/api/proposals",
            json!({"title": "Back to the baseline", "kind": "rollback", "restore_version": 1,
                   "specification": "restore version 1", "rationale": "too many low bands",
                   "risks": "one bad meeting weighs less", "alternatives": "q = 0.1"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let back = body(r).await["id"].as_str().unwrap().to_owned();
    days(&app, 30);
    for c in [&ann, &bea, &cat] {
        let r = c
            .post_json(
                &format!("/api/proposals/{back}/ballot"),
                json!({"choice": "yes"}),
            )
            .await;
        assert_eq!(r.status(), 201);
    }
    days(&app, 14);
    let p = body(ann.get(&format!("/api/proposals/{back}")).await).await;
    assert_eq!(p["result"]["passed"], true, "{p}");
    let now = body(app.client().get("/api/params").await).await;
    assert_eq!(now["version"], 3);
    assert_eq!(now["proposal"], back.as_str());
    assert_eq!(now["params"], before["params"], "version 1's set, whole");
    tokio::time::sleep(std::time::Duration::from_millis(5_200)).await;
    let look = body(ann.get("/api/buyer/bob_v/reputation").await).await;
    assert_eq!(look["params_version"], 3);
    assert_eq!(look["safe"]["score"], 1.0, "the baseline's score again");
}

/// Issue 15: the Beta lower bound is a governed choice like any parameter. A proposal that
/// switches to it is validated, shows the one changed field, previews its impact on the live
/// data, and its page points members to the measured safety model (en and de).
#[tokio::test]
async fn r3_4_r7_4_issue_15_a_proposal_can_switch_to_the_beta_lower_bound() {
    let app = spawn_app().await;
    let ann = app.seller("ann_b").await;
    app.buyer("bob_b").await;
    // One unsafe meeting in five: the quantile does not see it (trust 1.0, high); the lower
    // bound does, and five meetings are too few for it to be sure of much anyway (low).
    let today = app.state.clock.today();
    for i in 1..=5 {
        let day = today.plus_days(-i).to_string();
        let r = ann
            .post_json(
                "/api/ratings/submit",
                json!({"buyer": "bob_b", "safe": i != 3, "reliable": true, "day": day}),
            )
            .await;
        assert_eq!(r.status(), 201);
    }
    let before = body(app.client().get("/api/params").await).await;
    let mut params = before["params"].clone();
    assert_eq!(params["method"], "quantile");
    assert_eq!(params["beta_percentile"], 0.1);
    params["method"] = json!("beta_lower_bound");
    for (field, bad) in [("beta_percentile", json!(0.6)), ("method", json!("median"))] {
        let mut b = params.clone();
        b[field] = bad;
        let r = ann.post_json("/api/proposals", proposal(Some(b))).await;
        assert_eq!(r.status(), 400, "{field}");
        if field == "beta_percentile" {
            assert_eq!(body(r).await["fields"], json!(["beta_percentile"]));
        }
    }
    let r = ann
        .post_json("/api/proposals", proposal(Some(params)))
        .await;
    assert_eq!(r.status(), 201);
    let p = body(r).await;
    assert_eq!(
        p["params_diff"],
        json!([{"name": "method", "from": "quantile", "to": "beta_lower_bound"}])
    );
    assert_eq!(p["impact"]["band_moves"], json!({"high->low": 1}));
    let id = p["id"].as_str().unwrap().to_owned();
    let html = ann.get_html(&format!("/proposals/{id}")).await;
    assert!(
        html.contains("The safety model, measured: docs/safety-model.md"),
        "{html}"
    );
    assert!(ann
        .page_de(&format!("/proposals/{id}"))
        .await
        .contains("Das Sicherheitsmodell, gemessen: docs/safety-model.md"));
}

#[tokio::test]
async fn r7_2_a_vote_without_quorum_or_two_thirds_does_not_pass() {
    let app = long_sessions().await;
    let mut sellers = Vec::new();
    for i in 0..6 {
        sellers.push(app.seller(&format!("s{i}_q")).await);
    }
    let r = sellers[0].post_json("/api/proposals", proposal(None)).await;
    let id = body(r).await["id"].as_str().unwrap().to_owned();
    days(&app, 30);
    // Operational: a simple majority, quorum ceil(6/5) = 2; one ballot is not enough.
    let r = sellers[1]
        .post_json(
            &format!("/api/proposals/{id}/ballot"),
            json!({"choice": "yes"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    days(&app, 14);
    let p = body(sellers[0].get(&format!("/api/proposals/{id}")).await).await;
    assert_eq!(p["quorum"], 2);
    assert_eq!(p["result"]["quorum_met"], false);
    assert_eq!(p["result"]["passed"], false);
}

#[tokio::test]
async fn r7_2_r10_1_the_pages_work_without_script_in_english_and_german() {
    let app = long_sessions().await;
    let ann = app.seller("ann_p").await;
    let bea = app.seller("bea_p").await;
    let buyer = app.buyer("bob_p").await;
    assert_eq!(buyer.get("/proposals").await.status(), 403);
    let html = ann.get_html("/proposals").await;
    assert!(html.contains("Proposals and votes"));
    assert!(ann
        .page_de("/proposals")
        .await
        .contains("Vorschläge und Abstimmungen"));
    // An empty title comes back with the refusal and what she typed.
    let r = ann
        .submit(
            "/proposals/new",
            "/proposals",
            &[
                ("title", ""),
                ("kind", "operational"),
                ("specification", "Kept text"),
                ("rationale", "r"),
                ("risks", "r"),
                ("alternatives", "a"),
                ("params", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    let t = r.text().await.unwrap();
    assert!(t.contains("Kept text") && t.contains("title"), "{t}");
    let r = ann
        .submit(
            "/proposals/new",
            "/proposals",
            &[
                ("title", "Longer opening hours"),
                ("kind", "operational"),
                ("specification", "Open at 8"),
                ("rationale", "r"),
                ("risks", "r"),
                ("alternatives", "a"),
                ("params", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let at = r.headers()["location"].to_str().unwrap().to_owned();
    let page = bea.get_html(&at).await;
    assert!(page.contains("Open for comment"));
    let r = bea
        .submit(&at, &format!("{at}/comments"), &[("body", "Sounds good")])
        .await;
    assert_eq!(r.status(), 303);
    assert!(bea.get_html(&at).await.contains("Sounds good"));
    days(&app, 30);
    let page = bea.get_html(&at).await;
    assert!(page.contains("Voting now"), "{page}");
    let r = bea
        .submit(&at, &format!("{at}/ballot"), &[("choice", "yes")])
        .await;
    assert_eq!(r.status(), 200);
    let t = r.text().await.unwrap();
    assert!(
        t.contains("Your vote is cast.") && t.contains("Keep it"),
        "{t}"
    );
    let r = bea
        .submit(&at, &format!("{at}/ballot"), &[("choice", "no")])
        .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("You have already voted."));
    let de = bea.page_de(&at).await;
    assert!(de.contains("Abstimmung läuft"));
    days(&app, 14);
    let page = ann.get_html(&at).await;
    assert!(
        page.contains("Receipts and choices") && page.contains("voted"),
        "{page}"
    );
    assert_logs_free_of(&["Sounds good"]);
}

/// R7.10: privileged actions are in the audit log members read (API and page, en and de):
/// who, in which role, what, on what kind of thing; the operator's command line and the
/// server's own steps without an actor; never a pseudonym of the member acted on, a text or a
/// value. Buyers and strangers cannot read it.
#[tokio::test]
async fn r7_10_the_audit_log_lists_privileged_actions_without_content() {
    let app = long_sessions().await;
    let ann = app.seller("ann_a").await;
    let bea = app.seller("bea_a").await;
    let buyer = app.buyer("bob_a").await;
    assert_eq!(buyer.get("/api/audit").await.status(), 403);
    assert_eq!(app.client().get("/api/audit").await.status(), 401);
    tessera_app::network::committees::add(
        &app.store,
        "ann_a",
        Committee::Governance,
        app.state.now(),
    )
    .await
    .unwrap();
    let r = ann
        .put_json(
            "/api/members/bea_a/standing",
            json!({"paid_through": "2031-02"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    // A vote that closes (the server's step).
    let id = body(ann.post_json("/api/proposals", proposal(None)).await).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    days(&app, 30);
    let r = bea
        .post_json(
            &format!("/api/proposals/{id}/ballot"),
            json!({"choice": "yes"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    days(&app, 14);
    assert_eq!(
        body(bea.get(&format!("/api/proposals/{id}")).await).await["phase"],
        "closed"
    );
    let log = body(bea.get("/api/audit").await).await;
    let entries: Vec<(Value, String, String, String)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["actor"].clone(),
                e["role"].as_str().unwrap().to_owned(),
                e["action"].as_str().unwrap().to_owned(),
                e["object_kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        vec![
            (
                Value::Null,
                "operator".into(),
                "proposal_closed".into(),
                "proposal".into()
            ),
            (
                json!("ann_a"),
                "governance".into(),
                "standing_recorded".into(),
                "member".into()
            ),
            (
                Value::Null,
                "operator".into(),
                "committee_added".into(),
                "committee".into()
            ),
        ]
    );
    let text = log.to_string();
    assert!(!text.contains("bea_a") && !text.contains("2031"), "{text}");
    let page = bea.get_html("/audit").await;
    assert!(
        page.contains("standing recorded") && page.contains("ann_a"),
        "{page}"
    );
    assert!(bea
        .page_de("/audit")
        .await
        .contains("Mitgliedsstatus eingetragen"));
}

/// R7.5, R7.9: an emergency change needs two Security Committee members (the requester cannot
/// approve her own request, others get 403), is in force at once, opens its retroactive vote at
/// once, and, when that vote does not pass within 14 days, the previous set returns by itself;
/// the changelog and the audit log say so.
#[tokio::test]
async fn r7_5_r7_9_an_emergency_change_needs_two_and_reverts_when_its_vote_fails() {
    let app = long_sessions().await;
    let ann = app.seller("ann_e").await;
    let bea = app.seller("bea_e").await;
    let cat = app.seller("cat_e").await;
    for who in ["ann_e", "bea_e"] {
        tessera_app::network::committees::add(
            &app.store,
            who,
            Committee::Security,
            app.state.now(),
        )
        .await
        .unwrap();
    }
    let before = body(app.client().get("/api/params").await).await;
    let mut set = before["params"].clone();
    set["q"] = json!(0.3);
    let ask = json!({"params": set, "reason": "a wave of fake accounts"});
    assert_eq!(
        cat.post_json("/api/emergency", ask.clone()).await.status(),
        403
    );
    let mut bad = ask.clone();
    bad["params"]["k"] = json!(99.0);
    let r = ann.post_json("/api/emergency", bad).await;
    assert_eq!(r.status(), 400);
    assert_eq!(body(r).await["fields"], json!(["k"]));
    let r = ann.post_json("/api/emergency", ask).await;
    assert_eq!(r.status(), 201);
    let req = body(r).await;
    assert_eq!(req["state"], "awaiting_second");
    let id = req["id"].as_str().unwrap().to_owned();
    // Not the requester, not a member outside the committee; nothing changes meanwhile.
    assert_eq!(
        ann.post_json(&format!("/api/approvals/{id}"), json!({}))
            .await
            .status(),
        403
    );
    assert_eq!(
        cat.post_json(&format!("/api/approvals/{id}"), json!({}))
            .await
            .status(),
        403
    );
    assert_eq!(
        body(app.client().get("/api/params").await).await["version"],
        1
    );
    let r = bea
        .post_json(&format!("/api/emergency/{id}/approve"), json!({}))
        .await;
    assert_eq!(r.status(), 200);
    let done = body(r).await;
    assert_eq!(
        (done["state"].as_str(), done["version"].as_i64()),
        (Some("enacted"), Some(2))
    );
    assert_eq!(
        bea.post_json(&format!("/api/approvals/{id}"), json!({}))
            .await
            .status(),
        409
    );
    let now = body(app.client().get("/api/params").await).await;
    assert_eq!(
        (now["version"].as_i64(), now["emergency"].as_bool()),
        (Some(2), Some(true))
    );
    assert_eq!(now["params"]["q"], 0.3);
    // Every member's pages say so at once (server-rendered, no script), in both languages.
    assert!(cat
        .get_html("/dashboard")
        .await
        .contains("emergency-banner"));
    assert!(cat
        .page_de("/proposals")
        .await
        .contains("Eine Notfalländerung der Bewertung gilt"));
    // The retroactive vote is open at once; nobody votes.
    let vote = done["vote"].as_str().unwrap().to_owned();
    let p = body(cat.get(&format!("/api/proposals/{vote}")).await).await;
    assert_eq!(
        (p["phase"].as_str(), p["kind"].as_str()),
        (Some("voting"), Some("algorithm"))
    );
    days(&app, 14);
    let p = body(cat.get(&format!("/api/proposals/{vote}")).await).await;
    assert_eq!(p["result"]["passed"], false);
    let now = body(app.client().get("/api/params").await).await;
    assert_eq!(
        (now["version"].as_i64(), now["emergency"].as_bool()),
        (Some(3), Some(false))
    );
    assert_eq!(now["params"], before["params"], "the previous set returned");
    // The parameter cache lives five seconds; then the banner is gone.
    tokio::time::sleep(std::time::Duration::from_millis(5_200)).await;
    assert!(!cat
        .get_html("/dashboard")
        .await
        .contains("emergency-banner"));
    let log = body(app.client().get("/api/changelog").await).await;
    assert_eq!(
        log[0]["summary"],
        "The emergency change was reverted: its vote did not pass."
    );
    let audit = body(cat.get("/api/audit").await).await.to_string();
    for action in [
        "emergency_requested",
        "approval_given",
        "emergency_enacted",
        "emergency_reverted",
    ] {
        assert!(audit.contains(action), "{action}: {audit}");
    }
}

/// R7.5, R7.9, R10.1: the Security Committee asks for and approves emergency changes on a page,
/// without JavaScript, in English and German; nobody else reaches it; a refused request names
/// the field and keeps what she typed; the one who asked cannot approve.
#[tokio::test]
async fn r7_5_r7_9_r10_1_the_emergency_page_asks_and_a_second_member_approves() {
    let app = spawn_app().await;
    let ann = app.seller("ann_ep").await;
    let bea = app.seller("bea_ep").await;
    let cat = app.seller("cat_ep").await;
    for who in ["ann_ep", "bea_ep"] {
        tessera_app::network::committees::add(
            &app.store,
            who,
            Committee::Security,
            app.state.now(),
        )
        .await
        .unwrap();
    }
    assert_eq!(cat.get("/emergency").await.status(), 403);
    assert!(!cat
        .get_html("/proposals")
        .await
        .contains("href=\"/emergency\""));
    assert!(ann
        .get_html("/proposals")
        .await
        .contains("href=\"/emergency\""));
    let page = ann.get_html("/emergency").await;
    assert!(page.contains("No change is waiting."), "{page}");
    // The form starts from the set in force (HTML-escaped JSON in the textarea).
    assert!(
        page.contains("&quot;q&quot;: 0.25") || page.contains("&#34;q&#34;: 0.25"),
        "{page}"
    );
    assert!(ann
        .page_de("/emergency")
        .await
        .contains("Notfalländerungen der Bewertung"));
    let mut set = body(app.client().get("/api/params").await).await["params"].clone();
    set["q"] = json!(2.0);
    let bad = set.to_string();
    let r = ann
        .submit(
            "/emergency",
            "/emergency",
            &[("params", &bad), ("reason", "fake accounts")],
        )
        .await;
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert!(html.contains("Please correct these fields: q"), "{html}");
    assert!(html.contains("fake accounts"), "what she typed is kept");
    set["q"] = json!(0.3);
    let good = set.to_string();
    let r = ann
        .submit(
            "/emergency",
            "/emergency",
            &[("params", &good), ("reason", " ")],
        )
        .await;
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Why it cannot wait for a vote"));
    let r = ann
        .submit(
            "/emergency",
            "/emergency",
            &[("params", &good), ("reason", "fake accounts")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("id=\"notice\"") && html.contains("You asked for this change"),
        "{html}"
    );
    assert!(
        !html.contains("action=\"/approvals/"),
        "not hers to approve"
    );
    assert_eq!(
        body(app.client().get("/api/params").await).await["version"],
        1
    );
    let html = bea.get_html("/emergency").await;
    let id = between(&html, "action=\"/approvals/", "\"").to_owned();
    assert!(html.contains("<td>q</td>"), "{html}");
    let r = bea
        .submit("/emergency", &format!("/approvals/{id}"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let now = body(app.client().get("/api/params").await).await;
    assert_eq!(
        (now["version"].as_i64(), now["params"]["q"].as_f64()),
        (Some(2), Some(0.3))
    );
    assert!(bea
        .get_html("/emergency")
        .await
        .contains("No change is waiting."));
}
