//! Look-alike pseudonyms over HTTP (SPEC R2.2): `аnna` (Cyrillic а) and `ѕteady_sam` (Cyrillic ѕ)
//! are taken when `anna` and `steady_sam` exist, with the taken answer; other mixed-script
//! pseudonyms are refused with a plain reason in English and German; imported look-alikes keep
//! working, and their lookup page says so.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};
use tessera_core::{AccountType, Pseudonym};
use tessera_store::import::UserRow;

const CYRILLIC_ANNA: &str = "\u{430}nna";
const CYRILLIC_SAM: &str = "\u{455}teady_sam";
const TAKEN: &str = "This pseudonym is already taken. Choose another one.";

async fn sign_up(c: &Client, name: &str, lang: &str) -> (u16, Value) {
    let r = c
        .request(
            Method::POST,
            "/api/accounts",
            Some(json!({"pseudonym": name, "password": PASSWORD, "account_type": "buyer"})),
            &[("accept-language", lang)],
        )
        .await;
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn r2_2_look_alike_pseudonyms_are_taken_and_mixed_scripts_refused() {
    let app = spawn_app().await;
    app.seller("anna").await;
    app.buyer("steady_sam").await;
    let c = app.client();
    let (_, plain_taken) = sign_up(&c, "Steady_Sam", "en").await;
    for look_alike in [CYRILLIC_ANNA, CYRILLIC_SAM] {
        let (status, v) = sign_up(&c, look_alike, "en").await;
        assert_eq!(status, 409, "{look_alike:?}");
        assert_eq!(v, plain_taken, "the same answer as a taken pseudonym");
        assert_eq!(v["message"], TAKEN);
    }
    // Mixed scripts with no look-alike: refused with a reason.
    let mixed = "\u{430}bcde";
    let (status, v) = sign_up(&c, mixed, "en").await;
    assert_eq!(status, 400);
    assert_eq!(v["error"], "invalid_input");
    assert_eq!(v["fields"], json!(["pseudonym"]));
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("may not mix letters of different alphabets"),
        "{v}"
    );
    // The sign-up form says it in German too.
    let page = c.get_html("/signup").await;
    let r = c
        .post_form_with(
            "/signup",
            &csrf_in(&page),
            &[("pseudonym", mixed), ("password", PASSWORD)],
            &[("accept-language", "de")],
        )
        .await;
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Ein Pseudonym darf keine Buchstaben verschiedener Alphabete mischen"),
        "{html}"
    );
    // One script plus digits and marks is fine, in any script.
    for ok in ["Анна_2", "steady.tom"] {
        assert_eq!(sign_up(&c, ok, "en").await.0, 201, "{ok}");
    }
    // The HTML sign-up form answers the same.
    let r = c
        .submit(
            "/signup",
            "/signup",
            &[("pseudonym", CYRILLIC_SAM), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains(TAKEN));
    assert_logs_free_of(&[CYRILLIC_ANNA, CYRILLIC_SAM, "steady_sam"]);
}

#[tokio::test]
async fn r2_2_imported_look_alikes_keep_working_and_the_lookup_says_so() {
    let app = spawn_app().await;
    let seller = app.seller("rosa").await;
    let rows: Vec<Result<UserRow, String>> = ["anna", CYRILLIC_ANNA, "bea"]
        .into_iter()
        .map(|n| {
            Ok(UserRow {
                pseudonym: Pseudonym::parse(n).unwrap(),
                account_type: AccountType::Buyer,
            })
        })
        .collect();
    let today = app.state.today();
    assert_eq!(
        app.store
            .import_users(rows.into_iter(), today)
            .await
            .unwrap(),
        3
    );
    for (name, en, de) in [
        (
            "anna",
            "Check the spelling with the client.",
            "Dieses Pseudonym sieht aus wie das eines anderen Kontos.",
        ),
        (
            CYRILLIC_ANNA,
            "looks like another account",
            "sieht aus wie das eines anderen",
        ),
    ] {
        let q = format!("/lookup?pseudonym={}", urlencode(name));
        let html = seller.get_html(&q).await;
        assert!(
            html.contains("This pseudonym looks like another account"),
            "{html}"
        );
        assert!(html.contains(en), "{html}");
        let r = seller
            .request(Method::GET, &q, None, &[("accept-language", "de")])
            .await;
        assert!(r.text().await.unwrap().contains(de));
        // The JSON has no such field: API.md defines none.
        let v: Value = seller
            .get(&format!("/api/buyer/{}/reputation", urlencode(name)))
            .await
            .json()
            .await
            .unwrap();
        assert!(v.get("buyer").is_some());
        assert!(!v.to_string().contains("look"), "{v}");
    }
    let html = seller.get_html("/lookup?pseudonym=bea").await;
    assert!(
        !html.contains("look-alike"),
        "no warning without a look-alike"
    );
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
