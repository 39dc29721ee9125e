//! Governance on both backends (SPEC R7.1–R7.3): members' standing records, proposals with
//! their comments, candidacies and petitions, the vote opened and closed exactly once by two
//! processes at the same instant (R9.2), one ballot per member on the roll, and the secret
//! ballot: after the close no column, no `SELECT *` order and no page of the file (nor the
//! WAL) keeps the order in which ballots were cast, and the vote's key is gone.

use tessera_core::governance::{ProposalKind, Schedule, StandingRecord, YearMonth};
use tessera_core::{AccountId, AccountType};
use tessera_store::governance::ballots::{roll_fingerprint, Cast};
use tessera_store::governance::proposals::{NewProposal, ProposalKey};
use tessera_store::{Location, MasterKey, Store};

use crate::common::{account, d, database_url, each_backend, each_backend_twice, postgres};
use crate::pages::{all_pages, pg_pages};

const KEY_HEX: &str = "6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b";
const KEY: [u8; 32] = [0x6b; 32];

fn schedule() -> Schedule {
    Schedule::regular(d("2026-03-01"))
}

/// The first second of the vote, and the first after it.
fn opens() -> i64 {
    schedule().opens_at()
}
fn closes() -> i64 {
    schedule().closes_at()
}

async fn proposal(s: &Store, id: &str, kind: ProposalKind, author: AccountId) -> ProposalKey {
    s.create_proposal(&NewProposal {
        id,
        kind,
        title: "Lower q",
        specification: "q from 0.1 to 0.05",
        rationale: "fewer false alarms",
        risks: "slower warnings",
        alternatives: "none",
        author: Some(author),
        params: None,
        restore_version: None,
        committee: None,
        seats: None,
        member: None,
        emergency_of: None,
        schedule: schedule(),
    })
    .await
    .unwrap();
    s.proposal(id).await.unwrap().unwrap().key
}

#[tokio::test]
async fn r7_1_standing_records_replace_each_other_and_buyers_are_not_members() {
    each_backend(|s, name| async move {
        let ann = account(&s, "ann", AccountType::Seller).await;
        let bob = account(&s, "bob", AccountType::Buyer).await;
        let f = s.member_facts(ann).await.unwrap().unwrap();
        assert_eq!(
            (f.joined, f.record, f.suspended),
            (d("2026-01-15"), None, false),
            "{name}"
        );
        assert!(
            s.member_facts(bob).await.unwrap().is_none(),
            "{name}: buyers are not members"
        );
        let m = YearMonth::parse("2026-06").unwrap();
        s.record_standing(ann, StandingRecord::PaidThrough(m), d("2026-03-01"))
            .await
            .unwrap();
        let f = s.member_facts(ann).await.unwrap().unwrap();
        assert_eq!(f.record, Some(StandingRecord::PaidThrough(m)));
        s.record_standing(ann, StandingRecord::Waived, d("2026-03-02"))
            .await
            .unwrap();
        assert_eq!(
            s.member_facts(ann).await.unwrap().unwrap().record,
            Some(StandingRecord::Waived)
        );
        assert_eq!(s.all_member_facts().await.unwrap().len(), 1, "{name}");
    })
    .await;
}

#[tokio::test]
async fn r7_2_r7_7_proposals_comments_candidacies_and_petitions() {
    each_backend(|s, name| async move {
        let ann = account(&s, "ann", AccountType::Seller).await;
        let bea = account(&s, "bea", AccountType::Seller).await;
        let p = proposal(&s, "p1", ProposalKind::Election, ann).await;
        let got = s.proposal("p1").await.unwrap().unwrap();
        assert_eq!(got.author.as_deref(), Some("ann"), "{name}");
        assert_eq!(got.schedule, schedule());
        assert_eq!(got.stored_phase.as_str(), "comment");
        assert!(s.proposal("nope").await.unwrap().is_none());
        s.add_comment(p, bea, "Good idea\nwith two lines", d("2026-03-02"))
            .await
            .unwrap();
        let c = s.comments(p).await.unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].author.as_deref(), c[0].body.as_str()),
            (Some("bea"), "Good idea\nwith two lines")
        );
        assert!(s.add_candidate(p, bea).await.unwrap());
        assert!(!s.add_candidate(p, bea).await.unwrap(), "{name}: once");
        assert_eq!(
            s.candidates(p).await.unwrap(),
            vec![(bea, "bea".to_owned())]
        );
        assert_eq!(s.sign_petition(p, ann).await.unwrap(), Some(1));
        assert_eq!(s.sign_petition(p, ann).await.unwrap(), None, "{name}: once");
        assert_eq!(s.sign_petition(p, bea).await.unwrap(), Some(2));
        assert_eq!(s.signatures(p).await.unwrap(), 2);
        // Due to open once the clock reaches the vote; not before.
        assert!(s.proposals_due(opens() - 1).await.unwrap().is_empty());
        assert_eq!(s.proposals_due(opens()).await.unwrap().len(), 1);
        assert!(s.close_without_vote(p, "{}").await.unwrap());
        assert!(
            !s.close_without_vote(p, "{}").await.unwrap(),
            "{name}: once"
        );
    })
    .await;
}

