//! `GET /api/openapi.json`: the OpenAPI 3 document, generated from the handlers' annotations and
//! then made exact (issue 10 part 4) in one place, [`refine`]: every status an operation can
//! answer, with the error shape of API.md; the session and CSRF requirements; the enums,
//! lengths and ranges the service enforces; and "at least one of safe/reliable". A tool that
//! generates requests from the document (schemathesis, `tests/schemathesis/run.sh`) then finds
//! the service and the document in agreement.

use std::sync::OnceLock;

use serde_json::{json, Map, Value};
use utoipa::OpenApi;

use super::{accounts, invitations, rating_sellers, screening, session};
use crate::network::coops;
use crate::network::messages;
use crate::screening::links as screening_links;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tessera API",
        description = "The JSON API of Tessera (see API.md)."
    ),
    paths(
        accounts::create,
        accounts::pow_challenge,
        accounts::delete,
        accounts::end_other_sessions,
        accounts::get_settings,
        accounts::put_settings,
        session::login,
        session::current,
        session::logout,
        invitations::create,
        screening::reputation,
        screening::submit,
        screening::history,
        screening::report,
        screening::generate,
        screening::code_history,
        screening::invalidate,
        screening::seller_me,
        rating_sellers::verify_code,
        rating_sellers::submit_rating,
        rating_sellers::buyer_me,
        rating_sellers::profile,
        screening_links::create,
        screening_links::lookup,
        messages::create,
        messages::list,
        messages::accept,
        messages::send,
        messages::messages,
        coops::create,
        coops::list,
        coops::one,
        coops::invite,
        coops::link,
        coops::request,
        coops::join,
        coops::leave,
        coops::members,
        coops::moderate,
    ),
    components(schemas(
        accounts::CreateAccount,
        accounts::Created,
        accounts::PowChallenge,
        accounts::Reauthentication,
        accounts::DeleteInput,
        accounts::RestoreCodeBody,
        accounts::Screening,
        accounts::SettingsBody,
        accounts::SettingsUpdate,
        session::Login,
        session::SessionBody,
        invitations::Invitation,
        screening_links::ScreeningLinkBody,
        messages::NewThreadBody,
        messages::ThreadBody,
        messages::NewMessageBody,
        messages::SentBody,
        messages::MessageBody,
        coops::CoopBody,
        coops::CreateCoop,
        coops::InviteSeller,
        coops::Invited,
        coops::CoopLinkBody,
        coops::MemberBody,
        coops::Moderate,
    ))
)]
pub struct ApiDoc;

/// Operations that need no session (API.md: sign-up, login, the public profile).
const PUBLIC: &[&str] = &[
    "create_account",
    "get_pow_challenge",
    "login",
    "get_seller_profile",
    "get_params",
    "get_params_history",
    "get_changelog",
    "list_transparency_reports",
];

/// ASVS 15.2.2: the operations that run Argon2 answer 503 when every slot stays taken.
const BUSY: &str = "unavailable: every password-hashing slot is taken; see Retry-After";
/// R2.9, ASVS 6.3.4: re-authentication counts against the login throttle.
const THROTTLED: &str =
    "rate_limited: throttled after 10 failed attempts in 15 minutes, or the per-address limit";

