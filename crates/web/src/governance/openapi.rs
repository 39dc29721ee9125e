//! This area's part of the OpenAPI document (`crate::api::openapi` merges it): its operations,
//! the statuses each answers besides the common ones, and its enums and ranges.

use serde_json::{json, Value};
use utoipa::OpenApi;

use super::{api, disputes, flags, requests, transparency, two_person};

#[derive(OpenApi)]
#[openapi(
    paths(
        api::me,
        api::standing,
        api::create,
        api::list,
        api::one,
        api::comment,
        api::comments,
        api::ballot,
        api::candidacy,
        api::sign,
        api::receipts,
        api::roll,
        api::params,
        api::params_history,
        api::changelog,
        api::audit,
        two_person::emergency,
        two_person::approve_emergency,
        two_person::approve,
        requests::suspension,
        requests::restoration,
        requests::dissolution,
        requests::pending,
        disputes::open,
        disputes::list,
        disputes::one,
        disputes::advance,
        disputes::sign,
        disputes::ratings,
        disputes::exclusions,
        transparency::list,
        flags::list,
        transparency::record,
    ),
    components(schemas(
        api::MemberStandingBody,
        api::StandingBody,
        api::CreateProposal,
        api::ProposalBody,
        api::ParamChangeBody,
        api::ImpactBody,
        api::ResultBody,
        api::CommentInput,
        api::CommentBody,
        api::BallotBody,
        api::ReceiptBody,
        api::PetitionBody,
        api::CandidacyBody,
        api::PublishedBallot,
        api::RollBody,
        api::ParamsBody,
        api::ChangelogBody,
        api::AuditBody,
        two_person::EmergencyInput,
        two_person::ApprovalBody,
        two_person::EnactedBody,
        requests::SuspensionInput,
        requests::RestoreInput,
        requests::DissolutionInput,
        requests::PendingBody,
        disputes::DisputeInput,
        disputes::OpenedBody,
        disputes::CaseBody,
        disputes::AdvanceBody,
        disputes::DisputePetitionBody,
        disputes::PanelRatingBody,
        disputes::ExclusionInput,
        transparency::TransparencyBody,
        flags::FlagBody,
        flags::FlagRule,
        transparency::TransparencyInput,
    ))
)]
pub struct GovernanceDoc;

const NO_PROPOSAL: (&str, &str) = ("404", "not_found: no such proposal");
const NO_CASE: (&str, &str) = (
    "404",
    "not_found: no such case (or not hers to see: committee, parties and panel only)",
);

