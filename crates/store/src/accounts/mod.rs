//! Accounts (SPEC R2.1–R2.12): creation, lookup by canonical pseudonym, credentials, settings,
//! and deletion to a tombstone (R2.11). The rooms beside it hold what hangs off an account:
//! invitations (R2.3), recovery (R2.6), sessions (R2.7), security events (R2.9) and the claim
//! of an imported account (R4.10).

use tessera_core::{AccountId, AccountType, Day, Pseudonym};

use crate::crypto::random_token;
use crate::db::{Arg, Cols, Tx};
use crate::{Result, Store, StoreError};

mod claims;
pub mod events;
pub mod invitations;
pub mod recovery;
pub(crate) mod session_cache;
pub mod sessions;
mod skeletons;

pub use session_cache::SessionUser;

/// Per-account settings (R2.12). Screening preferences are advisory only (R4.6).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub language: Option<String>,
    pub min_trust: Option<f64>,
    pub min_ratings: Option<i64>,
    /// At most this many unsafe flags (R4.6, R3.8's blind spot); `None`: no maximum.
    pub max_unsafe: Option<i64>,
    pub unknown_is_below: bool,
    pub message_expiry_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: None,
            min_trust: None,
            min_ratings: None,
            max_unsafe: None,
            unknown_is_below: false,
            message_expiry_days: 30,
        }
    }
}

#[derive(Clone)]
pub struct Account {
    pub id: AccountId,
    /// Canonical form (R2.2).
    pub pseudonym: String,
    pub display_name: String,
    pub account_type: AccountType,
    pub created_on: Day,
    /// `None` for imported accounts that have not been claimed yet.
    pub password_hash: Option<String>,
    pub totp_enabled: bool,
    pub recovery_email_hash: Option<String>,
    pub settings: Settings,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // No pseudonym, no hashes: Debug output may end up in a log (R8.4).
        write!(f, "Account({}, {})", self.id, self.account_type.as_str())
    }
}

pub struct NewAccount<'a> {
    pub pseudonym: &'a Pseudonym,
    pub account_type: AccountType,
    pub password_hash: String,
    pub recovery_email_hash: Option<String>,
    pub created_on: Day,
    pub language: Option<String>,
}

/// The columns [`account_from`] reads, in its order; `a` is the accounts table.
pub(crate) const ACCOUNT_COLUMNS: &str = "a.id, a.pseudonym, a.display_name, a.account_type, \
    a.created_on, a.password_hash, a.totp_secret IS NOT NULL AS totp_enabled, \
    a.recovery_email_hash, a.language, a.min_trust, a.min_ratings, a.unknown_is_below, \
    a.message_expiry_days, a.max_unsafe";

/// An account from [`ACCOUNT_COLUMNS`] starting at column `at`: the one mapping for every
/// driver (sqlx on both backends, and the direct SQLite session read).
pub(crate) fn account_from<R: Cols + ?Sized>(row: &R, at: usize) -> Result<Account> {
    Ok(Account {
        id: AccountId::new(row.i64(at)?),
        pseudonym: row.text(at + 1)?,
        display_name: row.text(at + 2)?,
        account_type: AccountType::parse(&row.text(at + 3)?)
            .ok_or(StoreError::Corrupt("account_type"))?,
        created_on: row.day(at + 4)?,
        password_hash: row.opt_text(at + 5)?,
        totp_enabled: row.bool(at + 6)?,
        recovery_email_hash: row.opt_text(at + 7)?,
        settings: Settings {
            language: row.opt_text(at + 8)?,
            min_trust: row.opt_f64(at + 9)?,
            min_ratings: row.opt_i64(at + 10)?,
            unknown_is_below: row.bool(at + 11)?,
            message_expiry_days: row.i64(at + 12)?,
            max_unsafe: row.opt_i64(at + 13)?,
        },
    })
}

