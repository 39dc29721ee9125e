//! Safety alerts and their disputes (SPEC R6.4, R6.5; API.md "Safety alerts"): the closed
//! vocabularies of flags, dispute reasons and moderators' actions, and the limits of an alert.

/// An alert's text is short (R6.4).
pub const MAX_TEXT_CHARS: usize = 500;
/// A dispute's context (API.md).
pub const MAX_CONTEXT_CHARS: usize = 1000;
/// An alert lives 1 to 90 days, 14 unless the poster says otherwise (R6.4).
pub const MIN_DAYS: i64 = 1;
pub const MAX_DAYS: i64 = 90;
pub const DEFAULT_DAYS: i64 = 14;

vocabulary!(
    /// What an alert warns of (R6.4): closed, so an alert carries no free-text accusation
    /// beyond its short text.
    AlertFlag {
        Unsafe = "unsafe",
        Aggressive = "aggressive",
        BoundaryViolation = "boundary_violation",
        NonPayment = "non_payment",
        TimeWaster = "time_waster",
        Scam = "scam",
        Other = "other",
    }
);

vocabulary!(
    /// Why a member disputes an alert (R6.5).
    DisputeReason {
        Inaccurate = "inaccurate",
        PersonalDispute = "personal_dispute",
        CompetitiveSuppression = "competitive_suppression",
        Revenge = "revenge",
        PersonalData = "personal_data",
        Other = "other",
    }
);

vocabulary!(
    /// What a moderator decides about an alert (R6.5).
    AlertAction {
        Uphold = "uphold",
        Withdraw = "withdraw",
        SuspendPoster = "suspend_poster",
        Escalate = "escalate",
    }
);

vocabulary!(
    /// Live until it expires, unless a moderator withdraws it (R6.5). A dispute alone never
    /// hides an alert.
    AlertState { Live = "live", Withdrawn = "withdrawn" }
);

vocabulary!(
    /// Where an alert stands after moderation: what the poster and the disputers see on their
    /// dashboards (R6.5). A dispute alone never changes it.
    AlertOutcome {
        Upheld = "upheld",
        Withdrawn = "withdrawn",
        PosterSuspended = "poster_suspended",
        Escalated = "escalated",
    }
);

impl AlertAction {
    /// The outcome a decision records.
    pub fn outcome(self) -> AlertOutcome {
        match self {
            AlertAction::Uphold => AlertOutcome::Upheld,
            AlertAction::Withdraw => AlertOutcome::Withdrawn,
            AlertAction::SuspendPoster => AlertOutcome::PosterSuspended,
            AlertAction::Escalate => AlertOutcome::Escalated,
        }
    }
}

/// An alert's flags: 1 to 7, each once, kept in the vocabulary's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertFlags(Vec<AlertFlag>);

impl AlertFlags {
    /// The flags from the API's words; `None` for none, an unknown word or more than 7.
    pub fn parse<S: AsRef<str>>(words: &[S]) -> Option<AlertFlags> {
        if words.is_empty() || words.len() > AlertFlag::ALL.len() {
            return None;
        }
        let mut flags = Vec::with_capacity(words.len());
        for w in words {
            let f = AlertFlag::parse(w.as_ref())?;
            if !flags.contains(&f) {
                flags.push(f);
            }
        }
        flags.sort_by_key(|f| AlertFlag::ALL.iter().position(|a| a == f));
        Some(AlertFlags(flags))
    }

    /// As stored: the words joined by commas.
    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn from_stored(s: &str) -> Option<AlertFlags> {
        AlertFlags::parse(&s.split(',').collect::<Vec<_>>())
    }

    pub fn iter(&self) -> impl Iterator<Item = AlertFlag> + '_ {
        self.0.iter().copied()
    }
}

/// An alert's text: at most [`MAX_TEXT_CHARS`] characters after trimming; empty is none.
pub fn parse_text(raw: &str) -> Option<Option<String>> {
    bounded(raw, MAX_TEXT_CHARS)
}

/// A dispute's context: at most [`MAX_CONTEXT_CHARS`]; empty is none.
pub fn parse_context(raw: &str) -> Option<Option<String>> {
    bounded(raw, MAX_CONTEXT_CHARS)
}

fn bounded(raw: &str, max: usize) -> Option<Option<String>> {
    let t = raw.trim();
    if t.is_empty() {
        return Some(None);
    }
    (t.chars().count() <= max).then(|| Some(t.to_owned()))
}

/// The lifetime within 1 to 90 days (R6.4).
pub fn valid_days(days: i64) -> bool {
    (MIN_DAYS..=MAX_DAYS).contains(&days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r6_4_flags_are_closed_deduplicated_and_ordered() {
        let f = AlertFlags::parse(&["scam", "unsafe", "scam"]).unwrap();
        assert_eq!(f.to_stored(), "unsafe,scam");
        assert_eq!(AlertFlags::from_stored("unsafe,scam"), Some(f));
        assert!(AlertFlags::parse::<&str>(&[]).is_none());
        assert!(AlertFlags::parse(&["dangerous"]).is_none());
        assert!(AlertFlags::parse(&["Unsafe"]).is_none());
        let all: Vec<&str> = AlertFlag::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(AlertFlags::parse(&all).unwrap().iter().count(), 7);
        let mut eight = all.clone();
        eight.push("other");
        assert!(AlertFlags::parse(&eight).is_none());
    }

    #[test]
    fn r6_4_text_days_and_r6_5_context_are_bounded() {
        assert_eq!(parse_text("  "), Some(None));
        assert_eq!(parse_text(" hi "), Some(Some("hi".into())));
        assert!(parse_text(&"ä".repeat(500)).is_some());
        assert!(parse_text(&"ä".repeat(501)).is_none());
        assert!(parse_context(&"x".repeat(1000)).is_some());
        assert!(parse_context(&"x".repeat(1001)).is_none());
        assert!(valid_days(1) && valid_days(90) && valid_days(DEFAULT_DAYS));
        assert!(!valid_days(0) && !valid_days(91));
        for r in DisputeReason::ALL {
            assert_eq!(DisputeReason::parse(r.as_str()), Some(*r));
        }
        for a in AlertAction::ALL {
            assert_eq!(AlertAction::parse(a.as_str()), Some(*a));
            assert_eq!(AlertOutcome::parse(a.outcome().as_str()), Some(a.outcome()));
        }
    }
}
