//! Screening links over HTTP (SPEC R4.11; API.md "Screening"): the buyer's
//! `POST /api/buyer/me/screening-links`, the seller's `GET /api/screening/{code}`, the pages
//! `/s/{token}`, the lookup page's code field and the buyer dashboard's form.

use crate::common::*;
use serde_json::{json, Value};

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

const NOT_VALID: &str = "This screening code or link is not valid: it may be mistyped, already used or expired. Ask the client for a new one.";
const VERIFIED: &str = "Verified: whoever gave you this code controls this account";
const UNVERIFIED: &str = "Anyone can claim a pseudonym: ask for a screening code to be sure";

/// A new link of `buyer`: (token, code).
async fn new_link(buyer: &Client) -> (String, String) {
    let r = buyer
        .post_json("/api/buyer/me/screening-links", json!({}))
        .await;
    assert_eq!(r.status(), 201);
    let v = body(r).await;
    let url = v["url"].as_str().unwrap();
    let token = url.strip_prefix("/s/").unwrap().to_owned();
    (token, v["code"].as_str().unwrap().to_owned())
}

async fn expect_not_found(seller: &Client, key: &str) {
    let r = seller.get(&format!("/api/screening/{key}")).await;
    assert_eq!(r.status(), 404, "{key}");
    let v = body(r).await;
    assert_eq!(v["error"], "not_found");
    assert_eq!(
        v["message"], NOT_VALID,
        "one message for unknown, used and expired"
    );
}

#[tokio::test]
async fn r4_11_a_code_shows_the_lookup_with_verified_control_once() {
    let app = spawn_app().await;
    let buyer = app.buyer("Steady_Sam").await;
    let seller = app.seller("screener").await;
    let before = app.state.now();
    let r = buyer
        .post_json("/api/buyer/me/screening-links", json!({}))
        .await;
    assert_eq!(r.status(), 201);
    let v = body(r).await;
    let url = v["url"].as_str().unwrap();
    let code = v["code"].as_str().unwrap();
    let token = url.strip_prefix("/s/").unwrap();
    assert_eq!(token.len(), 20, "100 bits in Crockford base32");
    assert!(
        token
            .bytes()
            .all(|b| b"0123456789abcdefghjkmnpqrstvwxyz".contains(&b)),
        "{url}"
    );
    assert_eq!(code.len(), 11);
    assert_eq!(&code[5..6], "-", "grouped as XXXXX-XXXXX: {code}");
    assert!(
        code.bytes()
            .all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ-".contains(&b)),
        "{code}"
    );
    let expires = time::OffsetDateTime::parse(
        v["expires_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(
        expires.unix_timestamp(),
        before + 24 * 3600,
        "24 hours, the default"
    );

    // The seller's lookup by code: the pseudonym lookup's object plus verified_control.
    let by_name = body(seller.get("/api/buyer/steady_sam/reputation").await).await;
    assert_eq!(by_name["verified_control"], false);
    let r = seller.get(&format!("/api/screening/{code}")).await;
    assert_eq!(r.status(), 200);
    let mut by_code = body(r).await;
    assert_eq!(by_code["verified_control"], true);
    by_code["verified_control"] = json!(false);
    assert_eq!(by_code, by_name);

    // Used up: neither the code nor the link's token works again.
    expect_not_found(&seller, code).await;
    expect_not_found(&seller, token).await;
    let bare = code.replace('-', "");
    assert_logs_free_of(&[code, token, bare.as_str()]);
}

#[tokio::test]
async fn r4_11_the_token_works_typed_codes_forgive_and_links_expire() {
    let app = spawn_app_with(|c| {
        c.session_idle_minutes = 525_600;
        c.session_absolute_hours = 8_760;
    })
    .await;
    let buyer = app.buyer("linkbuyer").await;
    let seller = app.seller("linkseller").await;
    let (token, _) = new_link(&buyer).await;
    let v = body(
        seller
            .get(&format!("/api/screening/{}", token.to_uppercase()))
            .await,
    )
    .await;
    assert_eq!(v["buyer"], "linkbuyer");
    assert_eq!(v["verified_control"], true);

    // A code typed without its hyphen, in lower case, with O for 0 and l for 1.
    let (_, code) = new_link(&buyer).await;
    let typed: String = code
        .replace('-', "")
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'l',
            c => c,
        })
        .collect();
    assert_eq!(
        seller
            .get(&format!("/api/screening/{typed}"))
            .await
            .status(),
        200
    );

    // Unknown, malformed and expired: the same 404.
    expect_not_found(&seller, "ZZZZZ-ZZZZZ").await;
    expect_not_found(&seller, "not-a-code").await;
    let (_, code) = new_link(&buyer).await;
    app.clock.advance(time::Duration::hours(24));
    expect_not_found(&seller, &code).await;
}

