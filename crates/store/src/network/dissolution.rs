//! Dissolving a coop (SPEC R6.2, R7.9): a moderator asks, a second member (another of its
//! moderators, or a Dispute Resolution Committee member) approves, and the coop goes in one
//! transaction with everything that hangs off it: its discussion threads and their messages,
//! the alerts posted to it and their disputes, its members and its request links. Its alert
//! cases stay (their `alert` link is cleared), and so does the audit entry.

use tessera_core::AccountId;

use super::coops::CoopKey;
use crate::{Result, Store};

impl Store {
    /// `false` when the approval was not there to claim (approved already, or asked by
    /// `approver`), or the coop is gone.
    pub async fn enact_dissolution(
        &self,
        approval: &str,
        approver: AccountId,
        now: i64,
        coop: CoopKey,
    ) -> Result<bool> {
        let mut tx = self.db.write().begin().await?;
        if !crate::governance::approvals::claim(&mut tx, approval, "dissolution", approver, now)
            .await?
        {
            return Ok(false);
        }
        for sql in [
            "DELETE FROM messages WHERE thread_id IN (SELECT t.id FROM threads t \
             JOIN coops c ON c.public_id = t.coop_id WHERE c.id = $1)",
            "DELETE FROM thread_members WHERE thread_id IN (SELECT t.id FROM threads t \
             JOIN coops c ON c.public_id = t.coop_id WHERE c.id = $1)",
            "DELETE FROM threads WHERE coop_id = (SELECT public_id FROM coops WHERE id = $1)",
            "UPDATE disputes SET alert_seq = NULL WHERE alert_seq IN \
             (SELECT seq FROM alerts WHERE coop_id = $1)",
            "DELETE FROM alert_disputes WHERE alert_seq IN \
             (SELECT seq FROM alerts WHERE coop_id = $1)",
            "DELETE FROM alerts WHERE coop_id = $1",
            "DELETE FROM coop_links WHERE coop_id = $1",
            "DELETE FROM coop_members WHERE coop_id = $1",
        ] {
            tx.execute(sql, &[coop.0.into()]).await?;
        }
        let n = tx
            .execute("DELETE FROM coops WHERE id = $1", &[coop.0.into()])
            .await?;
        if n != 1 {
            // Dissolved by another request at the same instant: nothing of this one happens.
            return Ok(false);
        }
        tx.commit().await?;
        // Message and alert texts are gone from the file (secure_delete), and from the WAL
        // once a checkpoint truncates it.
        self.wipe_wal().await;
        Ok(true)
    }
}
