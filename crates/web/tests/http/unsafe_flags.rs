//! The unsafe flags the score cannot show (SPEC R3.8, R4.6) over HTTP: the `max_unsafe`
//! preference in the settings API and page, the verdict that applies it, and the warning above
//! the band, before anything green, on the lookup page.

use crate::common::*;
use serde_json::{json, Value};

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

/// The demo's blindspot_ben: 20 safe and 5 unsafe meetings, the unsafe ones from 4 sellers.
/// Returns the first seller.
async fn blindspot(app: &TestApp, name: &str) -> Client {
    app.buyer(name).await;
    let mut sellers = Vec::new();
    for i in 0..4 {
        sellers.push(app.seller(&format!("{name}_s{i}")).await);
    }
    for i in 0..25 {
        let day = app.state.clock.today().plus_days(-(i as i64)).to_string();
        let r = sellers[i % 4]
            .post_json(
                "/api/ratings/submit",
                json!({"buyer": name, "safe": i >= 5, "reliable": true, "day": day}),
            )
            .await;
        assert_eq!(r.status(), 201);
    }
    sellers.swap_remove(0)
}

#[tokio::test]
async fn r4_6_max_unsafe_in_the_settings_api_and_presets() {
    let app = spawn_app().await;
    let s = app.seller("maxseller").await;
    for (preset, max) in [("cautious", 0), ("moderate", 1), ("open", 2)] {
        let r = s
            .put_json("/api/account/settings", json!({"preset": preset}))
            .await;
        assert_eq!(r.status(), 200);
        assert_eq!(body(r).await["screening"]["max_unsafe"], max, "{preset}");
    }
    let r = s
        .put_json(
            "/api/account/settings",
            json!({"screening": {"min_trust": null, "min_ratings": null, "max_unsafe": 3, "unknown_is_below": false}}),
        )
        .await;
    assert_eq!(body(r).await["screening"]["max_unsafe"], 3);
    let r = s
        .put_json(
            "/api/account/settings",
            json!({"screening": {"min_trust": null, "min_ratings": null, "max_unsafe": -1, "unknown_is_below": false}}),
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(body(r).await["fields"], json!(["max_unsafe"]));
    // The settings page has the field and saves it (no JavaScript needed).
    let page = s.get_html("/settings").await;
    assert!(
        page.contains("id=\"max_unsafe\"") && page.contains("value=\"3\""),
        "{page}"
    );
    let r = s
        .submit(
            "/settings",
            "/settings/preferences",
            &[
                ("language", "auto"),
                ("max_unsafe", "0"),
                ("message_expiry_days", "30"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let v = body(s.get("/api/account/settings").await).await;
    assert_eq!(v["screening"]["max_unsafe"], 0);
}

#[tokio::test]
async fn r3_8_r4_6_the_verdict_never_says_meets_past_the_sellers_maximum() {
    let app = spawn_app().await;
    let s = blindspot(&app, "blindspot_ben").await;
    let v = body(s.get("/api/buyer/blindspot_ben/reputation").await).await;
    assert_eq!(v["safe"]["score"], 1.0, "the blind spot");
    assert_eq!(v["band"], "high");
    assert_eq!(v["unsafe_sellers"], 4);
    assert_eq!(
        v["preferences"],
        json!({"meets": true, "missed": []}),
        "no maximum set"
    );
    for preset in ["cautious", "moderate", "open"] {
        let r = s
            .put_json("/api/account/settings", json!({"preset": preset}))
            .await;
        assert_eq!(r.status(), 200);
        let v = body(s.get("/api/buyer/blindspot_ben/reputation").await).await;
        assert_eq!(v["preferences"]["meets"], false, "{preset}");
        assert!(
            v["preferences"]["missed"]
                .as_array()
                .unwrap()
                .contains(&json!("max_unsafe")),
            "{preset}: {v}"
        );
    }
    let page = s.get_html("/lookup?pseudonym=blindspot_ben").await;
    assert!(
        page.contains("more unsafe flags than your maximum"),
        "{page}"
    );
}

#[tokio::test]
async fn r3_8_the_unsafe_warning_comes_before_the_band_and_anything_green() {
    let app = spawn_app().await;
    let s = blindspot(&app, "blindspot_ben").await;
    let page = s.get_html("/lookup?pseudonym=blindspot_ben").await;
    let warning = "Flagged unsafe by 4 sellers in 5 of 25 meetings.";
    let at = page.find(warning).unwrap_or_else(|| panic!("{page}"));
    assert!(page.contains(
        "The safety score cannot show this (<a href=\"/help#unsafe-flags\">see why</a>)."
    ));
    // In the alert style, above the scores, the band and the verdict; nothing green before it.
    let tag = &page[page[..at].rfind('<').unwrap()..at];
    assert!(
        page[..at].rfind("class=\"error\"").is_some(),
        "alert style: {tag}"
    );
    for later in [
        "class=\"scores\"",
        "class=\"band",
        "id=\"preferences\"",
        "class=\"notice\"",
    ] {
        if let Some(i) = page.find(later) {
            assert!(i > at, "{later} comes before the warning");
        }
    }
    // German, and a clean buyer gets no warning.
    let de = s.page_de("/lookup?pseudonym=blindspot_ben").await;
    assert!(
        de.contains("Als unsicher markiert von 4 Mitgliedern bei 5 von 25 Treffen."),
        "{de}"
    );
    assert!(de.contains("Der Sicherheitswert kann das nicht zeigen"));
    app.buyer("clean_carl").await;
    let r = s
        .post_json(
            "/api/ratings/submit",
            json!({"buyer": "clean_carl", "safe": true}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let clean = s.get_html("/lookup?pseudonym=clean_carl").await;
    assert!(!clean.contains("unsafe-warning"), "{clean}");
    let one = app.buyer("once_olaf").await;
    drop(one);
    let r = s
        .post_json(
            "/api/ratings/submit",
            json!({"buyer": "once_olaf", "safe": false}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let once = s.get_html("/lookup?pseudonym=once_olaf").await;
    assert!(
        once.contains("Flagged unsafe by 1 seller in 1 of 1 meeting."),
        "{once}"
    );
    let help = s.get_html("/help").await;
    assert!(help.contains("id=\"unsafe-flags\""));
}
