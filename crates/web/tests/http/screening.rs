//! HTTP-level tests of "Screening", "Rating sellers" and "Public" (API.md; SPEC §3, §4).
//!
//! Longer than ~400 lines on purpose: it is a flat list of independent tests, one or more per
//! SPEC id, each readable on its own; splitting it would only scatter one area's ids.

use crate::common::*;
use serde_json::{json, Value};

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

/// These tests move the clock by days: sessions must outlive that.
async fn long_app() -> TestApp {
    spawn_app_with(|c| {
        c.session_idle_minutes = 525_600;
        c.session_absolute_hours = 8_760;
    })
    .await
}

fn days_ago(app: &TestApp, n: i64) -> String {
    app.state.clock.today().plus_days(-n).to_string()
}

#[tokio::test]
async fn r3_8_r3_9_r4_1_lookup_shows_scores_counts_and_the_blind_spot() {
    let app = long_app().await;
    let buyer = "Blind.Spot";
    app.buyer(buyer).await;
    // 20 safe and 5 unsafe ratings from 4 sellers; one unreliable flag among 24.
    let sellers = [
        app.seller("s_one").await,
        app.seller("s_two").await,
        app.seller("s_three").await,
        app.seller("s_four").await,
    ];
    for i in 0..25 {
        let s = &sellers[i % 4];
        let mut r = json!({"buyer": buyer, "safe": i >= 5, "day": days_ago(&app, i as i64)});
        if i != 24 {
            r["reliable"] = json!(i != 7);
        }
        let resp = s.post_json("/api/ratings/submit", r).await;
        assert_eq!(resp.status(), 201, "{}", resp.text().await.unwrap());
    }
    let v = body(sellers[0].get("/api/buyer/blind.spot/reputation").await).await;
    assert_eq!(v["buyer"], "Blind.Spot");
    assert_eq!(v["interactions"], 25);
    assert_eq!(v["sellers"], 4);
    assert_eq!(v["verified"], 0);
    assert_eq!(v["account_age_months"], 0);
    assert_eq!(
        v["safe"],
        json!({"score": 1.0, "n": 25, "flagged": 5, "ci": [0.8668, 1.0]})
    );
    assert_eq!(v["reliable"]["n"], 24);
    assert_eq!(v["reliable"]["flagged"], 1);
    assert_eq!(v["reliable"]["score"], 1.0);
    assert_eq!(v["trust"], 1.0);
    assert_eq!(v["influence"], 1.0);
    assert_eq!(v["band"], "high");
    assert_eq!(v["low_sample"], false);
    assert_eq!(v["preferences"], json!({"meets": true, "missed": []}));
    assert_eq!(v["alerts"], 0);
    assert_eq!(v["params_version"], 1);
    // Account age in whole months (R3.9).
    app.clock.advance(time::Duration::days(62));
    let v2 = body(sellers[1].get("/api/buyer/blind.spot/reputation").await).await;
    assert_eq!(v2["account_age_months"], 2);
    // The page shows the raw counts next to the score (R3.8).
    let page = sellers[0].get_html("/lookup?pseudonym=Blind.Spot").await;
    assert!(
        page.contains("Unsafe: 5 of 25 ratings (from 4 sellers)"),
        "{page}"
    );
    assert!(page.contains("<svg"), "interval bars");
    assert_logs_free_of(&["Blind.Spot", "blind.spot"]);
}

#[tokio::test]
async fn r4_1_unknown_buyer_wrong_role_exact_pseudonym_and_limit() {
    let app = spawn_app_with(|c| c.limits.lookups_per_hour = 3).await;
    let s = app.seller("looker").await;
    app.buyer("known_buyer").await;
    let r = s.get("/api/buyer/nobody_here/reputation").await;
    assert_eq!(r.status(), 404);
    let v = body(r).await;
    assert_eq!(v["error"], "not_found");
    assert!(v["message"]
        .as_str()
        .unwrap()
        .starts_with("No buyer account with this pseudonym"));
    // Exact pseudonym only: no prefix match.
    assert_eq!(s.get("/api/buyer/known/reputation").await.status(), 404);
    // A seller's pseudonym is not a buyer.
    let b = app.buyer("curious_buyer").await;
    assert_eq!(
        b.get("/api/buyer/known_buyer/reputation").await.status(),
        403
    );
    assert_eq!(
        s.get("/api/buyer/KNOWN_BUYER/reputation").await.status(),
        200,
        "canonical match"
    );
    let r = s.get("/api/buyer/known_buyer/reputation").await;
    assert_eq!(r.status(), 429, "the fourth lookup in an hour");
    assert!(r.headers().get("retry-after").is_some());
    // The lookup page says when to try again too (R9.3).
    let r = s.get("/lookup?pseudonym=known_buyer").await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some(), "the page's 429");
}

