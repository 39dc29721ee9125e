//! Messages (SPEC R6.3, issue 12 §2): threads, their members and messages. Bodies are sealed
//! under the key of the day they expire ([`crate::day_keys`]), titles under the field key
//! (R8.2). An expired message is never returned, even before the purge deletes it (R8.3).

use tessera_core::AccountId;

use crate::crypto::random_token;
use crate::db::Cols;
use crate::{Result, Store, StoreError};

/// The sealing context of message bodies and thread titles.
const BODY: &str = "message body";
const TITLE: &str = "thread title";

pub struct NewThread<'a> {
    /// "direct", "group" or "coop".
    pub kind: &'a str,
    pub title: Option<&'a str>,
    pub coop_id: Option<&'a str>,
    pub expiry_days: Option<i64>,
    pub creator: AccountId,
    /// Direct: the other person (active at once); group: the invited members.
    pub others: &'a [AccountId],
    pub now: i64,
}

/// A thread as one member sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadRow {
    pub id: String,
    pub kind: String,
    pub title: Option<String>,
    pub coop_id: Option<String>,
    pub expiry_days: Option<i64>,
    /// "invited" or "active".
    pub state: String,
    pub unread: i64,
    pub last_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MessageRow {
    pub id: String,
    /// The author's display pseudonym; `None` once the account is deleted.
    pub author: Option<String>,
    pub body: String,
    pub sent_at: i64,
    pub expires_at: i64,
}

/// The columns [`thread_from`] reads; `t` threads, `tm` the reader's membership row (none yet
/// in a coop thread she has not read), $1 the reader, $2 now.
const THREAD_COLUMNS: &str = "t.id, t.kind, t.title, t.coop_id, t.expiry_days, \
    COALESCE(tm.state, 'active'), \
    (SELECT COUNT(*) FROM messages m WHERE m.thread_id = t.id \
     AND m.sent_at > COALESCE(tm.read_at, 0) \
     AND m.expires_at > $2 AND (m.author_id IS NULL OR m.author_id <> $1)), t.last_at";

/// The threads the reader sees: direct and group threads she is a member of, and the threads
/// of every coop she is a member or suspended member of (R6.3), also without a row of her own.
const VISIBLE: &str = "FROM threads t \
    LEFT JOIN thread_members tm ON tm.thread_id = t.id AND tm.account_id = $1 \
    WHERE ((t.kind <> 'coop' AND tm.account_id IS NOT NULL) \
       OR (t.kind = 'coop' AND EXISTS (SELECT 1 FROM coops c \
           JOIN coop_members cm ON cm.coop_id = c.id \
           WHERE c.public_id = t.coop_id AND cm.account_id = $1 \
           AND cm.state IN ('member', 'suspended'))))";

impl Store {
    fn thread_from(&self, r: &dyn Cols) -> Result<ThreadRow> {
        let title = match r.opt_bytes(2)? {
            Some(sealed) => Some(
                String::from_utf8(self.crypto().open(TITLE, &sealed)?)
                    .map_err(|_| StoreError::Corrupt("thread title"))?,
            ),
            None => None,
        };
        Ok(ThreadRow {
            id: r.text(0)?,
            kind: r.text(1)?,
            title,
            coop_id: r.opt_text(3)?,
            expiry_days: r.opt_i64(4)?,
            state: r.text(5)?,
            unread: r.i64(6)?,
            last_at: r.opt_i64(7)?,
        })
    }

