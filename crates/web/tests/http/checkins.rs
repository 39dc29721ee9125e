//! Buddies, check-ins, PINs, panic and alarms over HTTP (SPEC R6.6, R6.7; API.md "Buddies,
//! check-ins, panic, alarms"): the API's bodies and refusals, the missed check-in raised by the
//! watcher on the test clock (also one missed while no watcher ran), the duress PIN answering
//! byte for byte like "I'm safe", and what never reaches the logs (R8.4).

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tessera_core::Clock;

use crate::common::*;

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

/// `buddy` watches over `seller` (asked and accepted).
async fn watches(seller: &Client, seller_name: &str, buddy: &Client, buddy_name: &str) {
    let r = seller
        .post_json("/api/buddies", json!({ "seller": buddy_name }))
        .await;
    assert_eq!(r.status(), 201);
    let r = buddy
        .post_json(&format!("/api/buddies/{seller_name}/accept"), json!({}))
        .await;
    assert_eq!(r.status(), 200);
}

async fn start(c: &Client, minutes: i64, note: &str) -> Value {
    let r = c
        .post_json("/api/checkins", json!({"minutes": minutes, "note": note}))
        .await;
    assert_eq!(r.status(), 201);
    body(r).await
}

#[tokio::test]
async fn r6_7_buddies_are_asked_accepted_listed_and_ended() {
    let app = spawn_app().await;
    let ann = app.seller("ann_s").await;
    let bea = app.seller("bea_s").await;
    let r = ann
        .post_json("/api/buddies", json!({"seller": "Bea_S"}))
        .await;
    assert_eq!(r.status(), 201);
    assert_eq!(
        body(r).await,
        json!({"pseudonym": "bea_s", "direction": "watches_me", "state": "pending"})
    );
    let r = ann
        .post_json("/api/buddies", json!({"seller": "bea_s"}))
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(body(r).await["error"], "conflict");
    let r = ann
        .post_json("/api/buddies", json!({"seller": "nobody_here"}))
        .await;
    assert_eq!(r.status(), 404);
    let r = bea.post_json("/api/buddies/ann_s/accept", json!({})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        body(r).await,
        json!({"pseudonym": "ann_s", "direction": "i_watch", "state": "active"})
    );
    assert_eq!(
        body(bea.get("/api/buddies").await).await,
        json!([{"pseudonym": "ann_s", "direction": "i_watch", "state": "active"}])
    );
    for i in 0..4 {
        let name = format!("other_{i}");
        app.seller(&name).await;
        let r = ann
            .post_json("/api/buddies", json!({ "seller": name }))
            .await;
        assert_eq!(r.status(), 201);
    }
    app.seller("sixth_s").await;
    let r = ann
        .post_json("/api/buddies", json!({"seller": "sixth_s"}))
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(body(r).await["error"], "too_many_buddies");
    // Either side ends it; the direction is needed.
    let r = bea.delete_json("/api/buddies/ann_s", None).await;
    assert_eq!(r.status(), 400);
    let r = bea
        .delete_json("/api/buddies/ann_s?direction=i_watch", None)
        .await;
    assert_eq!(r.status(), 204);
    let r = ann
        .delete_json("/api/buddies/bea_s?direction=watches_me", None)
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(body(bea.get("/api/buddies").await).await, json!([]));
}

#[tokio::test]
async fn r6_1_r6_7_buyers_get_403_and_strangers_401_on_every_safety_path() {
    let app = spawn_app().await;
    let buyer = app.buyer("buyer_b").await;
    let anon = app.client();
    let paths: &[(&str, &str)] = &[
        ("GET", "/api/buddies"),
        ("POST", "/api/buddies"),
        ("POST", "/api/buddies/x_seller/accept"),
        ("DELETE", "/api/buddies/x_seller?direction=i_watch"),
        ("GET", "/api/watch"),
        ("PUT", "/api/watch"),
        ("PUT", "/api/account/checkin-pin"),
        ("PUT", "/api/account/duress-pin"),
        ("GET", "/api/checkins"),
        ("POST", "/api/checkins"),
        ("POST", "/api/checkins/1/safe"),
        ("POST", "/api/checkins/1/extend"),
        ("POST", "/api/panic"),
        ("GET", "/api/alarms"),
        ("POST", "/api/alarms/1/ack"),
        ("POST", "/api/alarms/1/close"),
    ];
    let bodies = json!({"seller": "x_seller", "until": null, "password": PASSWORD, "pin": null, "minutes": 30});
    for (method, path) in paths {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let b = (*method != "GET").then(|| bodies.clone());
        let r = buyer.request(m.clone(), path, b.clone(), &[]).await;
        assert_eq!(r.status(), 403, "buyer {method} {path}");
        let r = anon.request(m, path, b, &[]).await;
        assert_eq!(r.status(), 401, "anonymous {method} {path}");
    }
}

