//! Aggregate counts for `tessera inspect --what-would-a-seizure-reveal` (issue 14 §5, SPEC R8;
//! docs/privacy.md, "What each adversary learns"): how many records of each kind a copy of the
//! database holds, so the operator sees the numbers behind each case. Counts only: nothing here
//! reads a pseudonym, a text or a key (R8.4).
//!
//! Also the database server's clock, for `tessera doctor` (R9.6).

use crate::db::Db;
use crate::{Result, Store};

/// How many of each kind a seized database holds. Every field is a count over the whole
/// database, never per member.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeizureCounts {
    /// Seller accounts not deleted (their pseudonyms are in the file).
    pub live_sellers: i64,
    /// Buyer accounts not deleted.
    pub live_buyers: i64,
    /// Deleted accounts: tombstones that no pseudonym leads to (R2.11).
    pub deleted_accounts: i64,
    /// Accounts with a TOTP secret, sealed under the field key (R2.5, R8.2).
    pub totp_secrets: i64,
    /// Accounts with a recovery e-mail hash (Argon2id; confirms a suspected address, R2.6).
    pub recovery_email_hashes: i64,
    /// Sellers' ratings of buyers: who rated whom, on which day (R3, R8.1).
    pub seller_ratings: i64,
    /// Buyers' ratings of sellers (R4.5).
    pub buyer_ratings: i64,
    /// Rating codes still unused: six digits in clear that could still be redeemed (R4.3).
    pub unused_codes: i64,
    /// Coops, and memberships in the state `member` (R6.2).
    pub coops: i64,
    pub coop_members: i64,
    /// Buddy pairs, active (R6.7).
    pub buddy_pairs: i64,
    /// Conversations and their members (who talks with whom, R6.3).
    pub threads: i64,
    pub thread_members: i64,
    /// Texts sealed under day keys and not yet purged: readable with the master key until their
    /// day key is destroyed (R8.2, R8.3).
    pub messages: i64,
    pub alert_texts: i64,
    pub alert_dispute_contexts: i64,
    pub checkin_notes: i64,
    /// Day keys still held: each opens the texts expiring on its day.
    pub day_keys: i64,
    /// Check-ins running now (with their deadlines, R6.6).
    pub running_checkins: i64,
    /// Alarms not closed, and all alarms still held (R6.6).
    pub open_alarms: i64,
    pub alarms: i64,
    /// Live sessions (token hashes only, R2.7).
    pub sessions: i64,
    /// Login, code and sign-up counters of the last 30 days (R9.3).
    pub security_events: i64,
    /// Votes still open whose key is in the file: their ballots can be linked to voters (R7.3).
    pub open_vote_keys: i64,
    /// Two-person requests waiting for their second member, payload and reason in clear (R7.9).
    pub pending_approvals: i64,
    /// Dispute cases whose context (sealed under the field key) is still held (R7.8).
    pub dispute_contexts: i64,
    /// Proposals and comments, free text in clear (R7.2).
    pub proposals: i64,
    pub proposal_comments: i64,
}

/// One statement of scalar subqueries, the same on both backends: `COUNT` is a `BIGINT` on
/// PostgreSQL and an integer on SQLite; booleans are tested as such (SQLite's 0/1 too).
const SEIZURE_SQL: &str = "SELECT \
    (SELECT COUNT(*) FROM accounts WHERE NOT deleted AND account_type = 'seller'), \
    (SELECT COUNT(*) FROM accounts WHERE NOT deleted AND account_type = 'buyer'), \
    (SELECT COUNT(*) FROM accounts WHERE deleted), \
    (SELECT COUNT(*) FROM accounts WHERE totp_secret IS NOT NULL), \
    (SELECT COUNT(*) FROM accounts WHERE recovery_email_hash IS NOT NULL), \
    (SELECT COUNT(*) FROM ratings), \
    (SELECT COUNT(*) FROM buyer_ratings), \
    (SELECT COUNT(*) FROM rating_codes WHERE status = 'unused'), \
    (SELECT COUNT(*) FROM coops), \
    (SELECT COUNT(*) FROM coop_members WHERE state = 'member'), \
    (SELECT COUNT(*) FROM buddies WHERE state = 'active'), \
    (SELECT COUNT(*) FROM threads), \
    (SELECT COUNT(*) FROM thread_members), \
    (SELECT COUNT(*) FROM messages), \
    (SELECT COUNT(*) FROM alerts WHERE text IS NOT NULL), \
    (SELECT COUNT(*) FROM alert_disputes WHERE context IS NOT NULL), \
    (SELECT COUNT(*) FROM checkins WHERE note IS NOT NULL), \
    (SELECT COUNT(*) FROM day_keys), \
    (SELECT COUNT(*) FROM checkins), \
    (SELECT COUNT(*) FROM alarms WHERE closed_at IS NULL), \
    (SELECT COUNT(*) FROM alarms), \
    (SELECT COUNT(*) FROM sessions), \
    (SELECT COUNT(*) FROM security_events), \
    (SELECT COUNT(*) FROM ballot_keys), \
    (SELECT COUNT(*) FROM approvals WHERE state = 'awaiting_second'), \
    (SELECT COUNT(*) FROM disputes WHERE context IS NOT NULL), \
    (SELECT COUNT(*) FROM proposals), \
    (SELECT COUNT(*) FROM proposal_comments)";

impl Store {
    /// The counts behind docs/privacy.md's cases (a) to (d), in one read. A full count of the
    /// large tables (ratings): for the operator's command line, never a request path.
    pub async fn seizure_counts(&self) -> Result<SeizureCounts> {
        self.db
            .read()
            .fetch_one(SEIZURE_SQL, &[], |r| {
                Ok(SeizureCounts {
                    live_sellers: r.i64(0)?,
                    live_buyers: r.i64(1)?,
                    deleted_accounts: r.i64(2)?,
                    totp_secrets: r.i64(3)?,
                    recovery_email_hashes: r.i64(4)?,
                    seller_ratings: r.i64(5)?,
                    buyer_ratings: r.i64(6)?,
                    unused_codes: r.i64(7)?,
                    coops: r.i64(8)?,
                    coop_members: r.i64(9)?,
                    buddy_pairs: r.i64(10)?,
                    threads: r.i64(11)?,
                    thread_members: r.i64(12)?,
                    messages: r.i64(13)?,
                    alert_texts: r.i64(14)?,
                    alert_dispute_contexts: r.i64(15)?,
                    checkin_notes: r.i64(16)?,
                    day_keys: r.i64(17)?,
                    running_checkins: r.i64(18)?,
                    open_alarms: r.i64(19)?,
                    alarms: r.i64(20)?,
                    sessions: r.i64(21)?,
                    security_events: r.i64(22)?,
                    open_vote_keys: r.i64(23)?,
                    pending_approvals: r.i64(24)?,
                    dispute_contexts: r.i64(25)?,
                    proposals: r.i64(26)?,
                    proposal_comments: r.i64(27)?,
                })
            })
            .await
    }

    /// The database's own clock, in Unix seconds: `tessera doctor` compares it with this
    /// machine's (R9.6), since expiries are written by the application's clock and compared by
    /// whichever process reads them. On SQLite the database is this machine, so it is the same
    /// clock.
    pub async fn database_clock(&self) -> Result<i64> {
        let sql = match &self.db {
            Db::Sqlite { .. } => "SELECT CAST(strftime('%s', 'now') AS INTEGER)",
            Db::Postgres(_) => "SELECT CAST(extract(epoch FROM now()) AS BIGINT)",
        };
        self.db.read().fetch_one(sql, &[], |r| r.i64(0)).await
    }
}