/// What each operation answers besides what every operation of its kind answers (see
/// [`refine`]): the area's own refusals, as the handlers' error mappings give them.
const SPECIFIC: &[(&str, &[(&str, &str)])] = &[
    (
        "create_account",
        &[
            (
                "400",
                "invalid_input: a bad pseudonym or a weak password (the message says why)",
            ),
            ("403", "invitation_invalid or proof_of_work_required"),
            ("409", "conflict: the pseudonym is taken"),
            ("503", BUSY),
        ],
    ),
    (
        "login",
        &[
            ("401", "invalid_credentials, the same for every failure"),
            (
                "429",
                "throttled after 10 failures in 15 minutes, or the per-address limit",
            ),
            ("503", BUSY),
        ],
    ),
    (
        "delete_account",
        &[
            (
                "403",
                "reauthentication_failed: wrong password, or with TOTP on a missing or wrong code (R2.10, ASVS 7.5.1)",
            ),
            ("429", THROTTLED),
            ("503", BUSY),
        ],
    ),
    (
        "end_other_sessions",
        &[
            (
                "403",
                "reauthentication_failed: wrong password, or with TOTP on a missing or wrong code (R2.10, ASVS 7.5.1)",
            ),
            ("429", THROTTLED),
            ("503", BUSY),
        ],
    ),
    (
        "update_settings",
        &[("400", "invalid_input: a value out of range")],
    ),
    (
        "create_invitation",
        &[
            ("403", "forbidden: not a seller"),
            ("409", "too_many_invitations: 3 are open"),
        ],
    ),
    (
        "get_buyer_reputation",
        &[
            ("403", "forbidden: not a seller"),
            ("404", "not_found: no buyer has this pseudonym"),
            ("429", "rate_limited: past the lookup limit"),
        ],
    ),
    (
        "rate_buyer",
        &[
            ("400", "invalid_input: no flag, or a day out of range"),
            ("403", "forbidden: not a seller"),
            ("404", "not_found: no buyer has this pseudonym"),
            ("409", "conflict: a dispute excluded her rating of him for this day (R7.8)"),
        ],
    ),
    (
        "get_buyer_history",
        &[("403", "forbidden: not a seller"), ("404", "not_found")],
    ),
    (
        "report_buyer",
        &[("403", "forbidden: not a seller"), ("404", "not_found")],
    ),
    (
        "generate_code",
        &[
            ("403", "forbidden: not a seller"),
            ("404", "not_found: the buyer to bind it to does not exist"),
            ("409", "too_many_active_codes"),
        ],
    ),
    ("get_code_history", &[("403", "forbidden: not a seller")]),
    ("invalidate_codes", &[("403", "forbidden: not a seller")]),
    (
        "get_own_seller_reputation",
        &[("403", "forbidden: not a seller")],
    ),
    (
        "verify_code",
        &[
            ("403", "forbidden: not a buyer"),
            ("404", "not_found: no such seller"),
            ("409", "code_already_used"),
            ("422", "code_invalid_or_expired"),
            ("429", "too_many_attempts"),
        ],
    ),
    (
        "rate_seller",
        &[
            ("403", "forbidden: not a buyer"),
            ("404", "not_found: no such seller"),
            ("409", "code_already_used"),
            ("422", "code_invalid_or_expired"),
            ("429", "too_many_attempts"),
        ],
    ),
    (
        "get_own_buyer_reputation",
        &[("403", "forbidden: not a buyer")],
    ),
    (
        "get_seller_profile",
        &[("404", "not_found: no member has this pseudonym")],
    ),
    (
        "create_screening_link",
        &[
            ("403", "forbidden: not a buyer"),
            ("409", "too_many_open_links: 20 are open"),
        ],
    ),
    (
        "create_thread",
        &[
            ("400", "invalid_input: kind, members, title or expiry_days out of range"),
            ("403", "forbidden: not a seller"),
            ("404", "not_found: no seller has a pseudonym named in members, or no such coop"),
        ],
    ),
    ("list_threads", &[("403", "forbidden: not a seller")]),
    (
        "accept_thread",
        &[("403", "forbidden: not a seller"), ("404", "not_found: not a thread of hers")],
    ),
    (
        "send_message",
        &[
            ("400", "invalid_input: body of 1 to 4000 characters, expiry_days 1 to 90"),
            ("403", "forbidden: not a seller, or a group thread not accepted yet"),
            ("404", "not_found: not a thread of hers"),
        ],
    ),
    (
        "read_messages",
        &[
            ("403", "forbidden: not a seller, or a group thread not accepted yet"),
            ("404", "not_found: not a thread of hers"),
        ],
    ),
    (
        "lookup_by_screening_code",
        &[
            ("403", "forbidden: not a seller"),
            ("404", "not_found: unknown, used or expired (R4.11)"),
            ("429", "rate_limited: past the lookup limit"),
        ],
    ),
    (
        "create_coop",
        &[
            ("400", "invalid_input: a name, kind, scope or min_member_days out of range"),
            ("403", "forbidden: not a seller"),
        ],
    ),
    ("list_coops", &[("403", "forbidden: not a seller")]),
    (
        "get_coop",
        &[("403", "forbidden: not a seller"), ("404", COOP_NOT_FOUND)],
    ),
    (
        "invite_to_coop",
        &[
            ("403", "forbidden: not a seller, or not a member in good standing"),
            ("404", "not_found: no such coop for the caller, or no seller with this pseudonym"),
            ("409", "conflict: already invited, pending or a member; or she left while suspended and only a moderator may invite her back"),
        ],
    ),
    (
        "create_coop_link",
        &[
            ("403", "forbidden: not a seller, or not a moderator"),
            ("404", COOP_NOT_FOUND),
        ],
    ),
    (
        "request_coop",
        &[
            ("403", "forbidden: not a seller"),
            ("404", "not_found: unknown or expired link"),
            ("409", "conflict: already invited, a member or suspended"),
        ],
    ),
    (
        "join_coop",
        &[
            ("403", "forbidden: not a seller"),
            ("404", "not_found: no invitation (as if the coop did not exist)"),
            ("409", "conflict: already a member"),
        ],
    ),
    (
        "leave_coop",
        &[("403", "forbidden: not a seller"), ("404", COOP_NOT_FOUND)],
    ),
    (
        "list_coop_members",
        &[
            ("403", "forbidden: not a seller"),
            ("404", "not_found: not a member of this coop (invited and pending sellers included)"),
        ],
    ),
    (
        "moderate_coop_member",
        &[
            ("400", "invalid_input: an unknown action"),
            ("403", "forbidden: not a seller, or not a moderator"),
            ("404", "not_found: no such coop for the caller, or the seller is not in it"),
            ("409", "conflict: her state does not allow this action"),
        ],
    ),
];

