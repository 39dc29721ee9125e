//! The login ticket (SPEC R2.5, R2.9; ASVS 5.0 V9.1.1, V9.2.1, V7.2.1): a page login with TOTP
//! on carries the fact "this account's password was right" from the password step to the code
//! step in a signed, short-lived ticket in the form. It must not be forgeable (else the
//! password step could be skipped, and another account's id written in), not outlive its five
//! minutes, and not be a session.

use reqwest::{Response, StatusCode};
use serde_json::json;
use tessera_app::accounts::totp::code_at;

use super::backends::{each_backend, sqlite, Backend};
use crate::common::*;

/// Turns TOTP on for a logged-in client through the settings page; returns the secret.
async fn totp_on(app: &Backend, c: &Client) -> Vec<u8> {
    let r = c.submit("/settings", "/settings/totp/start", &[]).await;
    let html = r.text().await.unwrap();
    let b32 = between(&html, "id=\"totp-secret\" class=\"wrap\">", "<");
    let secret = data_encoding::BASE32_NOPAD.decode(b32.as_bytes()).unwrap();
    let sealed = between(&html, "name=\"sealed\" value=\"", "\"");
    let code = code_at(&secret, app.state.now());
    let r = c
        .post_form(
            "/settings/totp/confirm",
            &csrf_in(&html),
            &[
                ("sealed", sealed),
                ("code", &code),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 200, "TOTP on ({})", app.name);
    // The enrolment used this time step's code; logins use later ones.
    app.clock.advance(time::Duration::seconds(30));
    secret
}

/// The password step of a page login: a new browser, the ticket from the code form and the
/// page's CSRF token. It opens no session.
async fn password_step(app: &Backend, pseudonym: &str) -> (Client, String, String) {
    let p = app.client();
    let r = p
        .submit(
            "/login",
            "/login",
            &[("pseudonym", pseudonym), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 200, "the code form ({})", app.name);
    assert!(
        !p.has_cookie("__Host-tessera"),
        "a session after the password alone"
    );
    let html = r.text().await.unwrap();
    let ticket = between(&html, "name=\"ticket\" value=\"", "\"").to_owned();
    (p, csrf_in(&html), ticket)
}

async fn code_step(p: &Client, csrf: &str, ticket: &str, code: &str) -> Response {
    p.post_form("/login/totp", csrf, &[("ticket", ticket), ("totp", code)])
        .await
}

/// Refused: a client error, and no session.
fn assert_refused(r: &Response, p: &Client, what: &str) {
    assert!(r.status().is_client_error(), "{what}: {}", r.status());
    assert!(
        !p.has_cookie("__Host-tessera"),
        "{what}: a session was opened"
    );
}

/// `ticket` with the character at byte `i` replaced by another of its kind.
fn flip(ticket: &str, i: usize) -> String {
    let c = ticket.as_bytes()[i];
    let other = match c {
        b'0'..=b'8' | b'a'..=b'y' | b'A'..=b'Y' => c + 1,
        b'9' => b'0',
        b'z' => b'a',
        b'Z' => b'A',
        _ => b'x',
    };
    let mut b = ticket.as_bytes().to_vec();
    b[i] = other;
    String::from_utf8(b).unwrap()
}

/// ASVS 9.1.1 (a self-contained token is checked by its MAC before its contents count), R2.5:
/// a ticket re-addressed to another account, with that account's current code (a phished
/// one), is refused, as is one whose expiry was pushed back and one changed in any single
/// place. The untouched ticket with the same code then works: the refusals were the MAC's.
#[tokio::test]
async fn r2_5_asvs_9_1_1_a_login_ticket_changed_anywhere_is_refused() {
    let app = sqlite().await;
    let victim_secret = totp_on(&app, &app.seller("ticket_victim").await).await;
    let secret = totp_on(&app, &app.seller("ticket_holder").await).await;
    let id_of = |name: &'static str| {
        let store = app.store.clone();
        async move {
            store
                .account_by_pseudonym(name)
                .await
                .unwrap()
                .unwrap()
                .id
                .to_string()
        }
    };
    let (victim_id, own_id) = (id_of("ticket_victim").await, id_of("ticket_holder").await);
    let (p, csrf, ticket) = password_step(&app, "ticket_holder").await;
    let now = app.state.now();
    let code = code_at(&secret, now);

    // The ticket names the account first and its expiry second (crates/app login.rs); the
    // targeted forgeries below rely on that, the single-character changes do not.
    let fields: Vec<&str> = ticket.split('.').collect();
    assert_eq!(fields[0], own_id, "{ticket}");
    let readdressed = format!("{victim_id}{}", &ticket[own_id.len()..]);
    let r = code_step(&p, &csrf, &readdressed, &code_at(&victim_secret, now)).await;
    assert_refused(&r, &p, "a ticket re-addressed to another account");
    let later = fields[1].parse::<i64>().unwrap() + 86_400;
    let extended = ticket.replacen(&format!(".{}.", fields[1]), &format!(".{later}."), 1);
    assert_ne!(extended, ticket);
    let r = code_step(&p, &csrf, &extended, &code).await;
    assert_refused(&r, &p, "a ticket with a later expiry");

    // One changed character at the start and the end of every part, the MAC cut short or
    // missing, and no ticket at all.
    let mut changed = vec![];
    let mut start = 0;
    for f in &fields {
        changed.push(flip(&ticket, start));
        changed.push(flip(&ticket, start + f.len() - 1));
        start += f.len() + 1;
    }
    changed.push(ticket[..ticket.len() - 1].to_owned());
    changed.push(ticket[..ticket.rfind('.').unwrap()].to_owned());
    changed.push(String::new());
    for t in &changed {
        assert_ne!(t, &ticket);
        let r = code_step(&p, &csrf, t, &code).await;
        assert_refused(&r, &p, &format!("ticket {t:?}"));
    }

    let r = code_step(&p, &csrf, &ticket, &code).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the ticket as issued");
    assert!(p.has_cookie("__Host-tessera"));
    assert_eq!(p.get("/api/session").await.status(), 200);
    assert_logs_free_of(&[&ticket, &code]);
}

/// ASVS 9.2.1 (a token counts only within its validity), R2.5: a ticket works within its five
/// minutes and not after, even with a good code; a fresh ticket with that same code works, so
/// the refusal was the expiry's.
#[tokio::test]
async fn r2_5_asvs_9_2_1_an_expired_login_ticket_is_refused() {
    let app = sqlite().await;
    let secret = totp_on(&app, &app.seller("slow_typist").await).await;
    let (p1, csrf1, t1) = password_step(&app, "slow_typist").await;
    let (p2, csrf2, t2) = password_step(&app, "slow_typist").await;

    app.clock.advance(time::Duration::seconds(290));
    let code = code_at(&secret, app.state.now());
    let r = code_step(&p1, &csrf1, &t1, &code).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "within five minutes");

    // 330 s after it was issued, and in a later time step than the code just used.
    app.clock.advance(time::Duration::seconds(40));
    let code = code_at(&secret, app.state.now());
    let r = code_step(&p2, &csrf2, &t2, &code).await;
    assert_refused(&r, &p2, "a ticket past its five minutes");

    let (p3, csrf3, t3) = password_step(&app, "slow_typist").await;
    let r = code_step(&p3, &csrf3, &t3, &code).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "a fresh ticket, the same code"
    );
}

