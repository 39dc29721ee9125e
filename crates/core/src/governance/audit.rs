//! The closed vocabularies of the audit log (SPEC R7.10; API.md `GET /api/audit`): roles,
//! actions and the kinds of object acted on. Nothing else can be written to it.

vocabulary! {
    /// In which capacity someone acted.
    AuditRole {
        Member = "member",
        Security = "security",
        Disputes = "disputes",
        Governance = "governance",
        Moderator = "moderator",
        Operator = "operator",
    }
}

vocabulary! {
    /// What was done (API.md's list).
    AuditAction {
        CommitteeAdded = "committee_added",
        CommitteeRemoved = "committee_removed",
        StandingRecorded = "standing_recorded",
        ApprovalRequested = "approval_requested",
        ApprovalGiven = "approval_given",
        RatingsViewed = "ratings_viewed",
        RatingsExcluded = "ratings_excluded",
        ReputationRestored = "reputation_restored",
        MemberSuspended = "member_suspended",
        MemberReinstated = "member_reinstated",
        EmergencyRequested = "emergency_requested",
        EmergencyEnacted = "emergency_enacted",
        EmergencyReverted = "emergency_reverted",
        ParamsEnacted = "params_enacted",
        ProposalClosed = "proposal_closed",
        AlertModerated = "alert_moderated",
        CoopDissolved = "coop_dissolved",
        TransparencyRecorded = "transparency_recorded",
        DisputeAdvanced = "dispute_advanced",
    }
}

vocabulary! {
    /// What kind of thing the action was on; never which one's content.
    ObjectKind {
        Member = "member",
        Committee = "committee",
        Proposal = "proposal",
        Params = "params",
        Alert = "alert",
        Dispute = "dispute",
        Coop = "coop",
        Report = "report",
        Account = "account",
    }
}