    /// Creates a thread with its members in one transaction; its id.
    pub async fn create_thread(&self, t: &NewThread<'_>) -> Result<String> {
        let id = random_token(10);
        let title = t.title.map(|x| self.crypto().seal(TITLE, x.as_bytes()));
        let mut tx = self.db.write().begin().await?;
        tx.execute(
            "INSERT INTO threads (id, kind, title, coop_id, expiry_days, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                (&id).into(),
                t.kind.into(),
                (&title).into(),
                t.coop_id.into(),
                t.expiry_days.into(),
                t.now.into(),
            ],
        )
        .await?;
        let others_state = if t.kind == "group" {
            "invited"
        } else {
            "active"
        };
        for (who, state) in std::iter::once((t.creator, "active"))
            .chain(t.others.iter().map(|o| (*o, others_state)))
        {
            tx.execute(
                "INSERT INTO thread_members (thread_id, account_id, state) VALUES ($1, $2, $3) \
                 ON CONFLICT (thread_id, account_id) DO NOTHING",
                &[(&id).into(), who.into(), state.into()],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The reader's threads, most recent activity first.
    pub async fn threads_of(&self, reader: AccountId, now: i64) -> Result<Vec<ThreadRow>> {
        let sql = format!(
            "SELECT {THREAD_COLUMNS} {VISIBLE} ORDER BY COALESCE(t.last_at, t.created_at) DESC, t.id"
        );
        let rows = self
            .db
            .read()
            .fetch_all(&sql, &[reader.into(), now.into()], |r| self.thread_from(r))
            .await?;
        Ok(rows)
    }

    /// One thread as the reader sees it; `None` when she is not a member.
    pub async fn thread_for(
        &self,
        reader: AccountId,
        thread_id: &str,
        now: i64,
    ) -> Result<Option<ThreadRow>> {
        let sql = format!("SELECT {THREAD_COLUMNS} {VISIBLE} AND t.id = $3");
        self.db
            .read()
            .fetch_optional(&sql, &[reader.into(), now.into(), thread_id.into()], |r| {
                self.thread_from(r)
            })
            .await
    }

    /// An invited member accepts a group thread; `false` when she was not invited to it.
    pub async fn accept_thread(&self, reader: AccountId, thread_id: &str) -> Result<bool> {
        let n = self
            .db
            .write()
            .execute(
                "UPDATE thread_members SET state = 'active' \
                 WHERE thread_id = $1 AND account_id = $2 AND state = 'invited'",
                &[thread_id.into(), reader.into()],
            )
            .await?;
        Ok(n == 1)
    }

    /// Stores a message, sealed until it expires; its id.
    pub async fn post_message(
        &self,
        thread_id: &str,
        author: AccountId,
        body: &str,
        sent_at: i64,
        expires_at: i64,
    ) -> Result<String> {
        let id = random_token(10);
        let sealed = self.seal_until(expires_at, BODY, body.as_bytes()).await?;
        let mut tx = self.db.write().begin().await?;
        tx.execute(
            "INSERT INTO messages (id, thread_id, author_id, body, sent_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                (&id).into(),
                thread_id.into(),
                author.into(),
                (&sealed).into(),
                sent_at.into(),
                expires_at.into(),
            ],
        )
        .await?;
        tx.execute(
            "UPDATE threads SET last_at = $1 WHERE id = $2",
            &[sent_at.into(), thread_id.into()],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The thread's messages that have not expired, oldest first; reading marks them read for
    /// the reader. A message whose day key is gone is not returned either.
    pub async fn read_messages(
        &self,
        thread_id: &str,
        reader: AccountId,
        now: i64,
    ) -> Result<Vec<MessageRow>> {
        let rows = self
            .db
            .read()
            .fetch_all(
                "SELECT m.id, a.display_name, a.deleted, m.body, m.sent_at, m.expires_at \
                 FROM messages m LEFT JOIN accounts a ON a.id = m.author_id \
                 WHERE m.thread_id = $1 AND m.expires_at > $2 ORDER BY m.seq",
                &[thread_id.into(), now.into()],
                |r| {
                    let deleted = r.opt_bool(2)?.unwrap_or(true);
                    Ok((
                        r.text(0)?,
                        r.opt_text(1)?.filter(|_| !deleted),
                        r.opt_bytes(3)?.unwrap_or_default(),
                        r.i64(4)?,
                        r.i64(5)?,
                    ))
                },
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, author, sealed, sent_at, expires_at) in rows {
            let Some(body) = self.open_sealed(BODY, &sealed).await? else {
                continue;
            };
            out.push(MessageRow {
                id,
                author,
                body: String::from_utf8(body).map_err(|_| StoreError::Corrupt("message"))?,
                sent_at,
                expires_at,
            });
        }
        self.db
            .write()
            .execute(
                "INSERT INTO thread_members (thread_id, account_id, state, read_at) \
                 VALUES ($2, $3, 'active', $1) \
                 ON CONFLICT (thread_id, account_id) DO UPDATE SET read_at = $1",
                &[now.into(), thread_id.into(), reader.into()],
            )
            .await?;
        Ok(out)
    }

    /// Messages that have expired (R8.3), and threads left without members.
    pub(crate) async fn purge_messages(&self, now: i64) -> Result<u64> {
        self.db
            .write()
            .execute("DELETE FROM messages WHERE expires_at <= $1", &[now.into()])
            .await
    }
}
