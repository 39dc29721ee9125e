//! Lookups and sellers' ratings of buyers (SPEC R4.1, R4.2, R4.6, R3.8, R3.9): by exact
//! pseudonym only (R1.1), one indexed read of the buyer's counters (R3.2).

use serde::Serialize;
use tessera_core::prefs::Preferences;
use tessera_core::reputation::{self, Reputation};
use tessera_core::{Day, Params, Pseudonym, SellerId};
use tessera_store::accounts::{Account, Settings};
use tessera_store::ratings::{BuyerRecord, NewRating, OwnRating, RatingSaved};

use super::{params, require_seller, ScreeningError, MAX_DAYS_BACK};
use crate::network::alerts::{self, AlertView};
use crate::App;

/// The seller's preference verdict (R4.6): advisory only.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Verdict {
    pub meets: bool,
    /// "no_record", "min_trust", "min_ratings", "max_unsafe", in this order.
    pub missed: Vec<&'static str>,
}

/// The stored settings as core's preferences. The stored counts are checked to 0..=10000 when
/// set (`accounts::settings`), so the conversion loses nothing.
fn preferences(s: &Settings) -> Preferences {
    let count = |m: Option<i64>| m.map(|m| u64::try_from(m).unwrap_or(0));
    Preferences {
        min_trust: s.min_trust,
        min_ratings: count(s.min_ratings),
        max_unsafe: count(s.max_unsafe),
        unknown_is_below: s.unknown_is_below,
    }
}

/// Whether a buyer meets the seller's screening preferences (R4.6, R3.8): core's rule, the
/// same one the safety-model simulator applies.
pub fn verdict(s: &Settings, rep: &Reputation, interactions: i64) -> Verdict {
    let v = preferences(s).verdict(rep, u64::try_from(interactions).unwrap_or(0));
    Verdict {
        meets: v.meets(),
        missed: v.missed().collect(),
    }
}

/// Everything a lookup shows (R4.1, R3.8, R3.9).
pub struct Lookup {
    pub buyer: BuyerRecord,
    pub rep: Reputation,
    pub age_months: i64,
    pub verdict: Verdict,
    pub params_version: i64,
    pub params: Params,
    /// How many distinct sellers flagged him unsafe (R3.8): the warning above the band.
    pub unsafe_sellers: i64,
    /// True only for a lookup through the buyer's own screening link or code (R4.11): whoever
    /// gave it controls the account. A pseudonym proves nothing about who is asking.
    pub verified_control: bool,
    /// The live alerts naming him that she can see, newest first (R6.4).
    pub alerts: Vec<AlertView>,
}

/// A lookup by exact pseudonym: one indexed read of the buyer's counters (R3.2), under the
/// seller's hourly lookup limit (R9.3).
pub async fn lookup(app: &App, seller: &Account, raw: &str) -> Result<Lookup, ScreeningError> {
    let seller_id = require_seller(seller)?;
    count_lookup(app, seller_id)?;
    let buyer = find_buyer(app, raw).await?;
    lookup_of(app, seller, buyer, false).await
}

/// One lookup toward the seller's hourly limit (R9.3), whatever it finds.
pub(super) fn count_lookup(app: &App, seller: SellerId) -> Result<(), ScreeningError> {
    app.lookups
        .check(seller, app.limits.lookups_per_hour)
        .map_err(ScreeningError::LookupLimit)
}

/// Everything a lookup shows of a buyer already found (the distinct sellers behind his unsafe
/// flags come with his record, R3.8).
pub(super) async fn lookup_of(
    app: &App,
    seller: &Account,
    buyer: BuyerRecord,
    verified_control: bool,
) -> Result<Lookup, ScreeningError> {
    let pv = params(app).await?;
    let rep = reputation::reputation(buyer.safe, buyer.reliable, &pv.params);
    let verdict = verdict(&seller.settings, &rep, buyer.interactions);
    crate::metrics::lookup();
    let unsafe_sellers = buyer.unsafe_sellers;
    let alerts = alerts::for_lookup(app, seller, &buyer).await?;
    Ok(Lookup {
        age_months: buyer.created_on.whole_months_until(app.today()),
        verdict,
        params_version: pv.version,
        params: pv.params.clone(),
        unsafe_sellers,
        verified_control,
        alerts,
        rep,
        buyer,
    })
}

pub struct RateInput {
    pub buyer: String,
    pub safe: Option<bool>,
    pub reliable: Option<bool>,
    pub day: Option<String>,
}

/// The day of a rating (R4.2): today when none is given; never in the future, at most 90 days
/// back.
fn rating_day(raw: Option<&str>, today: Day) -> Result<Day, ScreeningError> {
    let day = match raw.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Day::parse(d).ok_or(ScreeningError::RatingDay)?,
        None => today,
    };
    if day > today || day < today.plus_days(-MAX_DAYS_BACK) {
        return Err(ScreeningError::RatingDay);
    }
    Ok(day)
}

