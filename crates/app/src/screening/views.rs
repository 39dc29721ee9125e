//! What sellers and buyers see of themselves, and the public profile (SPEC R3.5, R4.7–R4.9):
//! the seller's score as of its last release, the buyer's delayed snapshot, and the profile
//! slug that proves membership without revealing the pseudonym's key.

use serde::Serialize;
use tessera_core::reputation;
use tessera_core::{AccountType, Day, Params, Pseudonym};
use tessera_store::accounts::Account;
use tessera_store::received::{Release, Snapshot};

use super::{params, require_buyer, require_seller, ScreeningError};
use crate::App;

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

/// R4.8: new ratings are released to the seller in batches, so she cannot tell which buyer gave
/// which: when enough have come in, or when the oldest waiting one (or the last release) is old
/// enough.
fn release_due(new: i64, reference: Option<Day>, today: Day, p: &Params) -> bool {
    new >= i64::from(p.seller_release_min_ratings)
        || (new >= 1
            && reference
                .is_some_and(|d| d.days_until(today) >= i64::from(p.seller_release_max_days)))
}

pub async fn seller_view(app: &App, seller: &Account) -> Result<SellerView, ScreeningError> {
    let seller_id = require_seller(seller)?;
    let pv = params(app).await?;
    let p = &pv.params;
    let today = app.today();
    let release = app.store.seller_release(seller_id).await?;
    let after = release.map_or(0, |r| r.through_id);
    let (new, max_id, oldest) = app.store.unreleased(seller_id, after).await?;
    let reference = release.map(|r| r.released_on).or(oldest);
    let release = match (release_due(new, reference, today, p), max_id) {
        (true, Some(through_id)) => {
            let r = Release {
                through_id,
                released_on: today,
            };
            app.store.set_seller_release(seller_id, r).await?;
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
    let ratings = app
        .store
        .received_ratings(seller_id, Some(release.through_id))
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

/// R4.7: the snapshot moves forward only when ratings older than the minimum age, from enough
/// different sellers, have come in since the last one, so a buyer cannot tell who rated him.
pub async fn buyer_view(app: &App, buyer: &Account) -> Result<BuyerView, ScreeningError> {
    let buyer_id = require_buyer(buyer)?;
    let pv = params(app).await?;
    let p = &pv.params;
    let today = app.today();
    let cutoff = today.plus_days(-i64::from(p.buyer_view_min_age_days));
    let snap = app.store.buyer_snapshot(buyer_id).await?;
    let snap = match snap {
        Some(s) if s.cutoff >= cutoff => Some(s),
        prev => {
            let added = app
                .store
                .rating_window(buyer_id, prev.map(|s| s.cutoff), cutoff)
                .await?;
            if added.ratings > 0 && added.sellers >= i64::from(p.buyer_view_min_sellers) {
                let all = app.store.rating_window(buyer_id, None, cutoff).await?;
                let s = Snapshot {
                    cutoff,
                    safe: all.safe,
                    reliable: all.reliable,
                    as_of: today,
                };
                app.store.save_buyer_snapshot(buyer_id, &s).await?;
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
pub fn profile_slug(app: &App, canonical: &str) -> String {
    let h = app
        .store
        .crypto()
        .keyed_hash("profile-slug", canonical.as_bytes());
    data_encoding::BASE32_NOPAD
        .encode(&h[..16])
        .to_ascii_lowercase()
}

/// The seller's profile path. The slug is recorded once (so `/verify/{slug}` resolves) and the
/// recorded one is what is shown from then on: after a restore under a new master key (R9.5)
/// the key would give another slug, and the link she handed out must keep working. Later calls
/// only read, so a dashboard view or a public profile query is not a database write.
pub async fn profile_path(app: &App, seller: &Account) -> Result<String, ScreeningError> {
    let slug = match app.store.profile_slug_of(seller.id).await? {
        Some(recorded) => recorded,
        None => {
            let fresh = profile_slug(app, &seller.pseudonym);
            app.store.set_profile_slug(seller.id, &fresh).await?;
            app.store.profile_slug_of(seller.id).await?.unwrap_or(fresh)
        }
    };
    Ok(format!("/verify/{slug}"))
}

/// The public membership check (R4.9): a seller member by exact pseudonym, and her profile
/// path.
pub async fn seller_profile(app: &App, raw: &str) -> Result<(Account, String), ScreeningError> {
    let p = Pseudonym::parse(raw).map_err(|_| ScreeningError::NotMember)?;
    let seller = app
        .store
        .account_by_pseudonym(p.canonical())
        .await?
        .filter(|a| a.account_type == AccountType::Seller)
        .ok_or(ScreeningError::NotMember)?;
    let path = profile_path(app, &seller).await?;
    Ok((seller, path))
}

pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r4_8_seller_score_released_in_batches() {
        let p = Params::default();
        let today = Day::parse("2026-03-31").unwrap();
        let min = i64::from(p.seller_release_min_ratings);
        let max_days = i64::from(p.seller_release_max_days);
        assert!(!release_due(0, Some(today.plus_days(-365)), today, &p));
        assert!(release_due(min, None, today, &p));
        assert!(!release_due(1, Some(today), today, &p));
        assert!(release_due(1, Some(today.plus_days(-max_days)), today, &p));
        assert!(!release_due(
            1,
            Some(today.plus_days(1 - max_days)),
            today,
            &p
        ));
    }
}
