//! Screening use cases shared by the JSON API and the pages (SPEC §3, §4): lookups, sellers'
//! ratings of buyers, rating codes, buyers' ratings of sellers, the seller's and the buyer's
//! own views with reporter protection, and the public profile slug.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use tessera_core::code::RatingCode;
use tessera_core::reputation::{self, Reputation};
use tessera_core::vocab::{rating_value, ListingAccuracy, Professionalism, Punctuality};
use tessera_core::{AccountType, Day, Params, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::codes::{CodeCheck, CodeRow, NewCode, SellerRatingInput};
use tessera_store::params::ParamVersion;
use tessera_store::ratings::{BuyerRecord, NewRating, OwnRating, RatingSaved};
use tessera_store::received::{Release, Snapshot};
use tessera_store::StoreError;

use crate::error::AppError;
use crate::state::AppState;

pub const CODE_FAILURE: &str = "code_failure";
/// Ratings may be given for meetings up to 90 days back (R4.2); the code history shows 90 days
/// (R4.3).
pub const MAX_DAYS_BACK: i64 = 90;

/// The current parameter version, cached for a few seconds: a new version reaches every
/// process within that time, and a lookup does not pay a query for it.
pub struct ParamsCache(Mutex<Option<(Instant, std::sync::Arc<ParamVersion>)>>);

impl ParamsCache {
    pub fn new() -> Self {
        ParamsCache(Mutex::new(None))
    }
}

impl Default for ParamsCache {
    fn default() -> Self {
        Self::new()
    }
}

pub async fn params(state: &AppState) -> Result<std::sync::Arc<ParamVersion>, AppError> {
    if let Some((at, p)) = state
        .params_cache
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
    {
        if at.elapsed() < Duration::from_secs(5) {
            return Ok(p.clone());
        }
    }
    let p = std::sync::Arc::new(state.store.current_params().await?);
    *state
        .params_cache
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), p.clone()));
    Ok(p)
}

/// Lookups per seller per hour, counted in memory per process (R9.3 allows it).
pub struct LookupLimiter(Mutex<HashMap<i64, (Instant, u32)>>);

impl LookupLimiter {
    pub fn new() -> Self {
        LookupLimiter(Mutex::new(HashMap::new()))
    }

    /// `Err(seconds)` when the seller has used up this hour's lookups; `limit` 0 = off.
    pub fn check(&self, seller: i64, limit: u32) -> Result<(), u64> {
        if limit == 0 {
            return Ok(());
        }
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let hour = Duration::from_secs(3600);
        if map.len() > 50_000 {
            map.retain(|_, (start, _)| now.duration_since(*start) < hour);
        }
        let e = map.entry(seller).or_insert((now, 0));
        if now.duration_since(e.0) >= hour {
            *e = (now, 0);
        }
        if e.1 >= limit {
            return Err(hour
                .saturating_sub(now.duration_since(e.0))
                .as_secs()
                .max(1));
        }
        e.1 += 1;
        Ok(())
    }
}

impl Default for LookupLimiter {
    fn default() -> Self {
        Self::new()
    }
}

pub fn require(account: &Account, t: AccountType) -> Result<(), AppError> {
    if account.account_type == t {
        Ok(())
    } else {
        Err(AppError::forbidden(match t {
            AccountType::Seller => "error-sellers-only",
            AccountType::Buyer => "error-buyers-only",
        }))
    }
}

/// The seller's preference verdict (R4.6): advisory only.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Verdict {
    pub meets: bool,
    /// "min_trust", "min_ratings", "no_record".
    pub missed: Vec<&'static str>,
}

