//! Output encoding (ASVS 5.0 V1.2.1, V3.2.2; SPEC R10.1, R1.3): what a page reflects back comes
//! back HTML-escaped, and the few scripts the binary serves write no HTML, evaluate no code,
//! keep nothing in browser storage and listen to no other window.

use super::backends::sqlite;
use crate::common::*;

/// Quotes of both kinds, markup, an event handler and something that looks like an entity.
const PAYLOAD: &str = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>&amp;";

/// Decodes the HTML character references askama (or any escaper) may use.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').unwrap_or_else(|| panic!("bare & in {s:?}"));
        let entity = &rest[1..end];
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            e if e.starts_with("#x") || e.starts_with("#X") => {
                char::from_u32(u32::from_str_radix(&e[2..], 16).unwrap()).unwrap()
            }
            e if e.starts_with('#') => char::from_u32(e[1..].parse().unwrap()).unwrap(),
            e => panic!("unknown entity &{e};"),
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The raw `value` attribute of the input with this id: up to the first `"`, which is where a
/// browser would end it too.
fn value_of<'a>(html: &'a str, id: &str) -> &'a str {
    let tag = between(html, &format!("<input id=\"{id}\""), ">");
    between(tag, "value=\"", "\"")
}

fn assert_escaped(html: &str, id: &str, page: &str) {
    let raw = value_of(html, id);
    assert_eq!(
        unescape(raw),
        PAYLOAD,
        "{page}: the value comes back whole and inert: {raw}"
    );
    for live in ["<script>alert(1)", "<img src=x", "'>"] {
        assert!(!html.contains(live), "{page}: {live} is live markup");
    }
}

fn urlencoded(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// ASVS 1.2.1 (context-relevant output encoding), R10.1: the pseudonym typed into the login
/// and sign-up forms, the lookup field and the rate-a-seller field are shown again after a
/// refusal; each comes back as text, not markup, in an attribute it cannot leave.
#[tokio::test]
async fn r10_1_asvs_1_2_1_reflected_input_comes_back_html_escaped() {
    let app = sqlite().await;
    let seller = app.seller("escape_seller").await;
    let buyer = app.buyer("escape_buyer").await;
    let anon = app.client();

    let r = anon
        .submit(
            "/login",
            "/login",
            &[("pseudonym", PAYLOAD), ("password", "whatever it is")],
        )
        .await;
    assert_eq!(r.status(), 401);
    assert_escaped(&r.text().await.unwrap(), "pseudonym", "POST /login");

    let r = anon
        .submit(
            "/signup",
            "/signup",
            &[("pseudonym", PAYLOAD), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_escaped(&r.text().await.unwrap(), "pseudonym", "POST /signup");

    let r = seller
        .get(&format!("/lookup?pseudonym={}", urlencoded(PAYLOAD)))
        .await;
    assert!(r.status().is_client_error(), "{}", r.status());
    assert_escaped(&r.text().await.unwrap(), "pseudonym", "GET /lookup");

    let r = buyer
        .get(&format!("/rate-seller?seller={}", urlencoded(PAYLOAD)))
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_escaped(&r.text().await.unwrap(), "seller", "GET /rate-seller");
}

/// ASVS 3.2.2 (text shown with safe functions, not as HTML), 1.3.2 (no eval), 14.3.3 (nothing
/// in browser storage) and 3.5.5 (no postMessage handler), R1.3 and R10.1: every script a page
/// loads is the binary's own and uses none of these. Emptying the page on quick exit
/// (`innerHTML = ""`) writes no markup and is the one use allowed.
#[tokio::test]
async fn r1_3_r10_1_asvs_3_2_2_the_scripts_write_no_html_eval_nothing_and_store_nothing() {
    let app = sqlite_with_pow().await;
    let seller = app.seller("script_reader").await;
    // The hour's one buyer sign-up; the next one needs proof of work.
    app.buyer("script_buyer").await;
    let anon = app.client();
    let mut scripts = std::collections::BTreeSet::new();
    for (c, page) in [
        (&anon, "/"),
        (&anon, "/login"),
        (&anon, "/signup"),
        (&seller, "/dashboard"),
        (&seller, "/settings"),
    ] {
        let html = c.get_html(page).await;
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            let src = between(tag, "src=\"", "\"");
            assert!(src.starts_with("/static/"), "{page}: {tag}");
            assert!(
                html[i..].starts_with(&format!("{tag}></script>")),
                "{page}: no inline script"
            );
            scripts.insert(src.to_owned());
        }
        for handler in [
            " onclick=",
            " onload=",
            " onerror=",
            " onsubmit=",
            "javascript:",
        ] {
            assert!(!html.contains(handler), "{page}: {handler}");
        }
    }
    assert!(
        scripts.contains("/static/app.js") && scripts.contains("/static/pow.js"),
        "{scripts:?}"
    );
    for src in &scripts {
        let js = anon.get_html(src).await;
        let allowed = js.matches("innerHTML = \"\"").count();
        assert_eq!(js.matches("innerHTML").count(), allowed, "{src}");
        for sink in [
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "Function(",
            "setTimeout(\"",
            "setInterval(\"",
            "localStorage",
            "sessionStorage",
            "indexedDB",
            "document.cookie",
            "postMessage",
            "\"message\"",
        ] {
            assert!(!js.contains(sink), "{src} uses {sink}");
        }
    }
}

/// A server that asks for proof of work after one buyer sign-up an hour, so that the sign-up
/// page loads its script too (R9.3).
async fn sqlite_with_pow() -> super::backends::Backend {
    super::backends::sqlite_with(&|c| c.limits.signups_per_hour = 1).await
}
