//! Response headers (SPEC R8.5, R8.6; ASVS 5.0 V3.4, V4.1.1) on every kind of answer: pages,
//! JSON, static files, redirects, errors the framework makes, and over TLS. The policy is read
//! directive by directive, not compared with the constant the server itself uses, so that a
//! weakened constant fails here.

use std::collections::BTreeMap;
use std::sync::Arc;

use reqwest::{Method, Response};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::json;
use tessera_core::SystemClock;
use tessera_store::{Location, MasterKey, Store};
use tessera_web::{AppState, Application, WebConfig};

use super::backends::sqlite;
use crate::common::*;

fn header<'a>(r: &'a Response, name: &str) -> &'a str {
    r.headers()
        .get(name)
        .unwrap_or_else(|| panic!("{} has no {name}", r.url()))
        .to_str()
        .unwrap()
}

/// ASVS 3.4.1: a max-age of at least a year, and for L2 every subdomain.
fn assert_hsts(r: &Response) {
    let v = header(r, "strict-transport-security").to_ascii_lowercase();
    let age: u64 = between(&format!("{v};"), "max-age=", ";")
        .trim()
        .parse()
        .unwrap();
    assert!(age >= 31_536_000, "{}: {v}", r.url());
    assert!(v.contains("includesubdomains"), "{}: {v}", r.url());
}

/// ASVS 3.4.3 (a global CSP with `object-src 'none'`, `base-uri 'none'` and an allowlist),
/// 3.4.6 (`frame-ancestors`), 3.4.4 (`nosniff`), 3.4.5 (referrer policy), 3.4.1 (HSTS).
fn assert_headers(r: &Response, what: &str) {
    let csp = header(r, "content-security-policy");
    let directives: BTreeMap<&str, Vec<&str>> = csp
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            words.next().map(|name| (name, words.collect()))
        })
        .collect();
    let get = |name: &str| directives.get(name).cloned();
    assert_eq!(get("default-src"), Some(vec!["'none'"]), "{what}: {csp}");
    // object-src, when not written, falls back to default-src 'none'.
    assert!(
        matches!(get("object-src").as_deref(), None | Some(["'none'"])),
        "{what}: {csp}"
    );
    assert_eq!(get("base-uri"), Some(vec!["'none'"]), "{what}: {csp}");
    assert_eq!(
        get("frame-ancestors"),
        Some(vec!["'none'"]),
        "{what}: {csp}"
    );
    assert_eq!(get("form-action"), Some(vec!["'self'"]), "{what}: {csp}");
    for d in ["script-src", "style-src", "connect-src", "img-src"] {
        for source in get(d).unwrap_or_default() {
            assert!(
                matches!(source, "'self'" | "'none'") || (d == "img-src" && source == "data:"),
                "{what}: {d} allows {source}"
            );
        }
    }
    assert_eq!(header(r, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(r, "referrer-policy"), "no-referrer", "{what}");
    if let Some(xfo) = r.headers().get("x-frame-options") {
        assert_eq!(
            xfo, "DENY",
            "{what}: an obsolete header, but not a weaker one"
        );
    }
    assert_hsts(r);
}

#[tokio::test]
async fn r8_5_asvs_3_4_3_3_4_4_3_4_5_3_4_6_security_headers_on_every_kind_of_answer() {
    let app = sqlite().await;
    let seller = app.seller("header_seller").await;
    let anon = app.client();
    let cases: Vec<(&Client, Method, &str, Option<serde_json::Value>)> = vec![
        (&anon, Method::GET, "/", None),
        (&anon, Method::GET, "/login", None),
        (&seller, Method::GET, "/dashboard", None),
        (&seller, Method::GET, "/settings", None),
        (&anon, Method::GET, "/dashboard", None),
        (&anon, Method::GET, "/static/app.js", None),
        (&anon, Method::GET, "/static/icon.svg", None),
        (&anon, Method::GET, "/nowhere", None),
        (&anon, Method::GET, "/healthz", None),
        (&anon, Method::GET, "/robots.txt", None),
        (&anon, Method::GET, "/api/session", None),
        (&seller, Method::GET, "/api/session", None),
        (&anon, Method::GET, "/api/nothing-here", None),
        (&anon, Method::GET, "/api/openapi.json", None),
        (&seller, Method::GET, "/logout", None),
        (&anon, Method::PUT, "/api/session", Some(json!({}))),
        (
            &anon,
            Method::POST,
            "/api/session",
            Some(json!({"pseudonym": 5})),
        ),
        (&anon, Method::POST, "/login", None),
    ];
    let mut statuses = vec![];
    for (c, method, path, body) in cases {
        let r = c.request(method.clone(), path, body, &[]).await;
        statuses.push(r.status().as_u16());
        assert_headers(&r, &format!("{method} {path} ({})", r.status()));
    }
    // Every kind was there: success, redirect, client errors of several sorts.
    for want in [200, 303, 400, 401, 403, 404, 405] {
        assert!(statuses.contains(&want), "no {want} among {statuses:?}");
    }
}

