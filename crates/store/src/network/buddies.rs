//! Buddies (SPEC R6.7): one-way. When she asks and the other seller accepts, that seller watches
//! over her and receives her alarms. At most [`MAX_BUDDIES`] pending or active per seller,
//! counted under a lock on her account so two requests cannot pass the count together. "On
//! watch" is a time until which a buddy says she is there.

use tessera_core::SellerId;

use crate::accounts::LOCK_ACCOUNT_SQL;
use crate::{Result, Store, StoreError};

/// Buddies pending or active per seller (R6.7).
pub const MAX_BUDDIES: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuddyState {
    Pending,
    Active,
}

impl BuddyState {
    pub fn as_str(self) -> &'static str {
        match self {
            BuddyState::Pending => "pending",
            BuddyState::Active => "active",
        }
    }

    fn parse(s: &str) -> Result<BuddyState> {
        match s {
            "pending" => Ok(BuddyState::Pending),
            "active" => Ok(BuddyState::Active),
            _ => Err(StoreError::Corrupt("buddies.state")),
        }
    }
}

/// Seen from the caller: the other watches over me, or I watch over the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    WatchesMe,
    IWatch,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::WatchesMe => "watches_me",
            Direction::IWatch => "i_watch",
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "watches_me" => Some(Direction::WatchesMe),
            "i_watch" => Some(Direction::IWatch),
            _ => None,
        }
    }
}

/// One buddy relation as the caller sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buddy {
    /// The other seller's canonical pseudonym.
    pub pseudonym: String,
    pub direction: Direction,
    pub state: BuddyState,
}

impl Store {
    /// `seller` asks `buddy` to watch over her. `TooManyBuddies` at [`MAX_BUDDIES`] pending or
    /// active; `Conflict` when asked already (in either state).
    pub async fn ask_buddy(&self, seller: SellerId, buddy: SellerId) -> Result<()> {
        let mut tx = self.db.write().begin().await?;
        tx.execute(LOCK_ACCOUNT_SQL, &[seller.into()]).await?;
        let n = tx
            .fetch_one(
                "SELECT COUNT(*) FROM buddies WHERE seller_id = $1",
                &[seller.into()],
                |r| r.i64(0),
            )
            .await?;
        if n >= MAX_BUDDIES {
            return Err(StoreError::TooManyBuddies);
        }
        let inserted = tx
            .execute(
                "INSERT INTO buddies (seller_id, buddy_id, state) VALUES ($1, $2, 'pending') \
                 ON CONFLICT DO NOTHING",
                &[seller.into(), buddy.into()],
            )
            .await?;
        if inserted != 1 {
            return Err(StoreError::Conflict);
        }
        tx.commit().await
    }

    /// `buddy` accepts `seller`'s request (or finds it accepted already): `false` when there is
    /// none.
    pub async fn accept_buddy(&self, seller: SellerId, buddy: SellerId) -> Result<bool> {
        let n = self
            .db
            .write()
            .execute(
                "UPDATE buddies SET state = 'active' WHERE seller_id = $1 AND buddy_id = $2",
                &[seller.into(), buddy.into()],
            )
            .await?;
        Ok(n == 1)
    }

    /// Ends the relation in which `buddy` watches (or would watch) over `seller`; either side
    /// may. `false` when there was none.
    pub async fn end_buddy(&self, seller: SellerId, buddy: SellerId) -> Result<bool> {
        let n = self
            .db
            .write()
            .execute(
                "DELETE FROM buddies WHERE seller_id = $1 AND buddy_id = $2",
                &[seller.into(), buddy.into()],
            )
            .await?;
        Ok(n == 1)
    }

    /// Both directions of `me`'s buddies, those who watch over her first.
    pub async fn buddies(&self, me: SellerId) -> Result<Vec<Buddy>> {
        self.db
            .read()
            .fetch_all(
                "SELECT a.pseudonym, CAST(0 AS BIGINT), b.state FROM buddies b JOIN accounts a ON a.id = b.buddy_id \
                 WHERE b.seller_id = $1 \
                 UNION ALL \
                 SELECT a.pseudonym, CAST(1 AS BIGINT), b.state FROM buddies b JOIN accounts a ON a.id = b.seller_id \
                 WHERE b.buddy_id = $1 \
                 ORDER BY 2, 1",
                &[me.into()],
                |r| {
                    Ok(Buddy {
                        pseudonym: r.text(0)?,
                        direction: if r.i64(1)? == 0 {
                            Direction::WatchesMe
                        } else {
                            Direction::IWatch
                        },
                        state: BuddyState::parse(&r.text(2)?)?,
                    })
                },
            )
            .await
    }

    /// `me` is on watch until `until` (`None` ends it) for every seller she watches over.
    pub async fn set_watch(&self, me: SellerId, until: Option<i64>) -> Result<()> {
        let db = self.db.write();
        match until {
            None => {
                db.execute(
                    "DELETE FROM buddy_watch WHERE account_id = $1",
                    &[me.into()],
                )
                .await?;
            }
            Some(t) => {
                db.execute(
                    "INSERT INTO buddy_watch (account_id, until_at) VALUES ($1, $2) \
                     ON CONFLICT (account_id) DO UPDATE SET until_at = excluded.until_at",
                    &[me.into(), t.into()],
                )
                .await?;
            }
        }
        Ok(())
    }

    /// How many of the buddies who watch over `me` are on watch at `now`, and until when `me`
    /// herself is on watch (if she is).
    pub async fn watch_state(&self, me: SellerId, now: i64) -> Result<(i64, Option<i64>)> {
        self.db
            .read()
            .fetch_one(
                "SELECT (SELECT COUNT(*) FROM buddies b JOIN buddy_watch w \
                 ON w.account_id = b.buddy_id \
                 WHERE b.seller_id = $1 AND b.state = 'active' AND w.until_at > $2), \
                 (SELECT until_at FROM buddy_watch WHERE account_id = $1 AND until_at > $2)",
                &[me.into(), now.into()],
                |r| Ok((r.i64(0)?, r.opt_i64(1)?)),
            )
            .await
    }
}
