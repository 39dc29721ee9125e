//! The seller network over HTTP/2 and HTTP/1.1 alike (issue 12; lessons of the outside review):
//! over h2 a request has no `Host` header, so everything that reads request metadata (the
//! session cookie, the CSRF token, the Origin check of a form, the client address of the rate
//! limits) must work from what h2 carries. One flow through coops, messages, alerts and
//! disputes, buddies, a check-in, panic and the alarm, once per protocol (R6.2–R6.7, R2.8).

use reqwest::Version;
use serde_json::{json, Value};

use crate::common::*;

async fn ok(r: reqwest::Response, status: u16, h2: bool) -> Value {
    let want = if h2 {
        Version::HTTP_2
    } else {
        Version::HTTP_11
    };
    assert_eq!(r.version(), want, "the protocol spoken");
    let url = r.url().path().to_owned();
    assert_eq!(r.status().as_u16(), status, "{url} (h2: {h2})");
    if status == 204 {
        Value::Null
    } else {
        r.json().await.unwrap_or(Value::Null)
    }
}

async fn flow(h2: bool) {
    let mut app = spawn_app().await;
    app.h2 = h2;
    let ann = app.seller("ann_h").await;
    let bea = app.seller("bea_h").await;
    app.buyer("bob_h").await;
    // A coop: create, invite, join.
    let coop = ok(
        ann.post_json(
            "/api/coops",
            json!({"name": "Two protocols", "kind": "private", "min_member_days": 0}),
        )
        .await,
        201,
        h2,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        ann.post_json(
            &format!("/api/coops/{coop}/invitations"),
            json!({"seller": "bea_h"}),
        )
        .await,
        201,
        h2,
    )
    .await;
    ok(
        bea.post_json(&format!("/api/coops/{coop}/join"), json!({}))
            .await,
        200,
        h2,
    )
    .await;
    // A direct thread and a message, read by the other side.
    let t = ok(
        ann.post_json(
            "/api/threads",
            json!({"kind": "direct", "members": ["bea_h"]}),
        )
        .await,
        201,
        h2,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        ann.post_json(
            &format!("/api/threads/{t}/messages"),
            json!({"body": "over both protocols"}),
        )
        .await,
        201,
        h2,
    )
    .await;
    let msgs = ok(
        bea.get(&format!("/api/threads/{t}/messages")).await,
        200,
        h2,
    )
    .await;
    assert_eq!(msgs[0]["body"], "over both protocols");
    // An alert naming the buyer, seen on the other's lookup, disputed, then upheld.
    let alert = ok(
        bea.post_json(
            "/api/alerts",
            json!({"coop": coop, "flags": ["aggressive"], "buyer": "bob_h"}),
        )
        .await,
        201,
        h2,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let look = ok(ann.get("/api/buyer/bob_h/reputation").await, 200, h2).await;
    assert_eq!(look["alerts"], 1);
    let cat = app.seller("cat_h").await;
    ok(
        ann.post_json(
            &format!("/api/coops/{coop}/invitations"),
            json!({"seller": "cat_h"}),
        )
        .await,
        201,
        h2,
    )
    .await;
    ok(
        cat.post_json(&format!("/api/coops/{coop}/join"), json!({}))
            .await,
        200,
        h2,
    )
    .await;
    ok(
        cat.post_json(
            &format!("/api/alerts/{alert}/disputes"),
            json!({"reason": "inaccurate"}),
        )
        .await,
        201,
        h2,
    )
    .await;
    let decided = ok(
        ann.post_json(
            &format!("/api/alerts/{alert}/moderation"),
            json!({"action": "uphold"}),
        )
        .await,
        200,
        h2,
    )
    .await;
    assert_eq!(decided["disputed"], false);
    // Bea watches over Ann; Ann's check-in, then panic; Bea acknowledges and closes.
    ok(
        ann.post_json("/api/buddies", json!({"seller": "bea_h"}))
            .await,
        201,
        h2,
    )
    .await;
    ok(
        bea.post_json("/api/buddies/ann_h/accept", json!({})).await,
        200,
        h2,
    )
    .await;
    let checkin = ok(
        ann.post_json("/api/checkins", json!({"minutes": 60, "note": "h2 note"}))
            .await,
        201,
        h2,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let saved = ann.post_json("/api/panic", json!({})).await;
    assert_eq!(
        ok(saved, 200, h2).await,
        json!({"status": "saved"}),
        "h2: {h2}"
    );
    let alarms = ok(bea.get("/api/alarms").await, 200, h2).await;
    assert_eq!(alarms[0]["kind"], "panic");
    assert_eq!(alarms[0]["note"], "h2 note");
    let id = alarms[0]["id"].as_str().unwrap().to_owned();
    ok(
        bea.post_json(&format!("/api/alarms/{id}/ack"), json!({}))
            .await,
        200,
        h2,
    )
    .await;
    ok(
        bea.post_json(&format!("/api/alarms/{id}/close"), json!({}))
            .await,
        200,
        h2,
    )
    .await;
    ok(
        ann.post_json(&format!("/api/checkins/{checkin}/safe"), json!({}))
            .await,
        200,
        h2,
    )
    .await;
    // A form post from a page (the Origin check and the page's CSRF token): the check-in page.
    let r = ann
        .submit(
            "/checkin",
            "/checkin/start",
            &[("minutes", "30"), ("note", "")],
        )
        .await;
    assert_eq!(
        r.version(),
        if h2 {
            Version::HTTP_2
        } else {
            Version::HTTP_11
        }
    );
    assert!(
        r.status().is_redirection() || r.status().is_success(),
        "the check-in form (h2: {h2}): {}",
        r.status()
    );
    let open = ok(ann.get("/api/checkins").await, 200, h2).await;
    assert!(
        open.as_array().is_some_and(|a| !a.is_empty()),
        "the form started a check-in (h2: {h2}): {open}"
    );
    // The same form from another origin is refused (R2.8).
    let html = ann.get_html("/checkin").await;
    let r = ann
        .post_form_with(
            "/checkin/start",
            &csrf_in(&html),
            &[("minutes", "30")],
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 403, "foreign Origin (h2: {h2})");
}

#[tokio::test]
async fn issue12_r6_2_to_r6_7_the_network_over_http2() {
    flow(true).await;
}

#[tokio::test]
async fn issue12_r6_2_to_r6_7_the_network_over_http1() {
    flow(false).await;
}