/// ASVS 3.4.1, R8.5 and R8.6: with `--tls-cert`, the answers that reach a browser over TLS (the
/// only ones it keeps HSTS from) carry it, with a year or more and every subdomain.
#[tokio::test]
async fn r8_5_r8_6_asvs_3_4_1_hsts_over_tls() {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let der = CertificateDer::from(cert.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.key_pair.serialize_der()));
    let tls = tessera_web::tls::from_parts(vec![der.clone()], key).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        &Location::Sqlite {
            data_dir: dir.path().to_owned(),
        },
        &MasterKey::generate(),
    )
    .await
    .unwrap();
    let state = AppState::new(store, Arc::new(SystemClock), WebConfig::default());
    let app = Application::bind(state, "127.0.0.1:0".parse().unwrap(), Some(tls))
        .await
        .unwrap();
    let addr = app.local_addr().unwrap();
    tokio::spawn(app.run());
    let http = reqwest::Client::builder()
        .use_rustls_tls()
        .add_root_certificate(reqwest::Certificate::from_der(&der).unwrap())
        .resolve("localhost", addr)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for path in [
        "/",
        "/login",
        "/api/session",
        "/dashboard",
        "/static/app.css",
    ] {
        let r = http
            .get(format!("https://localhost:{}{path}", addr.port()))
            .send()
            .await
            .unwrap();
        assert_headers(&r, &format!("https {path} ({})", r.status()));
    }
}

type Headers<'a> = &'a [(&'a str, &'a str)];

/// ASVS 3.4.2: no CORS grant of any kind, for any origin, so another site's script can read no
/// answer (a session's CSRF token from `GET /api/session`, a lookup) and send nothing that
/// needs a preflight.
#[tokio::test]
async fn r8_5_asvs_3_4_2_no_cross_origin_grants() {
    let app = sqlite().await;
    let seller = app.seller("cors_seller").await;
    let evil = [("origin", "https://evil.example")];
    let preflight = [
        ("origin", "https://evil.example"),
        ("access-control-request-method", "POST"),
        (
            "access-control-request-headers",
            "content-type, x-csrf-token",
        ),
    ];
    let cases: [(Method, &str, Headers); 5] = [
        (Method::GET, "/api/session", &evil),
        (Method::GET, "/api/openapi.json", &evil),
        (Method::GET, "/dashboard", &evil),
        (Method::OPTIONS, "/api/session", &preflight),
        (Method::OPTIONS, "/api/invitations", &preflight),
    ];
    for (method, path, headers) in cases {
        let r = seller.request(method.clone(), path, None, headers).await;
        let grants: Vec<_> = r
            .headers()
            .keys()
            .filter(|k| k.as_str().starts_with("access-control-"))
            .collect();
        assert!(grants.is_empty(), "{method} {path}: {grants:?}");
        if method == Method::OPTIONS {
            assert!(!r.status().is_success(), "{method} {path}: {}", r.status());
        }
    }
}

/// ASVS 4.1.1, R8.5: every answer with a body says what it is, and for text an explicit UTF-8
/// charset (JSON has no charset parameter: RFC 8259 fixes UTF-8).
#[tokio::test]
async fn r8_5_asvs_4_1_1_every_answer_names_its_type_and_charset() {
    let app = sqlite().await;
    let seller = app.seller("type_seller").await;
    let anon = app.client();
    let html = "text/html; charset=utf-8";
    let cases: [(&Client, Method, &str, Option<serde_json::Value>, &str); 13] = [
        (&anon, Method::GET, "/", None, html),
        (&seller, Method::GET, "/settings", None, html),
        (&anon, Method::GET, "/nowhere", None, html),
        (&anon, Method::POST, "/login", None, html),
        (
            &anon,
            Method::GET,
            "/healthz",
            None,
            "text/plain; charset=utf-8",
        ),
        (
            &anon,
            Method::GET,
            "/robots.txt",
            None,
            "text/plain; charset=utf-8",
        ),
        (
            &anon,
            Method::GET,
            "/static/app.css",
            None,
            "text/css; charset=utf-8",
        ),
        (
            &anon,
            Method::GET,
            "/static/app.js",
            None,
            "text/javascript; charset=utf-8",
        ),
        (
            &seller,
            Method::GET,
            "/api/session",
            None,
            "application/json",
        ),
        (&anon, Method::GET, "/api/session", None, "application/json"),
        (
            &anon,
            Method::GET,
            "/api/openapi.json",
            None,
            "application/json",
        ),
        (
            &anon,
            Method::PUT,
            "/api/session",
            Some(json!({})),
            "application/json",
        ),
        (
            &anon,
            Method::POST,
            "/api/session",
            Some(json!({"pseudonym": []})),
            "application/json",
        ),
    ];
    for (c, method, path, body, want) in cases {
        let r = c.request(method.clone(), path, body, &[]).await;
        let got = header(&r, "content-type")
            .to_ascii_lowercase()
            .replace(' ', "");
        let want_norm = want.replace(' ', "");
        if want == "application/json" {
            // Either bare, or with the only charset JSON can have.
            assert!(
                got == "application/json" || got == "application/json;charset=utf-8",
                "{method} {path}: {got}"
            );
            let body = r.text().await.unwrap();
            serde_json::from_str::<serde_json::Value>(&body)
                .unwrap_or_else(|e| panic!("{method} {path} is not JSON ({e}): {body}"));
        } else {
            assert_eq!(got, want_norm, "{method} {path}");
        }
    }
}