#[tokio::test]
async fn r6_6_a_checkin_starts_extends_four_times_and_ends() {
    let app = spawn_app().await;
    let ann = app.seller("ann_s").await;
    for bad in [14, 721] {
        let r = ann
            .post_json("/api/checkins", json!({"minutes": bad}))
            .await;
        assert_eq!(r.status(), 400, "{bad}");
    }
    let long = "x".repeat(1001);
    let r = ann
        .post_json("/api/checkins", json!({"minutes": 30, "note": long}))
        .await;
    assert_eq!(r.status(), 400);
    let r = ann
        .post_json(
            "/api/checkins",
            json!({"minutes": 30, "buyer": "no_such_buyer"}),
        )
        .await;
    assert_eq!(r.status(), 404);
    let now = app.state.now();
    let c = start(&ann, 30, "").await;
    assert_eq!(c["extensions_left"], 4);
    assert_eq!(c["state"], "open");
    let due = time::OffsetDateTime::parse(
        c["due_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(due.unix_timestamp(), now + 30 * 60);
    let r = ann.post_json("/api/checkins", json!({"minutes": 30})).await;
    assert_eq!(r.status(), 409, "one open at a time");
    assert_eq!(
        body(ann.get("/api/checkins").await).await,
        json!([c.clone()])
    );
    let id = c["id"].as_str().unwrap();
    for left in (0..4).rev() {
        let r = ann
            .post_json(&format!("/api/checkins/{id}/extend"), json!({}))
            .await;
        assert_eq!(r.status(), 200);
        let v = body(r).await;
        assert_eq!(v["extensions_left"], left);
    }
    let r = ann
        .post_json(&format!("/api/checkins/{id}/extend"), json!({}))
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(body(r).await["error"], "no_extensions_left");
    let r = ann
        .post_json(&format!("/api/checkins/{id}/safe"), json!({}))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), r#"{"state":"ended"}"#);
    assert_eq!(body(ann.get("/api/checkins").await).await, json!([]));
    let r = ann
        .post_json(&format!("/api/checkins/{id}/safe"), json!({}))
        .await;
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn r6_6_pins_need_the_password_differ_and_guard_i_am_safe() {
    let app = spawn_app().await;
    let ann = app.seller("ann_s").await;
    let r = ann
        .put_json(
            "/api/account/checkin-pin",
            json!({"password": "wrong password!", "pin": "731946"}),
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "reauthentication_failed");
    for bad in ["123", "123456789", "12a4"] {
        let r = ann
            .put_json(
                "/api/account/checkin-pin",
                json!({"password": PASSWORD, "pin": bad}),
            )
            .await;
        assert_eq!(r.status(), 400, "{bad}");
    }
    let r = ann
        .put_json(
            "/api/account/checkin-pin",
            json!({"password": PASSWORD, "pin": "731946"}),
        )
        .await;
    assert_eq!(r.status(), 204);
    let r = ann
        .put_json(
            "/api/account/duress-pin",
            json!({"password": PASSWORD, "pin": "731946"}),
        )
        .await;
    assert_eq!(
        r.status(),
        400,
        "the duress PIN differs from the check-in PIN"
    );
    let r = ann
        .put_json(
            "/api/account/duress-pin",
            json!({"password": PASSWORD, "pin": "582037"}),
        )
        .await;
    assert_eq!(r.status(), 204);
    let c = start(&ann, 60, "").await;
    let safe = format!("/api/checkins/{}/safe", c["id"].as_str().unwrap());
    for pin in [None, Some("604418")] {
        let b = pin.map_or(json!({}), |p| json!({ "pin": p }));
        let r = ann.post_json(&safe, b).await;
        assert_eq!(r.status(), 422, "{pin:?}");
        assert_eq!(body(r).await["error"], "pin_invalid");
    }
    assert_eq!(
        body(ann.get("/api/checkins").await)
            .await
            .as_array()
            .unwrap()
            .len(),
        1,
        "still open"
    );
    let r = ann.post_json(&safe, json!({"pin": "731946"})).await;
    assert_eq!(r.status(), 200);
    // Guessing: after 5 wrong PINs even the right check-in PIN no longer ends it (the deadline
    // will raise the alarm); the duress PIN still does, silently.
    let c = start(&ann, 60, "").await;
    let safe = format!("/api/checkins/{}/safe", c["id"].as_str().unwrap());
    for _ in 0..5 {
        let r = ann.post_json(&safe, json!({"pin": "604418"})).await;
        assert_eq!(r.status(), 422);
    }
    let r = ann.post_json(&safe, json!({"pin": "731946"})).await;
    assert_eq!(r.status(), 422, "locked after 5 wrong PINs");
    let r = ann.post_json(&safe, json!({"pin": "582037"})).await;
    assert_eq!(r.status(), 200, "the duress PIN still ends it");
    // Removed, "I'm safe" needs no PIN again.
    let r = ann
        .put_json(
            "/api/account/checkin-pin",
            json!({"password": PASSWORD, "pin": null}),
        )
        .await;
    assert_eq!(r.status(), 204);
    let c = start(&ann, 60, "").await;
    let r = ann
        .post_json(
            &format!("/api/checkins/{}/safe", c["id"].as_str().unwrap()),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_logs_free_of_numbers(&["731946", "582037", "604418"]);
}

/// The duress PIN: the same status, headers that matter and body bytes as "I'm safe"; the
/// seller sees nothing of the alarm; her buddy sees it with the note.
#[tokio::test]
async fn r6_6_the_duress_pin_answers_byte_for_byte_like_i_am_safe() {
    let app = spawn_app().await;
    let ann = app.seller("ann_s").await;
    let bea = app.seller("bea_s").await;
    watches(&ann, "ann_s", &bea, "bea_s").await;
    for (role, pin) in [("checkin-pin", "864209"), ("duress-pin", "357913")] {
        let r = ann
            .put_json(
                &format!("/api/account/{role}"),
                json!({"password": PASSWORD, "pin": pin}),
            )
            .await;
        assert_eq!(r.status(), 204);
    }
    let mut answers = Vec::new();
    for (pin, note) in [("864209", "safe-note-7f3a"), ("357913", "duress-note-91bc")] {
        let c = start(&ann, 60, note).await;
        let r = ann
            .post_json(
                &format!("/api/checkins/{}/safe", c["id"].as_str().unwrap()),
                json!({"pin": pin}),
            )
            .await;
        let status = r.status();
        let ctype = r.headers()["content-type"].clone();
        let len = r.headers().get("content-length").cloned();
        answers.push((status, ctype, len, r.bytes().await.unwrap()));
        assert_eq!(body(ann.get("/api/checkins").await).await, json!([]));
    }
    assert_eq!(answers[0], answers[1], "indistinguishable");
    assert_eq!(answers[0].0, 200);
    // She never sees alarms, hers or anyone's she does not watch over.
    assert_eq!(body(ann.get("/api/alarms").await).await, json!([]));
    let alarms = body(bea.get("/api/alarms").await).await;
    let alarms = alarms.as_array().unwrap();
    assert_eq!(alarms.len(), 1, "only the duress PIN raised one");
    let a = &alarms[0];
    assert_eq!(a["kind"], "duress");
    assert_eq!(a["seller"], "ann_s");
    assert_eq!(a["note"], "duress-note-91bc");
    assert_eq!(a["state"], "open");
    assert_eq!(a["checked_in_late_at"], Value::Null);
    let case = a["case"].as_str().unwrap().to_owned();
    assert_logs_free_of(&["safe-note-7f3a", "duress-note-91bc", &case]);
    assert_logs_free_of_numbers(&["864209", "357913"]);
}

/// Issue 12 §5: the server watches the deadline on the application's clock; a deadline that
/// passed while no watcher ran fires at its start, one passing while it runs within seconds.
#[tokio::test]
async fn r6_6_a_missed_checkin_reaches_the_buddies_with_its_note() {
    // Sessions outlive the clock's jumps.
    let app = spawn_app_with(|c| {
        c.session_idle_minutes = 525_600;
        c.session_absolute_hours = 8_760;
    })
    .await;
    let buyer = app.buyer("met_buyer").await;
    drop(buyer);
    let ann = app.seller("ann_s").await;
    let cat = app.seller("cat_s").await;
    let bea = app.seller("bea_s").await;
    let dee = app.seller("dee_s").await;
    watches(&ann, "ann_s", &bea, "bea_s").await;
    watches(&ann, "ann_s", &dee, "dee_s").await;
    watches(&cat, "cat_s", &bea, "bea_s").await;
    let r = ann
        .post_json(
            "/api/checkins",
            json!({"minutes": 15, "note": "room 12, hotel-note-55e1", "buyer": "Met_Buyer"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let ann_checkin = body(r).await;
    // The deadline passes while the server is "down" (no watcher).
    app.clock.advance(time::Duration::seconds(15 * 60));
    assert_eq!(body(bea.get("/api/alarms").await).await, json!([]));
    let clock: Arc<dyn Clock> = app.clock.clone();
    let running = tessera_app::jobs::spawn(
        app.store.clone(),
        clock,
        vec![Box::new(tessera_app::jobs::Watcher)],
    );
    let alarms = wait_for_alarms(&bea, 1).await;
    let a = &alarms[0];
    assert_eq!(a["kind"], "missed_checkin");
    assert_eq!(a["seller"], "ann_s");
    assert_eq!(a["note"], "room 12, hotel-note-55e1");
    assert_eq!(a["buyer"], "met_buyer");
    assert_eq!(a["acknowledged_by"], Value::Null);
    // Hers stays open for her: she can still end it, and her buddies learn she was late.
    assert_eq!(
        body(ann.get("/api/checkins").await).await,
        json!([ann_checkin.clone()])
    );

    // One missed while the watcher runs: within seconds of the deadline on the test clock.
    start(&cat, 15, "").await;
    assert!(!cat
        .get_html("/dashboard")
        .await
        .contains("Less than 5 minutes left"));
    app.clock.advance(time::Duration::seconds(11 * 60));
    assert!(cat
        .get_html("/dashboard")
        .await
        .contains("Less than 5 minutes left"));
    assert!(cat
        .get_html("/checkin")
        .await
        .contains("Less than 5 minutes left"));
    app.clock.advance(time::Duration::seconds(-11 * 60));
    app.clock.advance(time::Duration::seconds(15 * 60 + 1));
    let alarms = wait_for_alarms(&bea, 2).await;
    assert_eq!(alarms[0]["seller"], "cat_s");
    assert_eq!(alarms[0]["note"], Value::Null);

    // "I'm on it": every buddy sees who.
    let id = a["id"].as_str().unwrap();
    let r = dee
        .post_json(&format!("/api/alarms/{id}/ack"), json!({}))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await["acknowledged_by"], "dee_s");
    let seen = body(bea.get("/api/alarms").await).await;
    let seen = seen
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(seen["acknowledged_by"], "dee_s");
    // Someone who does not watch over her gets 404.
    let r = ann
        .post_json(&format!("/api/alarms/{id}/ack"), json!({}))
        .await;
    assert_eq!(r.status(), 404);
    // She checks in late: recorded; the alarm stays open until a buddy closes it.
    let r = ann
        .post_json(
            &format!("/api/checkins/{}/safe", ann_checkin["id"].as_str().unwrap()),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let seen = body(dee.get("/api/alarms").await).await;
    assert!(seen[0]["checked_in_late_at"].is_string(), "{seen}");
    assert_eq!(seen[0]["state"], "open");
    let r = bea
        .post_json(&format!("/api/alarms/{id}/close"), json!({}))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await["state"], "closed");
    running.stop().await;
    assert_logs_free_of(&["hotel-note-55e1"]);
}

/// Polls the buddy's alarms (the watcher runs every 5 s) until `n` are there, at most 20 s.
async fn wait_for_alarms(buddy: &Client, n: usize) -> Vec<Value> {
    for _ in 0..80 {
        let v = body(buddy.get("/api/alarms").await).await;
        let list = v.as_array().unwrap().clone();
        if list.len() >= n {
            return list;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("no alarm within 20 s");
}

#[tokio::test]
async fn r6_7_panic_says_only_saved_and_carries_the_open_note() {
    let app = spawn_app().await;
    let ann = app.seller("ann_s").await;
    let bea = app.seller("bea_s").await;
    watches(&ann, "ann_s", &bea, "bea_s").await;
    start(&ann, 120, "panic-note-2c4d").await;
    let r = ann.post_json("/api/panic", json!({})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), r#"{"status":"saved"}"#);
    let alarms = body(bea.get("/api/alarms").await).await;
    assert_eq!(alarms[0]["kind"], "panic");
    assert_eq!(alarms[0]["note"], "panic-note-2c4d");
    let case = alarms[0]["case"].as_str().unwrap();
    assert_eq!(case.len(), 9, "XXXX-XXXX: {case}");
    assert_eq!(body(ann.get("/api/alarms").await).await, json!([]));
    // On watch: the count her check-in page shows.
    let until = in_hours(&app, 2);
    let r = bea.put_json("/api/watch", json!({ "until": until })).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        body(ann.get("/api/watch").await).await,
        json!({"on_watch": 1, "my_watch_until": null})
    );
    let r = bea
        .put_json("/api/watch", json!({"until": in_hours(&app, 13)}))
        .await;
    assert_eq!(r.status(), 400);
    let r = bea.put_json("/api/watch", json!({"until": null})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(body(ann.get("/api/watch").await).await["on_watch"], 0);
    assert_logs_free_of(&["panic-note-2c4d", case]);
}

/// Issue 12 §6: every safety route that names someone's check-in, alarm or request × anonymous,
/// buyer, a seller who does not watch over her, the seller herself and her buddy (R6.1, R6.6,
/// R6.7). A stranger learns nothing (404, as for a thing that does not exist); the seller never
/// sees or touches her own alarms (the duress PIN must stay invisible); her buddy cannot end or
/// extend her check-in. Buddies and check-ins have no coop, so coop standing plays no part.
#[tokio::test]
async fn r6_6_r6_7_access_matrix_of_every_safety_route() {
    let app = spawn_app().await;
    let ann = app.seller("ann_m").await;
    let bea = app.seller("bea_m").await;
    let eve = app.seller("eve_m").await;
    let buyer = app.buyer("buyer_m").await;
    let anon = app.client();
    watches(&ann, "ann_m", &bea, "bea_m").await;
    let id = start(&ann, 120, "matrix-note").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(ann.post_json("/api/panic", json!({})).await.status(), 200);
    let alarm = body(bea.get("/api/alarms").await).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // A request from Ann to Cat, pending: only Cat may accept it.
    let cat = app.seller("cat_m").await;
    let r = ann
        .post_json("/api/buddies", json!({"seller": "cat_m"}))
        .await;
    assert_eq!(r.status(), 201);
    let none = json!({});
    // Callers: anonymous, buyer, stranger (Eve), the seller herself (Ann), her buddy (Bea).
    let callers = [&anon, &buyer, &eve, &ann, &bea];
    let routes: Vec<(&str, String, Value, [u16; 5])> = vec![
        (
            "POST",
            format!("/api/checkins/{id}/extend"),
            none.clone(),
            [401, 403, 404, 200, 404],
        ),
        (
            "POST",
            format!("/api/alarms/{alarm}/ack"),
            none.clone(),
            [401, 403, 404, 404, 200],
        ),
        (
            "POST",
            format!("/api/alarms/{alarm}/close"),
            none.clone(),
            [401, 403, 404, 404, 200],
        ),
        // Her buddy accepted already: accepting again changes nothing and says so (200).
        (
            "POST",
            "/api/buddies/ann_m/accept".into(),
            none.clone(),
            [401, 403, 404, 404, 200],
        ),
        (
            "DELETE",
            "/api/buddies/cat_m?direction=i_watch".into(),
            none.clone(),
            [401, 403, 404, 404, 404],
        ),
        (
            "GET",
            "/api/checkins".into(),
            none.clone(),
            [401, 403, 200, 200, 200],
        ),
        (
            "GET",
            "/api/alarms".into(),
            none.clone(),
            [401, 403, 200, 200, 200],
        ),
        (
            "GET",
            "/api/buddies".into(),
            none.clone(),
            [401, 403, 200, 200, 200],
        ),
        (
            "GET",
            "/api/watch".into(),
            none.clone(),
            [401, 403, 200, 200, 200],
        ),
        // Last: the owner's "I'm safe" ends it, so the buddy's try comes before hers.
        (
            "POST",
            format!("/api/checkins/{id}/safe"),
            none.clone(),
            [401, 403, 404, 200, 404],
        ),
    ];
    for (method, path, b, want) in &routes {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let order: [usize; 5] = if path.ends_with("/safe") {
            [0, 1, 2, 4, 3]
        } else {
            [0, 1, 2, 3, 4]
        };
        for i in order {
            let b = (*method != "GET").then(|| b.clone());
            let got = callers[i]
                .request(m.clone(), path, b, &[])
                .await
                .status()
                .as_u16();
            assert_eq!(got, want[i], "{method} {path}, caller {i}");
        }
    }
    // What the refusals left as it was: Ann's alarm was closed by Bea alone; Cat's request
    // still waits for Cat.
    assert_eq!(
        body(cat.get("/api/buddies").await).await,
        json!([{"pseudonym": "ann_m", "direction": "i_watch", "state": "pending"}])
    );
}

fn in_hours(app: &TestApp, h: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(app.state.now() + h * 3600).unwrap();
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// The pages, without JavaScript (issue 12 §5): the check-in page in English and German, the
/// duress PIN's answer identical to the check-in PIN's, buddies and PINs, the panic control
/// answering only "Saved", and the alarms page of the buddy with "I'm on it".
#[tokio::test]
async fn r6_6_r6_7_the_pages_work_without_script_in_english_and_german() {
    let app = spawn_app().await;
    let ann = app.seller("ann_s").await;
    let bea = app.seller("bea_s").await;
    let buyer = app.buyer("buyer_b").await;
    assert_eq!(buyer.get("/checkin").await.status(), 403);

    // Buddies: she asks on the page, the other accepts on hers.
    let r = ann
        .submit("/buddies", "/buddies/ask", &[("seller", "bea_s")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/buddies?done=asked");
    let html = ann.get_html("/buddies?done=asked").await;
    assert!(html.contains("Asked."), "{html}");
    assert!(html.contains("bea_s (asked, not yet accepted)"));
    let r = bea
        .submit("/buddies", "/buddies/accept", &[("pseudonym", "ann_s")])
        .await;
    assert_eq!(r.status(), 303);
    assert!(bea.get_html("/buddies").await.contains("ann_s (active)"));
    let de = ann.page_de("/buddies").await;
    assert!(de.contains("Buddys und PINs"), "{de}");
    // PINs on the page, behind the password.
    for (role, pin) in [("checkin", "246813"), ("duress", "135792")] {
        let r = ann
            .submit(
                "/buddies",
                "/buddies/pin",
                &[("role", role), ("pin", pin), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status(), 303, "{role}");
    }
    let r = ann
        .submit(
            "/buddies",
            "/buddies/pin",
            &[
                ("role", "duress"),
                ("pin", "246813"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("must be different"));

    // The check-in page: start, then "I'm safe" with each PIN: the same answer.
    let html = ann.get_html("/checkin").await;
    assert!(html.contains("Start check-in"));
    assert!(
        html.contains("id=\"panic\""),
        "the discreet control on seller pages"
    );
    assert!(ann.page_de("/checkin").await.contains("Check-in starten"));
    let mut answers = Vec::new();
    for pin in ["246813", "135792"] {
        let r = ann
            .submit(
                "/checkin",
                "/checkin/start",
                &[("minutes", "60"), ("note", "page-note-4e2f"), ("buyer", "")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let html = ann.get_html("/checkin").await;
        assert!(html.contains("I&#39;m safe"), "{html}");
        let id = between(&html, "name=\"id\" value=\"", "\"").to_owned();
        let r = ann
            .submit("/checkin", "/checkin/safe", &[("id", &id), ("pin", pin)])
            .await;
        answers.push((
            r.status(),
            r.headers()["location"].clone(),
            r.bytes().await.unwrap(),
        ));
    }
    assert_eq!(answers[0], answers[1], "the duress PIN looks like I'm safe");
    assert_eq!(answers[0].1, "/checkin?done=ended");
    assert!(ann
        .get_html("/checkin?done=ended")
        .await
        .contains("Your check-in has ended."));
    // A wrong PIN: the page again, 422, the check-in open.
    ann.submit("/checkin", "/checkin/start", &[("minutes", "60")])
        .await;
    let html = ann.get_html("/checkin").await;
    let id = between(&html, "name=\"id\" value=\"", "\"").to_owned();
    let r = ann
        .submit("/checkin", "/checkin/safe", &[("id", &id), ("pin", "0000")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Your check-in is still open."));

    // Panic: "Saved", nothing else.
    let r = ann.submit("/dashboard", "/panic", &[]).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Saved."));
    assert!(!html.to_lowercase().contains("alarm"), "no visible sign");

    // The buddy's dashboard and alarms page; she says "I'm on it".
    let dash = bea.get_html("/dashboard").await;
    assert!(
        dash.contains("2 open alarms of members you watch over"),
        "{dash}"
    );
    let html = bea.get_html("/alarms").await;
    assert!(html.contains("Duress"));
    assert!(html.contains("Panic"));
    assert!(html.contains("page-note-4e2f"));
    let id = between(&html, "name=\"id\" value=\"", "\"").to_owned();
    let r = bea.submit("/alarms", "/alarms/ack", &[("id", &id)]).await;
    assert_eq!(r.status(), 303);
    assert!(bea.get_html("/alarms").await.contains("bea_s is on it."));
    assert!(bea.page_de("/alarms").await.contains("bea_s kümmert sich."));
    // She herself sees no alarm anywhere.
    assert!(!ann.get_html("/dashboard").await.contains("open alarm"));
    assert!(!ann.get_html("/alarms").await.contains("Duress"));
    assert_logs_free_of(&["page-note-4e2f"]);
    assert_logs_free_of_numbers(&["246813", "135792"]);
}

/// Issue 10's rule for the new operations: the OpenAPI document lists every status they answer
/// (the ones the tests above see), with the error shape, and their enums as enums.
#[tokio::test]
async fn r6_6_r6_7_openapi_documents_every_safety_answer() {
    let app = spawn_app().await;
    let doc = body(app.client().get("/api/openapi.json").await).await;
    let answers: &[(&str, &str, &[u16])] = &[
        ("post", "/api/buddies", &[201, 400, 401, 403, 404, 409, 429]),
        (
            "post",
            "/api/buddies/{pseudonym}/accept",
            &[200, 401, 403, 404],
        ),
        (
            "delete",
            "/api/buddies/{pseudonym}",
            &[204, 400, 401, 403, 404],
        ),
        ("get", "/api/buddies", &[200, 401, 403]),
        ("put", "/api/watch", &[200, 400, 401, 403]),
        ("get", "/api/watch", &[200, 401, 403]),
        (
            "put",
            "/api/account/checkin-pin",
            &[204, 400, 401, 403, 429, 503],
        ),
        (
            "put",
            "/api/account/duress-pin",
            &[204, 400, 401, 403, 429, 503],
        ),
        ("post", "/api/checkins", &[201, 400, 401, 403, 404, 409]),
        ("get", "/api/checkins", &[200, 401, 403]),
        (
            "post",
            "/api/checkins/{id}/safe",
            &[200, 400, 401, 403, 404, 422, 503],
        ),
        (
            "post",
            "/api/checkins/{id}/extend",
            &[200, 401, 403, 404, 409],
        ),
        ("post", "/api/panic", &[200, 401, 403]),
        ("get", "/api/alarms", &[200, 401, 403]),
        ("post", "/api/alarms/{id}/ack", &[200, 401, 403, 404]),
        ("post", "/api/alarms/{id}/close", &[200, 401, 403, 404]),
    ];
    for (method, path, statuses) in answers {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is documented");
        for s in *statuses {
            let r = &op["responses"][s.to_string()];
            assert!(r.is_object(), "{method} {path} does not document {s}");
            if *s >= 400 {
                assert_eq!(
                    r["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/Error"
                );
            }
        }
    }
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["AlarmBody"]["properties"]["kind"]["enum"],
        json!(["missed_checkin", "panic", "duress"])
    );
    assert_eq!(
        schemas["BuddyBody"]["properties"]["direction"]["enum"],
        json!(["watches_me", "i_watch"])
    );
    assert_eq!(
        schemas["StartCheckin"]["properties"]["minutes"]["minimum"],
        15
    );
    assert_eq!(
        schemas["StartCheckin"]["properties"]["minutes"]["maximum"],
        720
    );
}
