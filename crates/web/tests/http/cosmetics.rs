//! Small things the review of issue 10 found: the profile link's button names a link; the
//! seller's score says how many of her ratings count and why; a missing static file is not
//! cached; the scores' symbols come after a plain name and have an explanation to open.

use crate::common::*;
use tessera_web::i18n::Lang;

#[tokio::test]
async fn r8_5_a_missing_static_file_is_not_cached() {
    let app = spawn_app().await;
    let c = app.client();
    let r = c.get("/static/app.css").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "public, max-age=86400");
    let r = c.get("/static/not-there.css").await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn r4_1_r4_9_wording_names_the_thing_and_explains_the_symbols() {
    let app = spawn_app().await;
    let seller = app.seller("wording_rosa").await;
    app.buyer("wording_buyer").await;
    let dash = seller.get_html("/dashboard").await;
    assert!(dash.contains("Copy link"), "{dash}");
    assert!(!dash.contains("Copy Code"));
    for (lang, plain, details) in [
        (
            "en",
            "Safe score (S_b)",
            "<details id=\"score-terms\"><summary>What these scores mean</summary>",
        ),
        (
            "de",
            "Sicherheitswert (S_b)",
            "<details id=\"score-terms\"><summary>Was diese Werte bedeuten</summary>",
        ),
    ] {
        let html = seller
            .request(
                reqwest::Method::GET,
                "/lookup?pseudonym=wording_buyer",
                None,
                &[("accept-language", lang)],
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains(details), "{lang}: {html}");
        for term in ["(S_b):", "(R_b):", "(95", "(T_b):", "(I_b):"] {
            assert!(html.contains(term), "{lang}: {term} is explained");
        }
        assert!(html.contains(plain));
        assert!(!html.contains("95% CI:") && !html.contains("95-%-KI:"));
    }
    // The score line counts the ratings that count among those shown, and says why (R3.5).
    let line = Lang::En.ta(
        "dash-score",
        &[
            ("stars", "4.2".into()),
            ("counted", "2".into()),
            ("received", "4".into()),
        ],
    );
    assert!(line.contains("2 of 4 ratings count"), "{line}");
    assert!(line.contains("reputation score (Q_s)"), "{line}");
    let de = Lang::De.ta(
        "dash-score",
        &[
            ("stars", "4,2".into()),
            ("counted", "2".into()),
            ("received", "4".into()),
        ],
    );
    assert!(de.contains("2 von 4 Bewertungen zählen"), "{de}");
    assert!(Lang::En
        .t("dash-score-explain")
        .contains("in proportion to his own record"));
}