#[tokio::test]
async fn r7_3_one_ballot_per_member_on_the_roll_only_while_the_vote_is_open() {
    each_backend(|s, name| async move {
        let ann = account(&s, "ann", AccountType::Seller).await;
        let bea = account(&s, "bea", AccountType::Seller).await;
        let cat = account(&s, "cat", AccountType::Seller).await;
        let p = proposal(&s, "p2", ProposalKind::Operational, ann).await;
        assert_eq!(
            s.cast_ballot(p, ann, "yes", opens()).await.unwrap(),
            Cast::NotVoting,
            "{name}: before the vote opens"
        );
        let frozen = s.open_vote(p, &[ann, bea]).await.unwrap().unwrap();
        assert_eq!(frozen.electorate, 2);
        let token = s.roll_token(p, ann).await.unwrap().unwrap();
        assert!(s.roll_token(p, cat).await.unwrap().is_none());
        assert_eq!(
            s.cast_ballot(p, cat, "yes", opens()).await.unwrap(),
            Cast::NotOnRoll
        );
        assert_eq!(
            s.cast_ballot(p, ann, "yes", opens() - 1).await.unwrap(),
            Cast::NotVoting,
            "{name}: by the clock too"
        );
        let Cast::Receipt(r) = s.cast_ballot(p, ann, "yes", opens()).await.unwrap() else {
            panic!("{name}: a receipt");
        };
        assert!(r.len() >= 13, "at least 64 bits: {r}");
        assert_eq!(
            s.cast_ballot(p, ann, "no", opens() + 5).await.unwrap(),
            Cast::AlreadyVoted,
            "{name}: no change after casting"
        );
        assert_eq!(
            s.cast_ballot(p, bea, "no", closes()).await.unwrap(),
            Cast::NotVoting,
            "{name}: not after the end"
        );
        // Not published before the close; the close counts what was cast.
        let result = s
            .close_vote(p, closes(), |choices| choices.join(","))
            .await
            .unwrap();
        assert_eq!(result.as_deref(), Some("yes"));
        assert_eq!(s.receipts(p).await.unwrap(), vec![(r, "yes".to_owned())]);
        let roll = s.published_roll(p).await.unwrap();
        assert_eq!(roll.len(), 2);
        let mut tokens: Vec<String> = roll.iter().map(|e| e.token.clone()).collect();
        tokens.sort();
        assert_eq!(roll_fingerprint(&tokens), frozen.fingerprint, "{name}");
        for e in &roll {
            assert_eq!(e.voted, e.token == token, "{name}: only ann voted");
        }
        let after = s.proposal("p2").await.unwrap().unwrap();
        assert_eq!(after.stored_phase.as_str(), "closed");
        assert_eq!(after.result.as_deref(), Some("yes"));
    })
    .await;
}

#[tokio::test]
async fn r7_2_r9_2_two_processes_open_and_close_a_vote_exactly_once() {
    each_backend_twice(|one, two, name| async move {
        let ann = account(&one, "ann", AccountType::Seller).await;
        let bea = account(&one, "bea", AccountType::Seller).await;
        let p = proposal(&one, "p3", ProposalKind::Structural, ann).await;
        let roll = [ann, bea];
        let (a, b) = tokio::join!(one.open_vote(p, &roll), two.open_vote(p, &roll));
        let opened = [a.unwrap(), b.unwrap()];
        assert_eq!(opened.iter().filter(|o| o.is_some()).count(), 1, "{name}");
        let (x, y) = tokio::join!(
            one.cast_ballot(p, ann, "yes", opens()),
            two.cast_ballot(p, bea, "no", opens())
        );
        assert!(matches!(x.unwrap(), Cast::Receipt(_)));
        assert!(matches!(y.unwrap(), Cast::Receipt(_)));
        let (a, b) = tokio::join!(
            one.close_vote(p, closes(), |c| c.len().to_string()),
            two.close_vote(p, closes(), |c| c.len().to_string())
        );
        let closed = [a.unwrap(), b.unwrap()];
        assert_eq!(
            closed.iter().flatten().collect::<Vec<_>>(),
            vec!["2"],
            "{name}: one close, counting both ballots"
        );
        assert_eq!(one.published_roll(p).await.unwrap().len(), 2);
    })
    .await;
}

