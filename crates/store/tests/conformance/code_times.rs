//! Exact times only while needed (SPEC R8.1): a rating code keeps its generation and expiry
//! time to the second only while it is active; used, invalidated or expired, the database holds
//! only the day.

use crate::common::{account, d, each_backend};
use crate::screening::input;
use tessera_core::{AccountType, Day};
use tessera_store::codes::{CodeCheck, CodeStatus, NewCode};

#[tokio::test]
async fn r8_1_used_and_expired_codes_keep_only_the_day() {
    each_backend(|s, name| async move {
        let seller = account(&s, "timekeeper", AccountType::Seller).await;
        let buyer = account(&s, "redeemer", AccountType::Buyer).await;
        // Mid-day times, so that any second-precision value left behind shows in the dump.
        let base: i64 = 1_800_012_345;
        let today = Day::from_unix(base);
        let new = |now: i64, ttl: i64| NewCode {
            seller_id: seller.as_seller(),
            bound_buyer_id: None,
            now,
            today,
            ttl_secs: ttl,
            max_active: 10,
        };
        let ttl = 30 * 86_400;
        // Used.
        let (c1, _) = s.generate_code(&new(base, ttl)).await.unwrap();
        let CodeCheck::Valid { id, generated_on } = s
            .check_code(seller.as_seller(), c1, buyer.as_buyer(), base + 50)
            .await
            .unwrap()
        else {
            panic!("{name}: fresh code not valid");
        };
        assert!(s
            .redeem_code(
                id,
                seller.as_seller(),
                buyer.as_buyer(),
                generated_on,
                base + 50,
                &input()
            )
            .await
            .unwrap());
        // Expired unused, noticed by the purge job.
        s.generate_code(&new(base + 100, 600)).await.unwrap();
        s.purge(base + 3_600, 1_800, 43_200).await.unwrap();
        // Invalidated by the seller.
        s.generate_code(&new(base + 3_700, ttl)).await.unwrap();
        assert_eq!(
            s.invalidate_codes(seller.as_seller(), base + 3_800)
                .await
                .unwrap(),
            1
        );
        // Expired unused, noticed when the seller generates the next one; this one stays active.
        s.generate_code(&new(base + 3_850, 60)).await.unwrap();
        let active = base + 3_950;
        s.generate_code(&new(active, ttl)).await.unwrap();

        let dump = s.dump_all_rows().await.unwrap();
        let codes: Vec<&str> = dump
            .lines()
            .filter(|l| l.starts_with("rating_codes:"))
            .collect();
        assert_eq!(codes.len(), 5, "{name}");
        for exact in [
            base,
            base + ttl,
            base + 100,
            base + 700,
            base + 3_700,
            base + 3_700 + ttl,
            base + 3_850,
            base + 3_910,
        ] {
            assert!(
                !codes.iter().any(|l| l.contains(&exact.to_string())),
                "{name}: the exact time {exact} of a code no longer active survived:\n{}",
                codes.join("\n")
            );
        }
        assert!(
            codes.iter().any(|l| l.contains(&active.to_string())),
            "{name}: an active code keeps its exact time while needed"
        );
        // The history shows the day of each.
        let hist = s.code_history(seller.as_seller(), 0, active).await.unwrap();
        let statuses: Vec<_> = hist.iter().map(|h| h.status).collect();
        assert_eq!(
            statuses,
            [
                CodeStatus::Unused,
                CodeStatus::Expired,
                CodeStatus::Expired,
                CodeStatus::Expired,
                CodeStatus::Used
            ],
            "{name}"
        );
        for h in &hist[1..] {
            assert_eq!(h.generated_at % 86_400, 0, "{name}");
            assert_eq!(Day::from_unix(h.generated_at), d(&today.to_string()));
        }
        assert_eq!(hist[0].generated_at, active);
    })
    .await;
}
