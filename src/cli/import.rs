//! `tessera import SOURCE_DIR` (SPEC R4.10): users.csv, ratings.csv and buyer_ratings.csv in
//! the format of `../shared/bench/gen_dataset.py`. Every row is validated; a bad row is reported
//! with its file and line, and nothing of that file is committed. `--claim-links FILE` writes one
//! single-use claim link per imported account.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use serde::Serialize;
use tessera_core::vocab::{rating_value, ListingAccuracy, Professionalism, Punctuality};
use tessera_core::{AccountType, Day, Pseudonym};
use tessera_store::import::{BuyerRatingRow, ImportError, RatingRow, UserRow};

use super::common::{load_config, open_store, DbArgs};
use super::import_csv::{bar, cores, parse_parallel, reader, row_err, rows, RowError};

#[derive(Args, Debug, Serialize)]
pub struct ImportArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub db: DbArgs,
    /// Write one single-use claim link per imported account to this file (pseudonym,link).
    #[arg(long)]
    #[serde(skip)]
    pub claim_links: Option<PathBuf>,
    /// Public URL for the claim links.
    #[arg(long, env = "TESSERA_BASE_URL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// Folder with users.csv, ratings.csv, buyer_ratings.csv.
    #[serde(skip)]
    pub source_dir: PathBuf,
}

/// Claim links are valid this long.
const CLAIM_DAYS: i64 = 30;