/// Inserts an account inside a transaction; its id. `Conflict` when the pseudonym is taken or
/// looks like one that is (the same confusable skeleton, R2.2), checked under a lock.
async fn insert_account(tx: &mut Tx, new: &NewAccount<'_>) -> Result<AccountId> {
    let skeleton = new.pseudonym.skeleton();
    skeletons::claim_skeleton(tx, &skeleton).await?;
    tx.fetch_one(
        "INSERT INTO accounts (pseudonym, display_name, account_type, created_on, \
         password_hash, recovery_email_hash, language, skeleton) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &[
            new.pseudonym.canonical().into(),
            new.pseudonym.display().into(),
            new.account_type.as_str().into(),
            new.created_on.to_string().into(),
            (&new.password_hash).into(),
            (&new.recovery_email_hash).into(),
            (&new.language).into(),
            (&skeleton).into(),
        ],
        |r| Ok(AccountId::new(r.i64(0)?)),
    )
    .await
    .map_err(StoreError::unique_to_conflict)
}

/// Prefix of tombstone ids. `~` is not allowed in pseudonyms, so a tombstone can never be
/// reached by one (R2.11).
pub const TOMBSTONE_PREFIX: &str = "~deleted-";

/// Takes the row lock on one account (PostgreSQL) or the write lock (SQLite) with a no-op
/// update, so that a count-then-insert on the account's behalf (open invitations, unused codes)
/// cannot be passed by two processes at once (R9.2). $1 the account.
pub(crate) const LOCK_ACCOUNT_SQL: &str = "UPDATE accounts SET deleted = deleted WHERE id = $1";