/// 50 members vote in a known order. Returns the receipts in the order they were cast.
async fn fifty_ballots(s: &Store) -> (ProposalKey, Vec<String>) {
    let mut voters = Vec::new();
    for i in 0..50 {
        voters.push(account(s, &format!("voter{i:02}"), AccountType::Seller).await);
    }
    let p = proposal(s, "secret", ProposalKind::Operational, voters[0]).await;
    s.open_vote(p, &voters).await.unwrap().unwrap();
    let mut receipts = Vec::new();
    for (i, v) in voters.iter().enumerate() {
        let choice = ["yes", "no", "abstain"][i % 3];
        let Cast::Receipt(r) = s.cast_ballot(p, *v, choice, opens() + 60).await.unwrap() else {
            panic!("a receipt");
        };
        receipts.push(r);
    }
    (p, receipts)
}

/// Kendall's tau between the order of casting and the order in which `positions` (one per
/// receipt, in casting order) place the ballots: 1 when they follow the casting exactly.
fn tau(positions: &[(usize, usize)]) -> f64 {
    let n = positions.len();
    let mut concordant = 0i64;
    let mut discordant = 0i64;
    for i in 0..n {
        for j in i + 1..n {
            match positions[i].cmp(&positions[j]) {
                std::cmp::Ordering::Less => concordant += 1,
                std::cmp::Ordering::Greater => discordant += 1,
                std::cmp::Ordering::Equal => {}
            }
        }
    }
    let pairs = i64::try_from(n * (n - 1) / 2).unwrap();
    #[allow(clippy::cast_precision_loss)]
    let t = (concordant - discordant) as f64 / pairs as f64;
    t
}

/// Where each receipt first appears in `chunks` (chunk, offset), in casting order; `None`
/// for a receipt found nowhere.
fn places(chunks: &[(String, Vec<u8>)], receipts: &[String]) -> Vec<Option<(usize, usize)>> {
    receipts
        .iter()
        .map(|r| {
            chunks.iter().enumerate().find_map(|(ci, (_, bytes))| {
                bytes
                    .windows(r.len())
                    .position(|w| w == r.as_bytes())
                    .map(|off| (ci, off))
            })
        })
        .collect()
}

/// The order of the ballots in `SELECT *` (the dump reads every table without ORDER BY),
/// as positions in casting order, and the lines of the box.
fn select_star(dump: &str, receipts: &[String]) -> (Vec<(usize, usize)>, Vec<String>) {
    let lines: Vec<String> = dump
        .lines()
        .filter(|l| l.starts_with("ballots: "))
        .map(str::to_owned)
        .collect();
    let pos = receipts
        .iter()
        .map(|r| {
            (
                lines.iter().position(|l| l.contains(r.as_str())).unwrap(),
                0,
            )
        })
        .collect();
    (pos, lines)
}