/// Parsed rows as the store's import takes them: a bad row fails the whole file.
fn rows_or_error<T: 'static>(
    parsed: Result<Vec<T>, RowError>,
) -> Box<dyn Iterator<Item = Result<T, RowError>>> {
    match parsed {
        Ok(rows) => Box::new(rows.into_iter().map(Ok)),
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

fn flag(s: &str) -> Result<Option<bool>, String> {
    match s.trim() {
        "1" => Ok(Some(true)),
        "0" => Ok(Some(false)),
        "" => Ok(None),
        other => Err(format!("a flag must be 1, 0 or empty, not '{other}'")),
    }
}

fn lookup(
    idx: &HashMap<String, (i64, AccountType)>,
    raw: &str,
    want: AccountType,
) -> Result<i64, String> {
    // A name that is already a stored canonical pseudonym resolves as itself (canonical forms
    // are fixed points of the normalisation); only other spellings need parsing. This skips
    // two allocations per field of a 20M-row file.
    let found = match idx.get(raw) {
        Some(hit) => Some(hit),
        None => {
            let p = Pseudonym::parse(raw).map_err(|e| format!("'{raw}': {e}"))?;
            idx.get(p.canonical())
        }
    };
    match found {
        Some((id, t)) if *t == want => Ok(*id),
        Some(_) => Err(format!("'{raw}' is not a {}", want.as_str())),
        None => Err(format!("unknown {} '{raw}'", want.as_str())),
    }
}

fn day(raw: &str, today: Day) -> Result<Day, String> {
    let d = Day::parse(raw).ok_or_else(|| format!("'{raw}' is not a day (YYYY-MM-DD)"))?;
    if d > today {
        return Err(format!("{raw} is in the future"));
    }
    Ok(d)
}

fn fail(e: ImportError<RowError>) -> anyhow::Error {
    match e {
        ImportError::Row(r) => anyhow::anyhow!("{r}; nothing of {} was imported", r.file),
        ImportError::Store(s) => anyhow::anyhow!("database error: {s}"),
    }
}

pub async fn run(args: ImportArgs) -> anyhow::Result<()> {
    // The phases of a large import and their times (no row data is logged).
    super::common::init_logging();
    let cfg = load_config(args.db.config.as_ref(), &args)?;
    let store = open_store(&cfg).await?;
    let today = Day(time::OffsetDateTime::now_utc().date());
    let dir = &args.source_dir;
    let started = std::time::Instant::now();

    // users.csv
    let before = store.account_index().await?;
    let path = dir.join("users.csv");
    let pb = bar(&path, "users")?;
    let mut r = reader(&path)?;
    let users = rows(&mut r, "users.csv", &["pseudonym", "account_type"], &pb)?.map(|row| {
        let (line, rec) = row?;
        let e = row_err("users.csv", line);
        let pseudonym = Pseudonym::parse(&rec[0]).map_err(|x| e(format!("'{}': {x}", &rec[0])))?;
        let account_type = AccountType::parse(rec[1].trim()).ok_or_else(|| {
            e(format!(
                "account type must be seller or buyer, not '{}'",
                &rec[1]
            ))
        })?;
        Ok(UserRow {
            pseudonym,
            account_type,
        })
    });
    let created = store.import_users(users, today).await.map_err(fail)?;
    pb.finish_and_clear();
    let idx = store.account_index().await?;
    tracing::info!(
        phase = "users",
        secs = started.elapsed().as_secs_f64(),
        "import"
    );

    // ratings.csv
    let path = dir.join("ratings.csv");
    let mut n_ratings = 0;
    if path.exists() {
        let pb = bar(&path, "ratings")?;
        let header = &["seller", "buyer", "day", "safe", "reliable"];
        let parsed = parse_parallel(cores(), &path, "ratings.csv", header, &pb, |line, rec| {
            let e = row_err("ratings.csv", line);
            let seller_id = lookup(&idx, &rec[0], AccountType::Seller).map_err(&e)?;
            let buyer_id = lookup(&idx, &rec[1], AccountType::Buyer).map_err(&e)?;
            let day = day(&rec[2], today).map_err(&e)?;
            let safe = flag(&rec[3]).map_err(&e)?;
            let reliable = flag(&rec[4]).map_err(&e)?;
            if safe.is_none() && reliable.is_none() {
                return Err(e("a rating needs at least one flag".into()));
            }
            Ok(RatingRow {
                seller_id,
                buyer_id,
                day,
                safe,
                reliable,
            })
        })?;
        let it = rows_or_error(parsed);
        n_ratings = store
            .import_ratings(it, today, |_| {})
            .await
            .map_err(fail)?;
        pb.finish_and_clear();
    }

    // buyer_ratings.csv
    let path = dir.join("buyer_ratings.csv");
    let mut n_buyer = 0;
    if path.exists() {
        let pb = bar(&path, "buyer ratings")?;
        let header = &[
            "buyer",
            "seller",
            "day",
            "listing_accuracy",
            "punctuality",
            "professionalism",
        ];
        let parsed = parse_parallel(
            cores(),
            &path,
            "buyer_ratings.csv",
            header,
            &pb,
            |line, rec| {
                let e = row_err("buyer_ratings.csv", line);
                let buyer_id = lookup(&idx, &rec[0], AccountType::Buyer).map_err(&e)?;
                let seller_id = lookup(&idx, &rec[1], AccountType::Seller).map_err(&e)?;
                let day = day(&rec[2], today).map_err(&e)?;
                let a = ListingAccuracy::parse(rec[3].trim())
                    .ok_or_else(|| e(format!("listing_accuracy '{}'", &rec[3])))?;
                let p = Punctuality::parse(rec[4].trim())
                    .ok_or_else(|| e(format!("punctuality '{}'", &rec[4])))?;
                let q = Professionalism::parse(rec[5].trim())
                    .ok_or_else(|| e(format!("professionalism '{}'", &rec[5])))?;
                Ok(BuyerRatingRow {
                    buyer_id,
                    seller_id,
                    day,
                    listing_accuracy: a.as_str(),
                    punctuality: p.as_str(),
                    professionalism: q.as_str(),
                    x: rating_value(a, p, q),
                })
            },
        )?;
        let it = rows_or_error(parsed);
        n_buyer = store.import_buyer_ratings(it, |_| {}).await.map_err(fail)?;
        pb.finish_and_clear();
        tracing::info!(
            phase = "buyer ratings",
            secs = started.elapsed().as_secs_f64(),
            "import"
        );
    }

    store.after_bulk_load().await?;
    if let Some(out) = &args.claim_links {
        let base = super::invite::base_url(&cfg);
        let new: Vec<(&String, i64)> = idx
            .iter()
            .filter(|(p, _)| !before.contains_key(*p))
            .map(|(p, (id, _))| (p, *id))
            .collect();
        let mut f = std::fs::OpenOptions::new();
        f.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            f.mode(0o600);
        }
        let mut f = f
            .open(out)
            .with_context(|| format!("cannot create {} (it must not exist yet)", out.display()))?;
        let mut hashes = Vec::with_capacity(new.len());
        let mut text = String::new();
        for (p, id) in new {
            let token = tessera_store::crypto::random_token(20);
            hashes.push((tessera_store::crypto::token_hash(&token), id));
            text.push_str(&format!("{p},{base}/claim/{token}\n"));
        }
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        store
            .create_claim_tokens(&hashes, now + CLAIM_DAYS * 86_400)
            .await?;
        f.write_all(text.as_bytes())?;
        eprintln!(
            "wrote {} claim links to {} (valid {CLAIM_DAYS} days, single use)",
            hashes.len(),
            out.display()
        );
    }
    println!(
        "imported {created} new accounts, {n_ratings} ratings, {n_buyer} buyer ratings in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    store.close().await;
    Ok(())
}
