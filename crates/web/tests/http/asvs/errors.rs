//! Error answers (ASVS 5.0 V16.5; SPEC R2.9, R8.4 and DESIGN.md "never leaks a database message
//! to the client"): whatever goes wrong, from a malformed request to a database that is gone,
//! the client gets a generic sentence in the API's error shape or the error page, never a
//! parser's, framework's or database's text; and a failure never opens a session.

use reqwest::header::SET_COOKIE;
use reqwest::Method;
use serde_json::{json, Value};

use super::backends::sqlite;
use crate::common::*;

/// Text that only a parser, the framework, the database or a panic would write.
const INTERNALS: &[&str] = &[
    "panicked",
    ".rs:",
    "sqlx",
    "SQLITE",
    "sqlite3",
    "serde",
    "line 1 column",
    "at line",
    "invalid type:",
    "missing field",
    "unknown variant",
    "Failed to deserialize",
    "Failed to parse",
    "Failed to buffer",
    "Expected request with",
    "axum::",
    "hyper::",
    "tessera_",
    "backtrace",
    "SELECT ",
    "INSERT ",
    "pool timed out",
    "PoolClosed",
    "pool closed",
    "attempted to acquire",
];

fn assert_generic(body: &str, what: &str) {
    for s in INTERNALS {
        assert!(
            !body.to_lowercase().contains(&s.to_lowercase()),
            "{what}: the answer contains {s:?}: {body}"
        );
    }
}

/// The API's error shape and nothing more (API.md "Errors").
fn assert_api_shape(body: &str, what: &str) -> Value {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{what}: {e}: {body}"));
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert!(
        keys.iter()
            .all(|k| ["error", "message", "fields"].contains(&k.as_str())),
        "{what}: {body}"
    );
    assert!(v["error"].is_string() && v["message"].is_string(), "{what}");
    v
}

/// ASVS 16.5.1: requests that a parser or the framework refuses get the generic answers. The
/// framework's own rejection texts (`Failed to deserialize form body: missing field ...`) name
/// fields and types; none of that reaches the client.
#[tokio::test]
async fn r8_4_asvs_16_5_1_refused_requests_are_answered_without_internals() {
    let app = sqlite().await;
    let seller = app.seller("error_seller").await;
    let anon = app.client();
    let raw = reqwest::Client::new();
    let mut answers: Vec<(String, u16, String)> = vec![];
    let mut keep = |what: String, status: u16, body: String| answers.push((what, status, body));

    for (c, method, path, body) in [
        (
            &anon,
            Method::POST,
            "/api/session",
            json!({"pseudonym": 5, "password": []}),
        ),
        (
            &anon,
            Method::POST,
            "/api/session",
            json!({"pseudonym": "x"}),
        ),
        (
            &anon,
            Method::POST,
            "/api/accounts",
            json!({"pseudonym": "x", "password": "y", "account_type": "admin"}),
        ),
        (
            &seller,
            Method::PUT,
            "/api/account/settings",
            json!({"message_expiry_days": "soon"}),
        ),
        (
            &seller,
            Method::POST,
            "/api/ratings/submit",
            json!({"buyer": {"nested": true}}),
        ),
        (&anon, Method::PUT, "/api/session", json!({})),
    ] {
        let r = c.request(method.clone(), path, Some(body), &[]).await;
        keep(
            format!("{method} {path}"),
            r.status().as_u16(),
            r.text().await.unwrap(),
        );
    }
    // Not JSON at all, and too large (API.md: 413 too_large).
    for (what, ct, body) in [
        (
            "broken JSON",
            "application/json",
            b"{\"pseudonym\": \"x\", ".to_vec(),
        ),
        ("no content type", "", b"{}".to_vec()),
        ("300 KB", "application/json", vec![b'['; 300 * 1024]),
    ] {
        let mut rb = raw.post(format!("{}/api/session", app.base)).body(body);
        if !ct.is_empty() {
            rb = rb.header("content-type", ct);
        }
        let r = rb.send().await.unwrap();
        keep(
            what.to_owned(),
            r.status().as_u16(),
            r.text().await.unwrap(),
        );
    }
    // A form missing its fields, a form that is not UTF-8, a path that does not decode, a
    // cookie that is not a token.
    let page = anon.get_html("/login").await;
    let r = anon.post_form("/login", &csrf_in(&page), &[]).await;
    keep(
        "form without fields".into(),
        r.status().as_u16(),
        r.text().await.unwrap(),
    );
    let r = anon
        .post_form(
            "/login",
            &csrf_in(&page),
            &[("pseudonym", "\u{0}\u{1}"), ("password", "x")],
        )
        .await;
    keep(
        "control characters".into(),
        r.status().as_u16(),
        r.text().await.unwrap(),
    );
    // ASVS 13.4.3: the static folder is no directory listing (every page links app.css, but
    // only a listing would name pow.js here).
    let r = anon.get("/static/").await;
    let status = r.status().as_u16();
    let body = r.text().await.unwrap();
    assert_eq!(status, 404);
    assert!(!body.contains("pow.js"), "{body}");
    keep("static folder".into(), status, body);
    let r = seller.get("/api/buyer/%FF%FE/reputation").await;
    keep(
        "bad percent-encoding".into(),
        r.status().as_u16(),
        r.text().await.unwrap(),
    );
    let r = raw
        .get(format!("{}/api/session", app.base))
        .header("cookie", "__Host-tessera=%%%; __Host-tessera-csrf=\"x\"")
        .send()
        .await
        .unwrap();
    keep(
        "garbage cookie".into(),
        r.status().as_u16(),
        r.text().await.unwrap(),
    );

    let mut statuses: Vec<u16> = answers.iter().map(|(_, s, _)| *s).collect();
    for (what, status, body) in &answers {
        assert!((400..500).contains(status), "{what}: {status}");
        assert_generic(body, what);
        if !body.trim_start().starts_with('<') {
            assert_api_shape(body, what);
        }
    }
    statuses.sort_unstable();
    statuses.dedup();
    assert!(
        statuses.len() >= 4,
        "several kinds of refusal: {statuses:?}"
    );
}