/// The checks after the close, on one backend's rows and pages.
fn unlinkable(
    dump: &str,
    chunks: &[(String, Vec<u8>)],
    receipts: &[String],
    wrapped: &[u8],
    name: &str,
) {
    let (order, lines) = select_star(dump, receipts);
    assert_eq!(lines.len(), 50, "{name}");
    for l in &lines {
        // No voter tag survives the close (SQLite quote() / PostgreSQL row_to_json).
        assert!(
            l.contains("NULL") || l.contains("\"voter_tag\":null"),
            "{name}: {l}"
        );
    }
    let t = tau(&order);
    assert!(
        t.abs() < 0.4,
        "{name}: SELECT * follows the order of casting (tau {t})"
    );
    let mut sorted = receipts.to_vec();
    sorted.sort();
    let by_receipt: Vec<usize> = order.iter().map(|(p, _)| *p).collect();
    let mut expect: Vec<usize> = receipts
        .iter()
        .map(|r| sorted.iter().position(|x| x == r).unwrap())
        .collect();
    // SELECT * gives the box in receipt order, whoever cast first.
    if by_receipt != expect {
        expect.iter_mut().for_each(|e| *e = 49 - *e);
        assert_eq!(by_receipt, expect, "{name}: SELECT * is in receipt order");
    }
    // Every copy of each receipt in the pages (live or dead) is placed independently of the
    // order of casting.
    let found = places(chunks, receipts);
    assert!(
        found.iter().all(Option::is_some),
        "{name}: every receipt is in some page"
    );
    let found: Vec<(usize, usize)> = found.into_iter().flatten().collect();
    let t = tau(&found);
    assert!(
        t.abs() < 0.4,
        "{name}: the pages keep the order of casting (tau {t})"
    );
    // The vote's key is gone from every page.
    let holding: Vec<&String> = chunks
        .iter()
        .filter(|(_, b)| b.windows(wrapped.len()).any(|w| w == wrapped))
        .map(|(w, _)| w)
        .collect();
    assert!(
        holding.is_empty(),
        "{name}: the vote's key is still in {holding:?}"
    );
}

