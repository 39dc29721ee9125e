//! The alarm notice every seller page carries (SPEC R6.7: notices are in-app only): how many
//! sellers she watches over and how many open alarms they have, on both backends. Her own
//! alarms never count for her (R6.6: duress must stay invisible to her).

use tessera_core::{AccountType, SellerId};
use tessera_store::alarms::AlarmNotice;
use tessera_store::Store;

use crate::common::{account, each_backend};

const NOW: i64 = 1_800_000_000;

async fn seller(s: &Store, name: &str) -> SellerId {
    account(s, name, AccountType::Seller).await.as_seller()
}

fn notice(watching: i64, open: i64) -> AlarmNotice {
    AlarmNotice { watching, open }
}

#[tokio::test]
async fn r6_7_the_notice_counts_open_alarms_of_the_sellers_she_watches_over_never_her_own() {
    each_backend(|s, name| async move {
        let ann = seller(&s, "ann").await;
        let bea = seller(&s, "bea").await;
        let cat = seller(&s, "cat").await;
        assert_eq!(s.alarm_notice(bea).await.unwrap(), notice(0, 0), "{name}");
        // Asked, not yet accepted: she watches over nobody yet.
        s.ask_buddy(ann, bea).await.unwrap();
        assert_eq!(s.alarm_notice(bea).await.unwrap(), notice(0, 0), "{name}");
        assert!(s.accept_buddy(ann, bea).await.unwrap());
        s.ask_buddy(cat, bea).await.unwrap();
        assert!(s.accept_buddy(cat, bea).await.unwrap());
        assert_eq!(s.alarm_notice(bea).await.unwrap(), notice(2, 0), "{name}");
        // Ann and Bea watch over each other: Bea's own panic never counts for Bea.
        s.ask_buddy(bea, ann).await.unwrap();
        assert!(s.accept_buddy(bea, ann).await.unwrap());
        s.raise_panic(bea, NOW).await.unwrap();
        assert_eq!(s.alarm_notice(bea).await.unwrap(), notice(2, 0), "{name}");
        assert_eq!(s.alarm_notice(ann).await.unwrap(), notice(1, 1), "{name}");
        s.raise_panic(ann, NOW).await.unwrap();
        s.raise_panic(cat, NOW + 1).await.unwrap();
        assert_eq!(s.alarm_notice(bea).await.unwrap(), notice(2, 2), "{name}");
        // A closed alarm no longer counts.
        let anns = s.alarms_for(bea).await.unwrap();
        let anns = anns.iter().find(|a| a.seller == "ann").unwrap();
        s.close_alarm(bea, anns.id, NOW + 2).await.unwrap();
        assert_eq!(s.alarm_notice(bea).await.unwrap(), notice(2, 1), "{name}");
        // Once she stops watching over cat, cat's open alarm is none of her pages' business.
        assert!(s.end_buddy(cat, bea).await.unwrap());
        assert_eq!(s.alarm_notice(bea).await.unwrap(), notice(1, 0), "{name}");
    })
    .await;
}
