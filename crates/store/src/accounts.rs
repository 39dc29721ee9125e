//! Accounts (SPEC R2.1–R2.12): creation, lookup by canonical pseudonym, credentials, settings,
//! and deletion to a tombstone (R2.11).

use sqlx::Row;
use tessera_core::{AccountType, Day, Pseudonym};

use crate::crypto::random_token;
use crate::{exec, on_db, Result, Store, StoreError};

/// Inserts an account inside a transaction, on either backend.
macro_rules! insert_account {
    ($tx:expr, $new:expr) => {{
        let new: &NewAccount<'_> = $new;
        let row: (i64,) = sqlx::query_as(
            "INSERT INTO accounts (pseudonym, display_name, account_type, created_on, \
             password_hash, recovery_email_hash, language) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(new.pseudonym.canonical())
        .bind(new.pseudonym.display())
        .bind(new.account_type.as_str())
        .bind(new.created_on.to_string())
        .bind(&new.password_hash)
        .bind(&new.recovery_email_hash)
        .bind(&new.language)
        .fetch_one($tx)
        .await
        .map_err(StoreError::unique_to_conflict)?;
        row.0
    }};
}

/// Per-account settings (R2.12). Screening preferences are advisory only (R4.6).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub language: Option<String>,
    pub min_trust: Option<f64>,
    pub min_ratings: Option<i64>,
    pub unknown_is_below: bool,
    pub message_expiry_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: None,
            min_trust: None,
            min_ratings: None,
            unknown_is_below: false,
            message_expiry_days: 30,
        }
    }
}

#[derive(Clone)]
pub struct Account {
    pub id: i64,
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

pub(crate) const ACCOUNT_COLUMNS: &str = "a.id, a.pseudonym, a.display_name, a.account_type, \
    a.created_on, a.password_hash, a.totp_secret IS NOT NULL AS totp_enabled, \
    a.recovery_email_hash, a.language, a.min_trust, a.min_ratings, a.unknown_is_below, \
    a.message_expiry_days";

pub(crate) fn account_from_row<R>(row: &R) -> Result<Account>
where
    R: Row,
    for<'c> &'c str: sqlx::ColumnIndex<R>,
    i64: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    f64: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    bool: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let account_type: String = row.try_get("account_type")?;
    let created_on: String = row.try_get("created_on")?;
    Ok(Account {
        id: row.try_get("id")?,
        pseudonym: row.try_get("pseudonym")?,
        display_name: row.try_get("display_name")?,
        account_type: AccountType::parse(&account_type)
            .ok_or(StoreError::Corrupt("account_type"))?,
        created_on: Day::parse(&created_on).ok_or(StoreError::Corrupt("created_on"))?,
        password_hash: row.try_get("password_hash")?,
        totp_enabled: row.try_get("totp_enabled")?,
        recovery_email_hash: row.try_get("recovery_email_hash")?,
        settings: Settings {
            language: row.try_get("language")?,
            min_trust: row.try_get("min_trust")?,
            min_ratings: row.try_get("min_ratings")?,
            unknown_is_below: row.try_get("unknown_is_below")?,
            message_expiry_days: row.try_get("message_expiry_days")?,
        },
    })
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
    pub async fn create_account(&self, new: &NewAccount<'_>) -> Result<i64> {
        on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            let id = insert_account!(&mut *tx, new);
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Creates a seller account and uses up the invitation in one transaction, so a failed
    /// sign-up (pseudonym taken) leaves the invitation usable. `NotFound` when the invitation
    /// is unknown, used or expired (R2.3).
    pub async fn create_seller_with_invitation(
        &self,
        invitation_hash: &[u8],
        now: i64,
        new: &NewAccount<'_>,
    ) -> Result<i64> {
        on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            let used =
                sqlx::query("DELETE FROM invitations WHERE token_hash = $1 AND expires_at > $2")
                    .bind(invitation_hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            if used.rows_affected() != 1 {
                return Err(StoreError::NotFound);
            }
            let id = insert_account!(&mut *tx, new);
            tx.commit().await?;
            Ok(id)
        })
    }

