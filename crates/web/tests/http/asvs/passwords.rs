//! Passwords (SPEC R2.4, R2.10; ASVS 5.0 V6.2): a change needs the current password, a
//! password is checked exactly as typed at any length the policy allows, it never expires, and
//! every password field is masked and open to password managers.

use serde_json::json;

use super::backends::{each_backend, sqlite};
use crate::common::*;

const NEW: &str = "juniper orchard copper violin";

async fn change(c: &Client, current: &str, new: &str) -> reqwest::Response {
    c.submit(
        "/settings",
        "/settings/password",
        &[("current_password", current), ("new_password", new)],
    )
    .await
}

async fn login_status(c: &Client, pseudonym: &str, password: &str) -> reqwest::StatusCode {
    c.post_json(
        "/api/session",
        json!({"pseudonym": pseudonym, "password": password}),
    )
    .await
    .status()
}

/// ASVS 6.2.2 (users can change their password) and 6.2.3 (only with the current one), R2.10.
/// Someone at an unlocked phone must not be able to lock its owner out.
#[tokio::test]
async fn r2_10_asvs_6_2_2_6_2_3_password_change_needs_the_current_one() {
    each_backend(|app| async move {
        let c = app.buyer("pw_changer").await;
        let before = app.password_hash("pw_changer").await;
        for wrong in ["not my password at all", ""] {
            let r = change(&c, wrong, NEW).await;
            assert_eq!(r.status(), 403, "current {wrong:?} on {}", app.name);
            let html = r.text().await.unwrap();
            assert!(
                html.contains("Your current password was not correct."),
                "the page says why ({})",
                app.name
            );
            assert_eq!(app.password_hash("pw_changer").await, before);
        }
        // Without the field at all the form is refused before anything is checked.
        let r = c
            .submit("/settings", "/settings/password", &[("new_password", NEW)])
            .await;
        assert!(r.status().is_client_error(), "{}", r.status());
        assert_eq!(app.password_hash("pw_changer").await, before);
        // The old password still logs in; the new one does not.
        app.client().login("pw_changer", PASSWORD).await;
        assert_eq!(login_status(&app.client(), "pw_changer", NEW).await, 401);

        // With the current password the change goes through (6.2.2).
        let r = change(&c, PASSWORD, NEW).await;
        assert_eq!(r.status(), 200, "{}", app.name);
        assert!(r
            .text()
            .await
            .unwrap()
            .contains("Your password is changed."));
        assert_ne!(app.password_hash("pw_changer").await, before);
        app.client().login("pw_changer", NEW).await;
        assert_eq!(
            login_status(&app.client(), "pw_changer", PASSWORD).await,
            401
        );
        assert_logs_free_of(&[NEW]);
    })
    .await;
}

/// ASVS 6.2.8 (verified exactly as received: no truncation, no case change, no trimming) and
/// 6.2.9 (at least 64 characters permitted), R2.4. The password is longer than bcrypt's
/// 72-byte cut and not ASCII, so a truncating or normalising verifier would let its prefix or
/// another case in.
#[tokio::test]
async fn r2_4_asvs_6_2_8_6_2_9_a_long_password_is_checked_exactly_as_typed() {
    let app = sqlite().await;
    let long = "Über den Fluss zählen sieben Reiher das Schilf, während die Fähre am Steg wartet";
    assert!(long.chars().count() >= 64 && long.len() > 72);
    let r = app
        .client()
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "exact_typist", "password": long, "account_type": "buyer"}),
        )
        .await;
    assert_eq!(
        r.status(),
        201,
        "a password of {} chars",
        long.chars().count()
    );
    app.client().login("exact_typist", long).await;
    let prefix = |n: usize| long.chars().take(n).collect::<String>();
    let variants = [
        prefix(64),
        prefix(72),
        prefix(long.chars().count() - 1),
        long.to_uppercase(),
        long.to_lowercase(),
        format!("{long} "),
        format!(" {long}"),
        long.replace('ä', "a"),
    ];
    for (i, v) in variants.iter().enumerate() {
        // Ten failures in 15 minutes throttle the pseudonym (R2.9, tested elsewhere); keep each
        // group below that so that every answer here is about the password.
        if i == 4 {
            app.clock.advance(time::Duration::minutes(16));
        }
        assert_eq!(
            login_status(&app.client(), "exact_typist", v).await,
            401,
            "variant {i} must not log in"
        );
    }
    app.client().login("exact_typist", long).await;
}

/// ASVS 6.2.10: no periodic rotation; a password stays valid until its owner changes it.
#[tokio::test]
async fn r2_4_asvs_6_2_10_a_password_does_not_expire() {
    let app = sqlite().await;
    app.buyer("old_timer").await;
    app.clock.advance(time::Duration::days(800));
    let v = app.client().login("old_timer", PASSWORD).await;
    assert_eq!(v["pseudonym"], "old_timer");
    let dash = app.client();
    dash.login("old_timer", PASSWORD).await;
    let html = dash.get_html("/dashboard").await;
    assert!(html.contains("Welcome, old_timer"), "no forced change");
}

/// Every `<input>` tag in a page.
fn input_tags(html: &str) -> Vec<&str> {
    html.match_indices("<input")
        .map(|(i, _)| {
            let rest = &html[i..];
            &rest[..rest.find('>').unwrap() + 1]
        })
        .collect()
}

/// ASVS 6.2.6 (password fields masked) and 6.2.7 (paste and password managers allowed): every
/// field that takes a password, on every page that has one, is `type="password"`, tells
/// managers what it holds, blocks no paste and allows 64 characters or more (6.2.9).
#[tokio::test]
async fn r2_4_asvs_6_2_6_6_2_7_password_fields_are_masked_and_managers_welcome() {
    let app = sqlite().await;
    let join = format!("/join/{}", app.invitation().await);
    let seller = app.seller("field_checker").await;
    let anon = app.client();
    let mut pages = vec![];
    for path in ["/login", "/signup", "/recover", join.as_str()] {
        pages.push((path.to_owned(), anon.get_html(path).await));
    }
    pages.push(("/settings".to_owned(), seller.get_html("/settings").await));
    let mut seen = 0;
    for (path, html) in &pages {
        let fields: Vec<&str> = input_tags(html)
            .into_iter()
            .filter(|t| t.contains("password\""))
            .filter(|t| !t.contains("type=\"hidden\""))
            .collect();
        assert!(!fields.is_empty(), "{path} has a password field");
        for tag in fields {
            seen += 1;
            assert!(tag.contains("type=\"password\""), "{path}: {tag}");
            assert!(
                tag.contains("autocomplete=\"current-password\"")
                    || tag.contains("autocomplete=\"new-password\""),
                "{path}: managers know the field: {tag}"
            );
            for blocked in ["onpaste", "oncopy", "readonly", "autocomplete=\"off\""] {
                assert!(!tag.contains(blocked), "{path}: {blocked} in {tag}");
            }
            if let Some(i) = tag.find("maxlength=\"") {
                let n: usize = tag[i + 11..].split('"').next().unwrap().parse().unwrap();
                assert!(n >= 64, "{path}: maxlength {n} cuts passwords short");
            }
        }
    }
    // One each on login, sign-up, recovery and join; at least four in settings (current and
    // new password, recovery codes, deletion).
    assert!(seen >= 8, "only {seen} password fields found");
}
