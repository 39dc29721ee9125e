//! Cross-site requests (SPEC R2.8; ASVS 5.0 V3.5, 7.6.2): what another site can make a
//! browser send without a preflight (a `text/plain` or form POST, with a foreign `Origin`,
//! `Origin: null` or none) logs nobody in and changes nothing, even if the browser attached the
//! session cookie (an old browser without `SameSite`, or a same-site attacker).

use reqwest::header::{CONTENT_TYPE, COOKIE, ORIGIN, SET_COOKIE};
use reqwest::{RequestBuilder, Response, StatusCode};
use serde_json::json;

use super::backends::{each_backend, Backend};
use crate::common::*;

const ORIGINS: [Option<&str>; 3] = [Some("https://evil.example"), Some("null"), None];

/// A client of another site's making: no cookie jar, no CSRF token, no redirects followed.
fn foreign() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn with_origin(rb: RequestBuilder, origin: Option<&str>) -> RequestBuilder {
    match origin {
        Some(o) => rb.header(ORIGIN, o),
        None => rb,
    }
}

fn assert_no_session(r: &Response, what: &str) {
    assert!(
        r.status().is_client_error(),
        "{what}: refused, got {}",
        r.status()
    );
    for v in r.headers().get_all(SET_COOKIE) {
        assert!(
            !v.to_str().unwrap().starts_with("__Host-tessera="),
            "{what}: set a session cookie"
        );
    }
}

/// ASVS 3.5.1, 3.5.2 and 7.6.2 (no session without the user's own action), R2.8: login CSRF
/// (logging the victim into the attacker's account, to read what she then types) and sign-up
/// CSRF, by requests that need no preflight.
#[tokio::test]
async fn r2_8_asvs_3_5_1_3_5_2_7_6_2_a_cross_site_text_plain_post_logs_nobody_in() {
    each_backend(|app| async move {
        app.buyer("attacker_acct").await;
        let http = foreign();
        let creds = json!({"pseudonym": "attacker_acct", "password": PASSWORD}).to_string();
        let form = format!(
            "pseudonym=attacker_acct&password={}",
            PASSWORD.replace(' ', "+")
        );
        for (i, origin) in ORIGINS.iter().enumerate() {
            let what = |s: &str| format!("{s} with Origin {origin:?} on {}", app.name);
            // The API's login with a JSON body sent as text/plain (a form with
            // enctype=text/plain can produce exactly this body).
            let r = with_origin(http.post(format!("{}/api/session", app.base)), *origin)
                .header(CONTENT_TYPE, "text/plain")
                .body(creds.clone())
                .send()
                .await
                .unwrap();
            assert_no_session(&r, &what("text/plain POST /api/session"));
            // The login form, as text/plain and as a plain form post, without the anonymous
            // CSRF cookie and token (SameSite=Strict keeps the cookie from a cross-site post).
            for ct in ["text/plain", "application/x-www-form-urlencoded"] {
                let r = with_origin(http.post(format!("{}/login", app.base)), *origin)
                    .header(CONTENT_TYPE, ct)
                    .body(form.clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", what(ct));
                assert_no_session(&r, &what(&format!("{ct} POST /login")));
            }
            // Sign-up as text/plain makes no account.
            let name = format!("csrf_made_{i}");
            let r = with_origin(http.post(format!("{}/api/accounts", app.base)), *origin)
                .header(CONTENT_TYPE, "text/plain")
                .body(
                    json!({"pseudonym": name, "password": PASSWORD, "account_type": "buyer"})
                        .to_string(),
                )
                .send()
                .await
                .unwrap();
            assert_no_session(&r, &what("text/plain POST /api/accounts"));
            assert!(
                app.store
                    .account_by_pseudonym(&name)
                    .await
                    .unwrap()
                    .is_none(),
                "{}",
                what("sign-up")
            );
        }
        // The same credentials as the site's own script sends them do log in: the refusals
        // above are about the kind of request, not the credentials.
        let r = http
            .post(format!("{}/api/session", app.base))
            .json(&json!({"pseudonym": "attacker_acct", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .any(|v| v.to_str().unwrap().starts_with("__Host-tessera=")));
    })
    .await;
}

/// A POST carrying the victim's session cookie but no CSRF token, as another site could make
/// her browser send it if the cookie went along.
async fn forged(
    app: &Backend,
    token: &str,
    path: &str,
    ct: &str,
    body: &str,
    origin: Option<&str>,
) -> Response {
    with_origin(foreign().post(format!("{}{path}", app.base)), origin)
        .header(COOKIE, format!("__Host-tessera={token}"))
        .header(CONTENT_TYPE, ct)
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

/// ASVS 3.5.1, R2.8: with the session cookie attached but no token, nothing changes: no
/// invitation (API), no new password, no deletion, no logout (forms).
#[tokio::test]
async fn r2_8_asvs_3_5_1_a_cross_site_post_riding_the_session_cookie_changes_nothing() {
    each_backend(|app| async move {
        let victim = app.seller("csrf_victim").await;
        let token = victim.cookie_value();
        let before = app.password_hash("csrf_victim").await;
        let pw = PASSWORD.replace(' ', "+");
        for origin in ORIGINS {
            let attempts = [
                ("/api/invitations", "text/plain", "{}".to_owned()),
                (
                    "/api/invitations",
                    "application/x-www-form-urlencoded",
                    String::new(),
                ),
                (
                    "/settings/password",
                    "application/x-www-form-urlencoded",
                    format!("current_password={pw}&new_password=juniper+orchard+copper+violin"),
                ),
                (
                    "/settings/delete",
                    "application/x-www-form-urlencoded",
                    format!("current_password={pw}&confirm=on"),
                ),
                ("/logout", "text/plain", String::new()),
                ("/settings/invitations", "text/plain", String::new()),
            ];
            for (path, ct, body) in attempts {
                let r = forged(&app, &token, path, ct, &body, origin).await;
                assert_eq!(
                    r.status(),
                    StatusCode::FORBIDDEN,
                    "{path} as {ct} with Origin {origin:?} on {}",
                    app.name
                );
            }
        }
        // Nothing changed: the session is alive, the password is the old one, the account is
        // there, and all three invitations a seller may hold are still free to create.
        assert_eq!(victim.get("/api/session").await.status(), 200);
        assert_eq!(app.password_hash("csrf_victim").await, before);
        for _ in 0..3 {
            let r = victim.post_json("/api/invitations", json!({})).await;
            assert_eq!(
                r.status(),
                201,
                "no forged invitation took a place ({})",
                app.name
            );
        }
        assert_eq!(
            victim
                .post_json("/api/invitations", json!({}))
                .await
                .status(),
            409
        );
    })
    .await;
}