pub fn verdict(account: &Account, rep: &Reputation, interactions: i64) -> Verdict {
    let s = &account.settings;
    let mut missed = Vec::new();
    match rep.trust {
        None if s.unknown_is_below => missed.push("no_record"),
        Some(t) if s.min_trust.is_some_and(|m| t < m) => missed.push("min_trust"),
        None if s.min_trust.is_some() && !s.unknown_is_below => {}
        _ => {}
    }
    if s.min_ratings.is_some_and(|m| interactions < m) {
        missed.push("min_ratings");
    }
    Verdict {
        meets: missed.is_empty(),
        missed,
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
}

/// A lookup by exact pseudonym: one indexed read of the buyer's counters (R3.2).
pub async fn lookup(state: &AppState, seller: &Account, raw: &str) -> Result<Lookup, AppError> {
    require(seller, AccountType::Seller)?;
    if let Err(wait) = state
        .lookups
        .check(seller.id, state.config.limits.lookups_per_hour)
    {
        return Err(AppError::rate_limited(
            "rate_limited",
            "error-lookup-limit",
            wait,
        ));
    }
    let buyer = find_buyer(state, raw).await?;
    let pv = params(state).await?;
    let rep = reputation::reputation(buyer.safe, buyer.reliable, &pv.params);
    let verdict = verdict(seller, &rep, buyer.interactions);
    Ok(Lookup {
        age_months: buyer.created_on.whole_months_until(state.clock.today()),
        verdict,
        params_version: pv.version,
        params: pv.params.clone(),
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

/// A seller rates a buyer (R4.2): at least one flag; a day not in the future and at most 90
/// days back; the same day again updates.
pub async fn rate(
    state: &AppState,
    seller: &Account,
    input: RateInput,
) -> Result<(BuyerRecord, Day, RatingSaved), AppError> {
    require(seller, AccountType::Seller)?;
    if input.safe.is_none() && input.reliable.is_none() {
        return Err(AppError::invalid(
            "error-rating-empty",
            &["safe", "reliable"],
        ));
    }
    let today = state.clock.today();
    let day = match input
        .day
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => Day::parse(d).ok_or_else(|| AppError::invalid("error-rating-day", &["day"]))?,
        None => today,
    };
    if day > today || day < today.plus_days(-MAX_DAYS_BACK) {
        return Err(AppError::invalid("error-rating-day", &["day"]));
    }
    let buyer = find_buyer(state, &input.buyer).await?;
    let saved = state
        .store
        .save_rating(&NewRating {
            seller_id: seller.id,
            buyer_id: buyer.id,
            day,
            safe: input.safe,
            reliable: input.reliable,
            recorded_on: today,
        })
        .await?;
    Ok((buyer, day, saved))
}

/// A buyer by exact pseudonym (canonical match, R2.2), or the charter's "No buyer account with
/// this pseudonym".
async fn find_buyer(state: &AppState, raw: &str) -> Result<BuyerRecord, AppError> {
    let not_found = || AppError::not_found("error-no-buyer");
    let p = Pseudonym::parse(raw).map_err(|_| not_found())?;
    state
        .store
        .buyer_record(p.canonical())
        .await?
        .ok_or_else(not_found)
}

pub async fn history(
    state: &AppState,
    seller: &Account,
    raw: &str,
) -> Result<(BuyerRecord, Vec<OwnRating>), AppError> {
    require(seller, AccountType::Seller)?;
    let buyer = find_buyer(state, raw).await?;
    let rows = state.store.own_ratings(seller.id, buyer.id).await?;
    Ok((buyer, rows))
}

/// "Report an issue" from a lookup: recorded for the Dispute Resolution Committee (R4.1).
pub async fn report(state: &AppState, seller: &Account, raw: &str) -> Result<(), AppError> {
    require(seller, AccountType::Seller)?;
    let buyer = find_buyer(state, raw).await?;
    state
        .store
        .report_issue(seller.id, buyer.id, state.clock.today())
        .await?;
    Ok(())
}

pub struct Generated {
    pub code: RatingCode,
    pub expires_on: Day,
    pub bound_to: Option<String>,
}

/// R4.3: a code from the CSPRNG, unique among the seller's active codes, optionally bound.
pub async fn generate_code(
    state: &AppState,
    seller: &Account,
    bound: Option<&str>,
) -> Result<Generated, AppError> {
    require(seller, AccountType::Seller)?;
    let pv = params(state).await?;
    let bound_buyer = match bound.map(str::trim).filter(|b| !b.is_empty()) {
        Some(b) => Some(find_buyer(state, b).await?),
        None => None,
    };
    let now = state.now();
    let r = state
        .store
        .generate_code(&NewCode {
            seller_id: seller.id,
            bound_buyer_id: bound_buyer.as_ref().map(|b| b.id),
            now,
            today: state.clock.today(),
            ttl_secs: i64::from(pv.params.code_ttl_days) * 86_400,
            max_active: i64::from(pv.params.max_active_codes),
        })
        .await;
    match r {
        Ok((code, expires)) => Ok(Generated {
            code,
            expires_on: Day::from_unix(expires),
            bound_to: bound_buyer.map(|b| b.display_name),
        }),
        Err(StoreError::Limit) => Err(AppError::conflict(
            "too_many_active_codes",
            "error-too-many-codes",
        )),
        Err(e) => Err(e.into()),
    }
}

pub async fn code_history(state: &AppState, seller: &Account) -> Result<Vec<CodeRow>, AppError> {
    require(seller, AccountType::Seller)?;
    let now = state.now();
    Ok(state
        .store
        .code_history(seller.id, now - MAX_DAYS_BACK * 86_400, now)
        .await?)
}

pub async fn invalidate_codes(state: &AppState, seller: &Account) -> Result<u64, AppError> {
    require(seller, AccountType::Seller)?;
    Ok(state.store.invalidate_codes(seller.id, state.now()).await?)
}

/// The failures of R4.5, in the charter's words.
pub fn code_invalid() -> AppError {
    AppError::new(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        "code_invalid_or_expired",
        "error-code-invalid",
    )
}

pub fn code_used() -> AppError {
    AppError::conflict("code_already_used", "error-code-used")
}

fn buyer_subject(buyer_id: i64) -> [u8; 8] {
    buyer_id.to_be_bytes()
}

/// R4.5: at most N failed code attempts per buyer per rolling hour, counted in the database.
async fn attempts_left(state: &AppState, buyer: &Account, pv: &Params) -> Result<(), AppError> {
    let now = state.now();
    let (n, _) = state
        .store
        .count_events(CODE_FAILURE, &buyer_subject(buyer.id), now - 3600)
        .await?;
    if n >= i64::from(pv.code_attempts_per_hour) {
        // The oldest failure in the window decides when one more attempt is allowed.
        return Err(AppError::rate_limited(
            "too_many_attempts",
            "error-code-attempts",
            3600,
        ));
    }
    Ok(())
}

async fn failed(state: &AppState, buyer: &Account, e: AppError) -> AppError {
    if let Err(err) = state
        .store
        .record_event(CODE_FAILURE, &buyer_subject(buyer.id), state.now())
        .await
    {
        return err.into();
    }
    e
}

/// Checks a seller pseudonym and code for this buyer without using the code.
async fn checked(
    state: &AppState,
    buyer: &Account,
    seller: &str,
    code: &str,
) -> Result<(Account, i64, Day), AppError> {
    require(buyer, AccountType::Buyer)?;
    let pv = params(state).await?;
    attempts_left(state, buyer, &pv.params).await?;
    let Some(code) = RatingCode::parse(code) else {
        return Err(failed(state, buyer, code_invalid()).await);
    };
    let seller = match Pseudonym::parse(seller) {
        Ok(p) => state.store.account_by_pseudonym(p.canonical()).await?,
        Err(_) => None,
    };
    let Some(seller) = seller.filter(|s| s.account_type == AccountType::Seller) else {
        return Err(failed(state, buyer, code_invalid()).await);
    };
    match state
        .store
        .check_code(seller.id, code, buyer.id, state.now())
        .await?
    {
        CodeCheck::Valid { id, generated_on } => Ok((seller, id, generated_on)),
        CodeCheck::AlreadyUsed => Err(failed(state, buyer, code_used()).await),
        CodeCheck::InvalidOrExpired => Err(failed(state, buyer, code_invalid()).await),
    }
}

pub async fn verify_code(
    state: &AppState,
    buyer: &Account,
    seller: &str,
    code: &str,
) -> Result<Account, AppError> {
    checked(state, buyer, seller, code).await.map(|(s, _, _)| s)
}

pub struct SellerRating {
    pub listing_accuracy: String,
    pub punctuality: String,
    pub professionalism: String,
}

/// R4.4, R4.5: the buyer rates the seller with her code; the code is used by one conditional
/// update, and the seller's rating of him for the code's day becomes verified.
pub async fn submit_seller_rating(
    state: &AppState,
    buyer: &Account,
    seller: &str,
    code: &str,
    r: &SellerRating,
) -> Result<(Account, Day), AppError> {
    require(buyer, AccountType::Buyer)?;
    let a = ListingAccuracy::parse(&r.listing_accuracy);
    let p = Punctuality::parse(&r.punctuality).filter(|_| r.punctuality != "no_show");
    let q = Professionalism::parse(&r.professionalism);
    let (Some(a), Some(p), Some(q)) = (a, p, q) else {
        let mut fields = Vec::new();
        if a.is_none() {
            fields.push("listing_accuracy");
        }
        if p.is_none() {
            fields.push("punctuality");
        }
        if q.is_none() {
            fields.push("professionalism");
        }
        return Err(AppError::invalid("error-rating-fields", &fields));
    };
    let (seller, code_id, day) = checked(state, buyer, seller, code).await?;
    let input = SellerRatingInput {
        listing_accuracy: a,
        punctuality: p,
        professionalism: q,
        x: rating_value(a, p, q),
    };
    if state
        .store
        .redeem_code(code_id, seller.id, buyer.id, day, state.now(), &input)
        .await?
    {
        Ok((seller, day))
    } else {
        Err(failed(state, buyer, code_used()).await)
    }
}

/// The seller's own score as of the last release (R3.5, R4.8).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SellerView {
    pub score: Option<f64>,
    pub stars: Option<f64>,
    pub counted: u64,
    pub received: u64,
    pub released_on: Option<String>,
    #[serde(skip)]
    pub ratings: Vec<tessera_store::received::ReceivedRating>,
}

pub async fn seller_view(state: &AppState, seller: &Account) -> Result<SellerView, AppError> {
    require(seller, AccountType::Seller)?;
    let pv = params(state).await?;
    let p = &pv.params;
    let today = state.clock.today();
    let release = state.store.seller_release(seller.id).await?;
    let after = release.map(|r| r.through_id).unwrap_or(0);
    let (new, max_id, oldest) = state.store.unreleased(seller.id, after).await?;
    let reference = release.map(|r| r.released_on).or(oldest);
    let due = new >= i64::from(p.seller_release_min_ratings)
        || (new >= 1
            && reference
                .is_some_and(|d| d.days_until(today) >= i64::from(p.seller_release_max_days)));
    let release = match (due, max_id) {
        (true, Some(through_id)) => {
            let r = Release {
                through_id,
                released_on: today,
            };
            state.store.set_seller_release(seller.id, r).await?;
            Some(r)
        }
        _ => release,
    };
    let Some(release) = release else {
        return Ok(SellerView {
            score: None,
            stars: None,
            counted: 0,
            received: 0,
            released_on: None,
            ratings: vec![],
        });
    };
    let ratings = state
        .store
        .received_ratings(seller.id, Some(release.through_id))
        .await?;
    let (score, counted) = reputation::seller_score(
        ratings.iter().map(|r| {
            (
                r.x,
                reputation::reputation(r.buyer_safe, r.buyer_reliable, p).influence,
            )
        }),
        p.epsilon,
    );
    Ok(SellerView {
        score: score.map(round4),
        stars: score.map(|q| (q * 50.0).round() / 10.0),
        counted,
        received: ratings.len() as u64,
        released_on: Some(release.released_on.to_string()),
        ratings,
    })
}

/// The buyer's own delayed view (R4.7, R4.8): S and R with n and flag counts, never T or I.
#[derive(Debug, Clone, PartialEq)]
pub struct BuyerView {
    pub safe: reputation::Score,
    pub reliable: reputation::Score,
    pub as_of: Option<Day>,
}

pub async fn buyer_view(state: &AppState, buyer: &Account) -> Result<BuyerView, AppError> {
    require(buyer, AccountType::Buyer)?;
    let pv = params(state).await?;
    let p = &pv.params;
    let today = state.clock.today();
    let cutoff = today.plus_days(-i64::from(p.buyer_view_min_age_days));
    let snap = state.store.buyer_snapshot(buyer.id).await?;
    let snap = match snap {
        Some(s) if s.cutoff >= cutoff => Some(s),
        prev => {
            let added = state
                .store
                .rating_window(buyer.id, prev.map(|s| s.cutoff), cutoff)
                .await?;
            if added.ratings > 0 && added.sellers >= i64::from(p.buyer_view_min_sellers) {
                let all = state.store.rating_window(buyer.id, None, cutoff).await?;
                let s = Snapshot {
                    cutoff,
                    safe: all.safe,
                    reliable: all.reliable,
                    as_of: today,
                };
                state.store.save_buyer_snapshot(buyer.id, &s).await?;
                Some(s)
            } else {
                prev
            }
        }
    };
    let (safe, reliable) = snap.map(|s| (s.safe, s.reliable)).unwrap_or_default();
    Ok(BuyerView {
        safe: reputation::score(safe, p, p.prior.p_safe),
        reliable: reputation::score(reliable, p, p.prior.p_reliable),
        as_of: snap.map(|s| s.as_of),
    })
}

/// R4.9: keyed hash of the canonical pseudonym, base32, 26 characters: stable, not guessable,
/// not reversible without the server key.
pub fn profile_slug(state: &AppState, canonical: &str) -> String {
    let h = state
        .store
        .crypto()
        .keyed_hash("profile-slug", canonical.as_bytes());
    data_encoding::BASE32_NOPAD
        .encode(&h[..16])
        .to_ascii_lowercase()
}

/// The seller's profile path. The slug is recorded once (so `/verify/{slug}` resolves); later
/// calls only read, so a dashboard view or a public profile query is not a database write.
pub async fn profile_path(state: &AppState, seller: &Account) -> Result<String, AppError> {
    let slug = profile_slug(state, &seller.pseudonym);
    if state.store.account_by_profile_slug(&slug).await?.is_none() {
        state.store.set_profile_slug(seller.id, &slug).await?;
    }
    Ok(format!("/verify/{slug}"))
}

pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r4_1_lookup_limit_per_seller_per_hour() {
        let l = LookupLimiter::new();
        for _ in 0..3 {
            assert!(l.check(1, 3).is_ok());
        }
        assert!(l.check(1, 3).is_err());
        assert!(l.check(2, 3).is_ok(), "another seller has her own count");
        for _ in 0..1000 {
            assert!(l.check(3, 0).is_ok(), "0 turns it off");
        }
    }
}