/// ASVS 16.5.1 and 16.5.3 (fail closed), R2.9: with the database gone, a right password opens
/// no session, and every answer is the generic one ("Something went wrong on our side").
#[tokio::test]
async fn r2_9_asvs_16_5_1_16_5_3_with_the_database_gone_nothing_opens_and_nothing_leaks() {
    let app = sqlite().await;
    let seller = app.seller("outage_seller").await;
    app.store.close().await;

    let c = app.client();
    let r = c
        .post_json(
            "/api/session",
            json!({"pseudonym": "outage_seller", "password": PASSWORD}),
        )
        .await;
    assert!(!r.status().is_success(), "logged in without a database");
    assert!(r
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .all(|v| !v.to_str().unwrap().starts_with("__Host-tessera=")));
    let body = r.text().await.unwrap();
    assert_generic(&body, "login");
    assert_api_shape(&body, "login");

    let r = c
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "outage_buyer", "password": PASSWORD, "account_type": "buyer"}),
        )
        .await;
    assert_eq!(r.status(), 500);
    let body = r.text().await.unwrap();
    assert_generic(&body, "sign-up");
    let v = assert_api_shape(&body, "sign-up");
    assert_eq!(v["error"], "internal");

    let r = seller.get("/api/buyer/anyone/reputation").await;
    assert!(!r.status().is_success(), "{}", r.status());
    assert_generic(&r.text().await.unwrap(), "lookup");

    let form = app.client();
    let r = form
        .submit(
            "/login",
            "/login",
            &[("pseudonym", "outage_seller"), ("password", PASSWORD)],
        )
        .await;
    assert!(!r.status().is_redirection(), "the login form let her in");
    assert!(!form.has_cookie("__Host-tessera"));
    assert_generic(&r.text().await.unwrap(), "login form");
    // The operator sees what happened, in the log (ASVS 16.3.4).
    assert!(logs().contains("store error"));
}