/// The wrapped key of the vote, as the dump shows it (SQLite: X'…' hex; PostgreSQL: \x…).
fn wrapped_key(dump: &str) -> Vec<u8> {
    let line = dump
        .lines()
        .find(|l| l.starts_with("ballot_keys: "))
        .expect("a key while the vote runs");
    let hex: String = line
        .split(|c: char| !c.is_ascii_hexdigit())
        .filter(|w| w.len() >= 64)
        .max_by_key(|w| w.len())
        .unwrap()
        .to_owned();
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

#[tokio::test]
async fn r7_3_sqlite_no_order_of_casting_survives_the_close_in_rows_pages_or_wal() {
    let dir = tempfile::tempdir().unwrap();
    let at = Location::Sqlite {
        data_dir: dir.path().to_owned(),
    };
    let s = Store::open(&at, &MasterKey::from_hex(KEY_HEX).unwrap())
        .await
        .unwrap();
    let (p, receipts) = fifty_ballots(&s).await;
    let wrapped = wrapped_key(&s.dump_all_rows().await.unwrap());
    // While the vote runs the WAL holds a frame per ballot, in the order of casting: what the
    // close must remove (the control: this test sees the order when it is there).
    let during: Vec<(usize, usize)> = places(&all_pages(dir.path(), &KEY), &receipts)
        .into_iter()
        .flatten()
        .collect();
    // (Backwards or forwards: a page fills from its end, a WAL in frame order.)
    assert!(
        tau(&during).abs() > 0.9,
        "the control sees the order of casting ({})",
        tau(&during)
    );
    s.close_vote(p, closes(), |c| c.len().to_string())
        .await
        .unwrap()
        .unwrap();
    let dump = s.dump_all_rows().await.unwrap();
    unlinkable(
        &dump,
        &all_pages(dir.path(), &KEY),
        &receipts,
        &wrapped,
        "sqlite",
    );
    s.close().await;
}

#[tokio::test]
async fn r7_3_postgres_no_order_of_casting_survives_the_close_in_rows_or_pages() {
    let Some(pg) = postgres().await else {
        return;
    };
    let Some((server, name)) = pg.drop else {
        return;
    };
    pg.store.close().await;
    let url = database_url(&server, &name);
    let s = Store::open(
        &Location::Postgres { url: url.clone() },
        &MasterKey::from_hex(KEY_HEX).unwrap(),
    )
    .await
    .unwrap();
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    sqlx::query("CREATE EXTENSION IF NOT EXISTS pageinspect")
        .execute(&pool)
        .await
        .expect("this test reads raw pages with pageinspect (PostgreSQL's contrib)");
    let (p, receipts) = fifty_ballots(&s).await;
    let wrapped = wrapped_key(&s.dump_all_rows().await.unwrap());
    let during: Vec<(usize, usize)> = places(&pg_pages(&pool).await, &receipts)
        .into_iter()
        .flatten()
        .collect();
    // (Backwards or forwards: a page fills from its end, a WAL in frame order.)
    assert!(
        tau(&during).abs() > 0.9,
        "the control sees the order of casting ({})",
        tau(&during)
    );
    s.close_vote(p, closes(), |c| c.len().to_string())
        .await
        .unwrap()
        .unwrap();
    let dump = s.dump_all_rows().await.unwrap();
    unlinkable(
        &dump,
        &pg_pages(&pool).await,
        &receipts,
        &wrapped,
        "postgres",
    );
    s.close().await;
    pool.close().await;
    crate::common::drop_database(&server, &name).await;
}

/// R7.10: the audit log is append-only in the database itself (a trigger refuses UPDATE and
/// DELETE on both backends), pages newest first 50 at a time, and shows a deleted actor as
/// nobody.
#[tokio::test]
async fn r7_10_the_audit_log_is_append_only_and_pages_newest_first() {
    each_backend(|s, name| async move {
        let ann = account(&s, "ann", AccountType::Seller).await;
        for i in 0..55 {
            s.audit(
                1_000 + i,
                Some(ann),
                "governance",
                "standing_recorded",
                "member",
            )
            .await
            .unwrap();
        }
        s.audit(2_000, None, "operator", "committee_added", "committee")
            .await
            .unwrap();
        let first = s.audit_page(None).await.unwrap();
        assert_eq!(first.len(), 50, "{name}");
        assert_eq!(first[0].actor, None);
        assert_eq!(first[0].action, "committee_added");
        assert_eq!(first[1].actor.as_deref(), Some("ann"));
        let rest = s.audit_page(Some(first[49].id)).await.unwrap();
        assert_eq!(rest.len(), 6, "{name}");
        assert!(rest.iter().all(|e| e.id < first[49].id));
        for sql in [
            "UPDATE audit_log SET action = 'params_enacted'",
            "DELETE FROM audit_log",
        ] {
            let refused = s.execute_for_tests(sql).await;
            assert!(refused.is_err(), "{name}: {sql} was allowed");
        }
        assert_eq!(
            s.audit_page(None).await.unwrap(),
            first,
            "{name}: nothing changed"
        );
        s.delete_account(ann).await.unwrap();
        assert!(
            s.audit_page(None).await.unwrap()[1].actor.is_none(),
            "{name}"
        );
    })
    .await;
}

/// R7.5, R7.9, R9.2: two processes at the same instant: an emergency approval is claimed once,
/// never by its requester, and its version and retroactive vote are made in the same
/// transaction; a version enacted at the same instant from another source takes its own number.
#[tokio::test]
async fn r7_9_r9_2_two_processes_approve_once_and_enact_distinct_versions() {
    each_backend_twice(|one, two, name| async move {
        let ann = account(&one, "ann", AccountType::Seller).await;
        let bea = account(&one, "bea", AccountType::Seller).await;
        let cat = account(&one, "cat", AccountType::Seller).await;
        one.ensure_baseline_params(d("2026-03-01")).await.unwrap();
        let mut set = one.current_params().await.unwrap().params;
        set.q = 0.3;
        let payload = serde_json::to_string(&set).unwrap();
        one.request_approval("a1", "emergency", ann, 10, &payload, "why")
            .await
            .unwrap();
        let vote = |id: &'static str| NewProposal {
            id,
            kind: ProposalKind::Algorithm,
            title: "Confirm",
            specification: "s",
            rationale: "r",
            risks: "k",
            alternatives: "a",
            author: None,
            params: None,
            restore_version: None,
            committee: None,
            seats: None,
            member: None,
            emergency_of: None,
            schedule: Schedule::immediate(d("2026-03-02")),
        };
        assert_eq!(
            one.enact_emergency("a1", ann, 11, &set, &vote("v0"))
                .await
                .unwrap(),
            None,
            "{name}: not the requester"
        );
        let (v1, v2) = (vote("v1"), vote("v2"));
        let (x, y, z) = tokio::join!(
            one.enact_emergency("a1", bea, 12, &set, &v1),
            two.enact_emergency("a1", cat, 12, &set, &v2),
            two.enact_once(&set, d("2026-03-02"), "proposal:p9")
        );
        let claimed: Vec<i64> = [x.unwrap(), y.unwrap()].into_iter().flatten().collect();
        assert_eq!(claimed.len(), 1, "{name}: one approval");
        let other = z.unwrap().unwrap();
        let mut got = [claimed[0], other];
        got.sort_unstable();
        assert_eq!(got, [2, 3], "{name}: both enacted, one number each");
        assert!(one.approval("a1").await.unwrap().unwrap().enacted);
        // Exactly one retroactive vote exists, and it names the version it confirms.
        let votes: Vec<_> = one
            .proposals()
            .await
            .unwrap()
            .into_iter()
            .filter(|p| p.emergency_of.is_some())
            .collect();
        assert_eq!(votes.len(), 1, "{name}");
        assert_eq!(votes[0].emergency_of, Some(claimed[0]));
        assert!(one.proposal("v0").await.unwrap().is_none());
        assert_eq!(
            one.enact_once(&set, d("2026-03-02"), "proposal:p9")
                .await
                .unwrap(),
            None,
            "once"
        );
    })
    .await;
}