/// A seller rates a buyer (R4.2): at least one flag; a day not in the future and at most 90
/// days back; the same day again updates.
pub async fn rate(
    app: &App,
    seller: &Account,
    input: RateInput,
) -> Result<(BuyerRecord, Day, RatingSaved), ScreeningError> {
    let seller_id = require_seller(seller)?;
    if input.safe.is_none() && input.reliable.is_none() {
        return Err(ScreeningError::RatingEmpty);
    }
    let today = app.today();
    let day = rating_day(input.day.as_deref(), today)?;
    let buyer = find_buyer(app, &input.buyer).await?;
    let saved = app
        .store
        .save_rating(&NewRating {
            seller_id,
            buyer_id: buyer.id,
            day,
            safe: input.safe,
            reliable: input.reliable,
            recorded_on: today,
        })
        .await?;
    if saved.excluded {
        return Err(ScreeningError::RatingExcluded);
    }
    crate::metrics::rating();
    Ok((buyer, day, saved))
}

/// A buyer by exact pseudonym (canonical match, R2.2), or the charter's "No buyer account with
/// this pseudonym".
pub(super) async fn find_buyer(app: &App, raw: &str) -> Result<BuyerRecord, ScreeningError> {
    let p = Pseudonym::parse(raw).map_err(|_| ScreeningError::NoBuyer)?;
    app.store
        .buyer_record(p.canonical())
        .await?
        .ok_or(ScreeningError::NoBuyer)
}

/// The seller's own ratings of one buyer (R4.1).
pub async fn history(
    app: &App,
    seller: &Account,
    raw: &str,
) -> Result<(BuyerRecord, Vec<OwnRating>), ScreeningError> {
    let seller_id = require_seller(seller)?;
    let buyer = find_buyer(app, raw).await?;
    let rows = app.store.own_ratings(seller_id, buyer.id).await?;
    Ok((buyer, rows))
}

/// "Report an issue" from a lookup: a case for the Dispute Resolution Committee, in mediation
/// (R4.1, R7.8).
pub async fn report(app: &App, seller: &Account, raw: &str) -> Result<(), ScreeningError> {
    require_seller(seller)?;
    use crate::governance::GovernanceError as G;
    match crate::governance::disputes::report(app, seller, raw).await {
        Ok(_) => Ok(()),
        Err(G::NoBuyer | G::Invalid(_)) => Err(ScreeningError::NoBuyer),
        Err(G::Store(s)) => Err(s.into()),
        // A seller's report fails no other way: she is a seller, nothing else is checked.
        Err(_) => Err(tessera_store::StoreError::Corrupt("report").into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo's blindspot_ben: 20 safe and 5 unsafe flags, all reliable.
    fn blindspot() -> Reputation {
        use reputation::FlagCounts;
        reputation::reputation(
            FlagCounts { n: 25, zeros: 5 },
            FlagCounts { n: 25, zeros: 0 },
            &Params::default(),
        )
    }

    /// The rule itself is core's (`tessera_core::prefs`, tested there); this checks that the
    /// stored settings reach it whole and come back in the web layer's shape.
    #[test]
    fn r4_6_r3_8_stored_settings_reach_core_s_verdict() {
        let s = Settings {
            min_trust: Some(0.75),
            min_ratings: Some(30),
            max_unsafe: Some(2),
            unknown_is_below: true,
            ..Settings::default()
        };
        let v = verdict(&s, &blindspot(), 25);
        assert!(!v.meets);
        assert_eq!(v.missed, vec!["min_ratings", "max_unsafe"]);
        assert!(verdict(&Settings::default(), &blindspot(), 25).meets);
        let p = preferences(&s);
        assert_eq!(
            (p.min_trust, p.min_ratings, p.max_unsafe, p.unknown_is_below),
            (Some(0.75), Some(30), Some(2), true)
        );
    }

    #[test]
    fn r4_2_rating_day_within_90_days_and_not_ahead() {
        let today = Day::parse("2026-03-31").unwrap();
        assert_eq!(rating_day(None, today).unwrap(), today);
        assert_eq!(rating_day(Some(" "), today).unwrap(), today);
        // 90 days before 31 March 2026 is 31 December 2025.
        assert!(rating_day(Some("2025-12-31"), today).is_ok());
        assert!(matches!(
            rating_day(Some("2025-12-30"), today),
            Err(ScreeningError::RatingDay)
        ));
        assert!(matches!(
            rating_day(Some("2026-04-01"), today),
            Err(ScreeningError::RatingDay)
        ));
        assert!(matches!(
            rating_day(Some("yesterday"), today),
            Err(ScreeningError::RatingDay)
        ));
    }
}