/// What each operation answers besides what every operation of its kind answers.
pub const SPECIFIC: &[(&str, &[(&str, &str)])] = &[
    ("get_member_me", &[("404", "not_found: the account is gone")]),
    (
        "record_standing",
        &[
            ("400", "invalid_input: paid_through is not YYYY-MM, or neither it nor waived"),
            ("403", "forbidden: not on the Governance committee"),
            ("404", "not_found: no such member"),
        ],
    ),
    (
        "create_proposal",
        &[
            (
                "400",
                "invalid_input: a text empty or too long, an unknown kind, or a parameter set that does not validate (fields names them)",
            ),
            ("403", "not_in_good_standing: only members in good standing propose (R7.1)"),
            ("404", "not_found: the account is gone"),
        ],
    ),
    ("get_proposal", &[NO_PROPOSAL]),
    ("list_proposals", &[("404", "not_found: the account is gone")]),
    (
        "comment_proposal",
        &[
            ("400", "invalid_input: body empty or over 4000 characters"),
            NO_PROPOSAL,
            ("409", "conflict: the proposal is closed"),
        ],
    ),
    ("list_proposal_comments", &[NO_PROPOSAL]),
    (
        "cast_ballot",
        &[
            ("400", "invalid_input: an unknown choice, or approvals of someone who does not stand"),
            ("403", "not_in_good_standing: not on the roll frozen when the vote opened"),
            NO_PROPOSAL,
            ("409", "not_voting: outside the voting phase; already_voted: one ballot per member"),
        ],
    ),
    (
        "stand_for_election",
        &[
            ("403", "not_in_good_standing"),
            NO_PROPOSAL,
            ("409", "conflict: not an election in its comment phase, or she stands already; term_limit: she has served three consecutive terms on this committee (R7.7)"),
        ],
    ),
    (
        "sign_recall_petition",
        &[
            ("403", "not_in_good_standing"),
            NO_PROPOSAL,
            ("409", "conflict: not a recall in its comment phase, or she signed already"),
        ],
    ),
    (
        "list_receipts",
        &[NO_PROPOSAL, ("409", "not_closed: published after the close")],
    ),
    (
        "get_voter_roll",
        &[NO_PROPOSAL, ("409", "not_closed: published after the close")],
    ),
    ("get_params", &[]),
    ("get_params_history", &[]),
    ("get_changelog", &[]),
    ("get_audit_log", &[("400", "invalid_input: before is not a whole number")]),
    (
        "request_emergency_change",
        &[
            ("400", "invalid_input: a parameter set that does not validate, or no reason (fields names them)"),
            ("403", "forbidden: not on the Security Committee"),
            ("404", "not_found: the account is gone"),
        ],
    ),
    (
        "approve_emergency_change",
        &[
            ("403", "forbidden: not on the Security Committee, or the requester herself"),
            ("404", "not_found: no such request"),
            ("409", "conflict: approved already"),
        ],
    ),
    (
        "approve",
        &[
            ("403", "forbidden: not authorised for this action, or the requester herself; recused: a party of the case"),
            ("404", "not_found: no such request"),
            ("409", "conflict: approved already"),
        ],
    ),
    (
        "request_suspension",
        &[
            ("400", "invalid_input: until not 1 to 365 days ahead, or a proposal that is not a passed operational, structural or constitutional vote"),
            ("403", "forbidden: not on the Governance committee; recused: her own account"),
            ("404", "not_found: no such account or proposal"),
            ("409", "not_closed: the vote has not closed; conflict: ending a suspension that is not in force"),
        ],
    ),
    (
        "request_restore",
        &[
            ("400", "invalid_input: no reason, or a new account of the other type"),
            ("403", "forbidden: not on the Dispute Resolution Committee; recused: her own account"),
            ("404", "not_found: no such restore code (unknown or used), or no such account"),
        ],
    ),
    (
        "request_dissolution",
        &[
            ("400", "invalid_input: no reason, or one over 2000 characters"),
            ("403", "forbidden: not a moderator of the coop, or a buyer"),
            ("404", "not_found: no such coop for her"),
        ],
    ),
    ("list_approvals", &[("403", "forbidden: buyers"), ("404", "not_found: the account is gone")]),
    (
        "open_dispute",
        &[
            ("400", "invalid_input: an unknown kind, a report without buyer, an escalation without alert, or a context over 4000 characters"),
            ("403", "forbidden: a buyer's report or escalation, a seller's appeal, or an alert she does not moderate; recused: she posted or disputed the alert"),
            ("404", "not_found: no such buyer or alert, or the account is gone"),
            ("409", "conflict: the alert has a case already, or moved meanwhile"),
        ],
    ),
    ("list_disputes", &[("404", "not_found: the account is gone")]),
    ("list_transparency_reports", &[]),
    (
        "list_abuse_flags",
        &[
            ("403", "forbidden: not on the Security Committee, or a buyer"),
            ("404", "not_found: the account is gone"),
        ],
    ),
    (
        "record_transparency_report",
        &[
            ("400", "invalid_input: a year before 2020 or not yet begun, a count out of range, answers outnumbering requests, or no summary (fields names them)"),
            ("403", "forbidden: not on the Governance committee"),
            ("404", "not_found: the account is gone"),
        ],
    ),
    ("get_dispute", &[NO_CASE]),
    (
        "advance_dispute",
        &[
            ("400", "invalid_input: an unknown stage or outcome, closing without outcome, arbitration without a panel of three distinct committee members"),
            ("403", "forbidden: not on the Dispute Resolution Committee; recused: she or a panel member is a party"),
            NO_CASE,
            ("409", "conflict: not the next stage, a petition short of 10 signatures, or an outcome that does not match the enacted exclusions"),
        ],
    ),
    (
        "sign_dispute_petition",
        &[
            ("403", "not_in_good_standing, or forbidden for buyers"),
            NO_CASE,
            ("409", "conflict: the case is not in arbitration, or she signed already"),
        ],
    ),
    (
        "list_dispute_ratings",
        &[
            ("403", "forbidden: not on the case's panel"),
            NO_CASE,
            ("409", "conflict: the case is closed or concerns no buyer"),
        ],
    ),
    (
        "request_exclusion",
        &[
            ("400", "invalid_input: no ratings, or one that is not among the buyer's counted ratings"),
            ("403", "forbidden: not on the case's panel"),
            NO_CASE,
            ("409", "conflict: the case is closed or concerns no buyer"),
        ],
    ),
];

