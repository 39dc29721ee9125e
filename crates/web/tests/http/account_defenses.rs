//! Issue 11 (OWASP ASVS 5.0 L2) over HTTP: each defect the audit found, with the ASVS id and the
//! SPEC id it proves. The two-process halves are in `tests/binary.rs` and the store's
//! conformance suite (`attempts.rs`).

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use tessera_app::accounts::totp::code_at;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::common::*;

async fn status_of(r: reqwest::Response) -> (StatusCode, Value) {
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

/// Turns TOTP on for an account directly in the store; the secret, to make codes with.
async fn with_totp(app: &TestApp, name: &str) -> Vec<u8> {
    let secret = tessera_app::accounts::totp::new_secret();
    let id = app
        .store
        .account_by_pseudonym(&name.to_lowercase())
        .await
        .unwrap()
        .unwrap()
        .id;
    app.store.set_totp_secret(id, Some(&secret)).await.unwrap();
    secret
}

/// A current code, in a time step of its own (each code works once, R2.5).
fn fresh_code(app: &TestApp, secret: &[u8]) -> String {
    app.clock.advance(time::Duration::seconds(30));
    code_at(secret, app.state.now())
}

#[tokio::test]
async fn r2_8_asvs_3_7_2_login_never_redirects_off_site() {
    let app = spawn_app().await;
    app.buyer("Wanderer").await;
    // Logged in: GET /login?next=... redirects at once.
    let c = app.client();
    c.login("Wanderer", PASSWORD).await;
    for next in [
        "/%09/evil.example",
        "/%0a/evil.example",
        "//evil.example",
        "/%5Cevil.example",
    ] {
        let r = c.get(&format!("/login?next={next}")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(r.headers()["location"], "/dashboard", "{next}");
    }
    let r = c.get("/login?next=/settings").await;
    assert_eq!(r.headers()["location"], "/settings");
    // The form login: a raw tab in the hidden field.
    let anon = app.client();
    let r = anon
        .submit(
            "/login",
            "/login",
            &[
                ("pseudonym", "Wanderer"),
                ("password", PASSWORD),
                ("next", "/\t/evil.example"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/dashboard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r2_9_asvs_6_3_1_parallel_wrong_logins_are_evaluated_at_most_ten_times() {
    let app = spawn_app_with(|c| c.limits.ip_per_minute = 0).await;
    app.buyer("Besieged").await;
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let c = app.client();
            tokio::spawn(async move {
                c.post_json(
                    "/api/session",
                    json!({"pseudonym": "Besieged", "password": format!("wrong guess {i}")}),
                )
                .await
                .status()
                .as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    // The clock stands still, so after ten recorded attempts every other one must wait.
    assert_eq!(
        statuses.iter().filter(|s| **s == 401).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        90,
        "{statuses:?}"
    );
    // ASVS 16.3.1: the failures and the throttling are in the log, with their route.
    let logs = logs();
    assert!(logs
        .lines()
        .any(|l| l.contains("event=\"login_failed\"") && l.contains("route=/api/session")));
    assert!(logs
        .lines()
        .any(|l| l.contains("event=\"throttled\"") && l.contains("route=/api/session")));
    assert_logs_free_of(&["Besieged", "besieged", "wrong guess"]);
}

#[tokio::test]
async fn r2_10_asvs_6_3_4_reauthentication_is_throttled() {
    let app = spawn_app().await;
    let c = app.buyer("Phoneholder").await;
    for _ in 0..10 {
        let (s, v) = status_of(
            c.delete_json("/api/account", Some(json!({"password": "a guess at it"})))
                .await,
        )
        .await;
        assert_eq!(
            (s, v["error"].as_str()),
            (StatusCode::FORBIDDEN, Some("reauthentication_failed"))
        );
    }
    // Even the right password must now wait; nothing was deleted.
    let r = c
        .delete_json("/api/account", Some(json!({"password": PASSWORD})))
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().get("retry-after").is_some());
    assert_eq!(c.get("/api/session").await.status(), StatusCode::OK);
    // The same count as logins (R2.9): the login is throttled too.
    let other = app.client();
    let r = other
        .post_json(
            "/api/session",
            json!({"pseudonym": "Phoneholder", "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(logs().lines().any(
        |l| l.contains("event=\"reauthentication_failed\"") && l.contains("route=/api/account")
    ));
    // Never a permanent lock.
    app.clock.advance(time::Duration::seconds(3));
    let r = c
        .delete_json("/api/account", Some(json!({"password": PASSWORD})))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn r2_7_asvs_7_4_3_end_all_other_sessions() {
    let app = spawn_app().await;
    let a = app.buyer("Manyplaces").await;
    let b = app.client();
    b.login("Manyplaces", PASSWORD).await;
    let r = a
        .post_json(
            "/api/account/sessions/end-others",
            json!({"password": "not the password"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(b.get("/api/session").await.status(), StatusCode::OK);
    let r = a
        .post_json(
            "/api/account/sessions/end-others",
            json!({"password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        b.get("/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(a.get("/api/session").await.status(), StatusCode::OK);
    // The settings page offers it too.
    b.login("Manyplaces", PASSWORD).await;
    let page = a.get_html("/settings").await;
    assert!(page.contains("name=\"which\" value=\"others\""));
    let r = a
        .post_form(
            "/settings/sessions/end",
            &csrf_in(&page),
            &[("which", "others"), ("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        b.get("/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert!(logs()
        .lines()
        .any(|l| l.contains("event=\"sessions_ended\"")));
}

#[tokio::test]
async fn r2_10_asvs_7_5_1_with_totp_on_sensitive_changes_need_a_current_code() {
    let app = spawn_app().await;
    let a = app.seller("Stepper").await;
    let b = app.client();
    b.login("Stepper", PASSWORD).await;
    let secret = with_totp(&app, "Stepper").await;
    let end_others = |body: Value| a.post_json("/api/account/sessions/end-others", body);
    // The password alone, or with a wrong code, is not enough.
    for body in [
        json!({"password": PASSWORD}),
        json!({"password": PASSWORD, "totp": "000000"}),
        json!({"password": "not the password", "totp": fresh_code(&app, &secret)}),
    ] {
        let (s, v) = status_of(end_others(body).await).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        assert_eq!(v["error"], "reauthentication_failed");
    }
    assert_eq!(b.get("/api/session").await.status(), StatusCode::OK);
    let r = end_others(json!({"password": PASSWORD, "totp": fresh_code(&app, &secret)})).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        b.get("/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );
    // The settings forms ask for the code; without it nothing changes.
    let page = a.get_html("/settings").await;
    for id in ["totp_disable", "totp_codes", "totp_delete"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
    }
    let r = a
        .post_form(
            "/settings/totp/disable",
            &csrf_in(&page),
            &[("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = a
        .post_form(
            "/settings/recovery-codes",
            &csrf_in(&page),
            &[("current_password", PASSWORD), ("totp", "123456")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let code = fresh_code(&app, &secret);
    let r = a
        .post_form(
            "/settings/totp/disable",
            &csrf_in(&page),
            &[("current_password", PASSWORD), ("totp", &code)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        !app.store
            .account_by_pseudonym("stepper")
            .await
            .unwrap()
            .unwrap()
            .totp_enabled
    );
    // Deleting needs the code while TOTP is on; now it is off, the password does.
    let r = a
        .delete_json("/api/account", Some(json!({"password": PASSWORD})))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn r2_6_asvs_7_4_3_recovery_by_code_ends_every_session() {
    let app = spawn_app().await;
    let c = app.client();
    let r = c
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "Forgetful", "password": PASSWORD, "account_type": "buyer", "recovery_codes": true}),
        )
        .await;
    let codes: Vec<String> =
        serde_json::from_value(r.json::<Value>().await.unwrap()["recovery_codes"].clone()).unwrap();
    let old = app.client();
    old.login("Forgetful", PASSWORD).await;
    // Warm the session cache, so the ending must empty it too.
    assert_eq!(old.get("/api/session").await.status(), StatusCode::OK);
    let salt = app
        .store
        .recovery_code_salt(
            app.store
                .account_by_pseudonym("forgetful")
                .await
                .unwrap()
                .unwrap()
                .id,
        )
        .await
        .unwrap();
    assert_eq!(salt.map(|s| s.len()), Some(16), "ASVS 6.5.2: salted");
    let new_password = "amber harbour ninety kites";
    let r = app
        .client()
        .submit(
            "/recover",
            "/recover/code",
            &[
                ("pseudonym", "Forgetful"),
                ("code", &codes[0]),
                ("new_password", new_password),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        old.get("/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );
    app.client().login("Forgetful", new_password).await;
    assert!(logs()
        .lines()
        .any(|l| l.contains("event=\"recovery_used\"") && l.contains("route=/recover/code")));
    assert_logs_free_of(&[&codes[0], new_password]);
}

#[tokio::test]
async fn r2_6_asvs_6_4_3_totp_on_a_recovery_link_is_limited_and_the_link_revoked() {
    let app = spawn_app().await;
    let c = app.client();
    let r = c
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "Mailbox", "password": PASSWORD, "account_type": "buyer", "recovery_email": "mailbox@example.org"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let old = app.client();
    old.login("Mailbox", PASSWORD).await;
    let secret = with_totp(&app, "Mailbox").await;
    let link = || async {
        tessera_app::accounts::start_email_recovery(&app.state, "Mailbox", "mailbox@example.org")
            .await
            .unwrap()
            .expect("the address matches")
            .token
    };
    let new_password = "amber harbour ninety kites";
    let try_code = |token: String, code: String| {
        let c = app.client();
        async move {
            let path = format!("/recover/{token}");
            c.submit(
                &path,
                &path,
                &[("new_password", new_password), ("totp", &code)],
            )
            .await
            .status()
        }
    };
    let token = link().await;
    // Four wrong codes: refused, the link still works.
    for _ in 0..4 {
        assert_eq!(
            try_code(token.clone(), "000000".into()).await,
            StatusCode::FORBIDDEN
        );
    }
    let page = app.client().get_html(&format!("/recover/{token}")).await;
    assert!(page.contains("name=\"totp\""));
    // The fifth revokes it: not even the right code works afterwards.
    assert_eq!(
        try_code(token.clone(), "000000".into()).await,
        StatusCode::FORBIDDEN
    );
    let right = fresh_code(&app, &secret);
    assert_eq!(try_code(token.clone(), right).await, StatusCode::FORBIDDEN);
    assert!(logs()
        .lines()
        .any(|l| l.contains("event=\"recovery_link_revoked\"")));
    assert_eq!(
        old.get("/api/session").await.status(),
        StatusCode::OK,
        "nothing changed"
    );
    // The failures counted against the login throttle too (R2.9): five of ten are used.
    let (n, _) = app
        .store
        .count_events(
            tessera_store::events::LOGIN_FAILURE,
            &app.store.crypto().keyed_hash("login", b"mailbox"),
            0,
        )
        .await
        .unwrap();
    assert_eq!(n, 5);
    // A new link with the right code works, and ends every session (ASVS 7.4.3).
    let token = link().await;
    let right = fresh_code(&app, &secret);
    assert_eq!(try_code(token, right).await, StatusCode::SEE_OTHER);
    assert_eq!(
        old.get("/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r4_5_asvs_6_3_1_parallel_code_attempts_are_evaluated_at_most_the_limit() {
    let app = spawn_app_with(|c| c.limits.ip_per_minute = 0).await;
    app.seller("Codeholder").await;
    let buyer = std::sync::Arc::new(app.buyer("Codeguesser").await);
    let tasks: Vec<_> = (0..30)
        .map(|i| {
            let b = buyer.clone();
            tokio::spawn(async move {
                b.post_json(
                    "/api/ratings/verify_code",
                    json!({"seller": "Codeholder", "code": format!("{:06}", 100_000 + i)}),
                )
                .await
                .status()
                .as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    // The default limit is 5 attempts an hour (R4.5).
    assert_eq!(
        statuses.iter().filter(|s| **s == 422).count(),
        5,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        25,
        "{statuses:?}"
    );
}

#[tokio::test]
async fn asvs_6_3_3_sellers_must_turn_totp_on_when_the_operator_requires_it() {
    let app = spawn_app_with(|c| c.require_seller_totp = true).await;
    let seller = app.seller("Obliged").await;
    let r = seller.get("/dashboard").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/settings/totp");
    let (s, v) = status_of(seller.get("/api/seller/me/reputation").await).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("totp_required"))
    );
    assert_eq!(
        seller.get("/settings").await.status(),
        StatusCode::SEE_OTHER
    );
    // Buyers are not affected.
    let buyer = app.buyer("Unobliged").await;
    assert_eq!(buyer.get("/dashboard").await.status(), StatusCode::OK);
    // The enrolment page is the one page she gets; a code turns TOTP on and frees the rest.
    let html = seller.get_html("/settings/totp").await;
    let secret_b32 = between(&html, "id=\"totp-secret\" class=\"wrap\">", "<").to_owned();
    let secret = data_encoding::BASE32_NOPAD
        .decode(secret_b32.trim_end_matches('=').as_bytes())
        .unwrap();
    let sealed = between(&html, "name=\"sealed\" value=\"", "\"").to_owned();
    let r = seller
        .post_form(
            "/settings/totp/confirm",
            &csrf_in(&html),
            &[
                ("sealed", &sealed),
                ("code", "000000"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let again = r.text().await.unwrap();
    assert!(
        again.contains(&secret_b32),
        "the same secret is shown again"
    );
    let code = code_at(&secret, app.state.now());
    let r = seller
        .post_form(
            "/settings/totp/confirm",
            &csrf_in(&html),
            &[
                ("sealed", &sealed),
                ("code", &code),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(seller.get("/dashboard").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn asvs_15_2_2_slow_headers_and_slow_bodies_are_cut_off() {
    let app = spawn_app_with(|c| {
        c.header_read_timeout = Duration::from_millis(500);
        c.request_timeout = Duration::from_millis(800);
    })
    .await;
    let addr = app.base.trim_start_matches("http://").to_owned();
    // Headers that never finish: the connection is closed.
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the server kept waiting for the headers");
    // A body that never finishes: 408 in the API's error shape.
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    s.write_all(
        b"POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"pseud",
    )
    .await
    .unwrap();
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
        .await
        .expect("an answer before the client gives up")
        .unwrap();
    let answer = String::from_utf8_lossy(&buf[..n]);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("request_timeout"), "{answer}");
}

#[tokio::test]
async fn r2_8_asvs_16_3_2_csrf_and_origin_refusals_are_logged() {
    let app = spawn_app().await;
    let c = app.buyer("Refused").await;
    // No CSRF token on a state change of the API.
    *c.csrf.lock().unwrap() = None;
    let r = c
        .post_json(
            "/api/account/sessions/end-others",
            json!({"password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A foreign Origin.
    let r = app
        .client()
        .request(
            reqwest::Method::POST,
            "/api/session",
            Some(json!({"pseudonym": "Refused", "password": PASSWORD})),
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let logs = logs();
    assert!(logs.lines().any(|l| l.contains("event=\"csrf_refused\"")
        && l.contains("route=/api/account/sessions/end-others")));
    assert!(logs
        .lines()
        .any(|l| l.contains("event=\"origin_refused\"") && l.contains("route=/api/session")));
    assert_logs_free_of(&["evil.example"]);
}
