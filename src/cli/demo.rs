//! `tessera demo`: a small collective with varied histories, so a newcomer sees the product in
//! a minute: sellers, buyers (one showing the quantile blind spot of SPEC R3.8), ratings, codes.
//! It prints sample logins. Demo data only: it refuses a database that already has members.

use clap::Args;
use serde::Serialize;
use tessera_core::code::RatingCode;
use tessera_core::vocab::{rating_value, ListingAccuracy, Professionalism, Punctuality};
use tessera_core::{AccountType, Day, Pseudonym};
use tessera_store::accounts::{NewAccount, Settings};
use tessera_store::codes::{CodeCheck, NewCode, SellerRatingInput};
use tessera_store::ratings::NewRating;

use super::common::{load_config, open_store, DbArgs};

#[derive(Args, Debug, Serialize)]
pub struct DemoArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub db: DbArgs,
}

/// The password of every demo account. Demo data only.
pub const DEMO_PASSWORD: &str = "demo lantern orchard river";

const SELLERS: [&str; 4] = ["Anna", "Bea", "Chloe", "Dana"];

/// One rating's (safe, reliable) flags.
type Flags = (Option<bool>, Option<bool>);

/// (buyer, his ratings, what the demo shows with him)
fn buyers() -> Vec<(&'static str, Vec<Flags>, &'static str)> {
    let rep = |n: usize, f: (Option<bool>, Option<bool>)| vec![f; n];
    let mut blind = rep(20, (Some(true), Some(true)));
    blind.extend(rep(5, (Some(false), Some(true))));
    let mut risky = rep(4, (Some(true), Some(true)));
    risky.extend(rep(3, (Some(false), Some(false))));
    let mut flaky = rep(6, (Some(true), Some(true)));
    flaky.extend(rep(4, (Some(true), Some(false))));
    vec![
        (
            "steady_sam",
            rep(14, (Some(true), Some(true))),
            "a long clean record: high trust",
        ),
        (
            "blindspot_ben",
            blind,
            "20 safe, 5 unsafe: S = 1.0, the blind spot of R3.8; the counts show it",
        ),
        ("risky_ray", risky, "3 unsafe of 7: low trust"),
        ("flaky_finn", flaky, "safe but often unreliable"),
        (
            "careful_cleo",
            rep(3, (Some(true), Some(true))),
            "three good ratings: low sample size",
        ),
        ("new_nick", vec![], "no record yet"),
    ]
}

