//! HTTP-level tests of "Accounts and sessions" (API.md; SPEC R2.1–R2.12).
//!
//! Longer than ~400 lines on purpose: it is a flat list of independent tests, one or more per
//! SPEC id, each readable on its own; splitting it would only scatter one area's ids.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

#[tokio::test]
async fn r2_1_buyer_and_seller_accounts() {
    let app = spawn_app().await;
    let buyer = app.client();
    let r = buyer
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "Quiet.Client", "password": PASSWORD, "account_type": "buyer"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    assert_eq!(
        body(r).await,
        json!({"pseudonym": "Quiet.Client", "account_type": "buyer", "recovery_codes": null})
    );
    let v = buyer.login("quiet.client", PASSWORD).await;
    assert_eq!(v["pseudonym"], "Quiet.Client");
    assert_eq!(v["account_type"], "buyer");
    let seller = app.seller("Rosa").await;
    let v: Value = body(seller.get("/api/session").await).await;
    assert_eq!(v["account_type"], "seller");
    let r = app
        .client()
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "x1x", "password": PASSWORD, "account_type": "admin"}),
        )
        .await;
    assert_eq!(r.status(), 400);
    // The capture works: request lines are there, with route templates only.
    let logs = logs();
    assert!(
        logs.contains("route=/api/accounts") && logs.contains("status=201"),
        "{logs}"
    );
    assert_logs_free_of(&["Quiet.Client", "quiet.client", "Rosa", PASSWORD]);
}

#[tokio::test]
async fn r2_2_pseudonym_rules_and_canonical_uniqueness() {
    let app = spawn_app().await;
    let c = app.client();
    for (bad, msg) in [
        ("ab", "A pseudonym needs at least 3 characters."),
        (
            "has space",
            "A pseudonym may contain only letters, digits, dots, underscores and hyphens.",
        ),
        (
            &"x".repeat(33)[..],
            "A pseudonym can have at most 32 characters.",
        ),
    ] {
        let r = c
            .post_json(
                "/api/accounts",
                json!({"pseudonym": bad, "password": PASSWORD, "account_type": "buyer"}),
            )
            .await;
        assert_eq!(r.status(), 400, "{bad}");
        let v = body(r).await;
        assert_eq!(v["error"], "invalid_input");
        assert_eq!(v["message"], msg);
        assert_eq!(v["fields"], json!(["pseudonym"]));
    }
    let r = c
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "Mika", "password": PASSWORD, "account_type": "buyer"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    // Full-width letters and another case are the same pseudonym.
    let r = c
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "ＭＩＫＡ", "password": PASSWORD, "account_type": "buyer"}),
        )
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(body(r).await["error"], "conflict");
    c.login("MIKA", PASSWORD).await;
}

#[tokio::test]
async fn r2_3_sellers_join_only_by_invitation() {
    let app = spawn_app().await;
    let c = app.client();
    let mk = |inv: Option<&str>, name: &str| json!({"pseudonym": name, "password": PASSWORD, "account_type": "seller", "invitation": inv});
    for inv in [None, Some("not-a-token")] {
        let r = c.post_json("/api/accounts", mk(inv, "wouldbe")).await;
        assert_eq!(r.status(), 403);
        assert_eq!(body(r).await["error"], "invitation_invalid");
    }
    let inv = app.invitation().await;
    assert!(inv.len() >= 26, "at least 128 bits");
    assert_eq!(
        c.post_json("/api/accounts", mk(Some(&inv), "firstseller"))
            .await
            .status(),
        201
    );
    // Single use.
    let r = c
        .post_json("/api/accounts", mk(Some(&inv), "secondseller"))
        .await;
    assert_eq!(body(r).await["error"], "invitation_invalid");

    // A seller invites: at most 3 open.
    let s = app.client();
    s.login("firstseller", PASSWORD).await;
    let mut tokens = vec![];
    for _ in 0..3 {
        let r = s.post_json("/api/invitations", json!({})).await;
        assert_eq!(r.status(), 201);
        let v = body(r).await;
        let url = v["url"].as_str().unwrap();
        assert!(url.ends_with(&format!("/join/{}", v["token"].as_str().unwrap())));
        let expires = tessera_core::Day::parse(v["expires_on"].as_str().unwrap()).unwrap();
        assert_eq!(app.state.clock.today().days_until(expires), 14);
        tokens.push(v["token"].as_str().unwrap().to_owned());
    }
    let r = s.post_json("/api/invitations", json!({})).await;
    assert_eq!(r.status(), 409);
    // The join page works for an open invitation and refuses a used one.
    assert_eq!(
        app.client()
            .get(&format!("/join/{}", tokens[0]))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.client().get(&format!("/join/{inv}")).await.status(),
        403
    );
    // After 14 days an invitation is void.
    app.clock.advance(time::Duration::days(14));
    let r = c
        .post_json("/api/accounts", mk(Some(&tokens[1]), "lateseller"))
        .await;
    assert_eq!(body(r).await["error"], "invitation_invalid");
    // Buyers cannot invite.
    let b = app.buyer("somebuyer").await;
    assert_eq!(
        b.post_json("/api/invitations", json!({})).await.status(),
        403
    );
    assert_logs_free_of(&[&inv, &tokens[0], &tokens[1], "firstseller"]);
}

