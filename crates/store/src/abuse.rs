//! Abuse flags (SPEC R9.7): each rule is one `INSERT … SELECT` that counts and raises in the
//! same statement, keyed by the rule's subject and window, so two server processes counting
//! at the same instant raise each flag once (R9.2). A deleted account's ratings stay under its
//! tombstone (R2.11) but no rule counts them: its flags went with it and must not come back.
//! Flags name accounts by key only; the
//! Security Committee's view joins the pseudonyms. Kept 90 days (the purge), removed with an
//! account they name (R2.11).

use tessera_core::screening::abuse::{AbuseParams, Rule};
use tessera_core::Day;

use crate::{Result, Store};

/// How many days back the sliding windows are looked at again each round, so a server that was
/// down still raises what happened meanwhile.
const CATCH_UP_DAYS: i64 = 7;

/// Flags are kept this many days (R8.3).
pub const FLAG_DAYS: i64 = 90;

/// One flag as the Security Committee sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub id: i64,
    pub rule: Rule,
    pub raised_on: Day,
    pub seller: Option<String>,
    pub buyer: Option<String>,
    /// The aggregate number that crossed the threshold, and the threshold.
    pub count: i64,
    pub threshold: i64,
}

const INSERT: &str =
    "INSERT INTO abuse_flags (rule, window_key, raised_on, seller_id, buyer_id, count, threshold) ";
const ON_CONFLICT: &str = " ON CONFLICT (rule, window_key) DO NOTHING";