/// ASVS 7.2.1 (sessions are checked by the server, against its own records), R2.5, R2.7: the
/// password step opens no session, in the pages or the API, and the ticket is no session
/// token: sent as the session cookie it opens nothing.
#[tokio::test]
async fn r2_5_r2_7_asvs_7_2_1_the_password_step_alone_opens_no_session() {
    each_backend(|app| async move {
        let secret = totp_on(&app, &app.seller("half_way").await).await;
        let (p, _, ticket) = password_step(&app, "half_way").await;
        assert_eq!(p.get("/api/session").await.status(), 401, "{}", app.name);
        assert_eq!(p.get("/dashboard").await.headers()["location"], "/login");

        let t = app.client();
        t.set_cookie("__Host-tessera", &ticket);
        assert_eq!(t.get("/api/session").await.status(), 401, "{}", app.name);
        for page in ["/dashboard", "/settings"] {
            let r = t.get(page).await;
            assert_eq!(r.status(), 303, "{page}");
            assert!(r.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/login"));
        }

        let api = app.client();
        let r = api
            .post_json(
                "/api/session",
                json!({"pseudonym": "half_way", "password": PASSWORD}),
            )
            .await;
        assert_refused(&r, &api, "the API login without a code");
        // With the code, the same request logs in: the refusal was the missing second factor.
        let code = code_at(&secret, app.state.now());
        let r = api
            .post_json(
                "/api/session",
                json!({"pseudonym": "half_way", "password": PASSWORD, "totp": code}),
            )
            .await;
        assert_eq!(r.status(), 200, "{}", app.name);
    })
    .await;
}
