//! This area's part of the OpenAPI document (`crate::api::openapi` merges it): its operations,
//! the statuses each answers besides the common ones, and its enums and ranges.

use serde_json::{json, Value};
use utoipa::OpenApi;

use super::api;

#[derive(OpenApi)]
#[openapi(
    paths(
        api::create,
        api::list,
        api::dispute,
        api::coop_queue,
        api::committee_queue,
        api::moderate,
    ),
    components(schemas(
        api::AlertBody,
        api::CreateAlert,
        api::CreateDispute,
        api::DisputeBody,
        api::QueueEntry,
        api::Moderation,
    ))
)]
pub struct AlertsDoc;

const SELLERS: (&str, &str) = ("403", "forbidden: not a seller");
const NO_ALERT: (&str, &str) = (
    "404",
    "not_found: no such live alert for the caller (unknown, expired, withdrawn, or in a coop she is not in)",
);

/// What each operation answers besides what every operation of its kind answers.
pub const SPECIFIC: &[(&str, &[(&str, &str)])] = &[
    (
        "create_alert",
        &[
            (
                "400",
                "invalid_input: flags, text, days out of range, or anonymous in a coop that does not allow it",
            ),
            (
                "403",
                "forbidden: not a seller; not_allowed_yet: before min_member_days of membership, or while suspended",
            ),
            ("404", "not_found: no such coop for the caller, or no such buyer"),
            (
                "422",
                "contact_details: \"This text looks like it contains contact details. Remove them, or post as it is?\" (post again with confirm_contact_details: true)",
            ),
        ],
    ),
    ("list_alerts", &[SELLERS]),
    (
        "dispute_alert",
        &[
            ("400", "invalid_input: an unknown reason, or context over 1000 characters"),
            ("403", "forbidden: not a seller, or a suspended member of the alert's coop"),
            NO_ALERT,
            ("409", "conflict: she disputed this alert already"),
        ],
    ),
    (
        "coop_alert_queue",
        &[
            ("403", "forbidden: not a seller, or not a moderator of this coop"),
            ("404", "not_found: no such coop for the caller (R6.2)"),
        ],
    ),
    (
        "committee_alert_queue",
        &[(
            "403",
            "forbidden: not a seller, or not on the Dispute Resolution Committee",
        )],
    ),
    (
        "moderate_alert",
        &[
            ("400", "invalid_input: an unknown action"),
            (
                "403",
                "recused: she posted or disputed the alert; forbidden: not a seller, or she does not moderate it",
            ),
            NO_ALERT,
            (
                "409",
                "conflict: the alert was withdrawn or escalated meanwhile, or the committee cannot escalate to itself",
            ),
        ],
    ),
];

/// The enums and ranges of this area's schemas.
pub fn constraints() -> Vec<(&'static str, &'static str, Value)> {
    let flags = json!({"type": "array", "minItems": 1, "maxItems": 7,
        "items": {"type": "string", "enum": ["unsafe", "aggressive", "boundary_violation",
            "non_payment", "time_waster", "scam", "other"]}});
    let reason = json!({"type": "string", "enum": ["inaccurate", "personal_dispute",
        "competitive_suppression", "revenge", "personal_data", "other"]});
    let day = json!({"type": "string", "format": "date"});
    vec![
        ("CreateAlert", "flags", flags.clone()),
        ("AlertBody", "flags", flags),
        (
            "CreateAlert",
            "text",
            json!({"type": ["string", "null"], "maxLength": 500}),
        ),
        (
            "CreateAlert",
            "days",
            json!({"type": ["integer", "null"], "minimum": 1, "maximum": 90,
                   "description": "default 14 (R6.4)"}),
        ),
        (
            "AlertBody",
            "state",
            json!({"type": "string", "enum": ["live", "withdrawn"]}),
        ),
        ("AlertBody", "posted_on", day.clone()),
        ("AlertBody", "expires_on", day.clone()),
        ("CreateDispute", "reason", reason.clone()),
        ("DisputeBody", "reason", reason),
        (
            "CreateDispute",
            "context",
            json!({"type": ["string", "null"], "maxLength": 1000}),
        ),
        ("DisputeBody", "on", day),
        (
            "Moderation",
            "action",
            json!({"type": "string", "enum": ["uphold", "withdraw", "suspend_poster", "escalate"]}),
        ),
    ]
}
