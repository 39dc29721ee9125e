//! The vote (SPEC R7.2, R7.3): the roll frozen when the vote opens and the ballot box, stored
//! apart with nothing that links them.
//!
//! - The roll is one random token per member in good standing, written at once in token order
//!   and never touched while the vote runs; its fingerprint (SHA-256 of the sorted tokens
//!   joined by `\n`) is published when the vote opens.
//! - A ballot is a random receipt (80 bits), the choice, and a voter tag: HMAC-SHA256 of the
//!   voter's account under the vote's own random key, which refuses a second ballot (a unique
//!   index). No timestamp and no serial; on SQLite the table has no rowid and is ordered by
//!   its random key.
//! - At the close, in one transaction claimed by one process (R9.2): the roll's `voted` marks
//!   are computed from the tags, the box is rewritten in receipt order without tags, and the
//!   vote's key is deleted (PostgreSQL then rewrites the tables' files, `VACUUM FULL`, so no
//!   dead row keeps the order of casting or the key). After that nobody, the operator with
//!   the master key included, can link a voter to a choice; each voter can still find her
//!   receipt with her choice and her roll token marked as voted.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use tessera_core::AccountId;

use super::proposals::ProposalKey;
use crate::crypto::{random_bytes, random_token};
use crate::db::exec::{values, Arg};
use crate::{Result, Store, StoreError};

/// What the roll freezes to, published when the vote opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrozenRoll {
    pub electorate: i64,
    pub fingerprint: String,
}

/// The answer to a ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cast {
    /// Recorded; the voter's receipt, shown once.
    Receipt(String),
    NotOnRoll,
    AlreadyVoted,
    NotVoting,
}

/// One published line of the roll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollEntry {
    pub token: String,
    pub voted: bool,
}

/// The fingerprint of a roll: lowercase hex SHA-256 of the sorted tokens joined by `\n`.
pub fn roll_fingerprint(sorted_tokens: &[String]) -> String {
    let digest = Sha256::digest(sorted_tokens.join("\n").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn key_context(p: ProposalKey) -> String {
    format!("ballot key {}", p.0)
}

fn voter_tag(key: &[u8], account: AccountId) -> Result<Vec<u8>> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).map_err(|_| StoreError::Decrypt)?;
    mac.update(&account.get().to_be_bytes());
    Ok(mac.finalize().into_bytes().to_vec())
}

impl Store {
    /// Opens the vote: freezes `roll` (members in good standing now), creates the vote's key,
    /// moves the proposal to `voting`. Exactly once across
    /// processes: `None` when another process opened it already.
    pub async fn open_vote(
        &self,
        p: ProposalKey,
        roll: &[AccountId],
    ) -> Result<Option<FrozenRoll>> {
        let mut entries: Vec<(String, AccountId)> =
            roll.iter().map(|a| (hex(&random_bytes(16)), *a)).collect();
        entries.sort();
        let tokens: Vec<String> = entries.iter().map(|(t, _)| t.clone()).collect();
        let frozen = FrozenRoll {
            electorate: i64::try_from(entries.len()).unwrap_or(i64::MAX),
            fingerprint: roll_fingerprint(&tokens),
        };
        let key = random_bytes(32);
        let wrapped = self.crypto().seal(&key_context(p), &key);
        let mut tx = self.db.write().begin().await?;
        let claimed = tx
            .execute(
                "UPDATE proposals SET phase = 'voting', electorate = $2, roll_fingerprint = $3 \
                 WHERE seq = $1 AND phase = 'comment'",
                &[
                    p.0.into(),
                    frozen.electorate.into(),
                    (&frozen.fingerprint).into(),
                ],
            )
            .await?;
        if claimed == 0 {
            return Ok(None);
        }
        let sqlite = tx.is_sqlite();
        for chunk in entries.chunks(300) {
            let sql = format!(
                "INSERT INTO voter_roll (proposal_seq, token, account_id){}",
                values(sqlite, chunk.len(), 3)
            );
            let args: Vec<Arg<'_>> = chunk
                .iter()
                .flat_map(|(t, a)| [p.0.into(), t.as_str().into(), (*a).into()])
                .collect();
            tx.execute(&sql, &args).await?;
        }
        tx.execute(
            "INSERT INTO ballot_keys (proposal_seq, wrapped) VALUES ($1, $2)",
            &[p.0.into(), (&wrapped[..]).into()],
        )
        .await?;
        tx.commit().await?;
        Ok(Some(frozen))
    }

