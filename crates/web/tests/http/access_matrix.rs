//! Who may do what in governance, by committee (SPEC R7.7, R7.1; issue 13 §6): every
//! committee-gated operation tried by an anonymous visitor (401), a buyer (403), a member on no
//! committee (403), members of the two other committees (403) and a member of the right one
//! (neither 401 nor 403). Committee membership alone decides.

use reqwest::Method;
use serde_json::{json, Value};
use tessera_core::committee::Committee;

use crate::common::*;

#[tokio::test]
async fn r7_7_r7_1_committee_membership_decides_who_does_what() {
    let app = spawn_app().await;
    let sec = app.seller("sec_am").await;
    let dis = app.seller("dis_am").await;
    let gov = app.seller("gov_am").await;
    let plain = app.seller("plain_am").await;
    let buyer = app.buyer("buyer_am").await;
    let anon = app.client();
    for (who, c) in [
        ("sec_am", Committee::Security),
        ("dis_am", Committee::Disputes),
        ("gov_am", Committee::Governance),
    ] {
        tessera_app::network::committees::add(&app.store, who, c, app.state.now())
            .await
            .unwrap();
    }
    // A case to act on: the buyer appeals.
    let r = buyer
        .post_json("/api/disputes", json!({"kind": "appeal"}))
        .await;
    assert_eq!(r.status(), 201);
    let case = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let params = buyer
        .get("/api/params")
        .await
        .json::<Value>()
        .await
        .unwrap()["params"]
        .clone();
    let year = app.state.clock.today().0.year();
    let report = json!({"received": 0, "disclosed": 0, "refused": 0, "notified": 0,
        "summary": "No requests."});
    // (method, path, body, the committee that may).
    let matrix: Vec<(Method, String, Option<Value>, Committee)> = vec![
        (
            Method::PUT,
            "/api/members/plain_am/standing".into(),
            Some(json!({"waived": true})),
            Committee::Governance,
        ),
        (
            Method::PUT,
            format!("/api/transparency/{year}"),
            Some(report),
            Committee::Governance,
        ),
        (
            Method::POST,
            "/api/emergency".into(),
            Some(json!({"params": params, "reason": "a test of who may ask"})),
            Committee::Security,
        ),
        (
            Method::POST,
            format!("/api/disputes/{case}/advance"),
            // Refused for want of a petition (409) when allowed: nothing changes.
            Some(json!({"to": "membership_vote"})),
            Committee::Disputes,
        ),
        (
            Method::GET,
            "/api/alerts/queue".into(),
            None,
            Committee::Disputes,
        ),
        (
            Method::POST,
            "/api/suspensions".into(),
            // Refused for want of a passed vote (404) when allowed: nothing changes (R7.9).
            Some(json!({"account": "plain_am", "proposal": "none", "until": null})),
            Committee::Governance,
        ),
        (
            Method::POST,
            "/api/restorations".into(),
            // Refused for an unknown code (404) when allowed (charter 18.6, R7.9).
            Some(json!({"code": "unknown", "account": "plain_am", "reason": "checked"})),
            Committee::Disputes,
        ),
        // R9.7: the abuse flags name accounts, so only the Security Committee reads them.
        (
            Method::GET,
            "/api/security/flags".into(),
            None,
            Committee::Security,
        ),
    ];
    let members = [
        (&sec, Committee::Security),
        (&dis, Committee::Disputes),
        (&gov, Committee::Governance),
    ];
    for (method, path, body, allowed) in &matrix {
        let status = |r: reqwest::Response| r.status().as_u16();
        let r = anon.request(method.clone(), path, body.clone(), &[]).await;
        assert_eq!(status(r), 401, "anonymous {method} {path}");
        for (who, c) in [(&buyer, "a buyer"), (&plain, "a member on no committee")] {
            let r = who.request(method.clone(), path, body.clone(), &[]).await;
            assert_eq!(status(r), 403, "{c}: {method} {path}");
        }
        for (who, c) in &members {
            let got = status(who.request(method.clone(), path, body.clone(), &[]).await);
            if c == allowed {
                assert!(
                    got != 401 && got != 403,
                    "{c:?} may {method} {path}, got {got}"
                );
            } else {
                assert_eq!(got, 403, "{c:?} may not {method} {path}");
            }
        }
    }
    // Pages: the emergency page for the Security Committee, the report form for Governance.
    for (who, c) in &members {
        let r = who.get("/emergency").await;
        assert_eq!(
            r.status() == 200,
            *c == Committee::Security,
            "{c:?} /emergency"
        );
        let html = who.get_html("/transparency").await;
        assert_eq!(
            html.contains("action=\"/transparency\""),
            *c == Committee::Governance,
            "{c:?} /transparency form"
        );
    }
}