#[tokio::test]
async fn r4_11_only_buyers_create_and_only_sellers_use_links() {
    let app = spawn_app().await;
    let buyer = app.buyer("onlybuyer").await;
    let seller = app.seller("onlyseller").await;
    let r = seller
        .post_json("/api/buyer/me/screening-links", json!({}))
        .await;
    assert_eq!(r.status(), 403);
    let (_, code) = new_link(&buyer).await;
    assert_eq!(
        buyer.get(&format!("/api/screening/{code}")).await.status(),
        403
    );
    let anon = app.client();
    assert_eq!(
        anon.get(&format!("/api/screening/{code}")).await.status(),
        401
    );
    assert_eq!(
        anon.post_json("/api/buyer/me/screening-links", json!({}))
            .await
            .status(),
        401
    );
    // The refusals did not use it up.
    assert_eq!(
        seller.get(&format!("/api/screening/{code}")).await.status(),
        200
    );
    // At most 20 open links (the used one no longer counts).
    for _ in 0..20 {
        new_link(&buyer).await;
    }
    let r = buyer
        .post_json("/api/buyer/me/screening-links", json!({}))
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(body(r).await["error"], "too_many_open_links");
}

#[tokio::test]
async fn r4_11_r9_3_failed_codes_count_toward_the_lookup_limit() {
    let app = spawn_app_with(|c| c.limits.lookups_per_hour = 3).await;
    let buyer = app.buyer("guessedbuyer").await;
    let seller = app.seller("guesser").await;
    let (_, code) = new_link(&buyer).await;
    for guess in ["AAAAA-AAAAA", "BBBBB-BBBBB", "CCCCC-CCCCC"] {
        assert_eq!(
            seller
                .get(&format!("/api/screening/{guess}"))
                .await
                .status(),
            404
        );
    }
    let r = seller.get(&format!("/api/screening/{code}")).await;
    assert_eq!(r.status(), 429, "the limit holds even for a valid code");
    assert!(r.headers().contains_key("retry-after"));
    // And the refused try did not use the link: another seller can still use it.
    let other = app.seller("patient").await;
    assert_eq!(
        other.get(&format!("/api/screening/{code}")).await.status(),
        200
    );
}

