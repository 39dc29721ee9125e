//! Screening use cases (SPEC §3, §4): lookups with the preference verdict (R4.1, R4.6),
//! sellers' ratings of buyers (R4.2), rating codes (R4.3, R4.5), buyers' ratings of sellers
//! (R4.4), the seller's released score (R3.5, R4.8), the buyer's delayed view (R4.7), the
//! public profile slug (R4.9) and screening links, the buyer's proof of control (R4.11).

use tessera_core::{AccountType, BuyerId, SellerId};
use tessera_store::accounts::Account;
use tessera_store::StoreError;

mod cache;
mod codes;
mod links;
mod look_alike;
mod lookup;
mod views;

pub use cache::{params, LookupLimiter, ParamsCache};
pub use codes::{
    code_history, generate_code, invalidate_codes, submit_seller_rating, verify_code, Generated,
    SellerRating, CODE_FAILURE,
};
pub use links::{create_link, link_counts, lookup_by_link, CreatedLink, LinkCounts};
pub use look_alike::looks_alike;
pub use lookup::{history, lookup, rate, report, verdict, Lookup, RateInput, Verdict};
pub use views::{
    buyer_view, profile_path, profile_slug, round4, seller_profile, seller_view, BuyerView,
    SellerView,
};

/// Ratings may be given for meetings up to 90 days back (R4.2); the code history shows 90 days
/// (R4.3).
pub const MAX_DAYS_BACK: i64 = 90;

/// Every way a screening use case can fail, one variant per answer the user can tell apart.
#[derive(Debug, thiserror::Error)]
pub enum ScreeningError {
    #[error("only sellers may do this")]
    SellersOnly,
    #[error("only buyers may do this")]
    BuyersOnly,
    /// The seller's lookups for this hour are used up (R9.3): retry after this many seconds.
    #[error("lookup limit reached, retry in {0} s")]
    LookupLimit(u64),
    #[error("no buyer account with this pseudonym")]
    NoBuyer,
    #[error("no seller member with this pseudonym")]
    NotMember,
    /// A rating of a buyer needs at least one of the two flags (R4.2).
    #[error("a rating needs safe or reliable")]
    RatingEmpty,
    /// Not a day, in the future or more than 90 days back (R4.2).
    #[error("the day of the meeting is not allowed")]
    RatingDay,
    /// A dispute excluded her rating of this buyer for this day (R7.8): it stays excluded.
    #[error("the rating of this day was excluded by a dispute decision")]
    RatingExcluded,
    /// A buyer's rating of a seller with missing or unknown answers (R4.4), naming the fields.
    #[error("invalid answers: {0:?}")]
    RatingFields(Vec<&'static str>),
    /// The seller already has as many active codes as the parameters allow (R4.3).
    #[error("too many active codes")]
    TooManyCodes,
    #[error("the code is invalid or expired")]
    CodeInvalid,
    #[error("the code was already used")]
    CodeUsed,
    /// Too many failed code attempts by this buyer in the last hour (R4.5).
    #[error("too many code attempts")]
    CodeAttempts,
    /// The buyer already has the most open screening links allowed (R4.11).
    #[error("too many open screening links")]
    TooManyLinks,
    /// A screening link or code that is unknown, used or expired: one answer for all (R4.11).
    #[error("no open screening link with this key")]
    LinkNotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The seller's id, once her account's type is checked (R1.1: buyers cannot screen). The only
/// way a use case gets a `SellerId`.
pub fn require_seller(account: &Account) -> Result<SellerId, ScreeningError> {
    require(account, AccountType::Seller).map(|()| account.id.as_seller())
}

/// The buyer's id, once his account's type is checked (sellers cannot rate sellers).
pub fn require_buyer(account: &Account) -> Result<BuyerId, ScreeningError> {
    require(account, AccountType::Buyer).map(|()| account.id.as_buyer())
}

/// The account type a use case is for (R1.1: buyers cannot screen, sellers cannot rate sellers).
pub fn require(account: &Account, t: AccountType) -> Result<(), ScreeningError> {
    if account.account_type == t {
        Ok(())
    } else {
        Err(match t {
            AccountType::Seller => ScreeningError::SellersOnly,
            AccountType::Buyer => ScreeningError::BuyersOnly,
        })
    }
}