/// R7.6: a year's transparency report is entered, replaced by a second entry of the same year
/// (one row, the last entry wins), and listed newest year first; the database refuses answers
/// that outnumber the requests even if the app's check were bypassed.
#[tokio::test]
async fn r7_6_transparency_reports_are_replaced_per_year_and_listed_newest_first() {
    use tessera_core::governance::transparency::Report;
    each_backend(|s, name| async move {
        let report = |year: i32, received: i64| Report {
            year,
            received,
            disclosed: 0,
            refused: received,
            notified: received,
            summary: format!("{year}: all refused"),
        };
        s.record_transparency(&report(2025, 2), d("2026-01-10"))
            .await
            .unwrap();
        s.record_transparency(&report(2026, 1), d("2026-12-01"))
            .await
            .unwrap();
        s.record_transparency(&report(2025, 3), d("2026-02-01"))
            .await
            .unwrap();
        let all = s.transparency_reports().await.unwrap();
        assert_eq!(
            all.iter()
                .map(|(r, _)| (r.year, r.received))
                .collect::<Vec<_>>(),
            vec![(2026, 1), (2025, 3)],
            "{name}"
        );
        assert_eq!(all[1].1, d("2026-02-01"));
        assert_eq!(all[1].0.summary, "2025: all refused");
        let impossible = Report {
            disclosed: 5,
            ..report(2024, 1)
        };
        assert!(
            s.record_transparency(&impossible, d("2026-12-01"))
                .await
                .is_err(),
            "{name}: the CHECK refuses it"
        );
        assert_eq!(s.transparency_reports().await.unwrap().len(), 2);
    })
    .await;
}

/// R7.7, R9.2: an elected member is seated with her term (once, however often the election is
/// enacted), interim members named before the close leave, and ended terms are vacated once by
/// two processes at the same instant, each with its roster audit row.
#[tokio::test]
async fn r7_7_r9_2_terms_seat_the_elected_retire_interims_and_end_once() {
    use tessera_core::committee::Committee;
    use tessera_store::network::committees::RosterAction;
    each_backend_twice(|one, two, name| async move {
        let ann = account(&one, "ann", AccountType::Seller).await;
        let bea = account(&one, "bea", AccountType::Seller).await;
        let cat = account(&one, "cat", AccountType::Seller).await;
        let dan = account(&one, "dan", AccountType::Seller).await;
        let c = Committee::Security;
        let closed_on = d("2026-03-14");
        // Interim: ann and bea before the close, dan after it.
        let before = d("2026-03-01").start_unix();
        one.committee_add(c, ann, "operator", before).await.unwrap();
        one.committee_add(c, bea, "operator", before).await.unwrap();
        one.committee_add(c, dan, "operator", d("2026-03-20").start_unix())
            .await
            .unwrap();
        let (starts, ends) = (d("2026-03-15"), d("2027-03-15"));
        // bea (interim) and cat are elected.
        for _ in 0..2 {
            let (x, y) = tokio::join!(
                one.seat_elected(c, bea, starts, ends, "proposal p", 5),
                two.seat_elected(c, cat, starts, ends, "proposal p", 5)
            );
            let _ = (x.unwrap(), y.unwrap());
        }
        let retired = one
            .retire_interim(c, closed_on, "proposal p", 6)
            .await
            .unwrap();
        assert_eq!(
            retired,
            vec![ann],
            "{name}: only the interim named before the close"
        );
        assert!(one
            .retire_interim(c, closed_on, "proposal p", 6)
            .await
            .unwrap()
            .is_empty());
        let roster: Vec<_> = one
            .committee_roster()
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.account)
            .collect();
        assert_eq!(roster.len(), 3, "{name}: bea, cat, dan");
        assert!(!roster.contains(&ann));
        assert_eq!(
            one.committee_terms(c, cat).await.unwrap(),
            vec![(starts, ends)]
        );
        // The audit: cat added once (bea was on it already), ann removed once.
        let log = one.committee_audit().await.unwrap();
        let adds = log
            .iter()
            .filter(|a| a.action == RosterAction::Add && a.account == cat)
            .count();
        assert_eq!(adds, 1, "{name}");
        // The day before the end nothing happens; on the day both seats end, once.
        assert!(one.end_terms(d("2027-03-14"), 7).await.unwrap().is_empty());
        let (x, y) = tokio::join!(one.end_terms(ends, 8), two.end_terms(ends, 8));
        let mut ended: Vec<_> = x.unwrap().into_iter().chain(y.unwrap()).collect();
        ended.sort_by_key(|(_, a)| a.get());
        assert_eq!(ended, vec![(c, bea), (c, cat)], "{name}: each once");
        assert!(
            one.is_committee_member(dan, c).await.unwrap(),
            "interim stays"
        );
        let removes = one
            .committee_audit()
            .await
            .unwrap()
            .iter()
            .filter(|a| a.action == RosterAction::Remove)
            .count();
        assert_eq!(removes, 3, "{name}: ann, bea, cat");
    })
    .await;
}

