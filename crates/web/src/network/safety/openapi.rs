//! This area's part of the OpenAPI document (`crate::api::openapi` merges it): its operations,
//! the statuses each answers besides the common ones, and its enums and ranges.

use serde_json::{json, Value};
use utoipa::OpenApi;

use super::api;

#[derive(OpenApi)]
#[openapi(paths(
    api::ask_buddy,
    api::accept_buddy,
    api::end_buddy,
    api::list_buddies,
    api::put_watch,
    api::get_watch,
    api::put_checkin_pin,
    api::put_duress_pin,
    api::start_checkin,
    api::list_checkins,
    api::safe,
    api::extend,
    api::panic,
    api::list_alarms,
    api::ack_alarm,
    api::close_alarm,
))]
pub struct SafetyDoc;

const SELLERS: (&str, &str) = ("403", "forbidden: not a seller");
const BUSY: &str = "unavailable: every password-hashing slot is taken; see Retry-After";
const PIN: &[(&str, &str)] = &[
    (
        "400",
        "invalid_input: not 4 to 8 digits, or the same as the other PIN",
    ),
    (
        "403",
        "reauthentication_failed: wrong password (R2.10); forbidden: not a seller",
    ),
    (
        "409",
        "conflict: the PINs were changed at the same moment; try again",
    ),
    (
        "429",
        "rate_limited: throttled after 10 failed attempts in 15 minutes, or the per-address limit",
    ),
    ("503", BUSY),
];
const ALARM: &[(&str, &str)] = &[
    SELLERS,
    (
        "404",
        "not_found: no alarm of a seller the caller watches over",
    ),
];

/// What each operation answers besides what every operation of its kind answers.
pub const SPECIFIC: &[(&str, &[(&str, &str)])] = &[
    (
        "ask_buddy",
        &[
            ("400", "invalid_input: herself"),
            SELLERS,
            ("404", "not_found: no seller has this pseudonym"),
            (
                "409",
                "too_many_buddies: 5 pending or active; conflict: asked already",
            ),
        ],
    ),
    (
        "accept_buddy",
        &[SELLERS, ("404", "not_found: no request from this seller")],
    ),
    (
        "end_buddy",
        &[
            ("400", "invalid_input: direction is watches_me or i_watch"),
            SELLERS,
            ("404", "not_found: no such buddy"),
        ],
    ),
    ("list_buddies", &[SELLERS]),
    (
        "set_watch",
        &[
            ("400", "invalid_input: until is in the past or more than 12 hours ahead"),
            SELLERS,
        ],
    ),
    ("get_watch", &[SELLERS]),
    ("set_checkin_pin", PIN),
    ("set_duress_pin", PIN),
    (
        "start_checkin",
        &[
            ("400", "invalid_input: minutes out of 15..720, or a note over 1000 characters"),
            SELLERS,
            ("404", "not_found: no buyer has this pseudonym"),
            ("409", "conflict: a check-in is open already"),
        ],
    ),
    ("list_checkins", &[SELLERS]),
    (
        "checkin_safe",
        &[
            SELLERS,
            ("404", "not_found: no such open check-in"),
            (
                "422",
                "pin_invalid: a wrong PIN, or none when a check-in PIN is set; the check-in stays open",
            ),
            ("503", BUSY),
        ],
    ),
    (
        "checkin_extend",
        &[
            SELLERS,
            ("404", "not_found: no such open check-in"),
            ("409", "no_extensions_left: extended 4 times"),
        ],
    ),
    ("panic", &[SELLERS]),
    ("list_alarms", &[SELLERS]),
    ("ack_alarm", ALARM),
    ("close_alarm", ALARM),
];

/// The enums and ranges of this area's schemas.
pub fn constraints() -> Vec<(&'static str, &'static str, Value)> {
    let time = json!({"type": "string", "format": "date-time"});
    let opt_time = json!({"type": ["string", "null"], "format": "date-time"});
    vec![
        (
            "BuddyBody",
            "direction",
            json!({"type": "string", "enum": ["watches_me", "i_watch"]}),
        ),
        (
            "BuddyBody",
            "state",
            json!({"type": "string", "enum": ["pending", "active"]}),
        ),
        (
            "AskBuddy",
            "seller",
            json!({"type": "string", "minLength": 1, "maxLength": 64}),
        ),
        ("WatchUpdate", "until", opt_time.clone()),
        ("WatchSet", "until", opt_time.clone()),
        ("WatchBody", "my_watch_until", opt_time.clone()),
        (
            "PinUpdate",
            "pin",
            json!({"type": ["string", "null"], "pattern": "^[0-9]{4,8}$"}),
        ),
        (
            "StartCheckin",
            "minutes",
            json!({"type": "integer", "minimum": 15, "maximum": 720}),
        ),
        (
            "StartCheckin",
            "note",
            json!({"type": ["string", "null"], "maxLength": 1000}),
        ),
        ("CheckinBody", "due_at", time.clone()),
        (
            "CheckinBody",
            "state",
            json!({"type": "string", "enum": ["open"]}),
        ),
        (
            "Ended",
            "state",
            json!({"type": "string", "enum": ["ended"]}),
        ),
        (
            "Saved",
            "status",
            json!({"type": "string", "enum": ["saved"]}),
        ),
        ("Extended", "due_at", time.clone()),
        (
            "AlarmBody",
            "kind",
            json!({"type": "string", "enum": ["missed_checkin", "panic", "duress"]}),
        ),
        (
            "AlarmBody",
            "state",
            json!({"type": "string", "enum": ["open", "closed"]}),
        ),
        ("AlarmBody", "raised_at", time),
        ("AlarmBody", "checked_in_late_at", opt_time),
    ]
}
