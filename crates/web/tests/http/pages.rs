//! Page-level tests: the HTML flows without JavaScript (SPEC R10.1), TOTP (R2.5), recovery by
//! e-mail against a real SMTP receiver on loopback (R2.6), headers and robots (R8.5).
//!
//! Longer than ~400 lines on purpose: it is a flat list of independent tests, one or more per
//! SPEC id, each readable on its own; splitting it would only scatter one area's ids.

use std::sync::{Arc, Mutex};

use crate::common::*;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[tokio::test]
async fn r10_1_buyer_signup_login_logout_with_forms_only() {
    let app = spawn_app().await;
    let c = app.client();
    let page = c.get_html("/signup").await;
    // No mail server in this test: the warning names the recovery codes only (R2.6).
    assert!(page.contains("Without recovery codes, a lost password means a lost account."));
    let r = c
        .post_form(
            "/signup",
            &csrf_in(&page),
            &[
                ("pseudonym", "FormBuyer"),
                ("password", PASSWORD),
                ("recovery_codes", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert_eq!(
        html.matches("<li><code>").count(),
        10,
        "ten recovery codes shown once"
    );
    assert!(c.has_cookie("__Host-tessera"));
    let dash = c.get_html("/dashboard").await;
    assert!(dash.contains("Welcome, FormBuyer"));
    let r = c.submit("/dashboard", "/logout", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(c.get("/dashboard").await.headers()["location"], "/login");
    // Wrong password: the same message as an unknown pseudonym, form kept.
    let r = c
        .submit(
            "/login",
            "/login",
            &[("pseudonym", "FormBuyer"), ("password", "nope nope nope")],
        )
        .await;
    assert_eq!(r.status(), 401);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Login failed. Check your pseudonym, password and code."));
    let r = c
        .submit(
            "/login",
            "/login",
            &[("pseudonym", "FormBuyer"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(c.get_html("/dashboard").await.contains("FormBuyer"));
    // A bad sign-up says why and keeps the pseudonym typed.
    let c2 = app.client();
    let r = c2
        .submit(
            "/signup",
            "/signup",
            &[("pseudonym", "formbuyer"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 409);
    let html = r.text().await.unwrap();
    assert!(html.contains("This pseudonym is already taken."));
    assert!(html.contains("value=\"formbuyer\""));
    assert_logs_free_of(&["FormBuyer", "formbuyer", PASSWORD]);
}

#[tokio::test]
async fn r2_3_seller_joins_through_the_invitation_page() {
    let app = spawn_app().await;
    let token = app.invitation().await;
    let c = app.client();
    let path = format!("/join/{token}");
    let r = c
        .submit(
            &path,
            &path,
            &[("pseudonym", "JoinedSeller"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 303);
    let dash = c.get_html("/dashboard").await;
    assert!(dash.contains("Welcome, JoinedSeller"));
    assert!(dash.contains("Invite a member"));
    // The seller creates an invitation from settings.
    let r = c.submit("/settings", "/settings/invitations", &[]).await;
    let html = r.text().await.unwrap();
    let url = between(&html, "id=\"invitation-url\" class=\"wrap\">", "<");
    assert!(url.contains("/join/"));
    assert_logs_free_of(&[&token, "JoinedSeller"]);
}

#[tokio::test]
async fn r2_5_totp_setup_login_and_single_use() {
    let app = spawn_app().await;
    let c = app.seller("TotpSeller").await;
    let r = c.submit("/settings", "/settings/totp/start", &[]).await;
    let html = r.text().await.unwrap();
    assert!(html.contains("<svg"), "server-rendered QR code");
    let secret_b32 = between(&html, "id=\"totp-secret\" class=\"wrap\">", "<").to_owned();
    let secret = data_encoding::BASE32_NOPAD
        .decode(secret_b32.as_bytes())
        .unwrap();
    assert_eq!(secret.len(), 20, "160-bit secret");
    let sealed = between(&html, "name=\"sealed\" value=\"", "\"").to_owned();
    let now = app.state.now();
    let code = tessera_app::accounts::totp::code_at(&secret, now);
    // Wrong password: re-authentication refuses (R2.10).
    let r = c
        .post_form(
            "/settings/totp/confirm",
            &csrf_in(&html),
            &[
                ("sealed", &sealed),
                ("code", &code),
                ("current_password", "wrong"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = c
        .post_form(
            "/settings/totp/confirm",
            &csrf_in(&html),
            &[
                ("sealed", &sealed),
                ("code", &code),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Two-step login is on."));

    // API: without the code, 401 with a hint; with it, 200; the same code again, 401.
    let api = app.client();
    let r = api
        .post_json(
            "/api/session",
            json!({"pseudonym": "TotpSeller", "password": PASSWORD}),
        )
        .await;
    assert_eq!(r.status(), 401);
    app.clock.advance(time::Duration::seconds(30));
    let code2 = tessera_app::accounts::totp::code_at(&secret, app.state.now());
    let r = api
        .post_json(
            "/api/session",
            json!({"pseudonym": "TotpSeller", "password": PASSWORD, "totp": code2}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = app
        .client()
        .post_json(
            "/api/session",
            json!({"pseudonym": "TotpSeller", "password": PASSWORD, "totp": code2}),
        )
        .await;
    assert_eq!(r.status(), 401, "each code works once");

    // Pages: password, then the code step.
    app.clock.advance(time::Duration::seconds(30));
    let p = app.client();
    let r = p
        .submit(
            "/login",
            "/login",
            &[("pseudonym", "TotpSeller"), ("password", PASSWORD)],
        )
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("Code from your authenticator app"));
    let ticket = between(&html, "name=\"ticket\" value=\"", "\"").to_owned();
    let r = p
        .post_form(
            "/login/totp",
            &csrf_in(&html),
            &[("ticket", &ticket), ("totp", "000000")],
        )
        .await;
    assert_eq!(r.status(), 401);
    let code3 = tessera_app::accounts::totp::code_at(&secret, app.state.now());
    let r = p
        .post_form(
            "/login/totp",
            &csrf_in(&html),
            &[("ticket", &ticket), ("totp", &code3)],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(p.get_html("/dashboard").await.contains("TotpSeller"));
    // The secret is stored encrypted.
    assert!(!app
        .store
        .dump_all_rows()
        .await
        .unwrap()
        .contains(&secret_b32));
    assert_logs_free_of(&[&code, &code2, &code3, &secret_b32]);
}

/// A minimal SMTP receiver on loopback that keeps every message it is given.
async fn smtp_receiver() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = Arc::new(Mutex::new(Vec::new()));
    let store = mails.clone();
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let mut data = String::new();
                let mut in_data = false;
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            store.lock().unwrap().push(std::mem::take(&mut data));
                            w.write_all(b"250 OK\r\n").await.unwrap();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let cmd = line.to_ascii_uppercase();
                    let reply: &[u8] = if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
                        b"250 test\r\n"
                    } else if cmd.starts_with("DATA") {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if cmd.starts_with("QUIT") {
                        let _ = w.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 OK\r\n"
                    };
                    w.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, mails)
}

#[tokio::test]
async fn r2_6_recovery_by_email_link() {
    let (port, mails) = smtp_receiver().await;
    let app =
        spawn_app_with(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into())).await;
    let c = app.client();
    c.post_json("/api/accounts", json!({"pseudonym": "MailUser", "password": PASSWORD, "account_type": "buyer", "recovery_email": "Mail.User@Example.org"}))
        .await;
    let stored = app
        .store
        .account_by_pseudonym("mailuser")
        .await
        .unwrap()
        .unwrap()
        .recovery_email_hash
        .unwrap();
    assert!(
        stored.starts_with("$argon2id$"),
        "only a salted hash is stored"
    );
    assert!(!app
        .store
        .dump_all_rows()
        .await
        .unwrap()
        .to_lowercase()
        .contains("example.org"));
    // A wrong address sends nothing but answers the same.
    let r = c
        .submit(
            "/recover",
            "/recover/email",
            &[("pseudonym", "MailUser"), ("email", "other@example.org")],
        )
        .await;
    let wrong = r.text().await.unwrap();
    let r = c
        .submit(
            "/recover",
            "/recover/email",
            &[
                ("pseudonym", "MailUser"),
                ("email", " mail.user@example.ORG "),
            ],
        )
        .await;
    let right = r.text().await.unwrap();
    assert!(wrong.contains("If the pseudonym and address match"));
    assert_eq!(
        between(&wrong, "<main", "</main>").len(),
        between(&right, "<main", "</main>").len()
    );
    let mut mail = String::new();
    for _ in 0..50 {
        if let Some(m) = mails.lock().unwrap().first() {
            mail = m.clone();
        }
        if !mail.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        mails.lock().unwrap().len(),
        1,
        "exactly one mail, to the matching address"
    );
    assert!(mail.to_lowercase().contains("to: mail.user@example.org"));
    let link = mail
        .lines()
        .find(|l| l.contains("/recover/"))
        .unwrap()
        .trim()
        .to_owned();
    let path = &link[link.find("/recover/").unwrap()..];
    let newpw = "harbor quilt meadow sparrow";
    let r = c.submit(path, path, &[("new_password", newpw)]).await;
    assert_eq!(r.status(), 303);
    app.client().login("MailUser", newpw).await;
    // Single use.
    let r = app
        .client()
        .submit(path, path, &[("new_password", PASSWORD)])
        .await;
    assert_eq!(r.status(), 403);
    // 30 minutes.
    c.submit(
        "/recover",
        "/recover/email",
        &[
            ("pseudonym", "MailUser"),
            ("email", "mail.user@example.org"),
        ],
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let mail2 = mails.lock().unwrap().get(1).cloned().expect("second mail");
    let link2 = mail2
        .lines()
        .find(|l| l.contains("/recover/"))
        .unwrap()
        .trim()
        .to_owned();
    let path2 = &link2[link2.find("/recover/").unwrap()..];
    app.clock.advance(time::Duration::minutes(31));
    assert_eq!(
        app.client()
            .submit(path2, path2, &[("new_password", PASSWORD)])
            .await
            .status(),
        403
    );
    assert_logs_free_of(&["example.org", "Example.org", path, "MailUser"]);
}

#[tokio::test]
async fn r8_5_security_headers_and_robots() {
    let app = spawn_app().await;
    let c = app.client();
    for path in ["/", "/login", "/signup", "/api/session", "/nowhere"] {
        let r = c.get(path).await;
        let h = r.headers();
        assert_eq!(
            h["content-security-policy"],
            tessera_web::middleware::CSP,
            "{path}"
        );
        assert_eq!(
            h["strict-transport-security"],
            "max-age=63072000; includeSubDomains"
        );
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
        assert_eq!(h["cross-origin-opener-policy"], "same-origin");
        assert_eq!(h["cross-origin-resource-policy"], "same-origin");
        assert_eq!(h["cache-control"], "no-store");
    }
    let home = c.get_html("/").await;
    assert!(home.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(
        !home.contains("<script>") && !home.contains("style="),
        "no inline scripts or styles"
    );
    assert!(home.contains("Quick exit"));
    let robots = c.get_html("/robots.txt").await;
    assert_eq!(robots, "User-agent: *\nDisallow: /\n");
    // German by Accept-Language.
    let r = c
        .request(
            reqwest::Method::GET,
            "/",
            None,
            &[("accept-language", "de-DE,de;q=0.9")],
        )
        .await;
    let de = r.text().await.unwrap();
    assert!(de.contains("lang=\"de\""));
    assert!(de.contains("Schnell verlassen"));
}

#[tokio::test]
async fn r2_11_delete_through_the_settings_page() {
    let app = spawn_app().await;
    let c = app.seller("PageLeaver").await;
    let r = c
        .submit(
            "/settings",
            "/settings/delete",
            &[("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 400, "the confirmation box is required");
    let r = c
        .submit(
            "/settings",
            "/settings/delete",
            &[("current_password", PASSWORD), ("confirm", "on")],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Your account is deleted"));
    assert!(app
        .store
        .account_by_pseudonym("pageleaver")
        .await
        .unwrap()
        .is_none());
    assert!(!app
        .store
        .dump_all_rows()
        .await
        .unwrap()
        .to_lowercase()
        .contains("pageleaver"));
}

#[tokio::test]
async fn r4_9_rate_this_seller_survives_the_login() {
    let app = spawn_app().await;
    app.buyer("returning_buyer").await;
    let c = app.client();
    let r = c.get("/rate-seller?seller=Someone").await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(to, "/login?next=%2Frate-seller%3Fseller%3DSomeone");
    let page = c.get_html(&to).await;
    assert!(page.contains("name=\"next\" value=\"/rate-seller?seller=Someone\""));
    let r = c
        .post_form(
            "/login",
            &csrf_in(&page),
            &[
                ("pseudonym", "returning_buyer"),
                ("password", PASSWORD),
                ("next", "/rate-seller?seller=Someone"),
            ],
        )
        .await;
    assert_eq!(r.headers()["location"], "/rate-seller?seller=Someone");
    let html = c.get_html("/rate-seller?seller=Someone").await;
    assert!(html.contains("value=\"Someone\""));
    assert!(html.contains("You must complete an interaction before rating"));
}