#[tokio::test]
async fn r3_3_r4_6_no_record_yet_and_preferences() {
    let app = long_app().await;
    let s = app.seller("prefs_s").await;
    app.buyer("fresh_buyer").await;
    let v = body(s.get("/api/buyer/fresh_buyer/reputation").await).await;
    assert_eq!(
        v["safe"],
        json!({"score": null, "n": 0, "flagged": 0, "ci": null})
    );
    assert_eq!(v["trust"], Value::Null);
    assert_eq!(v["influence"], 0.0);
    assert_eq!(v["band"], "unknown");
    assert_eq!(v["low_sample"], true);
    s.put_json("/api/account/settings", json!({"preset": "moderate"}))
        .await;
    let v = body(s.get("/api/buyer/fresh_buyer/reputation").await).await;
    assert_eq!(
        v["preferences"],
        json!({"meets": false, "missed": ["no_record", "min_ratings"]})
    );
    for i in 0..3 {
        s.post_json("/api/ratings/submit", json!({"buyer": "fresh_buyer", "safe": true, "reliable": true, "day": days_ago(&app, i)})).await;
    }
    let v = body(s.get("/api/buyer/fresh_buyer/reputation").await).await;
    assert_eq!(
        v["preferences"],
        json!({"meets": false, "missed": ["min_ratings"]})
    );
    s.put_json("/api/account/settings", json!({"preset": "open"}))
        .await;
    let v = body(s.get("/api/buyer/fresh_buyer/reputation").await).await;
    assert_eq!(v["preferences"], json!({"meets": true, "missed": []}));
}

