//! Governance over HTTP/2 and HTTP/1.1 alike (issue 13; lessons of the outside review): over h2
//! a request has no `Host` header, so the session, the CSRF token and a form's Origin check must
//! work from what h2 carries. One flow per protocol: a proposal with a comment and a ballot on
//! the injected clock, a dispute opened and closed, a transparency report entered through the
//! page's form, the audit log read (R7.2, R7.3, R7.6, R7.8, R7.10, R2.8).

use reqwest::Version;
use serde_json::{json, Value};
use tessera_core::committee::Committee;

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
    r.json().await.unwrap_or(Value::Null)
}

async fn flow(h2: bool) {
    let mut app = spawn_app_with(|c| {
        c.session_idle_minutes = 525_600;
        c.session_absolute_hours = 8_760;
    })
    .await;
    app.h2 = h2;
    let ann = app.seller("ann_g2").await;
    let bea = app.seller("bea_g2").await;
    let bob = app.buyer("bob_g2").await;
    for (who, c) in [
        ("bea_g2", Committee::Disputes),
        ("bea_g2", Committee::Governance),
    ] {
        tessera_app::network::committees::add(&app.store, who, c, app.state.now())
            .await
            .unwrap();
    }
    let p = ok(
        ann.post_json(
            "/api/proposals",
            json!({"title": "Shorter messages", "kind": "operational",
                "specification": "30 days", "rationale": "less kept", "risks": "lost notes",
                "alternatives": "none"}),
        )
        .await,
        201,
        h2,
    )
    .await;
    let id = p["id"].as_str().unwrap().to_owned();
    ok(
        bea.post_json(
            &format!("/api/proposals/{id}/comments"),
            json!({"body": "Agreed"}),
        )
        .await,
        201,
        h2,
    )
    .await;
    app.clock.advance(time::Duration::days(30));
    let receipt = ok(
        ann.post_json(
            &format!("/api/proposals/{id}/ballot"),
            json!({"choice": "yes"}),
        )
        .await,
        201,
        h2,
    )
    .await;
    assert!(receipt["receipt"].as_str().is_some_and(|r| r.len() >= 16));
    // A dispute: the buyer appeals, the committee closes it.
    let case = ok(
        bob.post_json("/api/disputes", json!({"kind": "appeal"}))
            .await,
        201,
        h2,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let closed = ok(
        bea.post_json(
            &format!("/api/disputes/{case}/advance"),
            json!({"to": "closed", "outcome": "no_change"}),
        )
        .await,
        200,
        h2,
    )
    .await;
    assert_eq!(closed["stage"], "closed");
    // A form through the page, with its CSRF token and Origin, over this protocol.
    let year = app.state.clock.today().0.year().to_string();
    let r = bea
        .submit(
            "/transparency",
            "/transparency",
            &[
                ("year", year.as_str()),
                ("received", "0"),
                ("disclosed", "0"),
                ("refused", "0"),
                ("notified", "0"),
                ("summary", "No requests."),
            ],
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
    assert_eq!(r.status(), 303);
    let audit = ok(ann.get("/api/audit").await, 200, h2).await.to_string();
    for action in ["transparency_recorded", "dispute_advanced"] {
        assert!(audit.contains(action), "{action} (h2: {h2})");
    }
    let reports = ok(app.client().get("/api/transparency").await, 200, h2).await;
    assert_eq!(reports[0]["summary"], "No requests.");

    // R7.9: a two-person request asked through the JSON API and approved through the page's
    // form (CSRF token and Origin from what the protocol carries).
    let coop = ok(
        ann.post_json("/api/coops", json!({"name": "Pair", "kind": "private"}))
            .await,
        201,
        h2,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let asked = ok(
        ann.post_json(
            &format!("/api/coops/{coop}/dissolution"),
            json!({"reason": "we part"}),
        )
        .await,
        201,
        h2,
    )
    .await;
    let approval = asked["id"].as_str().unwrap().to_owned();
    let waiting = ok(bea.get("/api/approvals").await, 200, h2).await;
    assert_eq!(waiting[0]["kind"], "dissolution", "h2: {h2}");
    let r = bea
        .submit("/approvals", &format!("/approvals/{approval}"), &[])
        .await;
    assert_eq!(r.status(), 200, "h2: {h2}");
    assert_eq!(ann.get(&format!("/api/coops/{coop}")).await.status(), 404);
}

#[tokio::test]
async fn issue13_r7_2_r7_8_r7_6_governance_over_http2() {
    flow(true).await;
}

#[tokio::test]
async fn issue13_r7_2_r7_8_r7_6_governance_over_http1() {
    flow(false).await;
}
