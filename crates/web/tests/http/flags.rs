//! The Security Committee's abuse flags over HTTP (SPEC R9.7): the job's round raises them,
//! `GET /api/security/flags` and `/security` show them to the committee (names included) and to
//! nobody else; the page in English and German, without JavaScript.

use serde_json::{json, Value};
use tessera_core::committee::Committee;

use crate::common::{assert_logs_free_of, spawn_app, Client};

#[tokio::test]
async fn r9_7_flags_reach_the_security_committee_and_nobody_else() {
    let app = spawn_app().await;
    let sec = app.seller("sec_flags").await;
    let other = app.seller("plain_flags").await;
    let buyer = app.buyer("Flag.Buyer").await;
    let acc = app
        .store
        .account_by_pseudonym("sec_flags")
        .await
        .unwrap()
        .unwrap();
    app.store
        .committee_add(Committee::Security, acc.id, "test", app.state.now())
        .await
        .unwrap();

    // Nothing yet.
    let r = sec.get("/api/security/flags").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap(), json!([]));

    // One seller flags one buyer unsafe on three days of one week, without a verified
    // interaction: the unverified-unsafe rule (R9.7).
    for back in 1..=3 {
        let day = app.state.today().plus_days(-back).to_string();
        let r = other
            .post_json(
                "/api/ratings/submit",
                json!({"buyer": "Flag.Buyer", "safe": false, "day": day}),
            )
            .await;
        assert_eq!(r.status(), 201);
    }
    let raised = tessera_app::jobs::Abuse
        .once(&app.store, app.state.now())
        .await
        .unwrap();
    assert_eq!(raised.iter().map(|(_, n)| n).sum::<u64>(), 1);

    let v: Value = sec.get("/api/security/flags").await.json().await.unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    let f = &v[0];
    assert_eq!(f["rule"], "unverified_unsafe");
    assert_eq!(f["seller"], "plain_flags");
    assert_eq!(f["buyer"], "Flag.Buyer");
    assert_eq!(
        (f["count"].as_i64(), f["threshold"].as_i64()),
        (Some(3), Some(3))
    );
    assert_eq!(f["raised_on"], app.state.today().plus_days(-1).to_string());

    // Nobody else: another seller, the buyer, a visitor.
    for (c, status) in [(&other, 403), (&buyer, 403), (&app.client(), 401)] {
        let r = c.get("/api/security/flags").await;
        assert_eq!(r.status(), status);
        let body = r.text().await.unwrap();
        assert!(
            !body.contains("Flag.Buyer") && !body.contains("plain_flags"),
            "{body}"
        );
    }
    let page = other.get("/security").await;
    assert_eq!(page.status(), 403);
    assert!(!page.text().await.unwrap().contains("Flag.Buyer"));
    let r = app.client().get("/security").await;
    assert_eq!(r.status(), 303);

    // The page, in both languages, names the rule and the accounts.
    let en = sec.get_html("/security").await;
    assert!(en.contains("<h1>Abuse flags</h1>"), "{en}");
    assert!(en.contains("Unverified unsafe flags"));
    assert!(en.contains("seller plain_flags") && en.contains("buyer Flag.Buyer"));
    assert!(en.contains("Count 3, threshold 3."));
    assert!(!en.contains("<script>"));
    let de = sec.page_de("/security").await;
    assert!(de.contains("<h1>Missbrauchshinweise</h1>"), "{de}");
    assert!(de.contains("Unbestätigte Unsicher-Markierungen"));
    assert!(de.contains("Verkäuferin plain_flags"));

    // The same over HTTP/2 (no Host header) as over HTTP/1.1.
    let over_h2 = Client::speaking(&app.base, true);
    over_h2.login("sec_flags", crate::common::PASSWORD).await;
    let r = over_h2.get("/api/security/flags").await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<Value>().await.unwrap()[0]["rule"],
        "unverified_unsafe"
    );
    assert_eq!(
        Client::speaking(&app.base, true)
            .get("/api/security/flags")
            .await
            .status(),
        401
    );

    // R8.4: what the flags name never reaches the log.
    assert_logs_free_of(&["Flag.Buyer", "flag.buyer", "plain_flags"]);
}