/// A coop the caller has no place in answers as if it did not exist (R6.2).
const COOP_NOT_FOUND: &str =
    "not_found: no such coop for the caller (unknown, never hers, or left: R6.2)";

/// No control character (Rust's `char::is_control`: C0, DEL and C1).
const NO_CONTROL: &str = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";
/// A label (R6.2): no control character, and something besides white space.
const LABEL: &str = "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*$";

/// Properties the service requires although their Rust field is optional (so a missing one
/// is answered with the field's own message).
const REQUIRED: &[(&str, &[&str])] = &[("StartCheckin", &["minutes"])];

/// Query parameters the service requires, with their closed vocabularies.
const QUERY: &[(&str, &str, &[&str])] = &[("end_buddy", "direction", &["watches_me", "i_watch"])];

/// The closed vocabularies and ranges the service enforces, by schema and property.
fn constraints() -> Vec<(&'static str, &'static str, Value)> {
    let account_type = json!({"type": "string", "enum": ["buyer", "seller"]});
    let expiry = json!({"type": ["integer", "null"], "minimum": 1, "maximum": 90});
    let member_state = json!({"type": "string",
        "enum": ["invited", "pending", "member", "suspended", "left"]});
    vec![
        (
            "NewThreadBody",
            "kind",
            json!({"type": "string", "enum": ["direct", "group", "coop"]}),
        ),
        (
            "NewThreadBody",
            "title",
            json!({"type": ["string", "null"], "maxLength": 100}),
        ),
        (
            "NewThreadBody",
            "members",
            json!({"type": ["array", "null"], "items": {"type": "string"}, "maxItems": 50}),
        ),
        ("NewThreadBody", "expiry_days", expiry.clone()),
        ("NewMessageBody", "expiry_days", expiry),
        (
            "NewMessageBody",
            "body",
            json!({"type": "string", "minLength": 1, "maxLength": 4000}),
        ),
        (
            "ThreadBody",
            "kind",
            json!({"type": "string", "enum": ["direct", "group", "coop"]}),
        ),
        (
            "ThreadBody",
            "state",
            json!({"type": "string", "enum": ["invited", "active"]}),
        ),
        (
            "CreateAccount",
            "pseudonym",
            json!({"type": "string", "minLength": 3, "maxLength": 32,
                   "description": "3 to 32 letters, digits, '.', '_' or '-' (R2.2)"}),
        ),
        (
            "CreateAccount",
            "password",
            json!({"type": "string", "minLength": 12, "maxLength": 128,
                   "description": "At least 12 characters and not easy to guess (R2.4): a weak one is refused with 400."}),
        ),
        ("CreateAccount", "account_type", account_type.clone()),
        ("Created", "account_type", account_type.clone()),
        ("SessionBody", "account_type", account_type),
        (
            "SettingsUpdate",
            "language",
            json!({"type": ["string", "null"], "enum": ["auto", "en", "de", "", null],
                   "description": "\"auto\" (or \"\") for the browser's choice"}),
        ),
        (
            "SettingsBody",
            "language",
            json!({"type": ["string", "null"], "enum": ["en", "de", null]}),
        ),
        (
            "SettingsUpdate",
            "preset",
            json!({"type": ["string", "null"], "enum": ["cautious", "moderate", "open", null],
                   "description": "Instead of `screening` (charter 11.9)"}),
        ),
        (
            "SettingsUpdate",
            "message_expiry_days",
            json!({"type": ["integer", "null"], "minimum": 1, "maximum": 90}),
        ),
        (
            "Screening",
            "min_trust",
            json!({"type": ["number", "null"], "minimum": 0, "maximum": 1}),
        ),
        (
            "Screening",
            "min_ratings",
            json!({"type": ["integer", "null"], "minimum": 0, "maximum": 10000}),
        ),
        (
            "Screening",
            "max_unsafe",
            json!({"type": ["integer", "null"], "minimum": 0, "maximum": 10000}),
        ),
        (
            "RateBuyer",
            "day",
            json!({"type": ["string", "null"], "format": "date",
                   "description": "YYYY-MM-DD, default today, at most 90 days back (R4.2)"}),
        ),
        (
            "ReputationBody",
            "band",
            json!({"type": "string", "enum": ["high", "moderate", "low", "unknown"]}),
        ),
        (
            "CodeHistoryItem",
            "status",
            json!({"type": "string", "enum": ["unused", "used", "expired"]}),
        ),
        (
            "CreateCoop",
            "kind",
            json!({"type": "string", "enum": ["regional", "agency", "vertical", "private"]}),
        ),
        (
            "CoopBody",
            "kind",
            json!({"type": "string", "enum": ["regional", "agency", "vertical", "private"]}),
        ),
        (
            "CreateCoop",
            "name",
            json!({"type": "string", "minLength": 1, "maxLength": 80, "pattern": LABEL,
                   "description": "1 to 80 characters after trimming, no control characters"}),
        ),
        (
            "CreateCoop",
            "scope",
            json!({"type": ["string", "null"], "maxLength": 80, "pattern": NO_CONTROL,
                   "description": "free text such as a city, no control characters; empty for none"}),
        ),
        (
            "CreateCoop",
            "min_member_days",
            json!({"type": ["integer", "null"], "minimum": 0, "maximum": 90,
                   "description": "default 7 (R6.2)"}),
        ),
        ("CoopBody", "state", member_state.clone()),
        ("MemberBody", "state", member_state.clone()),
        ("Invited", "state", member_state),
        (
            "Moderate",
            "action",
            json!({"type": "string", "enum": ["approve", "suspend", "reinstate", "make_moderator"]}),
        ),
        (
            "MemberBody",
            "since",
            json!({"type": "string", "format": "date"}),
        ),
        (
            "CoopLinkBody",
            "expires_on",
            json!({"type": "string", "format": "date"}),
        ),
        (
            "SubmitRating",
            "listing_accuracy",
            json!({"type": "string", "enum": ["accurate", "minor_deviation", "significant_deviation"]}),
        ),
        (
            "SubmitRating",
            "punctuality",
            json!({"type": "string", "enum": ["on_time", "slightly_late", "very_late", "did_not_show"]}),
        ),
        (
            "SubmitRating",
            "professionalism",
            json!({"type": "string", "enum": ["professional", "adequate", "unprofessional"]}),
        ),
    ]
}

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    })
}

