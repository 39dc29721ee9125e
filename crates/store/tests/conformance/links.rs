//! Screening links (SPEC R4.11) on both backends: creation under the cap, single use by either
//! key, expiry, what a used link keeps (R8.1), the purge (R8.3), deletion (R2.11), one winner
//! between two server processes (R9.2); and the distinct sellers behind unsafe flags (R3.8).

use tessera_core::{AccountType, BuyerId, Day};
use tessera_store::accounts::Settings;
use tessera_store::crypto::token_hash;
use tessera_store::links::{LinkKey, NewLink, MAX_OPEN_PER_BUYER, USED_RETENTION_DAYS};
use tessera_store::{Store, StoreError};

use crate::common::{account, d, each_backend, each_backend_twice, rating};

const NOW: i64 = 1_800_000_000;
const DAY: i64 = 86_400;

fn today() -> Day {
    Day::from_unix(NOW)
}

/// A link of `buyer` with keys derived from `n`, expiring a day after `NOW`.
async fn link(s: &Store, buyer: BuyerId, n: u32) -> Result<(Vec<u8>, Vec<u8>), StoreError> {
    let (t, c) = (
        token_hash(&format!("token{n}")),
        token_hash(&format!("code{n}")),
    );
    s.create_screening_link(&NewLink {
        buyer_id: buyer,
        token_hash: &t,
        code_hash: &c,
        expires_at: NOW + DAY,
        now: NOW,
    })
    .await?;
    Ok((t, c))
}

