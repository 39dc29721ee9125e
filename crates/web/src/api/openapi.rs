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
    ),
    components(schemas(
        accounts::CreateAccount,
        accounts::Created,
        accounts::PowChallenge,
        accounts::DeleteAccount,
        accounts::Screening,
        accounts::SettingsBody,
        accounts::SettingsUpdate,
        session::Login,
        session::SessionBody,
        invitations::Invitation,
        screening_links::ScreeningLinkBody,
    ))
)]
pub struct ApiDoc;

/// Operations that need no session (API.md: sign-up, login, the public profile).
const PUBLIC: &[&str] = &[
    "create_account",
    "get_pow_challenge",
    "login",
    "get_seller_profile",
];

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
        ],
    ),
    (
        "delete_account",
        &[("403", "reauthentication_failed: wrong password (R2.10)")],
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
        "lookup_by_screening_code",
        &[
            ("403", "forbidden: not a seller"),
            ("404", "not_found: unknown, used or expired (R4.11)"),
            ("429", "rate_limited: past the lookup limit"),
        ],
    ),
];

/// The closed vocabularies and ranges the service enforces, by schema and property.
fn constraints() -> Vec<(&'static str, &'static str, Value)> {
    let account_type = json!({"type": "string", "enum": ["buyer", "seller"]});
    vec![
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
        _ => "error",
    }
}

/// Makes the generated document exact; see the module comment. Pure, so a test can read it.
pub fn refine(mut doc: Value) -> Value {
    let specific: std::collections::HashMap<&str, &[(&str, &str)]> =
        SPECIFIC.iter().copied().collect();
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
    let mut statuses: Vec<(&str, String)> = vec![("429", String::new())];
    if has_body || has_path_param {
        statuses.push(("400", String::new()));
    }
    if has_body {
        statuses.push(("413", String::new()));
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
    for (schema, property, value) in constraints() {
        if let Some(props) = schemas
            .get_mut(schema)
            .and_then(|s| s.get_mut("properties"))
            .and_then(Value::as_object_mut)
        {
            props.insert(property.to_owned(), value);
        }
    }
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
    DOC.get_or_init(|| refine(serde_json::to_value(ApiDoc::openapi()).unwrap_or_default()))
}

pub async fn document() -> axum::Json<Value> {
    axum::Json(document_value().clone())
}
