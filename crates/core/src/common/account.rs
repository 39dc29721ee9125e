//! Account types (SPEC R2.1). One person may hold one of each; they are never linked.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountType {
    Seller,
    Buyer,
}

impl AccountType {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountType::Seller => "seller",
            AccountType::Buyer => "buyer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "seller" => Some(AccountType::Seller),
            "buyer" => Some(AccountType::Buyer),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_1_account_types_round_trip() {
        for t in [AccountType::Seller, AccountType::Buyer] {
            assert_eq!(AccountType::parse(t.as_str()), Some(t));
        }
        assert_eq!(AccountType::parse("admin"), None);
    }
}