#[tokio::test]
async fn r4_11_a_link_is_used_once_by_either_key_and_keeps_only_its_day() {
    each_backend(|s, name| async move {
        let buyer = account(&s, "linker", AccountType::Buyer).await.as_buyer();
        let (t1, c1) = link(&s, buyer, 1).await.unwrap();
        let (t2, c2) = link(&s, buyer, 2).await.unwrap();
        assert_eq!(
            s.screening_link_counts(buyer, NOW).await.unwrap(),
            (0, 2),
            "{name}"
        );

        // The code uses the link; then neither key works again.
        let used = s.use_screening_link(LinkKey::Code(&c1), NOW, today()).await;
        assert_eq!(used.unwrap(), Some(buyer), "{name}");
        for key in [LinkKey::Code(&c1), LinkKey::Token(&t1)] {
            assert_eq!(
                s.use_screening_link(key, NOW, today()).await.unwrap(),
                None,
                "{name}"
            );
        }
        // The token of the other link works, and a key of one kind is not the other kind.
        assert_eq!(
            s.use_screening_link(LinkKey::Code(&t2), NOW, today())
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            s.use_screening_link(LinkKey::Token(&t2), NOW, today())
                .await
                .unwrap(),
            Some(buyer),
            "{name}"
        );
        assert_eq!(
            s.use_screening_link(LinkKey::Code(&c2), NOW, today())
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            s.screening_link_counts(buyer, NOW).await.unwrap(),
            (2, 0),
            "{name}"
        );

        // R8.1: a used link keeps its day, not its keys, not a time, and never a seller.
        let dump = s.dump_all_rows().await.unwrap();
        let rows: Vec<&str> = dump
            .lines()
            .filter(|l| l.starts_with("screening_links: "))
            .collect();
        assert_eq!(rows.len(), 2, "{name}: {rows:?}");
        for r in rows {
            assert!(r.contains(&today().to_string()), "{name}: {r}");
            assert!(
                !r.contains(&(NOW + DAY).to_string()),
                "{name}: the expiry stayed: {r}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn r4_11_expired_links_do_not_work_and_are_purged() {
    each_backend(|s, name| async move {
        let buyer = account(&s, "expirer", AccountType::Buyer).await.as_buyer();
        let (t, c) = link(&s, buyer, 1).await.unwrap();
        let later = NOW + DAY;
        assert_eq!(
            s.use_screening_link(LinkKey::Token(&t), later, today())
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            s.use_screening_link(LinkKey::Code(&c), later, today())
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            s.screening_link_counts(buyer, later).await.unwrap(),
            (0, 0),
            "{name}"
        );
        // A used one stays for the count until its retention ends.
        let (_, used) = link(&s, buyer, 2).await.unwrap();
        s.use_screening_link(LinkKey::Code(&used), NOW, today())
            .await
            .unwrap();

        let p = s.purge(later, 1800, 43_200).await.unwrap();
        assert_eq!(
            p.screening_links, 1,
            "{name}: the expired link goes at once"
        );
        assert_eq!(
            s.screening_link_counts(buyer, later).await.unwrap(),
            (1, 0),
            "{name}"
        );
        let end = NOW + (USED_RETENTION_DAYS + 1) * DAY;
        let p = s.purge(end, 1800, 43_200).await.unwrap();
        assert_eq!(
            p.screening_links, 1,
            "{name}: the used link goes after its retention"
        );
        assert_eq!(
            s.screening_link_counts(buyer, end).await.unwrap(),
            (0, 0),
            "{name}"
        );
        assert!(
            !s.dump_all_rows()
                .await
                .unwrap()
                .contains("screening_links: "),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn r4_11_a_buyer_has_at_most_20_open_links() {
    each_backend(|s, name| async move {
        let buyer = account(&s, "hoarder", AccountType::Buyer).await.as_buyer();
        let other = account(&s, "modest", AccountType::Buyer).await.as_buyer();
        let mut first = None;
        for n in 0..MAX_OPEN_PER_BUYER {
            let k = link(&s, buyer, n as u32).await.unwrap();
            first.get_or_insert(k);
        }
        assert!(
            matches!(link(&s, buyer, 99).await, Err(StoreError::TooManyOpenLinks)),
            "{name}"
        );
        link(&s, other, 100)
            .await
            .expect("another buyer has his own count");
        // A used link frees its place; the same key hash twice is a conflict.
        let (_, c) = first.unwrap();
        s.use_screening_link(LinkKey::Code(&c), NOW, today())
            .await
            .unwrap();
        link(&s, buyer, 99).await.unwrap();
        s.use_screening_link(LinkKey::Code(&token_hash("code99")), NOW, today())
            .await
            .unwrap();
        assert!(
            matches!(link(&s, buyer, 100).await, Err(StoreError::Conflict)),
            "{name}"
        );
    })
    .await;
}

/// R4.11, R9.2: two processes creating links for one buyer at the same instant never pass the
/// cap together (creation takes the buyer's account lock before counting). Five buyers, 60
/// attempts each, all at once, half through each store.
#[tokio::test]
async fn r4_11_r9_2_two_processes_creating_links_keep_the_cap() {
    each_backend_twice(|one, two, name| async move {
        let mut buyers = Vec::new();
        for i in 0..5 {
            buyers.push(
                account(&one, &format!("eager{i}"), AccountType::Buyer)
                    .await
                    .as_buyer(),
            );
        }
        let mut attempts = Vec::new();
        for round in 0..60u32 {
            for (i, buyer) in buyers.iter().copied().enumerate() {
                let store = if round % 2 == 0 {
                    one.clone()
                } else {
                    two.clone()
                };
                let n = round * 10 + i as u32;
                attempts.push(tokio::spawn(async move { link(&store, buyer, n).await }));
            }
        }
        for a in attempts {
            match a.await.unwrap() {
                Ok(_) | Err(StoreError::TooManyOpenLinks) => {}
                Err(e) => panic!("{name}: {e}"),
            }
        }
        let mut off = Vec::new();
        for (i, buyer) in buyers.iter().enumerate() {
            let (_, open) = one.screening_link_counts(*buyer, NOW).await.unwrap();
            if open != MAX_OPEN_PER_BUYER {
                off.push((i, open));
            }
        }
        assert!(
            off.is_empty(),
            "{name}: buyers whose open links != the cap: {off:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn r4_11_r2_11_deletion_removes_the_buyers_links() {
    each_backend(|s, name| async move {
        let id = account(&s, "leaver", AccountType::Buyer).await;
        let (t, _) = link(&s, id.as_buyer(), 1).await.unwrap();
        let (_, c) = link(&s, id.as_buyer(), 2).await.unwrap();
        s.use_screening_link(LinkKey::Code(&c), NOW, today())
            .await
            .unwrap();
        s.delete_account(id).await.unwrap();
        assert_eq!(
            s.use_screening_link(LinkKey::Token(&t), NOW, today())
                .await
                .unwrap(),
            None
        );
        assert!(
            !s.dump_all_rows()
                .await
                .unwrap()
                .contains("screening_links: "),
            "{name}"
        );
    })
    .await;
}

/// R4.11, R9.2: two server processes use one link at once: exactly one gets the buyer.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r4_11_r9_2_two_processes_use_one_link_once() {
    each_backend_twice(|one, two, name| async move {
        let buyer = account(&one, "raced_link", AccountType::Buyer)
            .await
            .as_buyer();
        for round in 0..5u32 {
            let (t, c) = link(&one, buyer, round).await.unwrap();
            let tasks: Vec<_> = (0..16)
                .map(|i| {
                    let s = if i % 2 == 0 { one.clone() } else { two.clone() };
                    let key = if i % 3 == 0 { t.clone() } else { c.clone() };
                    let by_token = i % 3 == 0;
                    tokio::spawn(async move {
                        let k = if by_token {
                            LinkKey::Token(&key)
                        } else {
                            LinkKey::Code(&key)
                        };
                        s.use_screening_link(k, NOW, today()).await.unwrap()
                    })
                })
                .collect();
            let mut wins = 0;
            for task in tasks {
                wins += u32::from(task.await.unwrap() == Some(buyer));
            }
            assert_eq!(wins, 1, "{name}, round {round}");
        }
        assert_eq!(
            two.screening_link_counts(buyer, NOW).await.unwrap(),
            (5, 0),
            "{name}"
        );
    })
    .await;
}

/// R3.8: the lookup's warning names the distinct sellers behind the unsafe flags, which the
/// counters do not hold: the lookup's own read counts them.
#[tokio::test]
async fn r3_8_unsafe_sellers_counts_distinct_sellers_of_unsafe_flags() {
    each_backend(|s, name| async move {
        let buyer = account(&s, "flagged", AccountType::Buyer).await;
        let mut sellers = Vec::new();
        for i in 0..3 {
            sellers.push(account(&s, &format!("flagger{i}"), AccountType::Seller).await);
        }
        assert_eq!(
            s.buyer_record("flagged")
                .await
                .unwrap()
                .unwrap()
                .unsafe_sellers,
            0,
            "{name}"
        );
        for (seller, day, safe) in [
            (sellers[0], "2026-03-01", Some(false)),
            (sellers[0], "2026-03-02", Some(false)),
            (sellers[1], "2026-03-01", Some(false)),
            (sellers[2], "2026-03-01", Some(true)),
            (sellers[2], "2026-03-02", None),
        ] {
            s.save_rating(&rating(seller, buyer, d(day), safe, Some(true)))
                .await
                .unwrap();
        }
        assert_eq!(
            s.buyer_record("flagged")
                .await
                .unwrap()
                .unwrap()
                .unsafe_sellers,
            2,
            "{name}"
        );
        // Re-rating a day as safe takes that flag back.
        s.save_rating(&rating(
            sellers[1],
            buyer,
            d("2026-03-01"),
            Some(true),
            None,
        ))
        .await
        .unwrap();
        assert_eq!(
            s.buyer_record("flagged")
                .await
                .unwrap()
                .unwrap()
                .unsafe_sellers,
            1,
            "{name}"
        );
    })
    .await;
}

/// R4.6: the unsafe maximum is stored with the other preferences and cleared on deletion.
#[tokio::test]
async fn r4_6_max_unsafe_is_a_stored_preference() {
    each_backend(|s, name| async move {
        let id = account(&s, "careful_seller", AccountType::Seller).await;
        assert_eq!(
            s.account_by_id(id)
                .await
                .unwrap()
                .unwrap()
                .settings
                .max_unsafe,
            None
        );
        let prefs = Settings {
            min_trust: Some(0.8),
            min_ratings: Some(5),
            max_unsafe: Some(1),
            ..Settings::default()
        };
        s.update_settings(id, &prefs).await.unwrap();
        let a = s.account_by_id(id).await.unwrap().unwrap();
        assert_eq!(a.settings, prefs, "{name}");
    })
    .await;
}
