//! The recovery e-mail is offered only when a mail server is configured (SPEC R2.6): without
//! one, sign-up, the member's join page and settings hide the field, as `/recover` does.

use crate::common::*;

async fn pages(app: &TestApp, name: &str) -> [String; 4] {
    let anon = app.client();
    let signup = anon.get_html("/signup").await;
    let join = anon
        .get_html(&format!("/join/{}", app.invitation().await))
        .await;
    let recover = anon.get_html("/recover").await;
    let settings = app.buyer(name).await.get_html("/settings").await;
    [signup, join, recover, settings]
}

#[tokio::test]
async fn r2_6_recovery_email_is_offered_only_with_a_mail_server() {
    let app = spawn_app().await;
    let [signup, join, recover, settings] = pages(&app, "no_mail_buyer").await;
    for (what, html) in [("signup", &signup), ("join", &join)] {
        assert!(!html.contains("name=\"recovery_email\""), "{what}: {html}");
        assert!(
            html.contains("name=\"recovery_codes\""),
            "{what}: codes stay"
        );
        assert!(
            html.contains("Without recovery codes, a lost password means a lost account."),
            "{what}"
        );
    }
    assert!(!recover.contains("action=\"/recover/email\""));
    assert!(!settings.contains("action=\"/settings/recovery-email\""));
    assert!(settings.contains("Unused recovery codes:"));
    assert!(!settings.contains("Recovery e-mail:"));
    let de = app.client().page_de("/signup").await;
    assert!(de.contains("Ohne Wiederherstellungscodes"));
    assert!(!de.contains("name=\"recovery_email\""));

    // With a mail server (nothing is sent here), every form offers it.
    let app = spawn_app_with(|c| c.smtp_url = Some("smtp://127.0.0.1:9".to_owned().into())).await;
    let [signup, join, recover, settings] = pages(&app, "mail_buyer").await;
    for html in [&signup, &join] {
        assert!(html.contains("name=\"recovery_email\""));
    }
    assert!(recover.contains("action=\"/recover/email\""));
    assert!(settings.contains("action=\"/settings/recovery-email\""));
    assert!(settings.contains("Recovery e-mail:"));
}