fn generic_description(status: &str) -> &'static str {
    match status {
        "400" => "invalid_input: the request could not be read or a value is invalid",
        "401" => "unauthenticated: no valid session",
        "403" => "forbidden: wrong account type, or the CSRF check failed (R2.8)",
        "404" => "not_found",
        "409" => "conflict",
        "413" => "too_large: the body is over 256 KiB",
        "422" => "unprocessable",
        "429" => "rate_limited: too many requests from this address (R9.3); see Retry-After",
        "408" => "request_timeout: the request took too long to arrive or to answer",
        _ => "error",
    }
}

/// Makes the generated document exact; see the module comment. Pure, so a test can read it.
pub fn refine(mut doc: Value) -> Value {
    let specific: std::collections::HashMap<&str, &[(&str, &str)]> = SPECIFIC
        .iter()
        .chain(crate::network::safety::openapi::SPECIFIC)
        .chain(crate::network::alerts::openapi::SPECIFIC)
        .chain(crate::governance::openapi::SPECIFIC)
        .copied()
        .collect();
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, op) in item.iter_mut() {
                refine_operation(method, op, &specific);
            }
        }
    }
    let components = doc
        .as_object_mut()
        .map(|d| d.entry("components").or_insert_with(|| json!({})));
    if let Some(Value::Object(components)) = components {
        let schemas = components.entry("schemas").or_insert_with(|| json!({}));
        if let Value::Object(schemas) = schemas {
            refine_schemas(schemas);
        }
        components.insert(
            "securitySchemes".into(),
            json!({
                "session": {"type": "apiKey", "in": "cookie", "name": "__Host-tessera",
                            "description": "The session cookie from POST /api/session (R2.7)"},
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token",
                         "description": "The csrf_token of the session, on every POST, PUT and DELETE (R2.8)"}
            }),
        );
    }
    doc
}