impl Store {
    /// Creates an account. `Conflict` when the canonical pseudonym is taken.
    pub async fn create_account(&self, new: &NewAccount<'_>) -> Result<AccountId> {
        let mut tx = self.db.write().begin().await?;
        let id = insert_account(&mut tx, new).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Creates a seller account and uses up the invitation in one transaction, so a failed
    /// sign-up (pseudonym taken) leaves the invitation usable. `NotFound` when the invitation
    /// is unknown, used or expired (R2.3).
    pub async fn create_seller_with_invitation(
        &self,
        invitation_hash: &[u8],
        now: i64,
        new: &NewAccount<'_>,
    ) -> Result<AccountId> {
        let mut tx = self.db.write().begin().await?;
        let used = tx
            .execute(
                "DELETE FROM invitations WHERE token_hash = $1 AND expires_at > $2",
                &[invitation_hash.into(), now.into()],
            )
            .await?;
        if used != 1 {
            return Err(StoreError::NotFound);
        }
        let id = insert_account(&mut tx, new).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn account_by_pseudonym(&self, canonical: &str) -> Result<Option<Account>> {
        self.account_where("a.pseudonym = $1", canonical.into())
            .await
    }

    pub async fn account_by_id(&self, id: AccountId) -> Result<Option<Account>> {
        self.account_where("a.id = $1", id.into()).await
    }

    /// The seller behind a profile slug.
    pub async fn account_by_profile_slug(&self, slug: &str) -> Result<Option<Account>> {
        self.account_where(
            "a.profile_slug = $1 AND a.account_type = 'seller'",
            slug.into(),
        )
        .await
    }

    /// The account (not deleted) that `which` selects with `$1` = `key`.
    async fn account_where(&self, which: &str, key: Arg<'_>) -> Result<Option<Account>> {
        let sql =
            format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE {which} AND NOT a.deleted");
        self.db
            .read()
            .fetch_optional(&sql, &[key], |r| account_from(r, 0))
            .await
    }

    /// Records the seller's profile slug (R4.9); idempotent.
    /// The seller's recorded profile slug, if any (R4.9).
    pub async fn profile_slug_of(&self, id: AccountId) -> Result<Option<String>> {
        Ok(self
            .db
            .read()
            .fetch_optional(
                "SELECT profile_slug FROM accounts WHERE id = $1 AND NOT deleted",
                &[id.into()],
                |r| r.opt_text(0),
            )
            .await?
            .flatten())
    }

    pub async fn set_profile_slug(&self, id: AccountId, slug: &str) -> Result<()> {
        self.db
            .write()
            .execute(
                "UPDATE accounts SET profile_slug = $1 \
                 WHERE id = $2 AND NOT deleted AND profile_slug IS NULL",
                &[slug.into(), id.into()],
            )
            .await?;
        Ok(())
    }

    pub async fn count_sellers(&self) -> Result<i64> {
        self.db
            .read()
            .fetch_one(
                "SELECT COUNT(*) FROM accounts WHERE account_type = 'seller' AND NOT deleted",
                &[],
                |r| r.i64(0),
            )
            .await
    }

    pub async fn set_password_hash(&self, id: AccountId, hash: &str) -> Result<()> {
        let sql = "UPDATE accounts SET password_hash = $1 WHERE id = $2 AND NOT deleted";
        one(self
            .db
            .write()
            .execute(sql, &[hash.into(), id.into()])
            .await?)
    }

    pub async fn set_recovery_email_hash(&self, id: AccountId, hash: Option<&str>) -> Result<()> {
        let sql = "UPDATE accounts SET recovery_email_hash = $1 WHERE id = $2 AND NOT deleted";
        one(self
            .db
            .write()
            .execute(sql, &[hash.into(), id.into()])
            .await?)
    }

    /// Stores (encrypted, R8.2) or clears the TOTP secret. A new secret resets the last used
    /// step.
    pub async fn set_totp_secret(&self, id: AccountId, secret: Option<&[u8]>) -> Result<()> {
        let sealed = secret.map(|s| self.crypto().seal("totp", s));
        let sql = "UPDATE accounts SET totp_secret = $1, totp_last_step = NULL \
                   WHERE id = $2 AND NOT deleted";
        one(self
            .db
            .write()
            .execute(sql, &[(&sealed).into(), id.into()])
            .await?)
    }

    pub async fn totp_secret(&self, id: AccountId) -> Result<Option<Vec<u8>>> {
        let sealed = self
            .db
            .read()
            .fetch_optional(
                "SELECT totp_secret FROM accounts WHERE id = $1 AND NOT deleted",
                &[id.into()],
                |r| r.opt_bytes(0),
            )
            .await?;
        match sealed.flatten() {
            Some(s) => Ok(Some(self.crypto().open("totp", &s)?)),
            None => Ok(None),
        }
    }

    /// Records `step` as used if it is later than the last used step: each TOTP code works once
    /// (R2.5). One conditional update, so two concurrent logins cannot both use it.
    pub async fn claim_totp_step(&self, id: AccountId, step: i64) -> Result<bool> {
        let n = self
            .db
            .write()
            .execute(
                "UPDATE accounts SET totp_last_step = $1 \
                 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
                &[step.into(), id.into()],
            )
            .await?;
        Ok(n == 1)
    }

    pub async fn update_settings(&self, id: AccountId, s: &Settings) -> Result<()> {
        let n = self
            .db
            .write()
            .execute(
                "UPDATE accounts SET language = $1, min_trust = $2, min_ratings = $3, \
                 unknown_is_below = $4, message_expiry_days = $5, max_unsafe = $6 \
                 WHERE id = $7 AND NOT deleted",
                &[
                    (&s.language).into(),
                    s.min_trust.into(),
                    s.min_ratings.into(),
                    s.unknown_is_below.into(),
                    s.message_expiry_days.into(),
                    s.max_unsafe.into(),
                    id.into(),
                ],
            )
            .await?;
        one(n)
    }

    /// Deletes an account (R2.11): the pseudonym becomes a random tombstone id, so ratings stay
    /// attached to the tombstone as pattern data but no pseudonym reaches them; sessions,
    /// invitations, recovery data and settings go at once. Returns the tombstone id.
    pub async fn delete_account(&self, id: AccountId) -> Result<String> {
        self.delete_account_keeping(id, None).await
    }

    /// Deletes an account as [`Store::delete_account`] does and, when she asked for one, keeps
    /// the hash of her restore code with the tombstone (charter 18.6), in the same transaction.
    pub async fn delete_account_keeping(
        &self,
        id: AccountId,
        restore_code_hash: Option<&str>,
    ) -> Result<String> {
        let tombstone = format!("{TOMBSTONE_PREFIX}{}", random_token(16));
        let mut tx = self.db.write().begin().await?;
        for sql in [
            "DELETE FROM sessions WHERE account_id = $1",
            "DELETE FROM invitations WHERE created_by = $1",
            "DELETE FROM recovery_codes WHERE account_id = $1",
            "DELETE FROM recovery_tokens WHERE account_id = $1",
            "DELETE FROM rating_codes WHERE seller_id = $1",
            "DELETE FROM claim_tokens WHERE account_id = $1",
            "DELETE FROM buyer_snapshots WHERE buyer_id = $1",
            "DELETE FROM seller_releases WHERE seller_id = $1",
            // Reports from before disputes were cases (issue 13) are no longer written.
            "DELETE FROM issue_reports WHERE seller_id = $1",
            "DELETE FROM screening_links WHERE buyer_id = $1",
            // R2.11, R6.3: her messages go at once; the others' stay in their threads.
            "DELETE FROM messages WHERE author_id = $1",
            "DELETE FROM thread_members WHERE account_id = $1",
            // Her alerts and disputes (R6.4, R6.5), with the disputes of her alerts.
            "DELETE FROM alert_disputes WHERE disputer_id = $1",
            "DELETE FROM alert_disputes WHERE alert_seq IN \
             (SELECT seq FROM alerts WHERE poster_id = $1)",
            "DELETE FROM alerts WHERE poster_id = $1",
            "DELETE FROM alert_posting_bans WHERE account_id = $1",
            // Coops and committees (R6.2, R7.8): her memberships and request links go.
            "DELETE FROM coop_members WHERE account_id = $1",
            "DELETE FROM coop_links WHERE created_by = $1",
            "DELETE FROM committee_members WHERE account_id = $1",
            // Disputes (R7.8): the context she gave, her petition signatures, her panel seats.
            "UPDATE disputes SET context = NULL WHERE opened_by = $1",
            "DELETE FROM dispute_signatures WHERE account_id = $1",
            "DELETE FROM dispute_panel WHERE member_id = $1",
            // Governance (R7.1, R7.7, R7.9): her standing record, a suspension, her committee
            // terms, candidacies and recall signatures. Her place on a frozen voter roll stays
            // (the roll's fingerprint and the count of voters depend on it), as does what she
            // wrote in proposals and comments for the membership.
            "DELETE FROM member_standing WHERE account_id = $1",
            // Abuse flags that name her (R9.7).
            "DELETE FROM abuse_flags WHERE seller_id = $1 OR buyer_id = $1",
            "DELETE FROM account_suspensions WHERE account_id = $1",
            "DELETE FROM committee_terms WHERE account_id = $1",
            "DELETE FROM proposal_candidates WHERE account_id = $1",
            "DELETE FROM proposal_signatures WHERE account_id = $1",
            // Her check-ins, PINs, buddies both ways, watch and alarms (R6.6, R6.7).
            "DELETE FROM checkins WHERE seller_id = $1",
            "DELETE FROM checkin_pins WHERE account_id = $1",
            "DELETE FROM buddies WHERE seller_id = $1 OR buddy_id = $1",
            "DELETE FROM buddy_watch WHERE account_id = $1",
            "DELETE FROM alarms WHERE seller_id = $1",
            "UPDATE alarms SET acknowledged_by = NULL WHERE acknowledged_by = $1",
        ] {
            tx.execute(sql, &[id.into()]).await?;
        }
        let n = tx
            .execute(
                "UPDATE accounts SET pseudonym = $1, display_name = $1, skeleton = $1, \
                 deleted = TRUE, \
                 password_hash = NULL, totp_secret = NULL, totp_last_step = NULL, \
                 recovery_email_hash = NULL, language = NULL, min_trust = NULL, \
                 profile_slug = NULL, min_ratings = NULL, max_unsafe = NULL, unknown_is_below = FALSE, \
                 message_expiry_days = 30 WHERE id = $2 AND NOT deleted",
                &[(&tombstone).into(), id.into()],
            )
            .await?;
        one(n)?;
        if let Some(hash) = restore_code_hash {
            crate::governance::restorations::keep_restore_code(&mut tx, id, hash).await?;
        }
        // A coop she moderated alone gets its longest-standing member as moderator (R6.2).
        crate::coops::ensure_moderator(tx.conn(), None).await?;
        sessions::announce(&mut tx, id).await?;
        tx.commit().await?;
        self.sessions.evict_account(id);
        // The pseudonym is gone from the database file (secure_delete); the WAL's old frames
        // still hold it until a checkpoint truncates them (R2.11).
        self.wipe_wal().await;
        Ok(tombstone)
    }
}

/// `Ok` when exactly one row changed; `NotFound` otherwise (unknown or deleted account).
pub(crate) fn one(rows: u64) -> Result<()> {
    if rows == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}
