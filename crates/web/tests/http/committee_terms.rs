//! Committee elections and terms over HTTP (SPEC R7.7): self-nomination in the comment phase,
//! an approval vote, the elected seated for one year from the day after the close, the
//! operator's interim members retired by the first election of their committee, seats vacated by
//! the job runner when their term ends, and a fourth consecutive candidacy refused.

use serde_json::{json, Value};
use tessera_core::committee::Committee;

use crate::common::*;

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

async fn committees(c: &Client) -> Value {
    body(c.get("/api/members/me").await).await["committees"].clone()
}

#[tokio::test]
async fn r7_7_an_election_seats_the_elected_for_a_year_and_retires_the_interims() {
    let app = spawn_app_with(|c| {
        // The test spans more than a year of the clock.
        c.session_idle_minutes = 1_051_200;
        c.session_absolute_hours = 26_280;
    })
    .await;
    let ann = app.seller("ann_t7").await;
    let bea = app.seller("bea_t7").await;
    let cat = app.seller("cat_t7").await;
    let dan = app.seller("dan_t7").await;
    let eve = app.seller("eve_t7").await;
    tessera_app::network::committees::add(
        &app.store,
        "ann_t7",
        Committee::Security,
        app.state.now(),
    )
    .await
    .unwrap();
    assert_eq!(committees(&ann).await, json!(["security"]));
    // Eve served three consecutive terms on the Security Committee up to now.
    let eve_id = app
        .store
        .account_by_pseudonym("eve_t7")
        .await
        .unwrap()
        .unwrap()
        .id;
    let today = app.state.clock.today();
    for years in [3, 2, 1] {
        let starts = today.plus_days(-365 * years);
        app.store
            .seat_elected(
                Committee::Security,
                eve_id,
                starts,
                tessera_core::governance::terms::term_end(starts),
                "test",
                app.state.now(),
            )
            .await
            .unwrap();
    }
    tessera_app::governance::job::tick(&app.store, app.state.now())
        .await
        .unwrap();
    assert_eq!(committees(&eve).await, json!([]), "her last term ended");

    let r = bea
        .post_json(
            "/api/proposals",
            json!({"title": "Security Committee, two seats", "kind": "election",
                "specification": "two seats for a year", "rationale": "the first election",
                "risks": "none", "alternatives": "interim members", "committee": "security",
                "seats": 2}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let id = body(r).await["id"].as_str().unwrap().to_owned();
    let stand = format!("/api/proposals/{id}/candidacy");
    for c in [&bea, &cat, &dan] {
        assert_eq!(c.post_json(&stand, json!({})).await.status(), 201);
    }
    let r = eve.post_json(&stand, json!({})).await;
    assert_eq!(r.status(), 409);
    assert_eq!(body(r).await["error"], "term_limit");

    app.clock.advance(time::Duration::days(30));
    let ballot = format!("/api/proposals/{id}/ballot");
    for (c, approve) in [
        (&ann, json!(["bea_t7", "cat_t7"])),
        (&bea, json!(["bea_t7"])),
        (&cat, json!(["cat_t7", "dan_t7"])),
    ] {
        let r = c.post_json(&ballot, json!({ "approve": approve })).await;
        assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
    }
    app.clock.advance(time::Duration::days(14));
    let p = body(ann.get(&format!("/api/proposals/{id}")).await).await;
    assert_eq!(p["phase"], "closed");
    // Best first: the first seat serves a year, the second half a year (the committee's first
    // election is staggered, R7.7).
    let elected: Vec<String> = serde_json::from_value(p["result"]["elected"].clone()).unwrap();
    let mut sorted = elected.clone();
    sorted.sort();
    assert_eq!(sorted, vec!["bea_t7", "cat_t7"]);
    let client = |name: &str| if name == "bea_t7" { &bea } else { &cat };
    let (year, half) = (client(&elected[0]), client(&elected[1]));
    assert_eq!(committees(&bea).await, json!(["security"]));
    assert_eq!(committees(&cat).await, json!(["security"]));
    assert_eq!(committees(&dan).await, json!([]));
    assert_eq!(
        committees(&ann).await,
        json!([]),
        "the interim member leaves"
    );
    let audit = body(ann.get("/api/audit").await).await.to_string();
    assert!(audit.contains("committee_added") && audit.contains("committee_removed"));

    // Half a year later the short seat ends, and comes up at the next election.
    app.clock.advance(time::Duration::days(190));
    tessera_app::governance::job::tick(&app.store, app.state.now())
        .await
        .unwrap();
    assert_eq!(committees(half).await, json!([]), "half a year");
    assert_eq!(committees(year).await, json!(["security"]));
    // A year after the term began the job runner vacates the other seat, once.
    app.clock.advance(time::Duration::days(174));
    tessera_app::governance::job::tick(&app.store, app.state.now())
        .await
        .unwrap();
    assert_eq!(
        committees(year).await,
        json!(["security"]),
        "the last day of the term"
    );
    app.clock.advance(time::Duration::days(1));
    for _ in 0..2 {
        tessera_app::governance::job::tick(&app.store, app.state.now())
            .await
            .unwrap();
    }
    assert_eq!(committees(year).await, json!([]));
    let roster = app.store.committee_audit().await.unwrap();
    let removed = roster
        .iter()
        .filter(|a| a.action == tessera_store::network::committees::RosterAction::Remove)
        .count();
    assert_eq!(removed, 4, "eve, ann, bea and cat: each once");
}
