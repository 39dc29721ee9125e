//! A fixture that fills every table of the backup plan (`crates/store/src/backup/plan.rs`) by
//! driving Tessera as its members and its operator do: the JSON API, and the app functions
//! behind the operator's commands (`tessera invite`, `tessera committee add`, `tessera import`).
//! The backup round trip (SPEC R9.5) and the seized-server check (R8, R2.11) start from it.
//!
//! One table is filled without the API, because no code writes it any more: `issue_reports`
//! (reports from before disputes became cases, issue 13). A database upgraded from that version
//! can still hold such rows, and a backup must carry them; see [`legacy_issue_report`].
//!
//! The clock moves 44 days (a proposal's comment phase and vote), so the app must keep sessions
//! that long: spawn it with [`everything_app`].

use std::collections::BTreeMap;

use reqwest::Response;
use serde_json::{json, Value};
use tessera_core::committee::Committee;
use tessera_core::{AccountType, Pseudonym};
use tessera_store::import::UserRow;

use crate::common::*;

/// What the checks after the fixture need.
pub struct Everything {
    /// Every test account signs up with this one.
    pub password: &'static str,
    /// Pseudonyms (as typed) of the accounts that still exist.
    pub live: Vec<String>,
    /// A buyer deleted asking for a restore code (charter 18.6), and a seller deleted without.
    pub deleted_with_restore_code: String,
    pub deleted_without_restore_code: String,
    /// A seller who logs in with the password alone, and a buyer she rated.
    pub login_seller: String,
    pub rated_buyer: String,
    /// A seller with TOTP on, recovery codes and a recovery e-mail address.
    pub totp_seller: String,
    /// The address her recovery e-mail hash was made from (R2.6).
    pub recovery_email: String,
    /// A seller suspended after a vote (R7.9).
    pub suspended_seller: String,
    /// A seller's public profile path, `/verify/{slug}` (R4.9), and whose it is.
    pub profile_seller: String,
    pub profile_path: String,
    /// A seller invitation made by `tessera invite` and not used (R2.3).
    pub unused_invitation: String,
    /// Texts sealed under day keys: messages (R6.3), alerts and alert disputes' contexts (R6.4,
    /// R6.5), check-in notes (R6.6).
    pub message_texts: Vec<String>,
    pub alert_texts: Vec<String>,
    pub note_texts: Vec<String>,
    /// A coop conversation's title (sealed under the field key, not a day key: it stays) and a
    /// member who sees it.
    pub thread_title: String,
    pub thread_member: String,
    /// Every live account's logged-in client, by pseudonym (the TOTP seller's too).
    pub clients: BTreeMap<String, Client>,
}

impl Everything {
    pub fn deleted(&self) -> [&str; 2] {
        [
            &self.deleted_with_restore_code,
            &self.deleted_without_restore_code,
        ]
    }

    /// Every text that only a day key can open.
    pub fn sealed_texts(&self) -> Vec<&str> {
        self.message_texts
            .iter()
            .chain(&self.alert_texts)
            .chain(&self.note_texts)
            .map(String::as_str)
            .collect()
    }
}

/// A server whose sessions outlive the fixture's 44 days and whose per-address limit does not
/// count the fixture's few hundred requests from one address.
pub async fn everything_app() -> TestApp {
    spawn_app_with(|c| {
        c.session_idle_minutes = 525_600;
        c.session_absolute_hours = 8_760;
        c.limits.ip_per_minute = 0;
    })
    .await
}

// Sellers, by role. Every pseudonym is distinctive, so that a search of the database for one
// finds that account and nothing else.
const GOV: [&str; 2] = ["gov_gina", "gov_hana"];
const DISPUTES: [&str; 4] = ["dis_dora", "dis_edda", "dis_fay", "dis_gus"];
const INTERIM_SECURITY: &str = "sec_sam";
const CANDIDATES: [&str; 2] = ["cand_cora", "cand_cleo"];
const SUSPENDED: &str = "susp_sid";
const RATERS: [&str; 2] = ["rate_rosa", "rate_ruth"];
const COOP: [&str; 3] = ["coop_mia", "coop_nel", "coop_ola"];
const POSTER: &str = "post_pia";
const SAFE: &str = "safe_ana";
const BUDDY: &str = "buddy_bea";
const TOTP: &str = "totp_tia";
const CODES: &str = "code_cai";
const GONE_SELLER: &str = "vanishing_wren";
// Buyers.
const APPEALS: &str = "buy_ben";
const SNAPSHOT: &str = "buy_sol";
const LINKS: &str = "buy_lee";
const GONE_BUYER: &str = "fading_heron";
const IMPORTED: &str = "imported_ivy";

