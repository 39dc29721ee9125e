//! Rating codes (SPEC R4.3, R4.5) and buyers' ratings of sellers with them (R4.4): a seller
//! hands out a one-time code; the buyer's rating uses it up in one conditional update, and the
//! seller's rating of him for the code's day becomes verified. Attempts are recorded per buyer
//! per rolling hour in the database before a code is checked, so every process sees them.

use tessera_core::code::RatingCode;
use tessera_core::vocab::{rating_value, ListingAccuracy, Professionalism, Punctuality};
use tessera_core::{AccountType, CodeId, Day, Params, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::codes::{CodeCheck, CodeRow, NewCode, SellerRatingInput};
use tessera_store::events::{Attempt, AttemptId};
use tessera_store::StoreError;

use super::lookup::find_buyer;
use super::{params, require_buyer, require_seller, ScreeningError, MAX_DAYS_BACK};
use crate::security::{self, SecurityEvent};
use crate::App;

/// The security event a failed code attempt records (R4.5).
pub const CODE_FAILURE: &str = "code_failure";

pub struct Generated {
    pub code: RatingCode,
    pub expires_on: Day,
    pub bound_to: Option<String>,
}

/// R4.3: a code from the CSPRNG, unique among the seller's active codes, optionally bound.
pub async fn generate_code(
    app: &App,
    seller: &Account,
    bound: Option<&str>,
) -> Result<Generated, ScreeningError> {
    let seller_id = require_seller(seller)?;
    let pv = params(app).await?;
    let bound_buyer = match bound.map(str::trim).filter(|b| !b.is_empty()) {
        Some(b) => Some(find_buyer(app, b).await?),
        None => None,
    };
    let r = app
        .store
        .generate_code(&NewCode {
            seller_id,
            bound_buyer_id: bound_buyer.as_ref().map(|b| b.id),
            now: app.now(),
            today: app.today(),
            ttl_secs: i64::from(pv.params.code_ttl_days) * 86_400,
            max_active: i64::from(pv.params.max_active_codes),
        })
        .await;
    match r {
        Ok((code, expires)) => {
            crate::metrics::code_generated();
            Ok(Generated {
                code,
                expires_on: Day::from_unix(expires),
                bound_to: bound_buyer.map(|b| b.display_name),
            })
        }
        // A seller who met no free code in 64 draws holds too many codes for the space.
        Err(StoreError::TooManyActiveCodes | StoreError::NoFreeCode) => {
            Err(ScreeningError::TooManyCodes)
        }
        Err(e) => Err(e.into()),
    }
}

/// The seller's codes of the last 90 days (R4.3).
pub async fn code_history(app: &App, seller: &Account) -> Result<Vec<CodeRow>, ScreeningError> {
    let seller_id = require_seller(seller)?;
    let now = app.now();
    Ok(app
        .store
        .code_history(seller_id, now - MAX_DAYS_BACK * 86_400, now)
        .await?)
}

/// Invalidates all of the seller's unused codes at once (R4.3); returns how many.
pub async fn invalidate_codes(app: &App, seller: &Account) -> Result<u64, ScreeningError> {
    let seller_id = require_seller(seller)?;
    Ok(app.store.invalidate_codes(seller_id, app.now()).await?)
}

fn buyer_subject(buyer: &Account) -> [u8; 8] {
    buyer.id.get().to_be_bytes()
}

/// R4.5, ASVS 6.3.1: at most N code attempts per buyer per rolling hour are evaluated, counted
/// in the database and recorded before the code is checked, so parallel tries (from one process
/// or many) cannot pass the limit. A right code's attempt is forgotten; a wrong one stays as
/// the failure.
async fn begin_attempt(
    app: &App,
    buyer: &Account,
    pv: &Params,
) -> Result<AttemptId, ScreeningError> {
    let now = app.now();
    let limit = i64::from(pv.code_attempts_per_hour);
    match app
        .store
        .begin_attempt(CODE_FAILURE, &buyer_subject(buyer), now - 3600, now, |r| {
            (r.count >= limit).then_some(3600)
        })
        .await?
    {
        Attempt::Granted(id) => Ok(id),
        Attempt::Refused(_) => {
            security::log(SecurityEvent::CodeThrottled);
            Err(ScreeningError::CodeAttempts)
        }
    }
}

/// Records a failed attempt and answers with `e` (or with the store's failure to record it).
async fn failed(app: &App, buyer: &Account, e: ScreeningError) -> ScreeningError {
    security::log(SecurityEvent::CodeFailed);
    crate::metrics::code_failure();
    if let Err(err) = app
        .store
        .record_event(CODE_FAILURE, &buyer_subject(buyer), app.now())
        .await
    {
        return err.into();
    }
    e
}

/// Checks a seller pseudonym and code for this buyer without using the code.
async fn checked(
    app: &App,
    buyer: &Account,
    seller: &str,
    code: &str,
) -> Result<(Account, CodeId, Day), ScreeningError> {
    let buyer_id = require_buyer(buyer)?;
    let pv = params(app).await?;
    let attempt = begin_attempt(app, buyer, &pv.params).await?;
    let wrong = |e: ScreeningError| {
        security::log(SecurityEvent::CodeFailed);
        Err(e)
    };
    let Some(code) = RatingCode::parse(code) else {
        return wrong(ScreeningError::CodeInvalid);
    };
    let seller = match Pseudonym::parse(seller) {
        Ok(p) => app.store.account_by_pseudonym(p.canonical()).await?,
        Err(_) => None,
    };
    let Some(seller) = seller.filter(|s| s.account_type == AccountType::Seller) else {
        return wrong(ScreeningError::CodeInvalid);
    };
    match app
        .store
        .check_code(seller.id.as_seller(), code, buyer_id, app.now())
        .await?
    {
        CodeCheck::Valid { id, generated_on } => {
            app.store.forget_attempt(attempt).await?;
            Ok((seller, id, generated_on))
        }
        CodeCheck::AlreadyUsed => wrong(ScreeningError::CodeUsed),
        CodeCheck::InvalidOrExpired => wrong(ScreeningError::CodeInvalid),
    }
}

/// The first step of a buyer's rating (R4.5): is this seller's code good, without using it?
pub async fn verify_code(
    app: &App,
    buyer: &Account,
    seller: &str,
    code: &str,
) -> Result<Account, ScreeningError> {
    checked(app, buyer, seller, code).await.map(|(s, _, _)| s)
}

/// The buyer's answers, as typed (vocabularies of R4.4).
pub struct SellerRating {
    pub listing_accuracy: String,
    pub punctuality: String,
    pub professionalism: String,
}

/// The answers in their domain types, or the names of the fields that are not. "No show" is
/// not an answer a buyer may give: he was there to get the code.
fn parse_answers(
    r: &SellerRating,
) -> Result<(ListingAccuracy, Punctuality, Professionalism), ScreeningError> {
    let a = ListingAccuracy::parse(&r.listing_accuracy);
    let p = Punctuality::parse(&r.punctuality).filter(|_| r.punctuality != "no_show");
    let q = Professionalism::parse(&r.professionalism);
    match (a, p, q) {
        (Some(a), Some(p), Some(q)) => Ok((a, p, q)),
        _ => {
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
            Err(ScreeningError::RatingFields(fields))
        }
    }
}

/// R4.4, R4.5: the buyer rates the seller with her code; the code is used by one conditional
/// update, and the seller's rating of him for the code's day becomes verified.
pub async fn submit_seller_rating(
    app: &App,
    buyer: &Account,
    seller: &str,
    code: &str,
    r: &SellerRating,
) -> Result<(Account, Day), ScreeningError> {
    let buyer_id = require_buyer(buyer)?;
    let (a, p, q) = parse_answers(r)?;
    let (seller, code_id, day) = checked(app, buyer, seller, code).await?;
    let input = SellerRatingInput {
        listing_accuracy: a,
        punctuality: p,
        professionalism: q,
        x: rating_value(a, p, q),
    };
    if app
        .store
        .redeem_code(
            code_id,
            seller.id.as_seller(),
            buyer_id,
            day,
            app.now(),
            &input,
        )
        .await?
    {
        crate::metrics::code_redeemed();
        Ok((seller, day))
    } else {
        Err(failed(app, buyer, ScreeningError::CodeUsed).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(a: &str, p: &str, q: &str) -> SellerRating {
        SellerRating {
            listing_accuracy: a.into(),
            punctuality: p.into(),
            professionalism: q.into(),
        }
    }

    #[test]
    fn r4_4_answers_parse_or_name_the_bad_fields() {
        assert!(parse_answers(&answers("accurate", "on_time", "professional")).is_ok());
        match parse_answers(&answers("accurate", "no_show", "rude")) {
            Err(ScreeningError::RatingFields(f)) => {
                assert_eq!(f, vec!["punctuality", "professionalism"]);
            }
            _ => panic!("expected RatingFields"),
        }
    }
}
