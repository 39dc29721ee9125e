//! The committees of the collective (SPEC R7.8; API.md "Seller network"): security, disputes,
//! governance. Until governance elects them the operator names interim members.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Committee {
    Security,
    Disputes,
    Governance,
}

impl Committee {
    pub const ALL: &'static [Committee] = &[
        Committee::Security,
        Committee::Disputes,
        Committee::Governance,
    ];

    pub fn parse(s: &str) -> Option<Committee> {
        match s {
            "security" => Some(Committee::Security),
            "disputes" => Some(Committee::Disputes),
            "governance" => Some(Committee::Governance),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Committee::Security => "security",
            Committee::Disputes => "disputes",
            Committee::Governance => "governance",
        }
    }
}

impl fmt::Display for Committee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Committee;

    #[test]
    fn r7_8_committees_round_trip() {
        for c in Committee::ALL {
            assert_eq!(Committee::parse(c.as_str()), Some(*c));
        }
        assert_eq!(Committee::parse("dispute"), None);
    }
}
