//! The in-app alarm notice (SPEC R6.7: "(n) " before every seller page's title and a notice
//! linking to the alarms, rendered by the server so a reload shows them; R10.1: the polling
//! script only enhances), on both backends. A seller's pages never show anything of her own
//! alarms, even when she watches over the buddies who watch over her (R6.6: the duress PIN stays
//! invisible); the panic control's "Saved" shows no badge at all; polling does not keep a
//! session alive (R2.7).

use serde_json::{json, Value};

use crate::asvs::backends::{each_backend, Backend};
use crate::common::*;

fn title(html: &str) -> &str {
    between(html, "<title>", "</title>")
}

/// `buddy` watches over `seller` (asked and accepted).
async fn watches(seller: &Client, buddy: &Client, buddy_name: &str, seller_name: &str) {
    let r = seller
        .post_json("/api/buddies", json!({ "seller": buddy_name }))
        .await;
    assert_eq!(r.status(), 201);
    let r = buddy
        .post_json(&format!("/api/buddies/{seller_name}/accept"), json!({}))
        .await;
    assert_eq!(r.status(), 200);
}

async fn open_alarm_ids(buddy: &Client) -> Vec<String> {
    let v: Value = buddy.get("/api/alarms").await.json().await.unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .filter(|a| a["state"] == "open")
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The pages every seller has; each must carry the badge.
const PAGES: &[(&str, &str, &str)] = &[
    ("/dashboard", "Dashboard", "Übersicht"),
    ("/checkin", "Check-in", "Check-in"),
    ("/buddies", "Buddies and PINs", "Buddys und PINs"),
    ("/alarms", "Alarms", "Alarme"),
    ("/messages", "Messages", "Nachrichten"),
    ("/coops", "Coops", "Coops"),
    ("/settings", "Settings", "Einstellungen"),
];

#[tokio::test]
async fn r6_7_every_seller_page_title_counts_the_open_alarms_she_watches_for() {
    each_backend(|app| async move {
        let ann = app.seller("ann_n").await;
        let bea = app.seller("bea_n").await;
        let cat = app.seller("cat_n").await;
        // Bea watches over Ann and Ann over Bea; Cat watches over nobody.
        watches(&ann, &bea, "bea_n", "ann_n").await;
        watches(&bea, &ann, "ann_n", "bea_n").await;

        // No alarm yet: plain titles; the (empty) notice and the script for the buddies only.
        let html = bea.get_html("/dashboard").await;
        assert_eq!(title(&html), "Dashboard · Tessera", "{}", app.name);
        assert!(html.contains(r#"<div id="watch-notice" role="status" data-open="0""#));
        assert!(html.contains(r#"<script src="/static/watch.js" defer></script>"#));
        let html = cat.get_html("/dashboard").await;
        assert_eq!(title(&html), "Dashboard · Tessera");
        assert!(!html.contains("watch-notice") && !html.contains("watch.js"));
        assert!(!html.contains("alarms of"), "nothing about alarms for her");

        // Ann raises the alarm: every page of Bea's says so, in English and German, also the
        // error page; a reload is enough (no script in this client).
        let r = ann.post_json("/api/panic", json!({})).await;
        assert_eq!(r.status(), 200);
        for (path, en, de) in PAGES {
            let html = bea.get_html(path).await;
            assert_eq!(title(&html), format!("(1) {en} · Tessera"), "{path} {}", app.name);
            assert!(
                html.contains(r#"data-open="1""#)
                    && html.contains(
                        r#"<p class="warning"><a href="/alarms">1 open alarm of a member you watch over</a></p>"#
                    ),
                "{path}: {html}"
            );
            let html = bea.page_de(path).await;
            assert_eq!(title(&html), format!("(1) {de} · Tessera"), "{path}");
            assert!(html.contains("1 offener Alarm eines Mitglieds, auf das du aufpasst"));
        }
        let missing = bea.get("/nowhere").await;
        assert_eq!(missing.status(), 404);
        assert!(title(&missing.text().await.unwrap()).starts_with("(1) "));

        // Ann herself: nothing, although she watches over Bea (R6.6).
        for (path, en, _) in PAGES {
            let html = ann.get_html(path).await;
            assert_eq!(title(&html), format!("{en} · Tessera"), "{path}");
            assert!(html.contains(r#"data-open="0""#), "{path}");
            assert!(
                !html.contains(r#"<p class="warning"><a href="/alarms">"#),
                "{path}: the notice is empty"
            );
        }
        // Cat watches over nobody: still nothing.
        assert_eq!(title(&cat.get_html("/alarms").await), "Alarms · Tessera");

        // The texts the script fills in, for one and for several.
        let html = bea.get_html("/dashboard").await;
        assert!(html.contains(r#"data-one="1 open alarm of a member you watch over""#));
        assert!(html.contains(r#"data-other="{n} open alarms of members you watch over""#));

        // Ann's duress PIN: Bea's count goes up; Ann's check-in page after it is byte for byte
        // the page after an ordinary "I'm safe".
        let r = ann
            .put_json(
                "/api/account/duress-pin",
                json!({"password": PASSWORD, "pin": "470915"}),
            )
            .await;
        assert_eq!(r.status(), 204);
        let mut pages = Vec::new();
        for pin in [None, Some("470915")] {
            let c: Value = ann
                .post_json("/api/checkins", json!({"minutes": 60, "note": "notice-note"}))
                .await
                .json()
                .await
                .unwrap();
            let r = ann
                .post_json(
                    &format!("/api/checkins/{}/safe", c["id"].as_str().unwrap()),
                    json!({ "pin": pin }),
                )
                .await;
            assert_eq!(r.status(), 200);
            pages.push(ann.get_html("/checkin?done=ended").await);
        }
        assert_eq!(pages[0], pages[1], "duress looks like I'm safe, badge included");
        assert_eq!(title(&pages[0]), "Check-in · Tessera");
        let html = bea.get_html("/alarms").await;
        assert_eq!(title(&html), "(2) Alarms · Tessera", "{}", app.name);
        assert!(html.contains("2 open alarms of members you watch over"));

        // The panic control's answer says "Saved" and nothing more, even to a buddy with open
        // alarms (R6.7): no badge, no notice, no polling.
        let r = bea.submit("/dashboard", "/panic", &[]).await;
        assert_eq!(r.status(), 200);
        let saved = r.text().await.unwrap();
        assert_eq!(title(&saved), "Saved · Tessera");
        assert!(!saved.contains("watch-notice") && !saved.contains("watch.js"));
        assert!(!saved.to_lowercase().contains("alarm"), "{saved}");

        // Bea's own panic is not in Bea's count; closing one of Ann's lowers it.
        assert_eq!(title(&bea.get_html("/checkin").await), "(2) Check-in · Tessera");
        let ids = open_alarm_ids(&bea).await;
        assert_eq!(ids.len(), 2);
        let r = bea
            .post_json(&format!("/api/alarms/{}/close", ids[0]), json!({}))
            .await;
        assert_eq!(r.status(), 200);
        assert_eq!(title(&bea.get_html("/checkin").await), "(1) Check-in · Tessera");
        // Ann watches over Bea and sees Bea's panic: the notice is about Bea, not herself.
        assert_eq!(title(&ann.get_html("/dashboard").await), "(1) Dashboard · Tessera");
        assert_logs_free_of(&["notice-note"]);
        assert_logs_free_of_numbers(&["470915"]);
        no_notice_for_buyers(&app).await;
    })
    .await;
}

async fn no_notice_for_buyers(app: &Backend) {
    let buyer = app.buyer("buyer_n").await;
    let html = buyer.get_html("/dashboard").await;
    assert!(!html.contains("watch-notice") && !html.contains("watch.js"));
    assert!(!title(&html).starts_with('('));
}

/// R10.1, R8.5: the script is served by the binary itself, as JavaScript the page's CSP allows
/// (script-src 'self'), and polls the alarms with the header that keeps it from counting as
/// activity.
#[tokio::test]
async fn r6_7_the_polling_script_is_served_from_the_binary() {
    let app = spawn_app().await;
    let r = app.client().get("/static/watch.js").await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    let js = r.text().await.unwrap();
    assert!(js.contains(r#"fetch("/api/alarms""#));
    assert!(js.contains(r#""X-Tessera-Poll": "1""#));
    assert!(js.contains("30000"), "about every 30 seconds");
    // API clients learn of the header from the OpenAPI document.
    let doc: Value = app
        .client()
        .get("/api/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let params = doc["paths"]["/api/alarms"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        params
            .iter()
            .any(|p| p["name"] == "X-Tessera-Poll" && p["in"] == "header"),
        "{params:?}"
    );
}

/// R2.7: a page left open polls for alarms, but that is not activity: the session still ends
/// after the idle timeout (30 minutes). A request without the header keeps its session alive.
#[tokio::test]
async fn r6_7_r2_7_polling_for_alarms_does_not_keep_a_session_alive() {
    let app = spawn_app().await;
    let polling = app.seller("polled_s").await;
    let active = app.client();
    active.login("polled_s", PASSWORD).await;
    async fn status(c: &Client, poll: bool) -> reqwest::StatusCode {
        let extra: &[(&str, &str)] = if poll {
            &[("x-tessera-poll", "1")]
        } else {
            &[]
        };
        c.request(reqwest::Method::GET, "/api/alarms", None, extra)
            .await
            .status()
    }
    app.clock.advance(time::Duration::minutes(20));
    assert_eq!(status(&polling, true).await, 200);
    assert_eq!(status(&active, false).await, 200);
    app.clock.advance(time::Duration::minutes(20));
    // 40 minutes after the login: the polling page's session has been idle all along.
    assert_eq!(status(&polling, true).await, 401);
    assert_eq!(status(&active, false).await, 200);
}
