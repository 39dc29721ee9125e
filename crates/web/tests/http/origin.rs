//! R2.8, issue 10 part 4: the Origin check compares scheme and authority with the site's base
//! URL, over HTTP/2 (no `Host` header: the authority is in the URI) as over HTTP/1.1.

use std::net::SocketAddr;
use std::sync::Arc;

use reqwest::{StatusCode, Version};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::json;
use tessera_core::SystemClock;
use tessera_store::{Location, MasterKey, Store};
use tessera_web::{AppState, Application, WebConfig};

use crate::common::PASSWORD;

struct Server {
    addr: SocketAddr,
    cert: Option<CertificateDer<'static>>,
    _dir: tempfile::TempDir,
}

/// The real application on port 0, with TLS or not. `base_url` gets the bound port; `None`
/// leaves it derived (as `tessera serve` does without `--base-url`).
async fn serve(tls: bool, base_url: Option<&str>) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tls_cfg, cert) = if tls {
        let c = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        let der = CertificateDer::from(c.cert.der().to_vec());
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(c.key_pair.serialize_der()));
        (
            Some(tessera_web::tls::from_parts(vec![der.clone()], key).unwrap()),
            Some(der),
        )
    } else {
        (None, None)
    };
    let scheme = if tls { "https" } else { "http" };
    let config = WebConfig {
        base_url: match base_url {
            Some(host) => format!("{scheme}://{host}:{}", addr.port()),
            None => format!("{scheme}://{addr}"),
        },
        base_url_configured: base_url.is_some(),
        pow_bits: 8,
        ..WebConfig::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        &Location::Sqlite {
            data_dir: dir.path().to_owned(),
        },
        &MasterKey::generate(),
    )
    .await
    .unwrap();
    let state = AppState::new(store, Arc::new(SystemClock), config);
    tokio::spawn(Application::from_listener(state, listener, tls_cfg).run());
    Server {
        addr,
        cert,
        _dir: dir,
    }
}

impl Server {
    /// A client speaking HTTP/2 (ALPN over TLS, prior knowledge over plain TCP) or HTTP/1.1
    /// only; `localhost` resolves to the server.
    fn client(&self, h2: bool) -> reqwest::Client {
        let mut b = reqwest::Client::builder()
            .use_rustls_tls()
            .resolve("localhost", self.addr);
        if let Some(der) = &self.cert {
            b = b.add_root_certificate(reqwest::Certificate::from_der(der).unwrap());
        }
        b = if h2 {
            if self.cert.is_some() {
                b
            } else {
                b.http2_prior_knowledge()
            }
        } else {
            b.http1_only()
        };
        b.build().unwrap()
    }

    fn url(&self, path: &str) -> String {
        let scheme = if self.cert.is_some() { "https" } else { "http" };
        format!("{scheme}://localhost:{}{path}", self.addr.port())
    }

    fn origin(&self, scheme: &str, host: &str) -> String {
        format!("{scheme}://{host}:{}", self.addr.port())
    }
}

/// A buyer sign-up (a state-changing POST that needs no session) with this `Origin`; returns
/// the status and checks the protocol actually spoken.
async fn sign_up(s: &Server, h2: bool, name: &str, origin: &str) -> StatusCode {
    let r = s
        .client(h2)
        .post(s.url("/api/accounts"))
        .header("origin", origin)
        .json(&json!({"pseudonym": name, "password": PASSWORD, "account_type": "buyer"}))
        .send()
        .await
        .unwrap();
    let want = if h2 {
        Version::HTTP_2
    } else {
        Version::HTTP_11
    };
    assert_eq!(r.version(), want, "the protocol spoken");
    r.status()
}

#[tokio::test]
async fn issue10_r2_8_origin_is_checked_against_the_base_url_over_h2_and_http1() {
    // TLS offers h2 and http/1.1 (ALPN); the base URL is configured as https://localhost:PORT.
    let s = serve(true, Some("localhost")).await;
    for (h2, tag) in [(true, "htwo"), (false, "hone")] {
        let same = s.origin("https", "localhost");
        assert_eq!(
            sign_up(&s, h2, &format!("{tag}_same"), &same).await,
            StatusCode::CREATED,
            "a same-origin POST passes (h2: {h2})"
        );
        // The default port written out is the same origin only for 443; a different port is not.
        for bad in [
            "https://evil.example".to_owned(),
            s.origin("https", "evil.example"),
            // The right authority with the wrong scheme (an http page posting to https).
            s.origin("http", "localhost"),
            "https://localhost".to_owned(),
            "localhost".to_owned(),
        ] {
            assert_eq!(
                sign_up(&s, h2, &format!("{tag}_bad"), &bad).await,
                StatusCode::FORBIDDEN,
                "Origin {bad} is refused (h2: {h2})"
            );
        }
        // No Origin, or `null` (sent under no-referrer): the token rules decide (R2.8).
        assert_eq!(
            sign_up(&s, h2, &format!("{tag}_null"), "null").await,
            StatusCode::CREATED
        );
    }
}

#[tokio::test]
async fn issue10_r2_8_derived_base_url_accepts_the_addressed_authority_over_h2() {
    // Without --base-url the base URL names the bound address (https://127.0.0.1:PORT); a browser
    // on https://localhost:PORT is same-origin with what it addressed: over h2 the authority
    // comes from the URI, over HTTP/1.1 from Host.
    let s = serve(true, None).await;
    for (h2, tag) in [(true, "dhtwo"), (false, "dhone")] {
        for (host, n) in [("localhost", "a"), ("127.0.0.1", "b")] {
            assert_eq!(
                sign_up(&s, h2, &format!("{tag}_{n}"), &s.origin("https", host)).await,
                StatusCode::CREATED,
                "Origin https://{host} (h2: {h2})"
            );
        }
        assert_eq!(
            sign_up(&s, h2, &format!("{tag}_c"), &s.origin("http", "localhost")).await,
            StatusCode::FORBIDDEN,
            "wrong scheme (h2: {h2})"
        );
        assert_eq!(
            sign_up(
                &s,
                h2,
                &format!("{tag}_d"),
                &s.origin("https", "evil.example")
            )
            .await,
            StatusCode::FORBIDDEN,
            "foreign host (h2: {h2})"
        );
    }
}

#[tokio::test]
async fn issue10_r2_8_plain_http_h2c_and_http1_refuse_an_https_origin() {
    // Behind a proxy without --base-url the server speaks http: an https Origin is another
    // origin (the operator guide says to set base_url there).
    let s = serve(false, None).await;
    for (h2, tag) in [(true, "phtwo"), (false, "phone")] {
        assert_eq!(
            sign_up(&s, h2, &format!("{tag}_a"), &s.origin("http", "localhost")).await,
            StatusCode::CREATED
        );
        assert_eq!(
            sign_up(&s, h2, &format!("{tag}_b"), &s.origin("https", "localhost")).await,
            StatusCode::FORBIDDEN
        );
    }
}