impl Store {
    /// One round of every rule as of `now`: the number of new flags per rule.
    pub async fn raise_abuse_flags(&self, p: &AbuseParams, now: i64) -> Result<Vec<(Rule, u64)>> {
        let today = Day::from_unix(now);
        let db = self.db.write();
        let mut out = Vec::new();

        // Brigading: low ratings of one seller given within `brigading_days` days by buyer
        // accounts younger than `brigading_account_days` days on the window's last day.
        let mut n = 0;
        for back in (0..CATCH_UP_DAYS).rev() {
            let d = today.plus_days(-back);
            let start = d.plus_days(1 - i64::from(p.brigading_days));
            let young = d.plus_days(-i64::from(p.brigading_account_days));
            n += db
                .execute(
                    &format!(
                        "{INSERT}SELECT 'brigading', 'seller:' || br.seller_id || ':' || $1, $1, \
                         br.seller_id, NULL, COUNT(*), $5 \
                         FROM buyer_ratings br JOIN accounts a ON a.id = br.buyer_id \
                         JOIN accounts s ON s.id = br.seller_id \
                         WHERE NOT a.deleted AND NOT s.deleted \
                         AND br.rated_on >= $2 AND br.rated_on <= $1 AND br.x < $3 \
                         AND a.created_on > $4 \
                         AND NOT EXISTS (SELECT 1 FROM abuse_flags f WHERE f.rule = 'brigading' \
                             AND f.seller_id = br.seller_id AND f.raised_on >= $2 \
                             AND f.raised_on < $1) \
                         GROUP BY br.seller_id HAVING COUNT(*) >= $5{ON_CONFLICT}"
                    ),
                    &[
                        d.to_string().into(),
                        start.to_string().into(),
                        p.brigading_low_x.into(),
                        young.to_string().into(),
                        i64::from(p.brigading_ratings).into(),
                    ],
                )
                .await?;
        }
        out.push((Rule::Brigading, n));

        // Unused codes: more than `unused_codes` of a seller's codes expired unused in the last
        // `unused_codes_days` days; one flag per seller and period of that length.
        let days = i64::from(p.unused_codes_days);
        let period = today.start_unix() / 86_400 / days;
        let n = db
            .execute(
                &format!(
                    "{INSERT}SELECT 'unused_codes', 'seller:' || seller_id || ':' || $1, $2, \
                     seller_id, NULL, COUNT(*), $5 FROM rating_codes \
                     WHERE seller_id NOT IN (SELECT id FROM accounts WHERE deleted) \
                     AND (status = 'expired' OR (status = 'unused' AND expires_at <= $3)) \
                     AND expires_at > $4 \
                     GROUP BY seller_id HAVING COUNT(*) > $5{ON_CONFLICT}"
                ),
                &[
                    period.to_string().into(),
                    today.to_string().into(),
                    now.into(),
                    (now - days * 86_400).into(),
                    i64::from(p.unused_codes).into(),
                ],
            )
            .await?;
        out.push((Rule::UnusedCodes, n));

        // Repeat codes: one buyer rating one seller with `repeat_codes` or more codes in
        // `repeat_codes_days` days; one flag per pair and period.
        let days = i64::from(p.repeat_codes_days);
        let period = today.start_unix() / 86_400 / days;
        let n = db
            .execute(
                &format!(
                    "{INSERT}SELECT 'repeat_codes', \
                     'seller:' || seller_id || ':buyer:' || buyer_id || ':' || $1, $2, \
                     seller_id, buyer_id, COUNT(*), $4 FROM buyer_ratings \
                     WHERE rated_on > $3 AND rated_on <= $2 \
                     AND seller_id NOT IN (SELECT id FROM accounts WHERE deleted) \
                     AND buyer_id NOT IN (SELECT id FROM accounts WHERE deleted) \
                     GROUP BY seller_id, buyer_id HAVING COUNT(*) >= $4{ON_CONFLICT}"
                ),
                &[
                    period.to_string().into(),
                    today.to_string().into(),
                    today.plus_days(-days).to_string().into(),
                    i64::from(p.repeat_codes).into(),
                ],
            )
            .await?;
        out.push((Rule::RepeatCodes, n));

        // Unverified unsafe flags: one seller flagging one buyer unsafe on `unverified_unsafe`
        // or more days within `unverified_unsafe_days` days, with no verified interaction
        // between them ever. Rating days may be up to 90 days back, so windows ending on each
        // of the last days are looked at; an overlapping window already flagged is not flagged
        // again.
        let mut n = 0;
        for back in (0..CATCH_UP_DAYS * 2).rev() {
            let d = today.plus_days(-back);
            let start = d.plus_days(1 - i64::from(p.unverified_unsafe_days));
            n += db
                .execute(
                    &format!(
                        "{INSERT}SELECT 'unverified_unsafe', \
                         'seller:' || r.seller_id || ':buyer:' || r.buyer_id || ':' || $1, $1, \
                         r.seller_id, r.buyer_id, COUNT(*), $3 FROM ratings r \
                         WHERE r.safe = FALSE AND r.day >= $2 AND r.day <= $1 \
                         AND r.seller_id NOT IN (SELECT id FROM accounts WHERE deleted) \
                         AND r.buyer_id NOT IN (SELECT id FROM accounts WHERE deleted) \
                         AND NOT EXISTS (SELECT 1 FROM ratings v WHERE v.seller_id = r.seller_id \
                             AND v.buyer_id = r.buyer_id AND v.verified) \
                         AND NOT EXISTS (SELECT 1 FROM abuse_flags f \
                             WHERE f.rule = 'unverified_unsafe' AND f.seller_id = r.seller_id \
                             AND f.buyer_id = r.buyer_id AND f.raised_on >= $2 AND f.raised_on < $1) \
                         GROUP BY r.seller_id, r.buyer_id HAVING COUNT(*) >= $3{ON_CONFLICT}"
                    ),
                    &[
                        d.to_string().into(),
                        start.to_string().into(),
                        i64::from(p.unverified_unsafe).into(),
                    ],
                )
                .await?;
        }
        out.push((Rule::UnverifiedUnsafe, n));

        // Failed code attempts of all buyers in the last hour above the threshold; at most one
        // flag per clock hour.
        let n = db
            .execute(
                &format!(
                    "{INSERT}SELECT 'code_failures', 'hour:' || $1, $2, NULL, NULL, COUNT(*), $4 \
                     FROM security_events WHERE kind = 'code_failure' AND at > $3 \
                     HAVING COUNT(*) > $4{ON_CONFLICT}"
                ),
                &[
                    (now / 3600).to_string().into(),
                    today.to_string().into(),
                    (now - 3600).into(),
                    i64::from(p.code_failures_per_hour).into(),
                ],
            )
            .await?;
        out.push((Rule::CodeFailures, n));
        Ok(out)
    }

    /// The newest flags first, with the pseudonyms of the accounts they name: for the Security
    /// Committee only (the caller checks).
    pub async fn abuse_flags(&self, limit: i64) -> Result<Vec<Flag>> {
        self.db
            .read()
            .fetch_all(
                "SELECT f.id, f.rule, f.raised_on, s.display_name, b.display_name, f.count, \
                 f.threshold FROM abuse_flags f \
                 LEFT JOIN accounts s ON s.id = f.seller_id \
                 LEFT JOIN accounts b ON b.id = f.buyer_id \
                 ORDER BY f.id DESC LIMIT $1",
                &[limit.into()],
                |r| {
                    Ok(Flag {
                        id: r.i64(0)?,
                        rule: Rule::parse(&r.text(1)?)
                            .ok_or(crate::StoreError::Corrupt("an abuse flag of no known rule"))?,
                        raised_on: r.day(2)?,
                        seller: r.opt_text(3)?,
                        buyer: r.opt_text(4)?,
                        count: r.i64(5)?,
                        threshold: r.i64(6)?,
                    })
                },
            )
            .await
    }
}
