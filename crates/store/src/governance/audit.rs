//! The audit log (SPEC R7.10): one append-only table of privileged actions, which members read
//! (`GET /api/audit`). The store has no update or delete for it, and the database refuses both
//! (a trigger on each backend). An entry names who acted (an account key; none for the
//! operator's command line and the server's jobs), the role, the action and the kind of object:
//! never a rating value, a message text or an address.

use tessera_core::AccountId;

use crate::{Result, Store};

/// One entry as members read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    /// The actor's pseudonym; `None` for the operator, the server, or a deleted account.
    pub actor: Option<String>,
    pub role: String,
    pub action: String,
    pub object_kind: String,
}

/// How many entries a page holds (API.md).
pub const AUDIT_PAGE: i64 = 50;

impl Store {
    /// Appends one entry. `role`, `action` and `object_kind` come from the app's closed lists.
    pub async fn audit(
        &self,
        at: i64,
        actor: Option<AccountId>,
        role: &str,
        action: &str,
        object_kind: &str,
    ) -> Result<()> {
        self.db
            .write()
            .execute(
                "INSERT INTO audit_log (at, actor_id, role, action, object_kind) \
                 VALUES ($1, $2, $3, $4, $5)",
                &[
                    at.into(),
                    actor.map(AccountId::get).into(),
                    role.into(),
                    action.into(),
                    object_kind.into(),
                ],
            )
            .await?;
        Ok(())
    }

    /// Newest first, [`AUDIT_PAGE`] at a time; `before` continues after an entry's id.
    pub async fn audit_page(&self, before: Option<i64>) -> Result<Vec<AuditEntry>> {
        self.db
            .read()
            .fetch_all(
                "SELECT l.id, l.at, a.display_name, l.role, l.action, l.object_kind \
                 FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id AND NOT a.deleted \
                 WHERE ($1 IS NULL OR l.id < $1) ORDER BY l.id DESC LIMIT $2",
                &[before.into(), AUDIT_PAGE.into()],
                |r| {
                    Ok(AuditEntry {
                        id: r.i64(0)?,
                        at: r.i64(1)?,
                        actor: r.opt_text(2)?,
                        role: r.text(3)?,
                        action: r.text(4)?,
                        object_kind: r.text(5)?,
                    })
                },
            )
            .await
    }
}
