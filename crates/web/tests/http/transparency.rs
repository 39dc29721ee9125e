//! The yearly transparency report over HTTP (SPEC R7.6; charter 13.5): public to read, in the
//! API and on a page that works without JavaScript in English and German; entered only by the
//! Governance committee, refused with the wrong fields named and nothing stored.

use serde_json::{json, Value};
use tessera_core::committee::Committee;

use crate::common::*;

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

fn report() -> Value {
    json!({"received": 3, "disclosed": 1, "refused": 2, "notified": 3,
        "summary": "One court order answered with an account's creation month; two refused."})
}

#[tokio::test]
async fn r7_6_the_governance_committee_enters_a_public_yearly_report() {
    let app = spawn_app().await;
    let gov = app.seller("gov_t").await;
    let other = app.seller("other_t").await;
    let buyer = app.buyer("buyer_t").await;
    tessera_app::network::committees::add(
        &app.store,
        "gov_t",
        Committee::Governance,
        app.state.now(),
    )
    .await
    .unwrap();
    let year = app.state.clock.today().0.year();
    let at = format!("/api/transparency/{year}");
    let anonymous = app.client();
    assert_eq!(
        body(anonymous.get("/api/transparency").await).await,
        json!([])
    );
    assert_eq!(anonymous.put_json(&at, report()).await.status(), 401);
    assert_eq!(other.put_json(&at, report()).await.status(), 403);
    assert_eq!(buyer.put_json(&at, report()).await.status(), 403);
    let mut bad = report();
    bad["disclosed"] = json!(3);
    let r = gov.put_json(&at, bad).await;
    assert_eq!(r.status(), 400);
    assert_eq!(body(r).await["fields"], json!(["refused"]));
    let r = gov
        .put_json(&format!("/api/transparency/{}", year + 1), report())
        .await;
    assert_eq!(
        body(r).await["fields"],
        json!(["year"]),
        "a year not yet begun"
    );
    assert_eq!(
        body(anonymous.get("/api/transparency").await).await,
        json!([])
    );

    let r = gov.put_json(&at, report()).await;
    assert_eq!(r.status(), 200);
    let entered = body(r).await;
    assert_eq!(
        (entered["year"].as_i64(), entered["received"].as_i64()),
        (Some(i64::from(year)), Some(3))
    );
    let all = body(anonymous.get("/api/transparency").await).await;
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["recorded_on"], app.state.clock.today().to_string());
    let audit = body(other.get("/api/audit").await).await;
    assert_eq!(
        (
            audit[0]["action"].as_str(),
            audit[0]["object_kind"].as_str()
        ),
        (Some("transparency_recorded"), Some("report"))
    );
    assert!(!audit.to_string().contains("court order"));

    // The page: public, in both languages; the form only for the committee.
    let html = anonymous.get_html("/transparency").await;
    assert!(
        html.contains("Legal requests received: 3") && html.contains("court order"),
        "{html}"
    );
    assert!(!html.contains("action=\"/transparency\""));
    let de = anonymous.page_de("/transparency").await;
    assert!(de.contains("Erhaltene rechtliche Anfragen: 3"), "{de}");
    assert!(!other
        .get_html("/transparency")
        .await
        .contains("action=\"/transparency\""));
    assert!(anonymous
        .get_html("/changelog")
        .await
        .contains("href=\"/transparency\""));
    let page = gov.get_html("/transparency").await;
    assert!(page.contains("action=\"/transparency\""), "{page}");
    // A refused form keeps what she typed and names the fields.
    let prev = (year - 1).to_string();
    let r = gov
        .submit(
            "/transparency",
            "/transparency",
            &[
                ("year", prev.as_str()),
                ("received", "1"),
                ("disclosed", "x"),
                ("refused", "0"),
                ("notified", "1"),
                ("summary", "kept words"),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("form-error")
            && html.contains("Of these, answered with data")
            && html.contains("kept words"),
        "{html}"
    );
    let r = gov
        .submit(
            "/transparency",
            "/transparency",
            &[
                ("year", prev.as_str()),
                ("received", "0"),
                ("disclosed", "0"),
                ("refused", "0"),
                ("notified", "0"),
                ("summary", "No requests."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let all = body(anonymous.get("/api/transparency").await).await;
    assert_eq!(
        all[1]["year"].as_i64(),
        Some(i64::from(year - 1)),
        "newest first"
    );
    // A member off the committee cannot post the form either.
    let r = other
        .submit(
            "/transparency",
            "/transparency",
            &[
                ("year", prev.as_str()),
                ("received", "9"),
                ("disclosed", "0"),
                ("refused", "0"),
                ("notified", "0"),
                ("summary", "x"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        body(anonymous.get("/api/transparency").await).await[1]["received"],
        0
    );
}