#[tokio::test]
async fn r2_4_weak_and_short_passwords_are_refused() {
    let app = spawn_app().await;
    let c = app.client();
    for (pw, msg) in [
        ("short", "Use at least 12 characters for your password."),
        (
            "password1234",
            "This password is too easy to guess. Try a few unrelated words together.",
        ),
        (
            "cloudberry-77cloudberry-77",
            "This password is too easy to guess. Try a few unrelated words together.",
        ),
    ] {
        let r = c
            .post_json(
                "/api/accounts",
                json!({"pseudonym": "cloudberry", "password": pw, "account_type": "buyer"}),
            )
            .await;
        assert_eq!(r.status(), 400, "{pw}");
        let v = body(r).await;
        assert_eq!(v["message"], msg);
        assert_eq!(v["fields"], json!(["password"]));
    }
    let hash = {
        let r = c
            .post_json(
                "/api/accounts",
                json!({"pseudonym": "cloudberry", "password": PASSWORD, "account_type": "buyer"}),
            )
            .await;
        assert_eq!(r.status(), 201);
        app.store
            .account_by_pseudonym("cloudberry")
            .await
            .unwrap()
            .unwrap()
            .password_hash
            .unwrap()
    };
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
}

#[tokio::test]
async fn r2_6_recovery_codes_are_shown_once_and_work_once() {
    let app = spawn_app().await;
    let c = app.client();
    let r = c
        .post_json("/api/accounts", json!({"pseudonym": "forgetful", "password": PASSWORD, "account_type": "buyer", "recovery_codes": true}))
        .await;
    let codes: Vec<String> =
        serde_json::from_value(body(r).await["recovery_codes"].clone()).unwrap();
    assert_eq!(codes.len(), 10);
    for code in &codes {
        let bits = code.chars().filter(char::is_ascii_alphanumeric).count() * 5;
        assert!(bits >= 64, "{code}");
    }
    let newpw = "marble falcon drifts northward";
    let r = app
        .client()
        .submit(
            "/recover",
            "/recover/code",
            &[
                ("pseudonym", "forgetful"),
                ("code", &codes[0]),
                ("new_password", newpw),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "recovery with a code logs in");
    app.client().login("forgetful", newpw).await;
    // The same code does not work twice.
    let r = app
        .client()
        .submit(
            "/recover",
            "/recover/code",
            &[
                ("pseudonym", "forgetful"),
                ("code", &codes[0]),
                ("new_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("This recovery code is not valid for this pseudonym."));
    // Without SMTP the e-mail option is hidden.
    let page = app.client().get_html("/recover").await;
    assert!(!page.contains("/recover/email"));
    assert_logs_free_of(&[&codes[0], &codes[1], "forgetful"]);
}

#[tokio::test]
async fn r2_7_session_cookie_timeouts_and_logout() {
    let app = spawn_app().await;
    let c = app.client();
    c.post_json(
        "/api/accounts",
        json!({"pseudonym": "sessiontest", "password": PASSWORD, "account_type": "buyer"}),
    )
    .await;
    let r = c
        .post_json(
            "/api/session",
            json!({"pseudonym": "sessiontest", "password": PASSWORD}),
        )
        .await;
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("__Host-tessera="));
    for attr in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie}");
    }
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("__Host-tessera=")
        .to_owned();
    assert!(token.len() >= 26);
    let csrf = body(r).await["csrf_token"].as_str().unwrap().to_owned();
    *c.csrf.lock().unwrap() = Some(csrf);
    // Only the hash of the token is stored.
    assert!(!app.store.dump_all_rows().await.unwrap().contains(&token));
    assert_eq!(c.get("/api/session").await.status(), 200);
    // A new login gives a new token.
    let c2 = app.client();
    c2.login("sessiontest", PASSWORD).await;
    assert_ne!(c.cookie_value(), c2.cookie_value());
    // Idle timeout: 30 minutes.
    app.clock.advance(time::Duration::minutes(29));
    assert_eq!(c.get("/api/session").await.status(), 200);
    app.clock.advance(time::Duration::minutes(29));
    assert_eq!(
        c.get("/api/session").await.status(),
        200,
        "activity keeps it alive"
    );
    app.clock.advance(time::Duration::minutes(31));
    assert_eq!(c.get("/api/session").await.status(), 401);
    // Absolute timeout: 12 hours even when active.
    let c3 = app.client();
    c3.login("sessiontest", PASSWORD).await;
    for _ in 0..25 {
        app.clock.advance(time::Duration::minutes(29));
        c3.get("/api/session").await;
    }
    assert_eq!(c3.get("/api/session").await.status(), 401);
    // Logout deletes the session.
    let c4 = app.client();
    c4.login("sessiontest", PASSWORD).await;
    let saved = c4.cookie_value();
    assert_eq!(c4.delete_json("/api/session", None).await.status(), 204);
    let c5 = app.client();
    c5.set_cookie("__Host-tessera", &saved);
    assert_eq!(c5.get("/api/session").await.status(), 401);
    assert_logs_free_of(&[&token, &saved]);
}

#[tokio::test]
async fn r2_7_session_list_and_ending_a_session() {
    let app = spawn_app().await;
    let a = app.seller("listing").await;
    let b = app.client();
    b.login("listing", PASSWORD).await;
    let page = a.get_html("/settings").await;
    assert_eq!(
        page.matches("/settings/sessions/end").count(),
        1,
        "one other session to end"
    );
    assert!(page.contains("This session"));
    let today = app.state.clock.today().to_string();
    assert!(page.contains(&today));
    assert!(
        !page.contains(CLIENT_IP),
        "no addresses in the session list"
    );
    let handle = between(&page, "name=\"handle\" value=\"", "\"").to_owned();
    let r = a
        .post_form(
            "/settings/sessions/end",
            &csrf_in(&page),
            &[("handle", &handle), ("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(b.get("/api/session").await.status(), 401);
    assert_eq!(a.get("/api/session").await.status(), 200);
}

#[tokio::test]
async fn r2_8_csrf_on_every_state_change() {
    let app = spawn_app().await;
    let s = app.seller("csrfseller").await;
    let good = s.csrf.lock().unwrap().clone().unwrap();
    // JSON API without or with a wrong token.
    *s.csrf.lock().unwrap() = None;
    let r = s.post_json("/api/invitations", json!({})).await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "forbidden");
    *s.csrf.lock().unwrap() = Some("wrong".into());
    assert_eq!(
        s.post_json("/api/invitations", json!({})).await.status(),
        403
    );
    *s.csrf.lock().unwrap() = Some(good.clone());
    // A foreign Origin is refused even with the token.
    let r = s
        .request(
            reqwest::Method::POST,
            "/api/invitations",
            Some(json!({})),
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert!(
        app.store
            .open_invitations(tessera_core::SellerId::new(1), 0)
            .await
            .unwrap()
            .is_empty(),
        "nothing was created"
    );
    // Forms: the session's token is required.
    let r = s
        .post_form("/settings/invitations", "not-the-token", &[])
        .await;
    assert_eq!(r.status(), 403);
    let r = s.post_form("/settings/invitations", &good, &[]).await;
    assert_eq!(r.status(), 200);
    // Anonymous forms: double-submit cookie.
    let anon = app.client();
    let r = anon
        .post_form(
            "/login",
            "forged",
            &[("pseudonym", "csrfseller"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = anon
        .submit(
            "/login",
            "/login",
            &[("pseudonym", "csrfseller"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 303);
    // Browsers send `Origin: null` for same-origin posts under `Referrer-Policy: no-referrer`:
    // the token decides. A refused form gets the error page in the reader's language.
    let page = anon.get_html("/dashboard").await;
    let r = anon
        .post_form_with("/logout", &csrf_in(&page), &[], &[("origin", "null")])
        .await;
    assert_eq!(r.status(), 303);
    let r = anon
        .post_form_with(
            "/login",
            "forged",
            &[],
            &[("origin", "null"), ("accept-language", "de")],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(r.text().await.unwrap().contains("lang=\"de\""));
    // GET never changes state: logout is POST only.
    assert_eq!(s.get("/logout").await.status(), 405);
}

#[tokio::test]
async fn r2_9_identical_answers_and_throttling() {
    let app = spawn_app().await;
    app.buyer("throttled").await;
    let c = app.client();
    let attempt = |name: &'static str, pw: &'static str| {
        let c = &c;
        async move {
            let start = std::time::Instant::now();
            let r = c
                .post_json("/api/session", json!({"pseudonym": name, "password": pw}))
                .await;
            let status = r.status();
            (status, r.text().await.unwrap(), start.elapsed())
        }
    };
    let (s1, b1, t1) = attempt("throttled", "wrong password here").await;
    let (s2, b2, t2) = attempt("nobody-here", "wrong password here").await;
    assert_eq!(
        (s1, &b1),
        (s2, &b2),
        "unknown pseudonym and wrong password look the same"
    );
    assert_eq!(s1, StatusCode::UNAUTHORIZED);
    assert_eq!(
        serde_json::from_str::<Value>(&b1).unwrap()["error"],
        "invalid_credentials"
    );
    // Both paths run one Argon2 verification; allow generous noise on a shared machine.
    let ratio = t1.as_secs_f64() / t2.as_secs_f64();
    assert!(
        (0.25..4.0).contains(&ratio),
        "timing differs: {t1:?} vs {t2:?}"
    );
    // 10 failures in 15 minutes, then each attempt must wait; even the right password.
    for _ in 0..9 {
        assert_eq!(attempt("throttled", "wrong password here").await.0, 401);
    }
    let r = c
        .post_json(
            "/api/session",
            json!({"pseudonym": "throttled", "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    // Unknown pseudonyms are throttled the same way, so throttling reveals nothing.
    for _ in 0..10 {
        attempt("nobody-here", "x").await;
    }
    assert_eq!(attempt("nobody-here", "x").await.0, 429);
    // Never a permanent lock: after the wait it works.
    app.clock.advance(time::Duration::seconds(3));
    c.login("throttled", PASSWORD).await;
}

#[tokio::test]
async fn r2_10_and_r2_11_deletion_needs_the_password_and_frees_the_pseudonym() {
    let app = spawn_app().await;
    let c = app.client();
    c.post_json("/api/accounts", json!({"pseudonym": "Leaving_Now", "password": PASSWORD, "account_type": "buyer", "recovery_email": "leaving@example.org", "recovery_codes": true})).await;
    c.login("leaving_now", PASSWORD).await;
    let r = c
        .delete_json("/api/account", Some(json!({"password": "not my password"})))
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(c.get("/api/session").await.status(), 200, "nothing changed");
    let r = c
        .delete_json("/api/account", Some(json!({"password": PASSWORD})))
        .await;
    assert_eq!(r.status(), 204);
    assert_eq!(c.get("/api/session").await.status(), 401);
    let r = app
        .client()
        .post_json(
            "/api/session",
            json!({"pseudonym": "leaving_now", "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status(), 401);
    let dump = app.store.dump_all_rows().await.unwrap().to_lowercase();
    assert!(!dump.contains("leaving_now"), "{dump}");
    assert!(!dump.contains("leaving@example.org"));
    let r = app
        .client()
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "Leaving_Now", "password": PASSWORD, "account_type": "buyer"}),
        )
        .await;
    assert_eq!(r.status(), 201, "the pseudonym is free again");
}

#[tokio::test]
async fn r2_12_settings_api() {
    let app = spawn_app().await;
    let s = app.seller("prefseller").await;
    let v = body(s.get("/api/account/settings").await).await;
    assert_eq!(
        v,
        json!({"language": null, "screening": {"min_trust": null, "min_ratings": null, "max_unsafe": null, "unknown_is_below": false}, "message_expiry_days": 30})
    );
    let r = s
        .put_json(
            "/api/account/settings",
            json!({"language": "de", "preset": "moderate", "message_expiry_days": 14}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let v = body(r).await;
    assert_eq!(
        v["screening"],
        json!({"min_trust": 0.8, "min_ratings": 5, "max_unsafe": 1, "unknown_is_below": true})
    );
    assert_eq!(v["language"], "de");
    for bad in [
        json!({"message_expiry_days": 91}),
        json!({"screening": {"min_trust": 1.5, "min_ratings": 1, "unknown_is_below": false}}),
        json!({"language": "fr"}),
    ] {
        assert_eq!(s.put_json("/api/account/settings", bad).await.status(), 400);
    }
    assert_eq!(
        body(s.get("/api/account/settings").await).await["message_expiry_days"],
        14,
        "rejected changes left it as it was"
    );
    // The chosen language applies to pages.
    assert!(s.get_html("/settings").await.contains("lang=\"de\""));
}

#[tokio::test]
async fn r9_3_per_address_limit_and_proof_of_work() {
    let app = spawn_app_with(|c| {
        c.limits.ip_per_minute = 60;
        c.limits.signups_per_hour = 1;
    })
    .await;
    let c = app.client();
    let r = c
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "firstbuyer", "password": PASSWORD, "account_type": "buyer"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let r = c
        .post_json(
            "/api/accounts",
            json!({"pseudonym": "secondbuyer", "password": PASSWORD, "account_type": "buyer"}),
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "proof_of_work_required");
    let p = body(c.get("/api/accounts/pow").await).await;
    assert_eq!(p["required"], true);
    let challenge = p["challenge"].as_str().unwrap().to_owned();
    let bits = p["bits"].as_u64().unwrap() as u32;
    let nonce = (0u64..)
        .find(|n| {
            use sha2::Digest;
            let h = sha2::Sha256::digest(format!("{challenge}:{n}").as_bytes());
            let zeros = h.iter().take_while(|b| **b == 0).count() as u32 * 8
                + h.iter().find(|b| **b != 0).map_or(0, |b| b.leading_zeros());
            zeros >= bits
        })
        .unwrap()
        .to_string();
    let signup = json!({"pseudonym": "secondbuyer", "password": PASSWORD, "account_type": "buyer", "pow_challenge": challenge, "pow_nonce": nonce});
    assert_eq!(
        c.post_json("/api/accounts", signup.clone()).await.status(),
        201
    );
    // A solution works once.
    let mut again = signup;
    again["pseudonym"] = json!("thirdbuyer");
    assert_eq!(c.post_json("/api/accounts", again).await.status(), 403);
    // The per-address bucket (burst 200) runs out.
    let mut limited = false;
    for _ in 0..260 {
        let r = c.get("/healthz").await;
        if r.status() == 429 {
            assert!(r.headers().get("retry-after").is_some());
            limited = true;
            break;
        }
    }
    assert!(limited, "the per-address limit never applied");
    assert_logs_free_of(&[CLIENT_IP]);
}

#[tokio::test]
async fn openapi_document_and_healthz() {
    let app = spawn_app().await;
    let c = app.client();
    let r = c.get("/healthz").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "ok");
    let v = body(c.get("/api/openapi.json").await).await;
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    for p in [
        "/api/accounts",
        "/api/session",
        "/api/account",
        "/api/account/settings",
        "/api/invitations",
    ] {
        assert!(v["paths"].get(p).is_some(), "{p} missing from OpenAPI");
    }
    let r = c.get("/api/nothing-here").await;
    assert_eq!(r.status(), 404);
    assert_eq!(body(r).await["error"], "not_found");
}

/// R2.7 with several processes (R9.2): a session ended by another process (here: directly in
/// the database) stops working here within the session cache's 2 seconds, even while requests
/// keep using it; a cache hit does not extend the cached copy's life.
#[tokio::test]
async fn r2_7_a_session_ended_elsewhere_ends_here_within_two_seconds() {
    let app = spawn_app().await;
    let seller = app.seller("Elsewhere").await;
    assert_eq!(seller.get("/api/session").await.status(), StatusCode::OK);
    let hash = tessera_store::crypto::token_hash(&seller.cookie_value());
    app.store.delete_session(&hash).await.unwrap();
    let start = std::time::Instant::now();
    let mut ended = None;
    while start.elapsed() < std::time::Duration::from_secs(4) {
        if seller.get("/api/session").await.status() == StatusCode::UNAUTHORIZED {
            ended = Some(start.elapsed());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let ended = ended.expect("the ended session was still accepted after 4 s");
    assert!(
        ended <= std::time::Duration::from_millis(2_500),
        "{ended:?}"
    );
}