/// The enums and ranges of this area's schemas.
pub fn constraints() -> Vec<(&'static str, &'static str, Value)> {
    let kind = json!({"type": "string", "enum": ["operational", "structural", "algorithm",
        "constitutional", "election", "recall", "rollback"]});
    let committee =
        json!({"type": ["string", "null"], "enum": ["security", "disputes", "governance", null]});
    let day = json!({"type": "string", "format": "date"});
    let stage = json!({"type": "string",
        "enum": ["mediation", "arbitration", "membership_vote", "closed"]});
    let text = json!({"type": "string", "minLength": 1, "maxLength": 20000});
    let count = json!({"type": "integer", "minimum": 0, "maximum": 1_000_000});
    fn vocab(words: Vec<&'static str>) -> Value {
        json!({"type": "string", "enum": words})
    }
    use tessera_core::governance::{AuditAction, AuditRole, ObjectKind};
    let reason = json!({"type": "string", "minLength": 1, "maxLength": 2000, "pattern": "\\S"});
    let name = json!({"type": "string", "minLength": 1, "maxLength": 200});
    vec![
        (
            "AuditBody",
            "action",
            vocab(AuditAction::ALL.iter().map(|a| a.as_str()).collect()),
        ),
        (
            "AuditBody",
            "role",
            vocab(AuditRole::ALL.iter().map(|a| a.as_str()).collect()),
        ),
        (
            "AuditBody",
            "object_kind",
            vocab(ObjectKind::ALL.iter().map(|a| a.as_str()).collect()),
        ),
        (
            "PendingBody",
            "kind",
            json!({"type": "string", "enum": ["emergency", "exclusion", "suspension", "restore", "dissolution"]}),
        ),
        ("PendingBody", "requested_on", day.clone()),
        (
            "SuspensionInput",
            "until",
            json!({"type": ["string", "null"], "format": "date"}),
        ),
        ("EnactedBody", "until", day.clone()),
        ("CreateProposal", "kind", kind.clone()),
        ("ProposalBody", "kind", kind),
        (
            "CreateProposal",
            "title",
            json!({"type": "string", "minLength": 1, "maxLength": 200}),
        ),
        ("CreateProposal", "specification", text.clone()),
        ("CreateProposal", "rationale", text.clone()),
        ("CreateProposal", "risks", text.clone()),
        ("CreateProposal", "alternatives", text),
        ("CreateProposal", "committee", committee),
        (
            "CreateProposal",
            "seats",
            json!({"type": ["integer", "null"], "minimum": 1, "maximum": 15}),
        ),
        (
            "ProposalBody",
            "phase",
            json!({"type": "string", "enum": ["comment", "voting", "closed"]}),
        ),
        (
            "ProposalBody",
            "threshold",
            json!({"type": "string", "enum": ["majority", "two_thirds", "approval"]}),
        ),
        ("ProposalBody", "opened_on", day.clone()),
        ("ProposalBody", "vote_from", day.clone()),
        ("ProposalBody", "vote_until", day.clone()),
        (
            "BallotBody",
            "choice",
            json!({"type": "string", "enum": ["yes", "no", "abstain"]}),
        ),
        (
            "BallotBody",
            "approve",
            json!({"type": "array", "items": {"type": "string"}}),
        ),
        (
            "CommentInput",
            "body",
            json!({"type": "string", "minLength": 1, "maxLength": 4000}),
        ),
        (
            "StandingBody",
            "paid_through",
            json!({"type": ["string", "null"], "pattern": "^[2-9][0-9]{3}-(0[1-9]|1[0-2])$"}),
        ),
        (
            "MemberStandingBody",
            "standing",
            json!({"type": "string", "enum": ["new", "paid", "waived", "lapsed", "suspended"]}),
        ),
        (
            "MemberStandingBody",
            "committees",
            json!({"type": "array", "items": {"type": "string", "enum": ["security", "disputes", "governance"]}}),
        ),
        ("ParamsBody", "enacted_on", day.clone()),
        ("CommentBody", "on", day.clone()),
        (
            "DisputeInput",
            "kind",
            json!({"type": "string", "enum": ["appeal", "report", "alert"]}),
        ),
        (
            "DisputeInput",
            "context",
            json!({"type": ["string", "null"], "maxLength": 4000}),
        ),
        (
            "CaseBody",
            "kind",
            json!({"type": "string", "enum": ["appeal", "report", "alert"]}),
        ),
        ("CaseBody", "stage", stage.clone()),
        ("OpenedBody", "stage", stage),
        (
            "CaseBody",
            "outcome",
            json!({"type": ["string", "null"], "enum": ["no_change", "ratings_excluded", null]}),
        ),
        ("CaseBody", "opened_on", day.clone()),
        (
            "AdvanceBody",
            "to",
            json!({"type": "string", "enum": ["arbitration", "membership_vote", "closed"]}),
        ),
        (
            "AdvanceBody",
            "outcome",
            json!({"type": ["string", "null"], "enum": ["no_change", "ratings_excluded", null]}),
        ),
        (
            "AdvanceBody",
            "panel",
            json!({"type": ["array", "null"], "items": {"type": "string"}, "minItems": 3, "maxItems": 3}),
        ),
        ("PanelRatingBody", "day", day.clone()),
        ("TransparencyBody", "recorded_on", day),
        ("TransparencyInput", "received", count.clone()),
        ("TransparencyInput", "disclosed", count.clone()),
        ("TransparencyInput", "refused", count.clone()),
        ("TransparencyInput", "notified", count),
        (
            "TransparencyInput",
            "summary",
            json!({"type": "string", "minLength": 1, "maxLength": 4000}),
        ),
        (
            "ExclusionInput",
            "ratings",
            json!({"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 1000}),
        ),
        // A reason must say something: all spaces is no reason (trimmed before it is kept).
        ("EmergencyInput", "reason", reason.clone()),
        ("DissolutionInput", "reason", reason.clone()),
        ("RestoreInput", "reason", reason),
        ("RestoreInput", "code", name.clone()),
        ("RestoreInput", "account", name.clone()),
        ("SuspensionInput", "account", name.clone()),
        ("SuspensionInput", "proposal", name),
        (
            "AdvanceBody",
            "motion",
            json!({"type": ["string", "null"], "maxLength": 20000}),
        ),
    ]
}

/// Bodies that take one of two shapes: a ballot is a choice or, for elections, approvals; a
/// standing record is "paid through" or "waived" (API.md).
pub fn shapes(schemas: &mut serde_json::Map<String, Value>) {
    if let Some(Value::Object(ballot)) = schemas.get_mut("BallotBody") {
        ballot.insert(
            "oneOf".into(),
            json!([
                {"required": ["choice"], "not": {"required": ["approve"]}},
                {"required": ["approve"], "not": {"required": ["choice"]}}
            ]),
        );
    }
    // A case is opened in one of three shapes (API.md "Disputes"): a report names its buyer,
    // an escalation its alert.
    if let Some(Value::Object(case)) = schemas.get_mut("DisputeInput") {
        case.insert(
            "oneOf".into(),
            json!([
                {"properties": {"kind": {"const": "appeal"}}},
                {"properties": {"kind": {"const": "report"}, "buyer": {"type": "string"}},
                 "required": ["buyer"]},
                {"properties": {"kind": {"const": "alert"}, "alert": {"type": "string"}},
                 "required": ["alert"]}
            ]),
        );
    }
    // Arbitration names its panel, closing its outcome, a membership vote neither.
    if let Some(Value::Object(advance)) = schemas.get_mut("AdvanceBody") {
        advance.insert(
            "oneOf".into(),
            json!([
                {"properties": {"to": {"const": "arbitration"}, "panel": {"type": "array"},
                    "outcome": {"type": "null"}}, "required": ["panel"]},
                {"properties": {"to": {"const": "closed"}, "outcome": {"type": "string"},
                    "panel": {"type": "null"}}, "required": ["outcome"]},
                {"properties": {"to": {"const": "membership_vote"}, "outcome": {"type": "null"},
                    "panel": {"type": "null"}}}
            ]),
        );
    }
    if let Some(Value::Object(standing)) = schemas.get_mut("StandingBody") {
        standing.insert(
            "oneOf".into(),
            json!([
                {"required": ["paid_through"],
                 "properties": {"paid_through": {"type": "string"}, "waived": {"enum": [false, null]}}},
                {"required": ["waived"],
                 "properties": {"waived": {"const": true}, "paid_through": {"type": "null"}}}
            ]),
        );
    }
}