#[tokio::test]
async fn r4_2_one_rating_per_day_updates_and_validation() {
    let app = long_app().await;
    let s = app.seller("rater").await;
    app.buyer("rated").await;
    let r = s
        .post_json(
            "/api/ratings/submit",
            json!({"buyer": "rated", "safe": true}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let v = body(r).await;
    assert_eq!(
        v,
        json!({"buyer": "rated", "day": app.state.clock.today().to_string(), "safe": true, "reliable": null, "verified": false})
    );
    // New information the same day updates the rating.
    let r = s
        .post_json(
            "/api/ratings/submit",
            json!({"buyer": "rated", "safe": false, "reliable": true}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let v = body(s.get("/api/buyer/rated/reputation").await).await;
    assert_eq!(
        (
            v["interactions"].clone(),
            v["safe"]["n"].clone(),
            v["safe"]["flagged"].clone()
        ),
        (json!(1), json!(1), json!(1))
    );
    assert_eq!(v["reliable"]["n"], 1);
    for (bad, field) in [
        (json!({"buyer": "rated"}), "safe"),
        (
            json!({"buyer": "rated", "safe": true, "day": days_ago(&app, -1)}),
            "day",
        ),
        (
            json!({"buyer": "rated", "safe": true, "day": days_ago(&app, 91)}),
            "day",
        ),
        (
            json!({"buyer": "rated", "safe": true, "day": "yesterday"}),
            "day",
        ),
    ] {
        let r = s.post_json("/api/ratings/submit", bad).await;
        assert_eq!(r.status(), 400);
        assert!(body(r).await["fields"]
            .as_array()
            .unwrap()
            .contains(&json!(field)));
    }
    assert_eq!(
        s.post_json(
            "/api/ratings/submit",
            json!({"buyer": "rated", "safe": true, "day": days_ago(&app, 90)})
        )
        .await
        .status(),
        201
    );
    assert_eq!(
        s.post_json(
            "/api/ratings/submit",
            json!({"buyer": "ghost", "safe": true})
        )
        .await
        .status(),
        404
    );
    let h = body(s.get("/api/buyer/rated/history").await).await;
    assert_eq!(h.as_array().unwrap().len(), 2);
    assert_eq!(h[0]["day"], app.state.clock.today().to_string());
    assert_eq!(h[0]["safe"], false);
    // Another seller does not see this seller's ratings.
    let other = app.seller("other_rater").await;
    assert_eq!(
        body(other.get("/api/buyer/rated/history").await).await,
        json!([])
    );
}

#[tokio::test]
async fn r4_3_codes_generate_history_limit_and_invalidate() {
    let app = long_app().await;
    let s = app.seller("coder").await;
    app.buyer("bound_b").await;
    let r = s.post_json("/api/codes/generate", json!({})).await;
    assert_eq!(r.status(), 201);
    let v = body(r).await;
    let code = v["code"].as_str().unwrap().to_owned();
    assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(v["bound_to"], Value::Null);
    let expires = tessera_core::Day::parse(v["expires_on"].as_str().unwrap()).unwrap();
    assert_eq!(app.state.clock.today().days_until(expires), 30);
    let v = body(
        s.post_json("/api/codes/generate", json!({"buyer": "BOUND_B"}))
            .await,
    )
    .await;
    assert_eq!(v["bound_to"], "bound_b");
    let h = body(s.get("/api/codes/history").await).await;
    assert_eq!(h.as_array().unwrap().len(), 2);
    assert_eq!(h[1]["code"], code.as_str());
    assert_eq!(h[0]["status"], "unused");
    // At most 50 active codes, all distinct.
    for _ in 0..48 {
        assert_eq!(
            s.post_json("/api/codes/generate", json!({})).await.status(),
            201
        );
    }
    let r = s.post_json("/api/codes/generate", json!({})).await;
    assert_eq!(r.status(), 409);
    assert_eq!(body(r).await["error"], "too_many_active_codes");
    let h = body(s.get("/api/codes/history").await).await;
    let mut codes: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 50, "unique among the seller's active codes");
    assert_eq!(
        body(s.post_json("/api/codes/invalidate", json!({})).await).await,
        json!({"invalidated": 50})
    );
    let h = body(s.get("/api/codes/history").await).await;
    assert!(h
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["status"] == "expired"));
    assert_eq!(
        s.post_json("/api/codes/generate", json!({})).await.status(),
        201
    );
    // After 30 days an unused code shows as expired.
    app.clock.advance(time::Duration::days(31));
    let h = body(s.get("/api/codes/history").await).await;
    assert_eq!(h[0]["status"], "expired");
    // Buyers cannot generate codes.
    let b = app.buyer("nocodes").await;
    assert_eq!(
        b.post_json("/api/codes/generate", json!({})).await.status(),
        403
    );
    assert_logs_free_of_numbers(&[&code]);
}

#[tokio::test]
async fn r4_4_r4_5_buyer_rates_seller_with_a_code() {
    let app = long_app().await;
    let s = app.seller("Code_Seller").await;
    let b = app.buyer("code_buyer").await;
    let code = body(s.post_json("/api/codes/generate", json!({})).await).await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = b
        .post_json(
            "/api/ratings/verify_code",
            json!({"seller": "code_seller", "code": code}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        body(r).await,
        json!({"seller": "Code_Seller", "valid": true})
    );
    let rating = |code: &str| json!({"seller": "Code_Seller", "code": code, "listing_accuracy": "accurate", "punctuality": "slightly_late", "professionalism": "professional"});
    let mut bad = rating(&code);
    bad["punctuality"] = json!("late-ish");
    let r = b.post_json("/api/ratings/submit_rating", bad).await;
    assert_eq!(r.status(), 400);
    assert_eq!(body(r).await["fields"], json!(["punctuality"]));
    let r = b
        .post_json("/api/ratings/submit_rating", rating(&code))
        .await;
    assert_eq!(r.status(), 201);
    assert_eq!(
        body(r).await,
        json!({"seller": "Code_Seller", "day": app.state.clock.today().to_string()})
    );
    // Used: 409 with the charter's words.
    let r = b
        .post_json("/api/ratings/submit_rating", rating(&code))
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(
        body(r).await,
        json!({"error": "code_already_used", "message": "Code already used"})
    );
    // A code of another seller, or a made-up one: 422.
    let other = app.seller("other_seller").await;
    let other_code = body(other.post_json("/api/codes/generate", json!({})).await).await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = b
        .post_json(
            "/api/ratings/verify_code",
            json!({"seller": "code_seller", "code": other_code}),
        )
        .await;
    let expect = if other_code == code { 409 } else { 422 };
    assert_eq!(r.status(), expect);
    let r = b
        .post_json(
            "/api/ratings/verify_code",
            json!({"seller": "code_seller", "code": "12345"}),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(
        body(r).await,
        json!({"error": "code_invalid_or_expired", "message": "Code invalid or expired"})
    );
    // Bound to another buyer: invalid for this one.
    app.buyer("third_b").await;
    let bound = body(
        s.post_json("/api/codes/generate", json!({"buyer": "third_b"}))
            .await,
    )
    .await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = b
        .post_json(
            "/api/ratings/verify_code",
            json!({"seller": "code_seller", "code": bound}),
        )
        .await;
    assert_eq!(r.status(), 422);
    // Sellers cannot rate sellers.
    assert_eq!(
        other
            .post_json(
                "/api/ratings/verify_code",
                json!({"seller": "code_seller", "code": bound})
            )
            .await
            .status(),
        403
    );
    assert_logs_free_of_numbers(&[&code, &bound]);
}

#[tokio::test]
async fn r4_5_five_failures_per_hour_counted_in_the_database() {
    let app = long_app().await;
    let s = app.seller("limit_s").await;
    let b = app.buyer("limit_b").await;
    let good = body(s.post_json("/api/codes/generate", json!({})).await).await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrong = if good == "000000" { "000001" } else { "000000" };
    // 4 failures so far.
    for _ in 0..4 {
        assert_eq!(
            b.post_json(
                "/api/ratings/verify_code",
                json!({"seller": "limit_s", "code": wrong})
            )
            .await
            .status(),
            422
        );
    }
    // A restart: a new application on the same database shares the count.
    let state2 = tessera_web::AppState::new(
        app.store.clone(),
        app.clock.clone(),
        tessera_web::WebConfig::default(),
    );
    let app2 = tessera_web::Application::bind(state2, "127.0.0.1:0".parse().unwrap(), None)
        .await
        .unwrap();
    let base2 = format!("http://{}", app2.local_addr().unwrap());
    tokio::spawn(app2.run());
    let b2 = Client::new(&base2);
    b2.login("limit_b", PASSWORD).await;
    assert_eq!(
        b2.post_json(
            "/api/ratings/verify_code",
            json!({"seller": "limit_s", "code": wrong})
        )
        .await
        .status(),
        422
    );
    let r = b2
        .post_json(
            "/api/ratings/verify_code",
            json!({"seller": "limit_s", "code": good}),
        )
        .await;
    assert_eq!(
        r.status(),
        429,
        "whatever the code, once the limit is reached"
    );
    assert_eq!(
        body(r).await,
        json!({"error": "too_many_attempts", "message": "Too many failed attempts"})
    );
    assert_eq!(
        b.post_json(
            "/api/ratings/verify_code",
            json!({"seller": "limit_s", "code": good})
        )
        .await
        .status(),
        429
    );
    // The hour rolls on.
    app.clock.advance(time::Duration::minutes(61));
    assert_eq!(
        b.post_json(
            "/api/ratings/verify_code",
            json!({"seller": "limit_s", "code": good})
        )
        .await
        .status(),
        200
    );
}

#[tokio::test]
async fn r4_4_exactly_one_of_50_concurrent_redemptions_wins_on_sqlite() {
    let app = long_app().await;
    let s = app.seller("race_s").await;
    app.buyer("race_b").await;
    let code = body(s.post_json("/api/codes/generate", json!({})).await).await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut clients = Vec::new();
    for _ in 0..50 {
        let c = app.client();
        c.login("race_b", PASSWORD).await;
        clients.push(c);
    }
    let rating = json!({"seller": "race_s", "code": code, "listing_accuracy": "accurate", "punctuality": "on_time", "professionalism": "professional"});
    let results = futures_util::future::join_all(
        clients
            .iter()
            .map(|c| c.post_json("/api/ratings/submit_rating", rating.clone())),
    )
    .await;
    let statuses: Vec<u16> = results.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [201, 409, 429].contains(s)),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn r4_4_a_redeemed_code_verifies_the_rating_of_its_day_either_order() {
    let app = long_app().await;
    let s = app.seller("verif_s").await;
    let b = app.buyer("verif_b").await;
    let rate = |code: &str| json!({"seller": "verif_s", "code": code, "listing_accuracy": "accurate", "punctuality": "on_time", "professionalism": "adequate"});
    // Rating first, then the code.
    s.post_json(
        "/api/ratings/submit",
        json!({"buyer": "verif_b", "safe": true, "reliable": true}),
    )
    .await;
    let c1 = body(s.post_json("/api/codes/generate", json!({})).await).await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        b.post_json("/api/ratings/submit_rating", rate(&c1))
            .await
            .status(),
        201
    );
    let v = body(s.get("/api/buyer/verif_b/reputation").await).await;
    assert_eq!(v["verified"], 1);
    // Code first (on day D), rating for day D later.
    app.clock.advance(time::Duration::days(1));
    let d = app.state.clock.today().to_string();
    let c2 = body(s.post_json("/api/codes/generate", json!({})).await).await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        b.post_json("/api/ratings/submit_rating", rate(&c2))
            .await
            .status(),
        201
    );
    app.clock.advance(time::Duration::days(2));
    let r = body(
        s.post_json(
            "/api/ratings/submit",
            json!({"buyer": "verif_b", "safe": true, "day": d}),
        )
        .await,
    )
    .await;
    assert_eq!(r["verified"], true);
    let v = body(s.get("/api/buyer/verif_b/reputation").await).await;
    assert_eq!(v["verified"], 2);
    assert_eq!(v["interactions"], 2);
}

#[tokio::test]
async fn r3_5_r4_8_seller_score_released_in_batches_with_current_weights() {
    let app = long_app().await;
    let s = app.seller("scored").await;
    let rater = app.seller("rater_of_buyers").await;
    let buyers = ["w_one", "w_two", "w_three", "w_four"];
    let mut clients = Vec::new();
    for (i, name) in buyers.iter().enumerate() {
        clients.push(app.buyer(name).await);
        // Each buyer has a clean record: T = 1, I = 1.
        for d in 0..5 {
            rater.post_json("/api/ratings/submit", json!({"buyer": name, "safe": true, "reliable": true, "day": days_ago(&app, d + 10 * i as i64)})).await;
        }
    }
    let rate = |c: &str, p: &str| json!({"seller": "scored", "code": c, "listing_accuracy": "accurate", "punctuality": p, "professionalism": "professional"});
    let mut give = Vec::new();
    for (c, p) in clients
        .iter()
        .zip(["on_time", "on_time", "did_not_show", "on_time"])
    {
        let code = body(s.post_json("/api/codes/generate", json!({})).await).await["code"]
            .as_str()
            .unwrap()
            .to_owned();
        give.push((c, code, p));
    }
    // Two ratings: nothing released yet.
    for (c, code, p) in &give[..2] {
        assert_eq!(
            c.post_json("/api/ratings/submit_rating", rate(code, p))
                .await
                .status(),
            201
        );
    }
    let v = body(s.get("/api/seller/me/reputation").await).await;
    assert_eq!(
        v,
        json!({"score": null, "stars": null, "counted": 0, "received": 0, "released_on": null})
    );
    // The third releases all three.
    let (c, code, p) = &give[2];
    c.post_json("/api/ratings/submit_rating", rate(code, p))
        .await;
    let v = body(s.get("/api/seller/me/reputation").await).await;
    assert_eq!(v["received"], 3);
    assert_eq!(v["counted"], 3);
    let q = (1.0 + 1.0 + (1.0 + 0.0 + 1.0) / 3.0) / 3.0;
    assert!((v["score"].as_f64().unwrap() - q).abs() < 1e-4, "{v}");
    assert_eq!(v["stars"], ((q * 50.0_f64).round() / 10.0));
    // The no-show rater's safety collapses: his rating loses its weight at once (R3.5).
    for d in 0..5 {
        rater
            .post_json(
                "/api/ratings/submit",
                json!({"buyer": "w_three", "safe": false, "day": days_ago(&app, 50 + d)}),
            )
            .await;
    }
    let v = body(s.get("/api/seller/me/reputation").await).await;
    assert_eq!(v["counted"], 2);
    assert_eq!(v["score"], 1.0);
    // A fourth rating waits for two more or for 30 days.
    let (c, code, p) = &give[3];
    c.post_json("/api/ratings/submit_rating", rate(code, p))
        .await;
    assert_eq!(
        body(s.get("/api/seller/me/reputation").await).await["received"],
        3
    );
    app.clock.advance(time::Duration::days(30));
    assert_eq!(
        body(s.get("/api/seller/me/reputation").await).await["received"],
        4
    );
}

#[tokio::test]
async fn r4_7_r4_8_buyer_sees_a_delayed_snapshot_never_trust_or_influence() {
    let app = long_app().await;
    let b = app.buyer("watched").await;
    let s1 = app.seller("snap_one").await;
    let s2 = app.seller("snap_two").await;
    let v = body(b.get("/api/buyer/me/reputation").await).await;
    assert_eq!(
        v,
        json!({"safe": {"score": null, "n": 0, "flagged": 0}, "reliable": {"score": null, "n": 0, "flagged": 0}, "as_of": null})
    );
    s1.post_json(
        "/api/ratings/submit",
        json!({"buyer": "watched", "safe": false, "reliable": true}),
    )
    .await;
    app.clock.advance(time::Duration::days(8));
    // One seller only: the view does not move, even after 7 days.
    assert_eq!(
        body(b.get("/api/buyer/me/reputation").await).await["as_of"],
        Value::Null
    );
    s2.post_json(
        "/api/ratings/submit",
        json!({"buyer": "watched", "safe": true, "reliable": true}),
    )
    .await;
    app.clock.advance(time::Duration::days(6));
    assert_eq!(
        body(b.get("/api/buyer/me/reputation").await).await["as_of"],
        Value::Null,
        "the second rating is not 7 days old"
    );
    app.clock.advance(time::Duration::days(1));
    let v = body(b.get("/api/buyer/me/reputation").await).await;
    assert_eq!(v["safe"], json!({"score": 0.25, "n": 2, "flagged": 1}));
    assert_eq!(v["as_of"], app.state.clock.today().to_string());
    assert!(v.get("trust").is_none() && v.get("influence").is_none());
    assert_eq!(s1.get("/api/buyer/me/reputation").await.status(), 403);
}

#[tokio::test]
async fn r4_9_public_profile_by_keyed_slug() {
    let app = long_app().await;
    app.seller("Profiled").await;
    app.buyer("not_a_seller").await;
    let anon = app.client();
    let v = body(anon.get("/api/seller/profiled/profile").await).await;
    assert_eq!(v["pseudonym"], "Profiled");
    assert_eq!(v["member"], true);
    let url = v["profile_url"].as_str().unwrap().to_owned();
    let slug = url.strip_prefix("/verify/").unwrap();
    assert!(slug.len() >= 16 && slug.chars().all(|c| c.is_ascii_alphanumeric()));
    assert!(!slug.contains("profiled"));
    assert_eq!(
        body(anon.get("/api/seller/PROFILED/profile").await).await["profile_url"],
        url.as_str(),
        "stable"
    );
    assert_eq!(
        anon.get("/api/seller/not_a_seller/profile").await.status(),
        404
    );
    assert_eq!(anon.get("/api/seller/nobody/profile").await.status(), 404);
    let r = anon.get(&url).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Profiled"));
    assert!(html.contains("This seller uses Tessera for safety screening"));
    assert!(html.contains("noindex"));
    assert_eq!(
        anon.get("/verify/aaaaaaaaaaaaaaaaaaaaaaaaaa")
            .await
            .status(),
        404
    );
}