    pub async fn account_by_pseudonym(&self, canonical: &str) -> Result<Option<Account>> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.pseudonym = $1 AND NOT a.deleted"
        );
        on_db!(self, read, |pool| {
            let row = sqlx::query(&sql)
                .bind(canonical)
                .fetch_optional(pool)
                .await?;
            row.as_ref().map(account_from_row).transpose()
        })
    }

    pub async fn account_by_id(&self, id: i64) -> Result<Option<Account>> {
        let sql =
            format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1 AND NOT a.deleted");
        on_db!(self, read, |pool| {
            let row = sqlx::query(&sql).bind(id).fetch_optional(pool).await?;
            row.as_ref().map(account_from_row).transpose()
        })
    }

    /// Records the seller's profile slug (R4.9); idempotent.
    pub async fn set_profile_slug(&self, id: i64, slug: &str) -> Result<()> {
        exec!(
            self,
            "UPDATE accounts SET profile_slug = $1 WHERE id = $2 AND NOT deleted AND profile_slug IS NULL",
            slug,
            id
        );
        Ok(())
    }

    /// The seller behind a profile slug.
    pub async fn account_by_profile_slug(&self, slug: &str) -> Result<Option<Account>> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.profile_slug = $1 AND NOT a.deleted \
             AND a.account_type = 'seller'"
        );
        on_db!(self, read, |pool| {
            let row = sqlx::query(&sql).bind(slug).fetch_optional(pool).await?;
            row.as_ref().map(account_from_row).transpose()
        })
    }

    pub async fn count_sellers(&self) -> Result<i64> {
        on_db!(self, read, |pool| {
            Ok(sqlx::query_scalar(
                "SELECT COUNT(*) FROM accounts WHERE account_type = 'seller' AND NOT deleted",
            )
            .fetch_one(pool)
            .await?)
        })
    }

    pub async fn set_password_hash(&self, id: i64, hash: &str) -> Result<()> {
        let n = exec!(
            self,
            "UPDATE accounts SET password_hash = $1 WHERE id = $2 AND NOT deleted",
            hash,
            id
        );
        one(n)
    }

    pub async fn set_recovery_email_hash(&self, id: i64, hash: Option<&str>) -> Result<()> {
        let n = exec!(
            self,
            "UPDATE accounts SET recovery_email_hash = $1 WHERE id = $2 AND NOT deleted",
            hash,
            id
        );
        one(n)
    }

    /// Stores (encrypted, R8.2) or clears the TOTP secret. A new secret resets the last used
    /// step.
    pub async fn set_totp_secret(&self, id: i64, secret: Option<&[u8]>) -> Result<()> {
        let sealed = secret.map(|s| self.crypto().seal("totp", s));
        let n = exec!(
            self,
            "UPDATE accounts SET totp_secret = $1, totp_last_step = NULL WHERE id = $2 AND NOT deleted",
            &sealed,
            id
        );
        one(n)
    }

    pub async fn totp_secret(&self, id: i64) -> Result<Option<Vec<u8>>> {
        let sealed: Option<Option<Vec<u8>>> = on_db!(self, read, |pool| {
            sqlx::query_scalar("SELECT totp_secret FROM accounts WHERE id = $1 AND NOT deleted")
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        match sealed.flatten() {
            Some(s) => Ok(Some(self.crypto().open("totp", &s)?)),
            None => Ok(None),
        }
    }

    /// Records `step` as used if it is later than the last used step: each TOTP code works once
    /// (R2.5). One conditional update, so two concurrent logins cannot both use it.
    pub async fn claim_totp_step(&self, id: i64, step: i64) -> Result<bool> {
        on_db!(self, write, |pool| {
            let r = sqlx::query(
                "UPDATE accounts SET totp_last_step = $1 \
                 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
            )
            .bind(step)
            .bind(id)
            .execute(pool)
            .await?;
            Ok(r.rows_affected() == 1)
        })
    }

    pub async fn update_settings(&self, id: i64, s: &Settings) -> Result<()> {
        let n = exec!(
            self,
            "UPDATE accounts SET language = $1, min_trust = $2, min_ratings = $3, \
             unknown_is_below = $4, message_expiry_days = $5 WHERE id = $6 AND NOT deleted",
            &s.language,
            s.min_trust,
            s.min_ratings,
            s.unknown_is_below,
            s.message_expiry_days,
            id
        );
        one(n)
    }

    /// Deletes an account (R2.11): the pseudonym becomes a random tombstone id, so ratings stay
    /// attached to the tombstone as pattern data but no pseudonym reaches them; sessions,
    /// invitations, recovery data and settings go at once. Returns the tombstone id.
    pub async fn delete_account(&self, id: i64) -> Result<String> {
        let tombstone = format!("{TOMBSTONE_PREFIX}{}", random_token(16));
        on_db!(self, write, |pool| {
            let mut tx = pool.begin().await?;
            for sql in [
                "DELETE FROM sessions WHERE account_id = $1",
                "DELETE FROM invitations WHERE created_by = $1",
                "DELETE FROM recovery_codes WHERE account_id = $1",
                "DELETE FROM recovery_tokens WHERE account_id = $1",
                "DELETE FROM rating_codes WHERE seller_id = $1",
                "DELETE FROM claim_tokens WHERE account_id = $1",
                "DELETE FROM buyer_snapshots WHERE buyer_id = $1",
                "DELETE FROM seller_releases WHERE seller_id = $1",
                "DELETE FROM issue_reports WHERE seller_id = $1",
            ] {
                sqlx::query(sql).bind(id).execute(&mut *tx).await?;
            }
            let r = sqlx::query(
                "UPDATE accounts SET pseudonym = $1, display_name = $1, deleted = TRUE, \
                 password_hash = NULL, totp_secret = NULL, totp_last_step = NULL, \
                 recovery_email_hash = NULL, language = NULL, min_trust = NULL, profile_slug = NULL, \
                 min_ratings = NULL, unknown_is_below = FALSE, message_expiry_days = 30 \
                 WHERE id = $2 AND NOT deleted",
            )
            .bind(&tombstone)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if r.rows_affected() != 1 {
                return Err(StoreError::NotFound);
            }
            tx.commit().await?;
            Ok(tombstone)
        })
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
