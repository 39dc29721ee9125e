//! Cookies (SPEC R2.7, R2.8; ASVS 5.0 V3.3): every cookie the server sets, session and
//! anonymous CSRF alike, setting or clearing, is `__Host-` prefixed, `Secure`, `HttpOnly`,
//! `SameSite=Strict`, `Path=/` and has no `Domain`, so no other host (a sibling subdomain
//! included) can read, set or overwrite it and no other site's request carries it.

use reqwest::header::SET_COOKIE;
use reqwest::Response;
use serde_json::json;

use super::backends::sqlite;
use crate::common::*;

fn set_cookies(r: &Response) -> Vec<String> {
    r.headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

/// ASVS 3.3.1 (`Secure` and a `__Host-` or `__Secure-` name), 3.3.2 (`SameSite` by purpose:
/// `Strict` for both, as neither is needed on a cross-site navigation), 3.3.3 (`__Host-`),
/// 3.3.4 (`HttpOnly`: no script needs either value). Returns the cookie's name.
fn check(raw: &str, answer: &str) -> String {
    let mut parts = raw.split(';').map(str::trim);
    let (name, _) = parts.next().unwrap().split_once('=').unwrap();
    let attrs: Vec<String> = parts.map(str::to_ascii_lowercase).collect();
    let has = |a: &str| attrs.iter().any(|x| x == a);
    assert!(name.starts_with("__Host-"), "{answer}: {raw}");
    assert!(has("secure"), "{answer}: {raw}");
    assert!(has("httponly"), "{answer}: {raw}");
    assert!(has("samesite=strict"), "{answer}: {raw}");
    assert!(has("path=/"), "{answer}: {raw}");
    assert!(
        !attrs.iter().any(|a| a.starts_with("domain")),
        "{answer}: {raw}"
    );
    name.to_owned()
}

#[tokio::test]
async fn r2_7_r2_8_asvs_3_3_1_to_3_3_4_every_cookie_is_host_only_secure_httponly_strict() {
    let app = sqlite().await;
    let mut seen: Vec<(String, String)> = vec![];
    let mut keep = |answer: &str, r: &Response| {
        for raw in set_cookies(r) {
            seen.push((answer.to_owned(), raw));
        }
    };
    // The anonymous CSRF cookie of a first page view.
    let anon = app.client();
    keep("GET /login", &anon.get("/login").await);
    // Sign-up through the form logs in.
    let r = anon
        .submit(
            "/signup",
            "/signup",
            &[("pseudonym", "cookie_jar"), ("password", PASSWORD)],
        )
        .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    keep("POST /signup", &r);
    // Logout through the form clears it.
    let r = anon.submit("/dashboard", "/logout", &[]).await;
    keep("POST /logout", &r);
    // Login through the form and through the API; logout through the API.
    let r = anon
        .submit(
            "/login",
            "/login",
            &[("pseudonym", "cookie_jar"), ("password", PASSWORD)],
        )
        .await;
    keep("POST /login", &r);
    let api = app.client();
    let r = api
        .post_json(
            "/api/session",
            json!({"pseudonym": "cookie_jar", "password": PASSWORD}),
        )
        .await;
    keep("POST /api/session", &r);
    let body: serde_json::Value = r.json().await.unwrap();
    *api.csrf.lock().unwrap() = Some(body["csrf_token"].as_str().unwrap().to_owned());
    keep(
        "DELETE /api/session",
        &api.delete_json("/api/session", None).await,
    );

    let mut names: Vec<String> = seen.iter().map(|(a, raw)| check(raw, a)).collect();
    names.sort();
    names.dedup();
    assert_eq!(
        names,
        ["__Host-tessera", "__Host-tessera-csrf"],
        "the two cookies, and no other: {seen:?}"
    );
    // Setting and clearing both seen for the session cookie (a clearing cookie without these
    // attributes would be refused by browsers and leave the session cookie in place).
    let session: Vec<&String> = seen
        .iter()
        .map(|(_, raw)| raw)
        .filter(|raw| raw.starts_with("__Host-tessera="))
        .collect();
    assert!(session.iter().any(|raw| raw.contains("Max-Age=0")));
    assert!(session.len() >= 5, "{session:?}");
}
