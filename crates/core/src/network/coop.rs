//! Coops (SPEC R6.2): named sub-networks with a kind, a free-text scope, moderators and two
//! settings. The closed vocabularies here (kind, membership state, moderator action) parse from
//! the API's words and give them back, so no other layer spells them.

/// The longest coop name and scope, in characters: a name is a label, not a description.
pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_SCOPE_CHARS: usize = 80;
/// `min_member_days` lies in `0..=90` (API.md); 7 unless the creator says otherwise (R6.2).
pub const MAX_MIN_MEMBER_DAYS: i64 = 90;
pub const DEFAULT_MIN_MEMBER_DAYS: i64 = 7;

vocabulary!(
    /// What a coop is about (R6.2).
    CoopKind { Regional = "regional", Agency = "agency", Vertical = "vertical", Private = "private" }
);

vocabulary!(
    /// A seller's state in one coop (R6.2). `Suspended` reads but does not post; `Left` is as
    /// if she had never joined, apart from what she published (R6.4).
    MemberState {
        Invited = "invited",
        Pending = "pending",
        Member = "member",
        Suspended = "suspended",
        Left = "left",
    }
);

vocabulary!(
    /// What a moderator may do to another seller's membership (R6.2, API.md).
    ModeratorAction {
        Approve = "approve",
        Suspend = "suspend",
        Reinstate = "reinstate",
        MakeModerator = "make_moderator",
    }
);

impl MemberState {
    /// May see the coop's resources (members, threads, alerts): members and suspended members.
    pub fn reads(self) -> bool {
        matches!(self, MemberState::Member | MemberState::Suspended)
    }

    /// May see that the coop exists: everyone but a seller who left (API.md: an invited or
    /// pending seller may GET the coop, nothing else).
    pub fn sees_coop(self) -> bool {
        self != MemberState::Left
    }
}

/// A coop's name: trimmed, 1 to [`MAX_NAME_CHARS`] characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoopName(String);

impl CoopName {
    pub fn parse(s: &str) -> Option<CoopName> {
        label(s, MAX_NAME_CHARS).map(CoopName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A coop's scope ("Berlin", "outcall"): empty means none.
pub fn parse_scope(s: &str) -> Option<Option<String>> {
    if s.trim().is_empty() {
        return Some(None);
    }
    label(s, MAX_SCOPE_CHARS).map(Some)
}

fn label(s: &str, max: usize) -> Option<String> {
    let t = s.trim();
    let n = t.chars().count();
    (n >= 1 && n <= max && !t.chars().any(char::is_control)).then(|| t.to_owned())
}

/// `min_member_days` within its range (R6.2).
pub fn valid_min_member_days(n: i64) -> bool {
    (0..=MAX_MIN_MEMBER_DAYS).contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r6_2_vocabularies_round_trip_and_refuse_other_words() {
        for k in CoopKind::ALL {
            assert_eq!(CoopKind::parse(k.as_str()), Some(*k));
        }
        for s in MemberState::ALL {
            assert_eq!(MemberState::parse(s.as_str()), Some(*s));
        }
        for a in ModeratorAction::ALL {
            assert_eq!(ModeratorAction::parse(a.as_str()), Some(*a));
        }
        assert_eq!(CoopKind::parse("Regional"), None);
        assert_eq!(ModeratorAction::parse("ban"), None);
    }

    #[test]
    fn r6_2_names_scopes_and_days_are_checked() {
        assert_eq!(
            CoopName::parse("  Berlin night  ").unwrap().as_str(),
            "Berlin night"
        );
        assert!(CoopName::parse("   ").is_none());
        assert!(CoopName::parse(&"x".repeat(81)).is_none());
        assert!(CoopName::parse("a\nb").is_none());
        assert_eq!(parse_scope(" "), Some(None));
        assert_eq!(parse_scope("Köln"), Some(Some("Köln".into())));
        assert!(valid_min_member_days(0) && valid_min_member_days(90));
        assert!(!valid_min_member_days(-1) && !valid_min_member_days(91));
        assert!(MemberState::Suspended.reads() && !MemberState::Pending.reads());
        assert!(MemberState::Invited.sees_coop() && !MemberState::Left.sees_coop());
    }
}