pub async fn run(args: DemoArgs) -> anyhow::Result<()> {
    let cfg = load_config(args.db.config.as_ref(), &args)?;
    let store = open_store(&cfg).await?;
    anyhow::ensure!(store.count_sellers().await? == 0, "this database already has members; the demo needs an empty one (use --data-dir with a new folder)");
    let hash = tessera_app::accounts::password::hash_blocking(DEMO_PASSWORD);
    let now = time::OffsetDateTime::now_utc();
    let today = Day(now.date());
    let account = |name: &'static str, t: AccountType, age_days: i64| {
        let store = store.clone();
        let hash = hash.clone();
        async move {
            let p = Pseudonym::parse(name)?;
            let id = store
                .create_account(&NewAccount {
                    pseudonym: &p,
                    account_type: t,
                    password_hash: hash,
                    recovery_email_hash: None,
                    created_on: today.plus_days(-age_days),
                    language: None,
                })
                .await?;
            anyhow::Ok(id)
        }
    };
    let mut sellers = Vec::new();
    for (i, s) in SELLERS.iter().enumerate() {
        sellers.push(account(s, AccountType::Seller, 400 - 30 * i as i64).await?);
    }
    // Anna screens with the moderate preset (R4.6): blindspot_ben's five unsafe flags exceed its
    // maximum of one, so her lookup of him says which preference he misses, whatever his score.
    let moderate = tessera_app::accounts::preset("moderate")
        .ok_or_else(|| anyhow::anyhow!("the moderate preset"))?;
    store
        .update_settings(
            sellers[0],
            &Settings {
                min_trust: moderate.min_trust,
                min_ratings: moderate.min_ratings,
                max_unsafe: moderate.max_unsafe,
                unknown_is_below: moderate.unknown_is_below,
                ..Settings::default()
            },
        )
        .await?;
    let mut buyer_ids = Vec::new();
    for (i, (name, ratings, _)) in buyers().iter().enumerate() {
        let id = account(name, AccountType::Buyer, 300 - 50 * i as i64).await?;
        buyer_ids.push(id);
        for (k, (safe, reliable)) in ratings.iter().enumerate() {
            store
                .save_rating(&NewRating {
                    seller_id: (sellers[k % sellers.len()]).as_seller(),
                    buyer_id: id.as_buyer(),
                    day: today.plus_days(-(3 * k as i64 + 1)),
                    safe: *safe,
                    reliable: *reliable,
                    recorded_on: today.plus_days(-(3 * k as i64 + 1)),
                })
                .await?;
        }
    }
    // Anna hands out codes; four buyers rate her with them. Only steady_sam's and careful_cleo's
    // ratings count: risky_ray's and flaky_finn's influence is below ε (R3.5).
    let unix = now.unix_timestamp();
    for (buyer, (a, p, q)) in [
        (
            buyer_ids[0],
            (
                ListingAccuracy::Accurate,
                Punctuality::OnTime,
                Professionalism::Professional,
            ),
        ),
        (
            buyer_ids[3],
            (
                ListingAccuracy::Accurate,
                Punctuality::SlightlyLate,
                Professionalism::Professional,
            ),
        ),
        (
            buyer_ids[4],
            (
                ListingAccuracy::MinorDeviation,
                Punctuality::OnTime,
                Professionalism::Adequate,
            ),
        ),
        (
            buyer_ids[2],
            (
                ListingAccuracy::SignificantDeviation,
                Punctuality::DidNotShow,
                Professionalism::Unprofessional,
            ),
        ),
    ] {
        let (code, _) = store
            .generate_code(&NewCode {
                seller_id: sellers[0].as_seller(),
                bound_buyer_id: None,
                now: unix,
                today,
                ttl_secs: 30 * 86_400,
                max_active: 50,
            })
            .await?;
        if let CodeCheck::Valid { id, generated_on } = store
            .check_code(sellers[0].as_seller(), code, buyer.as_buyer(), unix)
            .await?
        {
            let input = SellerRatingInput {
                listing_accuracy: a,
                punctuality: p,
                professionalism: q,
                x: rating_value(a, p, q),
            };
            store
                .redeem_code(
                    id,
                    sellers[0].as_seller(),
                    buyer.as_buyer(),
                    generated_on,
                    unix,
                    &input,
                )
                .await?;
        }
    }
    let mut unused = Vec::new();
    for _ in 0..2 {
        let (code, _) = store
            .generate_code(&NewCode {
                seller_id: sellers[0].as_seller(),
                bound_buyer_id: None,
                now: unix,
                today,
                ttl_secs: 30 * 86_400,
                max_active: 50,
            })
            .await?;
        unused.push(RatingCode::as_string(code));
    }
    println!("Demo collective created in {}.", cfg.data_dir.display());
    println!("Every demo account's password: {DEMO_PASSWORD}");
    println!(
        "Sellers (members): {} (Anna screens with the moderate preset: at most 1 unsafe flag)",
        SELLERS.join(", ")
    );
    println!("Buyers:");
    for (name, _, what) in buyers() {
        println!("  {name:<14} {what}");
    }
    println!(
        "Anna has two unused rating codes: {} (a buyer who logs in can rate her with one).",
        unused.join(", ")
    );
    println!(
        "Start it with: tessera serve --data-dir {}",
        cfg.data_dir.display()
    );
    store.close().await;
    Ok(())
}
