//! Typed ids: an account id cannot be passed where a code id is expected, nor a seller's where a
//! buyer's is (issue 9). Each wraps the database's integer key. A `SellerId` or `BuyerId` is
//! made only where the account's type has been checked, by [`AccountId::as_seller`] and
//! [`AccountId::as_buyer`]'s callers; the store trusts them.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// Wraps a key read from the database.
            pub const fn new(raw: i64) -> Self {
                Self(raw)
            }

            /// The key, for binding into SQL.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id!(
    /// Any member's account (R2.1).
    AccountId
);
id!(
    /// An account known to be a seller's.
    SellerId
);
id!(
    /// An account known to be a buyer's.
    BuyerId
);
id!(
    /// A rating code (R4.3).
    CodeId
);

impl AccountId {
    /// This account as a seller's; the caller has checked its type.
    pub const fn as_seller(self) -> SellerId {
        SellerId(self.0)
    }

    /// This account as a buyer's; the caller has checked its type.
    pub const fn as_buyer(self) -> BuyerId {
        BuyerId(self.0)
    }
}

impl From<SellerId> for AccountId {
    fn from(id: SellerId) -> AccountId {
        AccountId(id.0)
    }
}

impl From<BuyerId> for AccountId {
    fn from(id: BuyerId) -> AccountId {
        AccountId(id.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_their_key_and_say_what_they_are() {
        let a = AccountId::new(7);
        assert_eq!(a.as_seller().get(), 7);
        assert_eq!(AccountId::from(a.as_buyer()), a);
        assert_eq!(format!("{:?}", CodeId::new(3)), "CodeId(3)");
        assert_eq!(serde_json::to_string(&BuyerId::new(5)).unwrap(), "5");
    }
}