const RECOVERY_EMAIL: &str = "tia.recovery@mailbox.example.org";

/// Fills every table of the backup plan; see the module's comment for the one exception.
pub async fn fill_everything(app: &TestApp) -> Everything {
    let mut e = people(app).await;
    seller_ratings(app, &e).await;
    let motion = one_vote_cycle(app, &e).await;
    suspension(app, &e, &motion).await;
    open_vote(app, &e).await;
    standing_and_transparency(app, &e).await;
    dispute_case(&e).await;
    codes_and_buyer_ratings(&e).await;
    buyer_snapshot(&e).await;
    screening_links(&e).await;
    claim_token(app).await;
    recovery_link(app).await;
    let coop = coop_with_members(&e).await;
    messages(&mut e, &coop).await;
    alerts(&mut e, &coop).await;
    safety(app, &mut e).await;
    abuse_flag(app, &e).await;
    legacy_issue_report(app).await;
    profile_and_invitations(app, &mut e).await;
    deletions(&mut e).await;
    e
}

async fn body(r: Response) -> Value {
    r.json().await.unwrap()
}

/// Asserts the status (showing the answer when it differs) and returns the JSON body, if any.
async fn expect(r: Response, status: u16, what: &str) -> Value {
    let got = r.status().as_u16();
    let text = r.text().await.unwrap();
    assert_eq!(got, status, "{what}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn c<'a>(e: &'a Everything, who: &str) -> &'a Client {
    e.clients
        .get(who)
        .unwrap_or_else(|| panic!("no client for {who}"))
}

fn today(app: &TestApp) -> tessera_core::Day {
    app.state.clock.today()
}

async fn account_id(app: &TestApp, who: &str) -> i64 {
    app.store
        .account_by_pseudonym(&who.to_lowercase())
        .await
        .unwrap()
        .unwrap()
        .id
        .get()
}

/// Accounts (R2.1, R2.3, R2.5, R2.6) and interim committee members (R7.7, `tessera committee
/// add`): accounts, invitations (used), recovery_codes, committee_members, committee_audit,
/// audit_log.
async fn people(app: &TestApp) -> Everything {
    let mut clients = BTreeMap::new();
    let mut sellers: Vec<&str> = Vec::new();
    sellers.extend(GOV);
    sellers.extend(DISPUTES);
    sellers.push(INTERIM_SECURITY);
    sellers.extend(CANDIDATES);
    sellers.push(SUSPENDED);
    sellers.extend(RATERS);
    sellers.extend(COOP);
    sellers.extend([POSTER, SAFE, BUDDY, CODES, GONE_SELLER]);
    for name in sellers {
        clients.insert(name.to_owned(), app.seller(name).await);
    }
    for name in [APPEALS, SNAPSHOT, LINKS, GONE_BUYER] {
        clients.insert(name.to_owned(), app.buyer(name).await);
    }
    // R2.5, R2.6: a seller with recovery codes and a recovery address, then TOTP on.
    let tia = app.client();
    let r = tia
        .post_json(
            "/api/accounts",
            json!({"pseudonym": TOTP, "password": PASSWORD, "account_type": "seller",
                   "invitation": app.invitation().await, "recovery_email": RECOVERY_EMAIL,
                   "recovery_codes": true}),
        )
        .await;
    let made = expect(r, 201, "TOTP seller's sign-up").await;
    assert!(!made["recovery_codes"].as_array().unwrap().is_empty());
    tia.login(TOTP, PASSWORD).await;
    let id = app
        .store
        .account_by_pseudonym(TOTP)
        .await
        .unwrap()
        .unwrap()
        .id;
    app.store
        .set_totp_secret(id, Some(&tessera_app::accounts::totp::new_secret()))
        .await
        .unwrap();
    clients.insert(TOTP.to_owned(), tia);
    // R7.7: the operator's interim members.
    let now = app.state.now();
    let mut seats: Vec<(&str, Committee)> = Vec::new();
    seats.extend(GOV.map(|g| (g, Committee::Governance)));
    seats.extend(DISPUTES.map(|d| (d, Committee::Disputes)));
    seats.push((INTERIM_SECURITY, Committee::Security));
    for (who, committee) in seats {
        tessera_app::network::committees::add(&app.store, who, committee, now)
            .await
            .unwrap();
    }
    let mut live: Vec<String> = clients
        .keys()
        .filter(|k| *k != GONE_SELLER && *k != GONE_BUYER)
        .cloned()
        .collect();
    live.push(IMPORTED.to_owned());
    Everything {
        password: PASSWORD,
        live,
        deleted_with_restore_code: GONE_BUYER.to_owned(),
        deleted_without_restore_code: GONE_SELLER.to_owned(),
        login_seller: RATERS[0].to_owned(),
        rated_buyer: APPEALS.to_owned(),
        totp_seller: TOTP.to_owned(),
        recovery_email: RECOVERY_EMAIL.to_owned(),
        suspended_seller: SUSPENDED.to_owned(),
        profile_seller: String::new(),
        profile_path: String::new(),
        unused_invitation: String::new(),
        message_texts: Vec::new(),
        alert_texts: Vec::new(),
        note_texts: Vec::new(),
        thread_title: String::new(),
        thread_member: COOP[2].to_owned(),
        clients,
    }
}

/// Sellers rate buyers with flags, on past days (R3.1, R4.2): ratings, buyer_stats. The
/// deleted buyer has ratings too (they stay, on his tombstone, R2.11), and so does the deleted
/// seller's.
async fn seller_ratings(app: &TestApp, e: &Everything) {
    let day = |n: i64| today(app).plus_days(-n).to_string();
    let ratings = [
        (RATERS[0], APPEALS, 3, Some(false), Some(true)),
        (RATERS[1], APPEALS, 2, Some(true), Some(true)),
        (RATERS[0], SNAPSHOT, 3, Some(true), None),
        (RATERS[1], SNAPSHOT, 2, Some(false), Some(false)),
        (GONE_SELLER, SNAPSHOT, 4, None, Some(true)),
        (RATERS[0], GONE_BUYER, 5, Some(true), Some(true)),
        (RATERS[1], GONE_BUYER, 1, Some(true), Some(false)),
    ];
    for (seller, buyer, back, safe, reliable) in ratings {
        let mut b = json!({"buyer": buyer, "day": day(back)});
        if let Some(s) = safe {
            b["safe"] = json!(s);
        }
        if let Some(r) = reliable {
            b["reliable"] = json!(r);
        }
        let r = c(e, seller).post_json("/api/ratings/submit", b).await;
        expect(r, 201, "rating").await;
    }
}

/// One comment phase and vote, 44 days on the clock (R7.2, R7.3, R7.7): a motion that passes
/// (the suspension below needs one), an election whose two candidates win seats on the Security
/// Committee (and retire its interim member), and a recall whose petition falls short.
/// Fills proposals, proposal_comments, proposal_candidates, proposal_signatures, voter_roll and
/// ballots of closed votes, committee_terms. Returns the motion's id.
async fn one_vote_cycle(app: &TestApp, e: &Everything) -> String {
    let texts = |title: &str| {
        json!({"title": title, "specification": "as written in the title",
               "rationale": "the members asked for it", "risks": "none known",
               "alternatives": "leave things as they are"})
    };
    let mut motion = texts("Suspend the account that threatened members");
    motion["kind"] = json!("operational");
    let r = c(e, RATERS[0]).post_json("/api/proposals", motion).await;
    let motion = expect(r, 201, "motion").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut election = texts("Security Committee, two seats");
    election["kind"] = json!("election");
    election["committee"] = json!("security");
    election["seats"] = json!(2);
    let r = c(e, RATERS[1]).post_json("/api/proposals", election).await;
    let election = expect(r, 201, "election").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut recall = texts("Recall the interim security member");
    recall["kind"] = json!("recall");
    recall["member"] = json!(INTERIM_SECURITY);
    let r = c(e, COOP[0]).post_json("/api/proposals", recall).await;
    let recall = expect(r, 201, "recall").await["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let r = c(e, COOP[1])
        .post_json(
            &format!("/api/proposals/{motion}/comments"),
            json!({"body": "Yes, and soon"}),
        )
        .await;
    expect(r, 201, "comment").await;
    // The deleted seller's comment stays, on her tombstone (R2.11).
    let r = c(e, GONE_SELLER)
        .post_json(
            &format!("/api/proposals/{motion}/comments"),
            json!({"body": "Agreed"}),
        )
        .await;
    expect(r, 201, "comment").await;
    for who in CANDIDATES {
        let r = c(e, who)
            .post_json(&format!("/api/proposals/{election}/candidacy"), json!({}))
            .await;
        expect(r, 201, "candidacy").await;
    }
    let r = c(e, RATERS[1])
        .post_json(&format!("/api/proposals/{recall}/signatures"), json!({}))
        .await;
    expect(r, 201, "petition signature").await;

    app.clock.advance(time::Duration::days(30));
    for id in [&motion, &election] {
        let p = body(c(e, RATERS[0]).get(&format!("/api/proposals/{id}")).await).await;
        assert_eq!(p["phase"], "voting", "{p}");
    }
    // Quorum: ceil(0.2 x 21 sellers in good standing) = 5; six vote on each.
    let voters = [RATERS[0], RATERS[1], COOP[0], COOP[1], COOP[2], POSTER];
    for who in voters {
        let r = c(e, who)
            .post_json(
                &format!("/api/proposals/{motion}/ballot"),
                json!({"choice": "yes"}),
            )
            .await;
        expect(r, 201, "ballot on the motion").await;
        let r = c(e, who)
            .post_json(
                &format!("/api/proposals/{election}/ballot"),
                json!({ "approve": CANDIDATES }),
            )
            .await;
        expect(r, 201, "ballot in the election").await;
    }
    app.clock.advance(time::Duration::days(14));
    let p = body(
        c(e, RATERS[0])
            .get(&format!("/api/proposals/{motion}"))
            .await,
    )
    .await;
    assert_eq!(
        (p["phase"].as_str(), p["result"]["passed"].as_bool()),
        (Some("closed"), Some(true)),
        "{p}"
    );
    let p = body(
        c(e, RATERS[0])
            .get(&format!("/api/proposals/{election}"))
            .await,
    )
    .await;
    assert_eq!(p["result"]["passed"], true, "{p}");
    for who in CANDIDATES {
        let me = body(c(e, who).get("/api/members/me").await).await;
        assert_eq!(me["committees"], json!(["security"]), "{who} seated");
    }
    motion
}

/// A suspension after the passed motion, asked by one Governance Committee member and approved
/// by the other (R7.8, R7.9): account_suspensions, approvals.
async fn suspension(app: &TestApp, e: &Everything, motion: &str) {
    let until = today(app).plus_days(30).to_string();
    let r = c(e, GOV[0])
        .post_json(
            "/api/suspensions",
            json!({"account": SUSPENDED, "proposal": motion, "until": until}),
        )
        .await;
    let id = expect(r, 201, "suspension request").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = c(e, GOV[1])
        .post_json(&format!("/api/approvals/{id}"), json!({}))
        .await;
    expect(r, 200, "suspension approval").await;
}

/// An emergency change by the two elected Security Committee members (R7.5, R7.9): a new
/// parameter version, and its retroactive vote, open at once, with two ballots cast. While it is
/// open: ballot_keys, voter_roll, ballots with voter tags; also param_versions, approvals.
async fn open_vote(app: &TestApp, e: &Everything) {
    let mut set = body(app.client().get("/api/params").await).await["params"].clone();
    set["q"] = json!(0.3);
    let r = c(e, CANDIDATES[0])
        .post_json(
            "/api/emergency",
            json!({"params": set, "reason": "a wave of fake accounts"}),
        )
        .await;
    let id = expect(r, 201, "emergency request").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = c(e, CANDIDATES[1])
        .post_json(&format!("/api/approvals/{id}"), json!({}))
        .await;
    let vote = expect(r, 200, "emergency approval").await["vote"]
        .as_str()
        .unwrap()
        .to_owned();
    for who in [RATERS[0], COOP[1]] {
        let r = c(e, who)
            .post_json(
                &format!("/api/proposals/{vote}/ballot"),
                json!({"choice": "yes"}),
            )
            .await;
        expect(r, 201, "ballot in the open vote").await;
    }
}

/// Standing recorded by the Governance Committee (R7.1) and the yearly transparency report
/// (R7.6): member_standing, transparency_reports, audit_log.
async fn standing_and_transparency(app: &TestApp, e: &Everything) {
    let gina = c(e, GOV[0]);
    let month = format!("{}-06", today(app).0.year() + 1);
    let r = gina
        .put_json(
            &format!("/api/members/{}/standing", COOP[0]),
            json!({ "paid_through": month }),
        )
        .await;
    expect(r, 200, "standing").await;
    let r = gina
        .put_json(
            &format!("/api/members/{}/standing", COOP[1]),
            json!({"waived": true}),
        )
        .await;
    expect(r, 200, "standing").await;
    let year = today(app).0.year();
    let r = gina
        .put_json(
            &format!("/api/transparency/{year}"),
            json!({"received": 2, "disclosed": 0, "refused": 2, "notified": 2,
                   "summary": "Two requests for account data, both refused."}),
        )
        .await;
    expect(r, 200, "transparency report").await;
}

/// A buyer's appeal taken to arbitration, a rating excluded with a second member's approval,
/// and a petition signature (R7.8, R7.9): disputes (with its sealed context), dispute_panel,
/// excluded_ratings, dispute_signatures, approvals.
async fn dispute_case(e: &Everything) {
    let r = c(e, APPEALS)
        .post_json(
            "/api/disputes",
            json!({"kind": "appeal", "context": "She rated the wrong man"}),
        )
        .await;
    let id = expect(r, 201, "appeal").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let case = format!("/api/disputes/{id}");
    let r = c(e, DISPUTES[0])
        .post_json(
            &format!("{case}/advance"),
            json!({"to": "arbitration", "panel": &DISPUTES[1..]}),
        )
        .await;
    expect(r, 200, "to arbitration").await;
    let rows = body(c(e, DISPUTES[1]).get(&format!("{case}/ratings")).await).await;
    let rating = rows[0]["id"].clone();
    let r = c(e, DISPUTES[1])
        .post_json(
            &format!("{case}/exclusions"),
            json!({ "ratings": [rating] }),
        )
        .await;
    let ask = expect(r, 201, "exclusion request").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = c(e, DISPUTES[2])
        .post_json(&format!("/api/approvals/{ask}"), json!({}))
        .await;
    expect(r, 200, "exclusion approval").await;
    let r = c(e, COOP[2])
        .post_json(&format!("{case}/signatures"), json!({}))
        .await;
    expect(r, 201, "case petition signature").await;
}

/// Rating codes, one used by each of three buyers and one left unused, and the buyers' ratings
/// of the seller, released to her as a batch of three (R4.3, R4.4, R4.5, R4.8): rating_codes,
/// buyer_ratings, seller_releases. The deleted seller makes a code too.
async fn codes_and_buyer_ratings(e: &Everything) {
    let cai = c(e, CODES);
    for (buyer, punctuality) in [
        (APPEALS, "on_time"),
        (SNAPSHOT, "slightly_late"),
        (LINKS, "on_time"),
    ] {
        let code = expect(
            cai.post_json("/api/codes/generate", json!({})).await,
            201,
            "code",
        )
        .await["code"]
            .as_str()
            .unwrap()
            .to_owned();
        let r = c(e, buyer)
            .post_json(
                "/api/ratings/submit_rating",
                json!({"seller": CODES, "code": code, "listing_accuracy": "accurate",
                       "punctuality": punctuality, "professionalism": "professional"}),
            )
            .await;
        expect(r, 201, "buyer's rating").await;
    }
    let mine = body(cai.get("/api/seller/me/reputation").await).await;
    assert_eq!(mine["received"], 3, "released: {mine}");
    let r = cai
        .post_json("/api/codes/generate", json!({"buyer": LINKS}))
        .await;
    expect(r, 201, "unused code").await;
    let r = c(e, GONE_SELLER)
        .post_json("/api/codes/generate", json!({}))
        .await;
    expect(r, 201, "deleted seller's code").await;
}

/// The buyer's delayed view of his own record (R4.7, R4.8): buyer_snapshots. His ratings by two
/// sellers are more than 7 days old by now.
async fn buyer_snapshot(e: &Everything) {
    let v = body(c(e, SNAPSHOT).get("/api/buyer/me/reputation").await).await;
    assert!(v["as_of"].is_string(), "a snapshot was taken: {v}");
}

/// Screening links (R4.11): one used by a seller (kept with its day only), one open:
/// screening_links.
async fn screening_links(e: &Everything) {
    let lee = c(e, LINKS);
    let mut codes = Vec::new();
    for _ in 0..2 {
        let r = lee
            .post_json("/api/buyer/me/screening-links", json!({}))
            .await;
        codes.push(
            expect(r, 201, "screening link").await["code"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let r = c(e, RATERS[0])
        .get(&format!("/api/screening/{}", codes[0]))
        .await;
    expect(r, 200, "screening by code").await;
}

/// An imported account and its claim link, as `tessera import` makes them (R4.10):
/// claim_tokens.
async fn claim_token(app: &TestApp) {
    let rows: Vec<Result<UserRow, String>> = vec![Ok(UserRow {
        pseudonym: Pseudonym::parse(IMPORTED).unwrap(),
        account_type: AccountType::Buyer,
    })];
    let made = app
        .store
        .import_users(rows.into_iter(), today(app))
        .await
        .unwrap();
    assert_eq!(made, 1);
    let id = account_id(app, IMPORTED).await;
    let token = tessera_store::crypto::random_token(20);
    app.store
        .create_claim_tokens(
            &[(tessera_store::crypto::token_hash(&token), id)],
            app.state.now() + 30 * 86_400,
        )
        .await
        .unwrap();
}

/// A recovery link mailed to the TOTP seller's address (R2.6): recovery_tokens.
async fn recovery_link(app: &TestApp) {
    let mail = tessera_app::accounts::start_email_recovery(&app.state, TOTP, RECOVERY_EMAIL)
        .await
        .unwrap();
    assert!(mail.is_some(), "the address matches");
}

/// A coop with a moderator, two members (the deleted seller was one) and a request link
/// (R6.2): coops, coop_members, coop_links. Returns the coop's id.
async fn coop_with_members(e: &Everything) -> String {
    let mia = c(e, COOP[0]);
    let r = mia
        .post_json(
            "/api/coops",
            json!({"name": "Harbour night shift", "kind": "regional", "scope": "the harbour",
                   "min_member_days": 0}),
        )
        .await;
    let id = expect(r, 201, "coop").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for who in [COOP[1], COOP[2], GONE_SELLER] {
        let r = mia
            .post_json(
                &format!("/api/coops/{id}/invitations"),
                json!({ "seller": who }),
            )
            .await;
        expect(r, 201, "coop invitation").await;
        let r = c(e, who)
            .post_json(&format!("/api/coops/{id}/join"), json!({}))
            .await;
        expect(r, 200, "joining the coop").await;
    }
    let r = mia
        .post_json(&format!("/api/coops/{id}/link"), json!({}))
        .await;
    expect(r, 201, "request link").await;
    id
}

/// A coop discussion and two direct conversations, one with the deleted seller (R6.3):
/// threads (with a sealed title), thread_members, messages.
async fn messages(e: &mut Everything, coop: &str) {
    let mut texts = Vec::new();
    let title = "Who works the weekend";
    let r = c(e, COOP[1])
        .post_json(
            "/api/threads",
            json!({"kind": "coop", "coop": coop, "title": title}),
        )
        .await;
    let coop_thread = expect(r, 201, "coop thread").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let said = "msg-coop: the blue door is locked after nine";
    let r = c(e, COOP[1])
        .post_json(
            &format!("/api/threads/{coop_thread}/messages"),
            json!({ "body": said }),
        )
        .await;
    expect(r, 201, "coop message").await;
    texts.push(said.to_owned());
    for (from, to, said) in [
        (
            SAFE,
            BUDDY,
            "msg-direct: meet me at the corner cafe at seven",
        ),
        (
            GONE_SELLER,
            COOP[2],
            "msg-direct: thanks for the warning yesterday",
        ),
    ] {
        let r = c(e, from)
            .post_json(
                "/api/threads",
                json!({"kind": "direct", "members": [to], "expiry_days": 7}),
            )
            .await;
        let t = expect(r, 201, "direct thread").await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let r = c(e, from)
            .post_json(
                &format!("/api/threads/{t}/messages"),
                json!({ "body": said }),
            )
            .await;
        expect(r, 201, "direct message").await;
        texts.push(said.to_owned());
        // Reading marks the thread read for the other member.
        let r = c(e, to).get(&format!("/api/threads/{t}/messages")).await;
        expect(r, 200, "reading").await;
    }
    e.message_texts = texts;
    e.thread_title = title.to_owned();
}

/// A coop alert with an undecided dispute, and a collective alert, disputed, whose poster the
/// Dispute Resolution Committee suspends from collective alerts (R6.4, R6.5): alerts,
/// alert_disputes, alert_posting_bans.
async fn alerts(e: &mut Everything, coop: &str) {
    let coop_alert = "alert-coop: refused protection and became aggressive";
    let r = c(e, COOP[1])
        .post_json(
            "/api/alerts",
            json!({"coop": coop, "flags": ["unsafe", "aggressive"], "buyer": APPEALS,
                   "text": coop_alert, "days": 14}),
        )
        .await;
    let first = expect(r, 201, "coop alert").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let context = "alert-dispute: we argued about a shared flat";
    let r = c(e, COOP[2])
        .post_json(
            &format!("/api/alerts/{first}/disputes"),
            json!({"reason": "revenge", "context": context}),
        )
        .await;
    expect(r, 201, "coop alert dispute").await;
    let collective = "alert-collective: left without paying twice";
    let r = c(e, POSTER)
        .post_json(
            "/api/alerts",
            json!({"coop": null, "flags": ["non_payment"], "buyer": SNAPSHOT,
                   "text": collective, "days": 10}),
        )
        .await;
    let second = expect(r, 201, "collective alert").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = c(e, COOP[0])
        .post_json(
            &format!("/api/alerts/{second}/disputes"),
            json!({"reason": "inaccurate"}),
        )
        .await;
    expect(r, 201, "collective alert dispute").await;
    let r = c(e, DISPUTES[0])
        .post_json(
            &format!("/api/alerts/{second}/moderation"),
            json!({"action": "suspend_poster"}),
        )
        .await;
    expect(r, 200, "poster suspended from collective alerts").await;
    e.alert_texts = vec![coop_alert.into(), context.into(), collective.into()];
}

/// Buddies, a watch, a check-in PIN, a running check-in with a sealed note and buyer, and a
/// panic that raises an alarm carrying the note (R6.6, R6.7): buddies, buddy_watch,
/// checkin_pins, checkins, alarms, day_keys.
async fn safety(app: &TestApp, e: &mut Everything) {
    let ana = c(e, SAFE);
    let bea = c(e, BUDDY);
    let r = ana
        .post_json("/api/buddies", json!({ "seller": BUDDY }))
        .await;
    expect(r, 201, "buddy request").await;
    let r = bea
        .post_json(&format!("/api/buddies/{SAFE}/accept"), json!({}))
        .await;
    expect(r, 200, "buddy accepts").await;
    // The deleted seller asked for a buddy too (gone with her account, R2.11).
    let r = c(e, GONE_SELLER)
        .post_json("/api/buddies", json!({ "seller": BUDDY }))
        .await;
    expect(r, 201, "buddy request").await;
    let until = time::OffsetDateTime::from_unix_timestamp(app.state.now() + 2 * 3600)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let r = bea.put_json("/api/watch", json!({ "until": until })).await;
    expect(r, 200, "on watch").await;
    let r = ana
        .put_json(
            "/api/account/checkin-pin",
            json!({"password": PASSWORD, "pin": "731946"}),
        )
        .await;
    expect(r, 204, "check-in PIN").await;
    let note = "note: room 12 of the hotel by the station";
    let r = ana
        .post_json(
            "/api/checkins",
            json!({"minutes": 120, "note": note, "buyer": SNAPSHOT}),
        )
        .await;
    expect(r, 201, "check-in").await;
    let r = ana.post_json("/api/panic", json!({})).await;
    expect(r, 200, "panic").await;
    let alarms = body(bea.get("/api/alarms").await).await;
    assert_eq!(alarms[0]["note"], note, "{alarms}");
    let open = body(ana.get("/api/checkins").await).await;
    assert_eq!(open.as_array().unwrap().len(), 1, "still running: {open}");
    e.note_texts = vec![note.to_owned()];
}

/// One seller flags one buyer unsafe on three days of one week without a verified
/// interaction, and the abuse rules' job (every ten minutes in `tessera serve`) runs once (R9.7):
/// abuse_flags.
async fn abuse_flag(app: &TestApp, e: &Everything) {
    for back in 1..=3 {
        let day = today(app).plus_days(-back).to_string();
        let r = c(e, RATERS[1])
            .post_json(
                "/api/ratings/submit",
                json!({"buyer": LINKS, "safe": false, "day": day}),
            )
            .await;
        expect(r, 201, "unsafe flag").await;
    }
    let raised = tessera_app::jobs::Abuse
        .once(&app.store, app.state.now())
        .await
        .unwrap();
    let n: u64 = raised.iter().map(|(_, n)| n).sum();
    assert!(n >= 1, "the unverified-unsafe rule raised a flag");
}

/// `issue_reports` holds reports from before disputes became cases (issue 13): no code path
/// writes it any more, so no API call can fill it. A database upgraded from that version can
/// still hold such rows, and a backup must carry them: one is written here as that version did.
async fn legacy_issue_report(app: &TestApp) {
    let seller = account_id(app, RATERS[1]).await;
    let buyer = account_id(app, APPEALS).await;
    let day = today(app).plus_days(-200);
    let n = app
        .store
        .execute_for_tests(&format!(
            "INSERT INTO issue_reports (seller_id, buyer_id, created_on) \
             VALUES ({seller}, {buyer}, '{day}')"
        ))
        .await
        .unwrap();
    assert_eq!(n, 1);
}

/// The public profile (R4.9; records the slug in accounts.profile_slug) and invitations
/// (R2.3): one from `tessera invite` and one from a seller, both left unused: invitations.
async fn profile_and_invitations(app: &TestApp, e: &mut Everything) {
    let who = RATERS[0];
    let v = body(
        app.client()
            .get(&format!("/api/seller/{who}/profile"))
            .await,
    )
    .await;
    e.profile_seller = who.to_owned();
    e.profile_path = v["profile_url"].as_str().unwrap().to_owned();
    assert!(e.profile_path.starts_with("/verify/"), "{v}");
    e.unused_invitation = app.invitation().await;
    let r = c(e, RATERS[1])
        .post_json("/api/invitations", json!({}))
        .await;
    expect(r, 201, "a seller's invitation").await;
}

/// Deletions (R2.11, charter 18.6): a buyer asks for a restore code (restore_codes), a seller
/// does not. Last, so that everything she and he did before is deleted with them.
async fn deletions(e: &mut Everything) {
    let r = c(e, GONE_BUYER)
        .delete_json(
            "/api/account",
            Some(json!({"password": PASSWORD, "restore_code": true})),
        )
        .await;
    let v = expect(r, 200, "deletion with a restore code").await;
    assert!(v["restore_code"].is_string());
    let r = c(e, GONE_SELLER)
        .delete_json("/api/account", Some(json!({ "password": PASSWORD })))
        .await;
    expect(r, 204, "deletion").await;
    e.clients.remove(GONE_BUYER);
    e.clients.remove(GONE_SELLER);
}