/// R7.4: the job runner's narrow read: a closed, passed algorithm proposal without its version
/// is found until its version exists; a failed one never is.
#[tokio::test]
async fn r7_4_closed_scoring_proposals_without_their_version_are_found() {
    each_backend(|s, name| async move {
        let ann = account(&s, "ann", AccountType::Seller).await;
        s.ensure_baseline_params(d("2026-03-01")).await.unwrap();
        let set = s.current_params().await.unwrap().params;
        for (id, passed) in [("pass1", true), ("fail1", false)] {
            let p = proposal(&s, id, ProposalKind::Algorithm, ann).await;
            s.open_vote(p, &[ann]).await.unwrap();
            s.close_vote(p, closes(), |_| {
                format!("{{\"yes\":1,\"no\":0,\"abstain\":0,\"turnout\":1,\"quorum_met\":true,\"passed\":{passed}}}")
            })
            .await
            .unwrap();
        }
        let due: Vec<String> = s
            .scoring_to_enact()
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(due, vec!["pass1".to_owned()], "{name}");
        s.enact_for_proposal(&set, d("2026-04-01"), "pass1")
            .await
            .unwrap();
        assert!(s.scoring_to_enact().await.unwrap().is_empty(), "{name}");
    })
    .await;
}

/// R7.1, R7.7, R9.2: two processes at the same instant: the same member standing twice is one
/// candidacy, signing a recall petition twice is one signature (the count after hers once), and
/// two standing records for one member leave exactly one of them.
#[tokio::test]
async fn r7_7_r9_2_two_processes_stand_sign_and_record_standing_once() {
    each_backend_twice(|one, two, name| async move {
        let ann = account(&one, "ann", AccountType::Seller).await;
        let bea = account(&one, "bea", AccountType::Seller).await;
        let election = proposal(&one, "e1", ProposalKind::Election, ann).await;
        let recall = proposal(&one, "r1", ProposalKind::Recall, ann).await;
        for _ in 0..5 {
            let (x, y) = tokio::join!(
                one.add_candidate(election, bea),
                two.add_candidate(election, bea)
            );
            let _ = (x.unwrap(), y.unwrap());
        }
        assert_eq!(one.candidates(election).await.unwrap().len(), 1, "{name}");
        let (x, y) = tokio::join!(
            one.sign_petition(recall, bea),
            two.sign_petition(recall, bea)
        );
        let signed: Vec<i64> = [x.unwrap(), y.unwrap()].into_iter().flatten().collect();
        assert_eq!(signed, vec![1], "{name}: one signature");
        assert_eq!(two.signatures(recall).await.unwrap(), 1);
        let paid = StandingRecord::PaidThrough(YearMonth::parse("2030-01").unwrap());
        let (x, y) = tokio::join!(
            one.record_standing(bea, paid, d("2026-03-01")),
            two.record_standing(bea, StandingRecord::Waived, d("2026-03-01"))
        );
        x.unwrap();
        y.unwrap();
        let f = one.member_facts(bea).await.unwrap().unwrap();
        assert!(
            f.record == Some(paid) || f.record == Some(StandingRecord::Waived),
            "{name}: one of the two records, whole"
        );
    })
    .await;
}