    /// Her token on the frozen roll of `p`, if she is on it.
    pub async fn roll_token(&self, p: ProposalKey, account: AccountId) -> Result<Option<String>> {
        self.db
            .read()
            .fetch_optional(
                "SELECT token FROM voter_roll WHERE proposal_seq = $1 AND account_id = $2",
                &[p.0.into(), account.into()],
                |r| r.text(0),
            )
            .await
    }

    /// Casts one ballot (R7.3): only while the vote is open by the stored phase and by `now`,
    /// only for a member on the frozen roll, once. `choice` is what the tally reads back.
    pub async fn cast_ballot(
        &self,
        p: ProposalKey,
        account: AccountId,
        choice: &str,
        now: i64,
    ) -> Result<Cast> {
        let mut tx = self.db.write().begin().await?;
        // The proposal's row is locked first. On PostgreSQL a shared lock: the close waits for
        // ballots being cast, and a ballot waits for a close under way (then sees `closed`).
        // On SQLite a write takes the one writer's lock up front, so the transaction is never
        // refused later for having read an older snapshot (another process on the file).
        let open = if tx.is_sqlite() {
            tx.execute(
                "UPDATE proposals SET phase = phase WHERE seq = $1 AND phase = 'voting' \
                 AND opens_at <= $2 AND closes_at > $2",
                &[p.0.into(), now.into()],
            )
            .await?
                == 1
        } else {
            tx.fetch_optional(
                "SELECT seq FROM proposals WHERE seq = $1 AND phase = 'voting' \
                 AND opens_at <= $2 AND closes_at > $2 FOR SHARE",
                &[p.0.into(), now.into()],
                |r| r.i64(0),
            )
            .await?
            .is_some()
        };
        if !open {
            return Ok(Cast::NotVoting);
        }
        let on_roll = tx
            .fetch_optional(
                "SELECT proposal_seq FROM voter_roll WHERE proposal_seq = $1 AND account_id = $2",
                &[p.0.into(), account.into()],
                |r| r.i64(0),
            )
            .await?;
        if on_roll.is_none() {
            return Ok(Cast::NotOnRoll);
        }
        let wrapped = tx
            .fetch_optional(
                "SELECT wrapped FROM ballot_keys WHERE proposal_seq = $1",
                &[p.0.into()],
                |r| r.opt_bytes(0),
            )
            .await?
            .flatten()
            .ok_or(StoreError::Corrupt("ballot key"))?;
        let key = self.crypto().open(&key_context(p), &wrapped)?;
        let tag = voter_tag(&key, account)?;
        let receipt = random_token(10);
        let added = tx
            .execute(
                "INSERT INTO ballots (proposal_seq, receipt, voter_tag, choice) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                &[
                    p.0.into(),
                    receipt.as_str().into(),
                    (&tag).into(),
                    choice.into(),
                ],
            )
            .await?;
        if added == 0 {
            return Ok(Cast::AlreadyVoted);
        }
        tx.commit().await?;
        Ok(Cast::Receipt(receipt))
    }

    /// Closes the vote exactly once across processes: `tally` gets every choice and returns the
    /// result to publish (JSON). Marks the roll, rewrites the box in receipt order without
    /// tags and deletes the vote's key, all in the transaction that claims the close. `None`
    /// when another process closed it.
    pub async fn close_vote(
        &self,
        p: ProposalKey,
        now: i64,
        tally: impl FnOnce(&[String]) -> String,
    ) -> Result<Option<String>> {
        let mut tx = self.db.write().begin().await?;
        let claimed = tx
            .execute(
                "UPDATE proposals SET phase = 'closed' \
                 WHERE seq = $1 AND phase = 'voting' AND closes_at <= $2",
                &[p.0.into(), now.into()],
            )
            .await?;
        if claimed == 0 {
            return Ok(None);
        }
        let ballots = tx
            .fetch_all(
                "SELECT receipt, voter_tag, choice FROM ballots WHERE proposal_seq = $1 \
                 ORDER BY receipt",
                &[p.0.into()],
                |r| Ok((r.text(0)?, r.opt_bytes(1)?, r.text(2)?)),
            )
            .await?;
        let wrapped = tx
            .fetch_optional(
                "SELECT wrapped FROM ballot_keys WHERE proposal_seq = $1",
                &[p.0.into()],
                |r| r.opt_bytes(0),
            )
            .await?
            .flatten();
        let roll = tx
            .fetch_all(
                "SELECT token, account_id FROM voter_roll WHERE proposal_seq = $1 ORDER BY token",
                &[p.0.into()],
                |r| Ok((r.text(0)?, r.opt_i64(1)?)),
            )
            .await?;
        let tags: std::collections::HashSet<Vec<u8>> =
            ballots.iter().filter_map(|(_, t, _)| t.clone()).collect();
        let voted_tokens: Vec<String> = match wrapped {
            Some(w) => {
                let key = self.crypto().open(&key_context(p), &w)?;
                let mut v = Vec::new();
                for (token, account) in &roll {
                    if let Some(a) = account {
                        if tags.contains(&voter_tag(&key, AccountId::new(*a))?) {
                            v.push(token.clone());
                        }
                    }
                }
                v
            }
            None => Vec::new(),
        };
        // The whole roll at once, in token order: no mark follows the order of casting.
        tx.execute(
            "UPDATE voter_roll SET voted = FALSE WHERE proposal_seq = $1",
            &[p.0.into()],
        )
        .await?;
        for chunk in voted_tokens.chunks(300) {
            let marks = (0..chunk.len())
                .map(|i| format!("${}", i + 2))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "UPDATE voter_roll SET voted = TRUE WHERE proposal_seq = $1 AND token IN ({marks})"
            );
            let mut args: Vec<Arg<'_>> = vec![p.0.into()];
            args.extend(chunk.iter().map(|t| Arg::from(t.as_str())));
            tx.execute(&sql, &args).await?;
        }
        // The box again, in receipt order and without tags.
        tx.execute("DELETE FROM ballots WHERE proposal_seq = $1", &[p.0.into()])
            .await?;
        let sqlite = tx.is_sqlite();
        for chunk in ballots.chunks(300) {
            let sql = format!(
                "INSERT INTO ballots (proposal_seq, receipt, choice){}",
                values(sqlite, chunk.len(), 3)
            );
            let args: Vec<Arg<'_>> = chunk
                .iter()
                .flat_map(|(r, _, c)| [p.0.into(), r.as_str().into(), c.as_str().into()])
                .collect();
            tx.execute(&sql, &args).await?;
        }
        tx.execute(
            "DELETE FROM ballot_keys WHERE proposal_seq = $1",
            &[p.0.into()],
        )
        .await?;
        let choices: Vec<String> = ballots.into_iter().map(|(_, _, c)| c).collect();
        let result = tally(&choices);
        tx.execute(
            "UPDATE proposals SET result = $2 WHERE seq = $1",
            &[p.0.into(), result.as_str().into()],
        )
        .await?;
        tx.commit().await?;
        match &self.db {
            crate::db::Db::Postgres(_) => {
                self.db
                    .write()
                    .execute("VACUUM FULL ballots, ballot_keys, voter_roll", &[])
                    .await?;
            }
            // The WAL holds a frame of the box for every ballot cast, in the order of casting
            // (and the vote's key): checkpointed into the file (where `secure_delete` zeroed
            // what was deleted) and truncated.
            crate::db::Db::Sqlite { .. } => {
                self.db.checkpoint_truncate().await?;
            }
        }
        Ok(Some(result))
    }

    /// After the close: `(receipt, choice)` in receipt order (R7.3).
    pub async fn receipts(&self, p: ProposalKey) -> Result<Vec<(String, String)>> {
        self.db
            .read()
            .fetch_all(
                "SELECT receipt, choice FROM ballots WHERE proposal_seq = $1 ORDER BY receipt",
                &[p.0.into()],
                |r| Ok((r.text(0)?, r.text(1)?)),
            )
            .await
    }

    /// After the close: the roll as tokens marked voted or not, in token order (R7.3).
    pub async fn published_roll(&self, p: ProposalKey) -> Result<Vec<RollEntry>> {
        self.db
            .read()
            .fetch_all(
                "SELECT token, COALESCE(voted, FALSE) FROM voter_roll WHERE proposal_seq = $1 \
                 ORDER BY token",
                &[p.0.into()],
                |r| {
                    Ok(RollEntry {
                        token: r.text(0)?,
                        voted: r.bool(1)?,
                    })
                },
            )
            .await
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