#[tokio::test]
async fn r4_11_pages_dashboard_link_page_and_code_field() {
    let app = spawn_app().await;
    let buyer = app.buyer("Page_Buyer").await;
    let seller = app.seller("pageseller").await;

    // The buyer's dashboard form, without JavaScript.
    let dash = buyer.get_html("/dashboard").await;
    assert!(dash.contains("action=\"/screening-links\""), "{dash}");
    assert!(
        dash.contains("0 of your screening links were used"),
        "{dash}"
    );
    let r = buyer.submit("/dashboard", "/screening-links", &[]).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    let url = between(&page, "<code id=\"link-url\" class=\"wrap\">", "</code>").to_owned();
    let code = between(
        &page,
        "<code id=\"link-code\" class=\"bigcode\">",
        "</code>",
    )
    .to_owned();
    assert!(
        url.starts_with(&format!("{}/s/", app.state.config.base_url)),
        "{url}"
    );
    assert_eq!(code.len(), 11);
    let path = url
        .split_once("/s/")
        .map(|(_, t)| format!("/s/{t}"))
        .unwrap();

    // Logged out, the link asks to log in and come back.
    let anon = app.client();
    let r = anon.get(&path).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    let back = format!("/login?next={}", path.replace('/', "%2F"));
    assert!(html.contains(&back), "{html}");

    // The seller opens it: verified, then used up.
    let html = seller.get_html(&path).await;
    assert!(html.contains(VERIFIED), "{html}");
    assert!(html.contains("Buyer: Page_Buyer"));
    let r = seller.get(&path).await;
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains(NOT_VALID));

    // The code field of the lookup page, and a plain lookup's heading.
    let lookup = seller.get_html("/lookup?pseudonym=page_buyer").await;
    assert!(lookup.contains(UNVERIFIED), "{lookup}");
    assert!(lookup.contains("action=\"/lookup/code\""));
    let r = seller
        .submit("/lookup", "/lookup/code", &[("code", &code)])
        .await;
    assert_eq!(r.status(), 404, "the code belongs to the link already used");
    let (_, fresh) = new_link(&buyer).await;
    let r = seller
        .submit("/lookup", "/lookup/code", &[("code", &fresh)])
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains(VERIFIED));
    // A wrong code stays in the field to be corrected.
    let r = seller
        .submit("/lookup", "/lookup/code", &[("code", "K7F29-QXM3T")])
        .await;
    assert_eq!(r.status(), 404);
    let html = r.text().await.unwrap();
    assert!(html.contains("value=\"K7F29-QXM3T\"") && html.contains(NOT_VALID));

    // The buyer sees a count, never who.
    let dash = buyer.get_html("/dashboard").await;
    assert!(
        dash.contains("2 of your screening links were used"),
        "{dash}"
    );
    assert!(!dash.contains("pageseller"));

    // A buyer cannot open links; the pages answer in German too.
    assert_eq!(buyer.get(&path).await.status(), 403);
    let (_, de_code) = new_link(&buyer).await;
    let de = seller.page_de("/lookup").await;
    assert!(
        de.contains("Oder geben Sie einen Prüfcode des Kunden ein"),
        "{de}"
    );
    let r = seller
        .request(
            reqwest::Method::GET,
            &format!("/api/screening/{de_code}"),
            None,
            &[],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_logs_free_of(&[code.as_str(), fresh.as_str(), &path[3..]]);
}

#[tokio::test]
async fn r4_11_r10_4_german_pages() {
    let app = spawn_app().await;
    let buyer = app.buyer("de_buyer").await;
    let seller = app.seller("de_seller").await;
    for c in [&buyer, &seller] {
        let r = c
            .put_json("/api/account/settings", json!({"language": "de"}))
            .await;
        assert_eq!(r.status(), 200);
    }
    let r = buyer.submit("/dashboard", "/screening-links", &[]).await;
    let page = r.text().await.unwrap();
    assert!(page.contains("Ihr neuer Prüf-Link:"), "{page}");
    let code = between(
        &page,
        "<code id=\"link-code\" class=\"bigcode\">",
        "</code>",
    )
    .to_owned();
    let r = seller
        .submit("/lookup", "/lookup/code", &[("code", &code)])
        .await;
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Bestätigt: Wer Ihnen diesen Code gegeben hat, verfügt über dieses Konto"),
        "{html}"
    );
    let html = seller.get_html("/lookup?pseudonym=de_buyer").await;
    assert!(html.contains("Jeder kann ein Pseudonym nennen"), "{html}");
    let help = seller.get_html("/help").await;
    assert!(help.contains("id=\"screening-links\"") && help.contains("Prüf-Links"));
}

#[tokio::test]
async fn r4_11_openapi_documents_the_link_endpoints() {
    let app = spawn_app().await;
    let doc = body(app.client().get("/api/openapi.json").await).await;
    let create = &doc["paths"]["/api/buyer/me/screening-links"]["post"];
    assert_eq!(create["operationId"], "create_screening_link");
    for s in ["201", "401", "403", "409", "429"] {
        assert!(create["responses"][s].is_object(), "POST link: {s}");
    }
    let lookup = &doc["paths"]["/api/screening/{code}"]["get"];
    assert_eq!(lookup["operationId"], "lookup_by_screening_code");
    for s in ["200", "401", "403", "404", "429"] {
        assert!(lookup["responses"][s].is_object(), "GET screening: {s}");
    }
    // Our operation ids are used once in the document.
    let ids: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|p| p.as_object().unwrap().values())
        .filter_map(|op| op["operationId"].as_str().map(str::to_owned))
        .collect();
    for id in ["create_screening_link", "lookup_by_screening_code"] {
        assert_eq!(ids.iter().filter(|i| *i == id).count(), 1, "{id}");
    }
}
