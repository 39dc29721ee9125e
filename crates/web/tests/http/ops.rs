//! The operator's probes and metrics (SPEC R9.6): `/healthz`, `/readyz`, and `/metrics` behind a
//! token or on the admin listener, with aggregate counters and latency histograms only: no
//! label carries a pseudonym, an id or an address.

use std::collections::BTreeSet;

use reqwest::Method;
use secrecy::SecretString;
use serde_json::json;

use crate::common::{spawn_app, spawn_app_with, Client};

const TOKEN: &str = "0123456789abcdef0123456789abcdef-metrics";

/// Every label name and value of a Prometheus text.
fn labels(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains('{'))
    {
        let inner = &line[line.find('{').unwrap() + 1..line.rfind('}').unwrap()];
        for pair in inner.split("\",") {
            let (k, v) = pair.split_once("=\"").unwrap();
            out.push((k.to_owned(), v.trim_end_matches('"').to_owned()));
        }
    }
    out
}

#[tokio::test]
async fn r9_6_readyz_says_ready_when_the_database_answers_with_the_current_schema() {
    let app = spawn_app().await;
    let c = app.client();
    let r = c.get("/readyz").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "ready");
    assert_eq!(c.get("/healthz").await.status(), 200);
    let v = app.store.schema_version().await.unwrap();
    assert!(v.current() && v.known >= 19, "{v:?}");
    // Without a token or an admin listener there is no /metrics on the public address.
    assert_eq!(c.get("/metrics").await.status(), 404);
    // A closed database is not ready (and says nothing more).
    app.store.close().await;
    let r = c.get("/readyz").await;
    assert_eq!(r.status(), 503);
    assert_eq!(
        r.text().await.unwrap(),
        "not ready: the database does not answer"
    );
}

#[tokio::test]
async fn r9_6_r8_4_metrics_count_by_route_template_and_no_label_names_anyone() {
    let app = spawn_app_with(|c| c.metrics_token = Some(SecretString::from(TOKEN))).await;
    assert!(tessera_web::ops::install().is_some());
    let buyer = "Metric.Buyer.Zq";
    app.buyer(buyer).await;
    let s = app.seller("metric_seller_zq").await;
    for _ in 0..3 {
        assert_eq!(
            s.get("/api/buyer/metric.buyer.zq/reputation")
                .await
                .status(),
            200
        );
    }
    let r = s
        .post_json(
            "/api/ratings/submit",
            json!({"buyer": buyer, "safe": true, "reliable": true}),
        )
        .await;
    assert_eq!(r.status(), 201);
    assert_eq!(
        s.post_json("/api/codes/generate", json!({})).await.status(),
        201
    );
    // A path that is no route, holding a name: counted as "(unmatched)".
    s.get("/no/such/metric.buyer.zq").await;

    let anon = app.client();
    let r = anon.get("/metrics").await;
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    let r = anon
        .request(
            Method::GET,
            "/metrics",
            None,
            &[(
                "authorization",
                "Bearer wrong-token-wrong-token-wrong-token",
            )],
        )
        .await;
    assert_eq!(r.status(), 401);
    let r = anon
        .request(
            Method::GET,
            "/metrics",
            None,
            &[("authorization", &format!("Bearer {TOKEN}"))],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let text = r.text().await.unwrap();
    for name in [
        "tessera_http_requests_total",
        "tessera_http_request_duration_seconds_bucket",
        "tessera_lookups_total",
        "tessera_ratings_total",
        "tessera_codes_generated_total",
        "tessera_codes_redeemed_total",
        "tessera_code_failures_total",
        "tessera_purge_runs_total",
        "tessera_purge_rows_deleted_total",
        "tessera_job_lag_seconds",
        "tessera_db_pool_connections",
    ] {
        assert!(text.contains(name), "{name} missing:\n{text}");
    }
    assert!(text.contains(
        "tessera_http_requests_total{method=\"GET\",route=\"/api/buyer/{pseudonym}/reputation\",status=\"200\"}"
    ));
    assert!(text.contains("route=\"(unmatched)\""));
    // Counters are per process and the test binary shares one recorder: at least ours.
    let lookups: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix("tessera_lookups_total "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(lookups >= 3.0, "{lookups}");

    // No pseudonym, address or id anywhere; every label from a closed set.
    let lower = text.to_lowercase();
    for secret in ["metric.buyer.zq", "metric_seller_zq", "127.0.0.1", TOKEN] {
        assert!(!lower.contains(secret), "{secret} in /metrics");
    }
    let names: BTreeSet<String> = labels(&text).into_iter().map(|(k, _)| k).collect();
    assert!(
        names.is_subset(
            &["le", "method", "route", "status", "state", "rule"]
                .map(str::to_owned)
                .into_iter()
                .collect()
        ),
        "{names:?}"
    );
    for (k, v) in labels(&text) {
        let ok = match k.as_str() {
            "le" => v == "+Inf" || v.parse::<f64>().is_ok(),
            "method" => [
                "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other",
            ]
            .contains(&v.as_str()),
            // A template from the router, never a concrete path.
            "route" => v == "(unmatched)" || v.starts_with('/'),
            "status" => v.len() == 3 && v.bytes().all(|b| b.is_ascii_digit()),
            "state" => v == "in_use" || v == "idle",
            "rule" => [
                "brigading",
                "unused_codes",
                "repeat_codes",
                "unverified_unsafe",
                "code_failures",
            ]
            .contains(&v.as_str()),
            _ => false,
        };
        assert!(ok, "label {k}={v}");
    }
}

#[tokio::test]
async fn r9_6_the_admin_listener_serves_metrics_and_probes_without_a_token() {
    let app = spawn_app().await;
    tessera_web::ops::install();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(tessera_web::ops::serve_admin(listener, app.state.clone()));
    let admin = Client::new(&format!("http://{addr}"));
    let r = admin.get("/metrics").await;
    assert_eq!(r.status(), 200);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("tessera_db_pool_connections{state=\"idle\"}"));
    assert_eq!(admin.get("/readyz").await.status(), 200);
    assert_eq!(admin.get("/healthz").await.status(), 200);
    // Nothing else lives there.
    assert_eq!(admin.get("/api/session").await.status(), 404);
}
