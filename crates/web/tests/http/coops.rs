//! Coops over HTTP (SPEC R6.2; API.md "### Coops"): the JSON API with its statuses for every
//! kind of caller (anonymous 401, buyer 403, non-member 404, member without the role 403), the
//! request link, the moderators' actions, leaving, account deletion (R2.11), and the pages in
//! English and German without JavaScript.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

async fn body(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

/// A coop created by `who` through the API; its id.
async fn new_coop(who: &Client, name: &str) -> String {
    let r = who
        .post_json(
            "/api/coops",
            json!({"name": name, "kind": "regional", "scope": "Berlin"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    body(r).await["id"].as_str().unwrap().to_owned()
}

async fn status(c: &Client, method: Method, path: &str, b: Option<Value>) -> u16 {
    c.request(method, path, b, &[]).await.status().as_u16()
}

/// Every coop path of API.md with a body where it takes one.
fn coop_paths(id: &str, token: &str) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (
            Method::POST,
            "/api/coops".into(),
            Some(json!({"name": "x", "kind": "private"})),
        ),
        (Method::GET, "/api/coops".into(), None),
        (Method::GET, format!("/api/coops/{id}"), None),
        (
            Method::POST,
            format!("/api/coops/{id}/invitations"),
            Some(json!({"seller": "ada"})),
        ),
        (Method::POST, format!("/api/coops/{id}/link"), None),
        (Method::POST, format!("/api/coops/requests/{token}"), None),
        (Method::POST, format!("/api/coops/{id}/join"), None),
        (Method::POST, format!("/api/coops/{id}/leave"), None),
        (Method::GET, format!("/api/coops/{id}/members"), None),
        (
            Method::POST,
            format!("/api/coops/{id}/members/ada"),
            Some(json!({"action": "suspend"})),
        ),
    ]
}

#[tokio::test]
async fn r6_2_create_invite_accept_and_the_coop_object() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await;
    let bea = app.seller("bea").await;
    let r = ada
        .post_json(
            "/api/coops",
            json!({"name": "  Night shift ", "kind": "regional", "scope": "Berlin"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let c = body(r).await;
    let id = c["id"].as_str().unwrap().to_owned();
    // An opaque id: not a counter.
    assert!(id.len() >= 16 && id.parse::<u64>().is_err(), "{id}");
    assert_eq!(
        c,
        json!({"id": id, "name": "Night shift", "kind": "regional", "scope": "Berlin",
               "state": "member", "moderator": true, "members": 1,
               "anonymous_alerts": true, "min_member_days": 7})
    );

    let r = ada
        .post_json(
            &format!("/api/coops/{id}/invitations"),
            json!({"seller": "BEA"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    assert_eq!(body(r).await, json!({"seller": "bea", "state": "invited"}));
    let r = ada
        .post_json(
            &format!("/api/coops/{id}/invitations"),
            json!({"seller": "bea"}),
        )
        .await;
    assert_eq!(r.status(), 409, "already invited");
    let r = ada
        .post_json(
            &format!("/api/coops/{id}/invitations"),
            json!({"seller": "nobody"}),
        )
        .await;
    assert_eq!(r.status(), 404, "unknown seller");

    // Invited: she sees the coop in her list and may GET it, nothing else.
    let mine = body(bea.get("/api/coops").await).await;
    assert_eq!(mine[0]["state"], "invited");
    assert_eq!(mine[0]["moderator"], false);
    assert_eq!(bea.get(&format!("/api/coops/{id}")).await.status(), 200);
    assert_eq!(
        bea.get(&format!("/api/coops/{id}/members")).await.status(),
        404
    );
    let r = bea
        .post_json(
            &format!("/api/coops/{id}/invitations"),
            json!({"seller": "ada"}),
        )
        .await;
    assert_eq!(r.status(), 404);

    let r = bea
        .post_json(&format!("/api/coops/{id}/join"), json!({}))
        .await;
    assert_eq!(r.status(), 200);
    let c = body(r).await;
    assert_eq!(
        (c["state"].as_str(), c["members"].as_i64()),
        (Some("member"), Some(2))
    );
    let r = bea
        .post_json(&format!("/api/coops/{id}/join"), json!({}))
        .await;
    assert_eq!(r.status(), 409, "already a member");

    let members = body(bea.get(&format!("/api/coops/{id}/members")).await).await;
    let today = time::OffsetDateTime::now_utc().date().to_string();
    assert_eq!(
        members,
        json!([
            {"pseudonym": "ada", "state": "member", "moderator": true, "since": today},
            {"pseudonym": "bea", "state": "member", "moderator": false, "since": today}
        ])
    );
}

#[tokio::test]
async fn r6_2_r6_1_who_gets_what_on_every_coop_path() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await;
    let id = new_coop(&ada, "Circle").await;
    let link = body(
        ada.post_json(&format!("/api/coops/{id}/link"), json!({}))
            .await,
    )
    .await;
    let token = link["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();

    // Anonymous: 401 everywhere; a buyer: 403 everywhere (R6.1).
    let anon = app.client();
    let buyer = app.buyer("bert").await;
    for (m, path, b) in coop_paths(&id, &token) {
        assert_eq!(
            status(&anon, m.clone(), &path, b.clone()).await,
            401,
            "anonymous {m} {path}"
        );
        assert_eq!(
            status(&buyer, m.clone(), &path, b).await,
            403,
            "buyer {m} {path}"
        );
    }
    // A seller with no place in the coop: 404 for everything of it, as if it did not exist.
    let eve = app.seller("eve").await;
    for (m, path, b) in coop_paths(&id, &token) {
        if path == "/api/coops" || path.contains("/requests/") {
            continue;
        }
        let r = eve.request(m.clone(), &path, b, &[]).await;
        assert_eq!(r.status(), 404, "stranger {m} {path}");
        assert_eq!(body(r).await["error"], "not_found");
    }
    assert_eq!(body(eve.get("/api/coops").await).await, json!([]));
    assert_eq!(eve.get("/api/coops/nonexistent").await.status(), 404);

    // A member without the moderator's role: 403 `forbidden` on the moderators' paths.
    let mia = app.seller("mia").await;
    ada.post_json(
        &format!("/api/coops/{id}/invitations"),
        json!({"seller": "mia"}),
    )
    .await;
    mia.post_json(&format!("/api/coops/{id}/join"), json!({}))
        .await;
    let r = mia
        .post_json(&format!("/api/coops/{id}/link"), json!({}))
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "forbidden");
    let r = mia
        .post_json(
            &format!("/api/coops/{id}/members/ada"),
            json!({"action": "suspend"}),
        )
        .await;
    assert_eq!(r.status(), 403);

    // Suspended: reads (the coop, its members), cannot invite.
    let r = ada
        .post_json(
            &format!("/api/coops/{id}/members/mia"),
            json!({"action": "suspend"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await["state"], "suspended");
    assert_eq!(
        mia.get(&format!("/api/coops/{id}/members")).await.status(),
        200
    );
    let r = mia
        .post_json(
            &format!("/api/coops/{id}/invitations"),
            json!({"seller": "eve"}),
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "forbidden");
    // Still counted as a member.
    assert_eq!(
        body(ada.get(&format!("/api/coops/{id}")).await).await["members"],
        2
    );
}

#[tokio::test]
async fn r6_2_a_request_link_makes_her_pending_until_a_moderator_approves() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await;
    let bea = app.seller("bea").await;
    let id = new_coop(&ada, "Agency A").await;
    let r = ada
        .post_json(&format!("/api/coops/{id}/link"), json!({}))
        .await;
    assert_eq!(r.status(), 201);
    let link = body(r).await;
    let url = link["url"].as_str().unwrap();
    assert!(url.contains("/coops/requests/"), "{url}");
    let token = url.rsplit('/').next().unwrap();
    // At least 128 random bits: 26 or more base-32 symbols.
    assert!(token.len() >= 26, "{token}");
    let expires = time::Date::parse(
        link["expires_on"].as_str().unwrap(),
        &time::format_description::well_known::Iso8601::DATE,
    )
    .unwrap();
    assert!(expires > time::OffsetDateTime::now_utc().date());
    // Only its hash is stored.
    assert!(!app.store.dump_all_rows().await.unwrap().contains(token));

    let r = bea
        .post_json(&format!("/api/coops/requests/{token}"), json!({}))
        .await;
    assert_eq!(r.status(), 201);
    let c = body(r).await;
    assert_eq!(
        (c["id"].as_str(), c["state"].as_str()),
        (Some(id.as_str()), Some("pending"))
    );
    assert_eq!(bea.get(&format!("/api/coops/{id}")).await.status(), 200);
    assert_eq!(
        bea.get(&format!("/api/coops/{id}/members")).await.status(),
        404
    );
    // Pending is not an invitation: joining is 404.
    assert_eq!(
        bea.post_json(&format!("/api/coops/{id}/join"), json!({}))
            .await
            .status(),
        404
    );
    let r = bea
        .post_json("/api/coops/requests/notatoken", json!({}))
        .await;
    assert_eq!(r.status(), 404);
    // A member asking through the link: 409.
    let r = ada
        .post_json(&format!("/api/coops/requests/{token}"), json!({}))
        .await;
    assert_eq!(r.status(), 409);

    let path = format!("/api/coops/{id}/members/bea");
    let r = ada.post_json(&path, json!({"action": "approve"})).await;
    assert_eq!(r.status(), 200);
    let row = body(r).await;
    assert_eq!(
        (row["state"].as_str(), row["moderator"].as_bool()),
        (Some("member"), Some(false))
    );
    assert_eq!(
        ada.post_json(&path, json!({"action": "approve"}))
            .await
            .status(),
        409
    );
    // The other actions, and an unknown one.
    let r = ada
        .post_json(&path, json!({"action": "make_moderator"}))
        .await;
    assert_eq!(body(r).await["moderator"], true);
    assert_eq!(
        ada.post_json(&path, json!({"action": "reinstate"}))
            .await
            .status(),
        409
    );
    assert_eq!(
        ada.post_json(&path, json!({"action": "suspend"}))
            .await
            .status(),
        200
    );
    let r = ada.post_json(&path, json!({"action": "reinstate"})).await;
    assert_eq!(body(r).await["state"], "member");
    let r = ada.post_json(&path, json!({"action": "ban"})).await;
    assert_eq!(r.status(), 400);
    assert_eq!(body(r).await["fields"], json!(["action"]));
    // A moderator can now make links too.
    assert_eq!(
        bea.post_json(&format!("/api/coops/{id}/link"), json!({}))
            .await
            .status(),
        201
    );
    // Someone not in the coop is 404 for a moderator's action.
    app.seller("zoe").await;
    let r = ada
        .post_json(
            &format!("/api/coops/{id}/members/zoe"),
            json!({"action": "approve"}),
        )
        .await;
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn r6_2_leaving_makes_the_coop_unknown_to_her() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await;
    let bea = app.seller("bea").await;
    let id = new_coop(&ada, "Leavers").await;
    ada.post_json(
        &format!("/api/coops/{id}/invitations"),
        json!({"seller": "bea"}),
    )
    .await;
    bea.post_json(&format!("/api/coops/{id}/join"), json!({}))
        .await;
    let r = bea
        .post_json(&format!("/api/coops/{id}/leave"), json!({}))
        .await;
    assert_eq!(r.status(), 200);
    let c = body(r).await;
    assert_eq!(
        (c["state"].as_str(), c["members"].as_i64()),
        (Some("left"), Some(1))
    );
    assert_eq!(bea.get(&format!("/api/coops/{id}")).await.status(), 404);
    assert_eq!(body(bea.get("/api/coops").await).await, json!([]));
    assert_eq!(
        bea.post_json(&format!("/api/coops/{id}/leave"), json!({}))
            .await
            .status(),
        404
    );
    // She may be invited again.
    let r = ada
        .post_json(
            &format!("/api/coops/{id}/invitations"),
            json!({"seller": "bea"}),
        )
        .await;
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn r6_2_creation_checks_its_fields() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await;
    for (b, field) in [
        (json!({"name": "x", "kind": "city"}), "kind"),
        (json!({"name": "   ", "kind": "private"}), "name"),
        (json!({"name": "x".repeat(81), "kind": "private"}), "name"),
        (
            json!({"name": "x", "kind": "private", "min_member_days": 91}),
            "min_member_days",
        ),
        (
            json!({"name": "x", "kind": "private", "min_member_days": -1}),
            "min_member_days",
        ),
        (
            json!({"name": "x", "kind": "private", "scope": "s".repeat(81)}),
            "scope",
        ),
    ] {
        let r = ada.post_json("/api/coops", b.clone()).await;
        assert_eq!(r.status(), 400, "{b}");
        let v = body(r).await;
        assert_eq!(v["error"], "invalid_input");
        assert_eq!(v["fields"], json!([field]), "{b}");
    }
    let r = ada
        .post_json(
            "/api/coops",
            json!({"name": "Quiet", "kind": "vertical", "anonymous_alerts": false, "min_member_days": 0}),
        )
        .await;
    let c = body(r).await;
    assert_eq!(
        (
            c["anonymous_alerts"].as_bool(),
            c["min_member_days"].as_i64(),
            c["scope"].clone()
        ),
        (Some(false), Some(0), Value::Null)
    );
}

#[tokio::test]
async fn r6_2_r2_11_deleting_her_account_removes_her_memberships() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await;
    let bea = app.seller("bea").await;
    let id = new_coop(&ada, "Gone").await;
    let bea_coop = new_coop(&bea, "Hers").await;
    ada.post_json(
        &format!("/api/coops/{id}/invitations"),
        json!({"seller": "bea"}),
    )
    .await;
    bea.post_json(&format!("/api/coops/{id}/join"), json!({}))
        .await;
    let r = bea
        .delete_json("/api/account", Some(json!({"password": PASSWORD})))
        .await;
    assert_eq!(r.status(), 204);
    let members = body(ada.get(&format!("/api/coops/{id}/members")).await).await;
    assert_eq!(members.as_array().unwrap().len(), 1, "{members}");
    assert_eq!(
        body(ada.get(&format!("/api/coops/{id}")).await).await["members"],
        1
    );
    let dump = app.store.dump_all_rows().await.unwrap();
    assert_eq!(
        dump.matches("coop_members: ").count(),
        1,
        "only ada's row is left"
    );
    assert!(!dump.contains("\"bea\"") && !dump.contains("'bea'"));
    // Her own coop stays, without her, reachable by no one.
    assert!(!bea_coop.is_empty());
}

#[tokio::test]
async fn r6_2_r10_4_the_pages_work_without_javascript_in_english_and_german() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await;
    let bea = app.seller("bea").await;
    // The dashboard leads to the coops page.
    let dash = ada.get_html("/dashboard").await;
    assert!(dash.contains("href=\"/coops\""));
    let page = ada.get_html("/coops").await;
    assert!(page.contains("You are in no coop yet."));

    // Create through the form; a bad form comes back with the error and the typed name.
    let r = ada
        .submit(
            "/coops",
            "/coops",
            &[("name", "Kiez"), ("kind", "nope"), ("scope", "")],
        )
        .await;
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert!(html.contains("Please check the form") && html.contains("value=\"Kiez\""));
    let r = ada
        .submit(
            "/coops",
            "/coops",
            &[
                ("name", "Kiez"),
                ("kind", "regional"),
                ("scope", "Neukölln"),
                ("min_member_days", "3"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    let id = to.strip_prefix("/coops/").unwrap().to_owned();
    let c = body(ada.get(&format!("/api/coops/{id}")).await).await;
    // The unticked box means no anonymous alerts.
    assert_eq!(c["anonymous_alerts"], false);
    assert_eq!(c["min_member_days"], 3);

    let html = ada.get_html(&to).await;
    assert!(html.contains("Kiez") && html.contains("Neukölln") && html.contains("Invite a member"));
    assert!(html.contains("Create a request link"));
    // Fits a 360 px screen with the existing classes: the member table reflows (`rows`), long
    // values wrap, no inline style or script.
    assert!(html.contains("<table class=\"rows\""));
    assert!(!html.contains("style=") && !html.contains("<script>"));

    // Invite through the form; she accepts through hers.
    let r = ada
        .submit(&to, &format!("{to}/invite"), &[("seller", "bea")])
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("bea is invited."));
    let r = ada
        .submit(&to, &format!("{to}/invite"), &[("seller", "bea")])
        .await;
    assert_eq!(r.status(), 409);
    let list = bea.get_html("/coops").await;
    assert!(list.contains(&format!("href=\"{to}\"")) && list.contains("invited"));
    let html = bea.get_html(&to).await;
    assert!(html.contains("Accept the invitation") && !html.contains("id=\"members\""));
    let r = bea.submit(&to, &format!("{to}/join"), &[]).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("You are now a member.") && html.contains("id=\"members\""));

    // The moderator makes a link and suspends through the member table.
    let r = ada.submit(&to, &format!("{to}/link"), &[]).await;
    let html = r.text().await.unwrap();
    assert!(html.contains("/coops/requests/") && html.contains("id=\"coop-link\""));
    let r = ada
        .submit(&to, &format!("{to}/members/bea"), &[("action", "suspend")])
        .await;
    assert!(r.text().await.unwrap().contains("bea is now: suspended."));
    let html = bea.get_html(&to).await;
    assert!(html.contains("You are suspended in this coop"));
    assert!(!html.contains("Invite a member"));

    // German.
    let de = bea.page_de(&to).await;
    assert!(de.contains("Sie sind in dieser Coop gesperrt") && de.contains("Mitglieder"));
    let de = ada.page_de("/coops").await;
    assert!(de.contains("Eine Coop gründen") && de.contains("Ihre Coops"));

    // A request link's page, for another seller: ask, then the coop says she waits.
    let cleo = app.seller("cleo").await;
    let link = body(
        ada.post_json(&format!("/api/coops/{id}/link"), json!({}))
            .await,
    )
    .await;
    let path = link["url"]
        .as_str()
        .unwrap()
        .split_once("/coops/")
        .unwrap()
        .1
        .to_owned();
    let path = format!("/coops/{path}");
    let html = cleo.get_html(&path).await;
    assert!(html.contains("Ask to join"));
    let de = cleo.page_de(&path).await;
    assert!(de.contains("Um Aufnahme bitten"));
    let r = cleo.submit(&path, &path, &[]).await;
    assert_eq!(r.status(), 303);
    let html = cleo.get_html(&to).await;
    assert!(html.contains("A moderator will approve your request."));

    // Leaving through the form leads back to her list, where the coop is gone.
    let r = bea.submit(&to, &format!("{to}/leave"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(bea.get(&to).await.status(), 404);
    assert!(bea
        .get_html("/coops")
        .await
        .contains("You are in no coop yet."));
    // A buyer gets the sellers-only page.
    let buyer = app.buyer("bert").await;
    assert_eq!(buyer.get("/coops/requests/abc").await.status(), 403);
    // R8.4: nothing of it reached the server's output: names, scope, ids, link tokens.
    let token = path.rsplit('/').next().unwrap();
    assert_logs_free_of(&["Kiez", "Neukölln", &id, token]);
}

/// API.md "### Coops" in the OpenAPI document: every status each route answers, with the error
/// shape, and the closed vocabularies as enums.
#[tokio::test]
async fn r6_2_openapi_documents_every_coop_answer() {
    let app = spawn_app().await;
    let doc: Value = app
        .client()
        .get("/api/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let answers: &[(&str, &str, &[u16])] = &[
        ("post", "/api/coops", &[201, 400, 401, 403, 413, 429]),
        ("get", "/api/coops", &[200, 401, 403, 429]),
        ("get", "/api/coops/{id}", &[200, 400, 401, 403, 404, 429]),
        (
            "post",
            "/api/coops/{id}/invitations",
            &[201, 400, 401, 403, 404, 409, 413, 429],
        ),
        (
            "post",
            "/api/coops/{id}/link",
            &[201, 400, 401, 403, 404, 429],
        ),
        (
            "post",
            "/api/coops/requests/{token}",
            &[201, 400, 401, 403, 404, 409, 429],
        ),
        (
            "post",
            "/api/coops/{id}/join",
            &[200, 400, 401, 403, 404, 409, 429],
        ),
        (
            "post",
            "/api/coops/{id}/leave",
            &[200, 400, 401, 403, 404, 429],
        ),
        (
            "get",
            "/api/coops/{id}/members",
            &[200, 400, 401, 403, 404, 429],
        ),
        (
            "post",
            "/api/coops/{id}/members/{pseudonym}",
            &[200, 400, 401, 403, 404, 409, 413, 429],
        ),
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
        schemas["CreateCoop"]["properties"]["kind"]["enum"],
        json!(["regional", "agency", "vertical", "private"])
    );
    assert_eq!(
        schemas["CoopBody"]["properties"]["state"]["enum"],
        json!(["invited", "pending", "member", "suspended", "left"])
    );
    assert_eq!(
        schemas["Moderate"]["properties"]["action"]["enum"],
        json!(["approve", "suspend", "reinstate", "make_moderator"])
    );
    assert_eq!(
        schemas["CreateCoop"]["properties"]["min_member_days"]["maximum"],
        90
    );
}

/// R6.2: a request link opened logged out leads to the login and back; nothing is requested
/// before she is logged in and presses the button.
#[tokio::test]
async fn r6_2_a_request_link_opened_logged_out_asks_to_log_in_first() {
    let app = spawn_app().await;
    let ada = app.seller("ada").await;
    let id = new_coop(&ada, "Door").await;
    let link = body(
        ada.post_json(&format!("/api/coops/{id}/link"), json!({}))
            .await,
    )
    .await;
    let token = link["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let r = app.client().get(&format!("/coops/requests/{token}")).await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/login?next="), "{to}");
    assert!(to.contains(&token), "comes back to the link: {to}");
    let members = body(ada.get(&format!("/api/coops/{id}/members")).await).await;
    assert_eq!(members.as_array().unwrap().len(), 1);
}

/// API.md: `POST /api/coops/{id}/join` answers 409 `conflict` to someone already a member,
/// the creator included (found by schemathesis's stateful phase: a created coop answered 404).
#[tokio::test]
async fn r6_2_the_creator_joining_her_own_coop_is_a_conflict_not_a_missing_coop() {
    let app = spawn_app().await;
    let ann = app.seller("ann_cj").await;
    for kind in ["agency", "private", "regional", "vertical"] {
        let r = ann
            .post_json(
                "/api/coops",
                json!({"kind": kind, "name": "\u{b1}w\u{130}\u{122}g)"}),
            )
            .await;
        assert_eq!(r.status(), 201, "{kind}");
        let id = r.json::<Value>().await.unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let r = ann
            .post_json(&format!("/api/coops/{id}/join"), json!({}))
            .await;
        assert_eq!(r.status(), 409, "{kind}: {}", r.text().await.unwrap());
    }
}
