//! A coop discussion started from the coop page, without JavaScript (SPEC R6.3, R6.2): a member
//! starts it, every member sees it under Messages and reads what was written; a suspended member
//! gets no form; a seller with no place in the coop gets "not found".

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

#[tokio::test]
async fn r6_2_r6_3_a_member_starts_a_coop_discussion_from_the_coop_page() {
    let app = spawn_app().await;
    let ann = app.seller("Dann").await;
    let bea = app.seller("Dbea").await;
    let out = app.seller("Dout").await;
    let coop: Value = ann
        .post_json(
            "/api/coops",
            json!({"name": "Day shift", "kind": "vertical"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = coop["id"].as_str().unwrap().to_owned();
    let page = format!("/coops/{id}");
    let r = ann
        .post_json(
            &format!("/api/coops/{id}/invitations"),
            json!({"seller": "Dbea"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // Invited, not yet a member: no discussion form.
    assert!(!bea.get_html(&page).await.contains("/threads\""));
    bea.post_json(&format!("/api/coops/{id}/join"), json!({}))
        .await;

    let html = ann.get_html(&page).await;
    assert!(html.contains("Start a discussion"), "{html}");
    assert!(ann
        .page_de(&page)
        .await
        .contains("Eine Diskussion beginnen"));
    let action = format!("/coops/{id}/threads");
    let r = ann
        .submit(&page, &action, &[("title", "Who works Sunday")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let thread = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(thread.starts_with("/messages/"), "{thread}");
    let r = ann
        .submit(&thread, &thread, &[("body", "I do, from noon")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Bea sees it under Messages without accepting, and reads it.
    let list = bea.get_html("/messages").await;
    assert!(list.contains("Who works Sunday"), "{list}");
    assert!(bea.get_html(&thread).await.contains("I do, from noon"));
    // Someone with no place in the coop: "not found", like a coop that does not exist.
    let r = out.submit("/dashboard", &action, &[("title", "x")]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(out.get(&thread).await.status(), StatusCode::NOT_FOUND);

    // Suspended: she still reads, but the page offers no form and a post is refused.
    let r = ann
        .post_json(
            &format!("/api/coops/{id}/members/Dbea"),
            json!({"action": "suspend"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(!bea.get_html(&page).await.contains(&action));
    let r = bea.submit(&page, &action, &[("title", "mine")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(bea.get_html(&thread).await.contains("I do, from noon"));
}