fn refine_operation(
    method: &str,
    op: &mut Value,
    specific: &std::collections::HashMap<&str, &[(&str, &str)]>,
) {
    let Some(op) = op.as_object_mut() else {
        return;
    };
    let id = op
        .get("operationId")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let public = PUBLIC.contains(&id.as_str());
    let writes = method != "get";
    let has_body = op.contains_key("requestBody");
    let has_path_param = op
        .get("parameters")
        .and_then(Value::as_array)
        .is_some_and(|ps| ps.iter().any(|p| p["in"] == "path"));
    if let Some(Value::Array(params)) = op.get_mut("parameters") {
        for p in params.iter_mut() {
            for (op_id, name, words) in QUERY {
                if *op_id == id && p["in"] == "query" && p["name"] == *name {
                    p["required"] = json!(true);
                    p["schema"] = json!({"type": "string", "enum": words});
                }
            }
        }
    }
    let mut statuses: Vec<(&str, String)> = vec![("429", String::new())];
    if has_body || has_path_param {
        statuses.push(("400", String::new()));
    }
    if has_body {
        statuses.push(("413", String::new()));
        // A body that does not arrive within the request timeout (ASVS 15.2.2, issue 11).
        statuses.push(("408", String::new()));
    }
    if !public {
        statuses.push(("401", String::new()));
        statuses.push(("403", String::new()));
        let mut requirement = Map::new();
        requirement.insert("session".into(), json!([]));
        if writes {
            requirement.insert("csrf".into(), json!([]));
        }
        op.insert("security".into(), json!([requirement]));
    } else if writes {
        // A foreign Origin is refused on every state-changing request (R2.8).
        statuses.push(("403", String::new()));
    }
    for (status, description) in specific.get(id.as_str()).copied().unwrap_or(&[]) {
        statuses.push((*status, (*description).to_owned()));
    }
    let responses = op.entry("responses").or_insert_with(|| json!({}));
    let Some(responses) = responses.as_object_mut() else {
        return;
    };
    for (status, description) in statuses {
        let description = if description.is_empty() {
            generic_description(status).to_owned()
        } else {
            description
        };
        responses.insert(status.to_owned(), error_response(&description));
    }
    // Documented error statuses without a body schema get the error shape too.
    for (status, resp) in responses.iter_mut() {
        if status.starts_with('4') || status.starts_with('5') {
            if let Some(r) = resp.as_object_mut() {
                r.entry("content").or_insert_with(|| {
                    json!({"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}})
                });
            }
        }
    }
}

fn refine_schemas(schemas: &mut Map<String, Value>) {
    schemas.insert(
        "Error".into(),
        json!({
            "type": "object",
            "description": "API.md's error shape",
            "required": ["error", "message"],
            "properties": {
                "error": {"type": "string", "description": "a code: invalid_input, unauthenticated, forbidden, not_found, conflict, too_large, rate_limited, …"},
                "message": {"type": "string", "description": "a human sentence"},
                "fields": {"type": "array", "items": {"type": "string"}, "description": "the fields that failed validation"}
            }
        }),
    );
    let areas = crate::network::safety::openapi::constraints()
        .into_iter()
        .chain(crate::network::alerts::openapi::constraints())
        .chain(crate::governance::openapi::constraints());
    for (schema, property, value) in constraints().into_iter().chain(areas) {
        if let Some(props) = schemas
            .get_mut(schema)
            .and_then(|s| s.get_mut("properties"))
            .and_then(Value::as_object_mut)
        {
            props.insert(property.to_owned(), value);
        }
    }
    for (schema, fields) in REQUIRED {
        if let Some(Value::Object(o)) = schemas.get_mut(*schema) {
            o.insert("required".into(), json!(fields));
        }
    }
    // R6.3: a direct thread has exactly one other member, a group 1 to 50, a coop thread its
    // coop.
    if let Some(Value::Object(thread)) = schemas.get_mut("NewThreadBody") {
        let members = |max: u32| json!({"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": max});
        thread.insert(
            "oneOf".into(),
            json!([
                {"properties": {"kind": {"const": "direct"}, "members": members(1)}, "required": ["kind", "members"]},
                {"properties": {"kind": {"const": "group"}, "members": members(50)}, "required": ["kind", "members"]},
                {"properties": {"kind": {"const": "coop"}, "coop": {"type": "string"}}, "required": ["kind", "coop"]}
            ]),
        );
    }
    crate::governance::openapi::shapes(schemas);
    // R4.2: a rating has at least one flag, safe or reliable.
    if let Some(Value::Object(rate)) = schemas.get_mut("RateBuyer") {
        rate.insert(
            "anyOf".into(),
            json!([
                {"required": ["safe"], "properties": {"safe": {"type": "boolean"}}},
                {"required": ["reliable"], "properties": {"reliable": {"type": "boolean"}}}
            ]),
        );
    }
}

/// The document as served, built once.
pub fn document_value() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = ApiDoc::openapi();
        doc.merge(crate::network::safety::openapi::SafetyDoc::openapi());
        doc.merge(crate::network::alerts::openapi::AlertsDoc::openapi());
        doc.merge(crate::governance::openapi::GovernanceDoc::openapi());
        refine(serde_json::to_value(doc).unwrap_or_default())
    })
}

pub async fn document() -> axum::Json<Value> {
    axum::Json(document_value().clone())
}
