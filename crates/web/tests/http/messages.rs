//! Messages over HTTP (R6.1, R6.3; API.md "### Messages"): sellers only, threads, expiry that is
//! exact to the second and never served after it, group invitations, the pages.

use reqwest::StatusCode;
use serde_json::{json, Value};

use super::common::*;

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

#[tokio::test]
async fn r6_1_r6_3_direct_threads_expiry_and_access() {
    // Sessions that outlive the day the test's clock jumps.
    let app = spawn_app_with(|c| {
        c.session_idle_minutes = 3 * 24 * 60;
        c.session_absolute_hours = 8_760;
    })
    .await;
    let ana = app.seller("Ana").await;
    let bea = app.seller("Bea").await;
    let cleo = app.seller("Cleo").await;
    let buyer = app.buyer("Buyer").await;
    // Buyers have no messaging of any kind.
    assert_eq!(
        buyer.get("/api/threads").await.status(),
        StatusCode::FORBIDDEN
    );
    let r = buyer
        .post_json(
            "/api/threads",
            json!({"kind": "direct", "members": ["Ana"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.client().get("/api/threads").await.status(),
        StatusCode::UNAUTHORIZED
    );
    // Bad input says why.
    for bad in [
        json!({"kind": "direct", "members": ["Bea", "Cleo"]}),
        json!({"kind": "chat", "members": ["Bea"]}),
        json!({"kind": "direct", "members": ["Bea"], "expiry_days": 91}),
        json!({"kind": "direct", "members": ["Ana"]}),
    ] {
        let r = ana.post_json("/api/threads", bad.clone()).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    let r = ana
        .post_json(
            "/api/threads",
            json!({"kind": "direct", "members": ["Buyer"]}),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "buyers cannot be written to"
    );
    let r = ana
        .post_json(
            "/api/threads",
            json!({"kind": "direct", "members": ["Bea"], "title": "Saturday", "expiry_days": 2}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let t = body(r).await;
    assert_eq!(t["kind"], "direct");
    assert_eq!(t["state"], "active");
    assert_eq!(t["expiry_days"], 2);
    let id = t["id"].as_str().unwrap().to_owned();
    // Visible to both at once; not to anyone else (404, as if it did not exist).
    assert_eq!(
        body(bea.get("/api/threads").await).await[0]["id"],
        id.as_str()
    );
    let path = format!("/api/threads/{id}/messages");
    assert_eq!(cleo.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        cleo.post_json(&path, json!({"body": "hi"})).await.status(),
        StatusCode::NOT_FOUND
    );
    // The thread's expiry (2 days), exact to the second; a message's own wins.
    let sent = body(
        ana.post_json(&path, json!({"body": "the blue door, 9pm"}))
            .await,
    )
    .await;
    let at = time::OffsetDateTime::parse(
        sent["sent_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let exp = time::OffsetDateTime::parse(
        sent["expires_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(exp - at, time::Duration::days(2));
    let short = ana
        .post_json(&path, json!({"body": "gone tomorrow", "expiry_days": 1}))
        .await;
    assert_eq!(short.status(), StatusCode::CREATED);
    assert_eq!(
        ana.post_json(&path, json!({"body": ""})).await.status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(body(bea.get("/api/threads").await).await[0]["unread"], 2);
    let dash = bea.get_html("/dashboard").await;
    assert!(
        dash.contains("2 unread messages"),
        "the dashboard counts them"
    );
    let ms = body(bea.get(&path).await).await;
    assert_eq!(ms.as_array().unwrap().len(), 2);
    assert_eq!(ms[0]["author"], "Ana");
    assert_eq!(ms[0]["body"], "the blue door, 9pm");
    assert_eq!(body(bea.get("/api/threads").await).await[0]["unread"], 0);
    // One day later the short one is not served, purge or not.
    app.clock.advance(time::Duration::days(1));
    let ms = body(bea.get(&path).await).await;
    assert_eq!(ms.as_array().unwrap().len(), 1);
    // The page says when each message will be deleted, without script.
    let page = bea.get_html(&format!("/messages/{id}")).await;
    assert!(page.contains("the blue door, 9pm"));
    assert!(page.contains("Deleted on "));
    let page = bea.page_de(&format!("/messages/{id}")).await;
    assert!(page.contains("Gelöscht am "));
    assert_logs_free_of(&["the blue door", "gone tomorrow", "Saturday"]);
}

#[tokio::test]
async fn r6_3_group_threads_are_joined_first() {
    let app = spawn_app().await;
    let ana = app.seller("Gana").await;
    let bea = app.seller("Gbea").await;
    let _cleo = app.seller("Gcleo").await;
    let t = body(
        ana.post_json(
            "/api/threads",
            json!({"kind": "group", "members": ["Gbea", "Gcleo"], "title": "Night shift"}),
        )
        .await,
    )
    .await;
    let id = t["id"].as_str().unwrap().to_owned();
    ana.post_json(
        &format!("/api/threads/{id}/messages"),
        json!({"body": "welcome"}),
    )
    .await;
    let listed = body(bea.get("/api/threads").await).await;
    assert_eq!(listed[0]["state"], "invited");
    let path = format!("/api/threads/{id}/messages");
    assert_eq!(bea.get(&path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        bea.post_json(&path, json!({"body": "hi"})).await.status(),
        StatusCode::FORBIDDEN
    );
    let r = bea
        .post_json(&format!("/api/threads/{id}/accept"), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(body(r).await["state"], "active");
    // She then sees every message not yet expired, also those sent before she joined.
    assert_eq!(body(bea.get(&path).await).await[0]["body"], "welcome");
    // The pages: the list, the invitation, joining, writing.
    let page = bea.get_html("/messages").await;
    assert!(page.contains("Night shift"));
    let r = bea
        .submit(
            &format!("/messages/{id}"),
            &format!("/messages/{id}"),
            &[("body", "from the page")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(bea
        .get_html(&format!("/messages/{id}"))
        .await
        .contains("from the page"));
    // Starting a conversation from the page.
    let r = bea
        .submit(
            "/messages",
            "/messages",
            &[("members", "Gana"), ("title", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn r6_2_r6_3_coop_threads_for_members_suspended_read_only() {
    let app = spawn_app().await;
    let mod_ = app.seller("Cmod").await;
    let bea = app.seller("Cbea").await;
    let out = app.seller("Cout").await;
    let coop = body(
        mod_.post_json(
            "/api/coops",
            json!({"name": "Night owls", "kind": "regional"}),
        )
        .await,
    )
    .await;
    let coop_id = coop["id"].as_str().unwrap().to_owned();
    let r = mod_
        .post_json(
            &format!("/api/coops/{coop_id}/invitations"),
            json!({"seller": "Cbea"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // Invited, not yet a member: the coop's threads do not exist for her.
    let r = bea
        .post_json("/api/threads", json!({"kind": "coop", "coop": coop_id}))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    bea.post_json(&format!("/api/coops/{coop_id}/join"), json!({}))
        .await;
    let t = body(
        mod_.post_json(
            "/api/threads",
            json!({"kind": "coop", "coop": coop_id, "title": "Who is out tonight"}),
        )
        .await,
    )
    .await;
    assert_eq!(t["kind"], "coop");
    assert_eq!(t["coop"], coop_id.as_str());
    let id = t["id"].as_str().unwrap().to_owned();
    let path = format!("/api/threads/{id}/messages");
    mod_.post_json(&path, json!({"body": "I am, from ten"}))
        .await;
    // A member sees it without accepting; an outsider does not.
    let listed = body(bea.get("/api/threads").await).await;
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["state"], "active");
    assert_eq!(listed[0]["unread"], 1);
    assert_eq!(
        body(bea.get(&path).await).await[0]["body"],
        "I am, from ten"
    );
    assert_eq!(out.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert!(body(out.get("/api/threads").await)
        .await
        .as_array()
        .unwrap()
        .is_empty());
    // Suspended: reads, does not post.
    let r = mod_
        .post_json(
            &format!("/api/coops/{coop_id}/members/Cbea"),
            json!({"action": "suspend"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(bea.get(&path).await.status(), StatusCode::OK);
    let r = bea.post_json(&path, json!({"body": "me too"})).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // After leaving, the thread is gone for her.
    bea.post_json(&format!("/api/coops/{coop_id}/leave"), json!({}))
        .await;
    assert_eq!(bea.get(&path).await.status(), StatusCode::NOT_FOUND);
}

/// Issue 12 §6: every message route × anonymous, buyer, seller outside the coop, suspended
/// member, member and moderator, on a coop thread (R6.1, R6.2, R6.3).
#[tokio::test]
async fn r6_1_r6_3_access_matrix_of_every_message_route() {
    let app = spawn_app().await;
    let mod_ = app.seller("Mmod").await;
    let mem = app.seller("Mmem").await;
    let sus = app.seller("Msus").await;
    let non = app.seller("Mnon").await;
    let buyer = app.buyer("Mbuyer").await;
    let anon = app.client();
    let coop = body(
        mod_.post_json("/api/coops", json!({"name": "Matrix", "kind": "private"}))
            .await,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for (c, name) in [(&mem, "Mmem"), (&sus, "Msus")] {
        let r = mod_
            .post_json(
                &format!("/api/coops/{coop}/invitations"),
                json!({"seller": name}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let r = c
            .post_json(&format!("/api/coops/{coop}/join"), json!({}))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let r = mod_
        .post_json(
            &format!("/api/coops/{coop}/members/Msus"),
            json!({"action": "suspend"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let t = body(
        mod_.post_json("/api/threads", json!({"kind": "coop", "coop": coop}))
            .await,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let messages = format!("/api/threads/{t}/messages");
    let routes: Vec<(reqwest::Method, String, Option<Value>)> = vec![
        (
            reqwest::Method::POST,
            "/api/threads".into(),
            Some(json!({"kind": "coop", "coop": coop})),
        ),
        (reqwest::Method::GET, "/api/threads".into(), None),
        (
            reqwest::Method::POST,
            messages.clone(),
            Some(json!({"body": "matrix"})),
        ),
        (reqwest::Method::GET, messages.clone(), None),
    ];
    // Anonymous, buyer, outside the coop, suspended, member, moderator.
    let expected: [[u16; 6]; 4] = [
        [401, 403, 404, 403, 201, 201],
        [401, 403, 200, 200, 200, 200],
        [401, 403, 404, 403, 201, 201],
        [401, 403, 404, 200, 200, 200],
    ];
    let callers = [&anon, &buyer, &non, &sus, &mem, &mod_];
    for ((method, path, b), want) in routes.iter().zip(expected) {
        for (i, (c, want)) in callers.iter().zip(want).enumerate() {
            let got = c
                .request(method.clone(), path, b.clone(), &[])
                .await
                .status()
                .as_u16();
            assert_eq!(got, want, "{method} {path}, caller {i}");
        }
    }
}
