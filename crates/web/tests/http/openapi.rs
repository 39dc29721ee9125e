//! Issue 10 part 4: the OpenAPI document matches the service: one operation id per operation,
//! every status a handler answers documented with the error shape, enums as enums, the
//! optional body of `/api/codes/generate`, lengths, and "at least one of safe/reliable".
//! `tests/schemathesis/run.sh` checks the same against the running service with generated
//! requests.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::common::spawn_app;

async fn document() -> Value {
    let app = spawn_app().await;
    let r = app.client().get("/api/openapi.json").await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// What the handlers (and the layers in front of them) answer, by route: read from the handlers
/// and their error mappings (accounts::errors, screening::errors), the session extractor (401),
/// the CSRF and per-address layers (403, 429) and the JSON extractor (400, 413).
const ANSWERS: &[(&str, &str, &[u16])] = &[
    ("post", "/api/accounts", &[201, 400, 403, 409, 413, 429]),
    ("get", "/api/accounts/pow", &[200, 429]),
    ("delete", "/api/account", &[204, 400, 401, 403, 413, 429]),
    ("get", "/api/account/settings", &[200, 401, 429]),
    (
        "put",
        "/api/account/settings",
        &[200, 400, 401, 403, 413, 429],
    ),
    ("post", "/api/session", &[200, 400, 401, 403, 413, 429]),
    ("get", "/api/session", &[200, 401, 429]),
    ("delete", "/api/session", &[204, 401, 403, 429]),
    ("post", "/api/invitations", &[201, 401, 403, 409, 429]),
    (
        "get",
        "/api/buyer/{pseudonym}/reputation",
        &[200, 400, 401, 403, 404, 429],
    ),
    (
        "get",
        "/api/buyer/{pseudonym}/history",
        &[200, 400, 401, 403, 404, 429],
    ),
    (
        "post",
        "/api/buyer/{pseudonym}/report",
        &[201, 400, 401, 403, 404, 429],
    ),
    (
        "post",
        "/api/ratings/submit",
        &[200, 201, 400, 401, 403, 404, 413, 429],
    ),
    (
        "post",
        "/api/codes/generate",
        &[201, 400, 401, 403, 404, 409, 413, 429],
    ),
    ("get", "/api/codes/history", &[200, 401, 403, 429]),
    ("post", "/api/codes/invalidate", &[200, 401, 403, 429]),
    ("get", "/api/seller/me/reputation", &[200, 401, 403, 429]),
    (
        "post",
        "/api/ratings/verify_code",
        &[200, 400, 401, 403, 404, 409, 413, 422, 429],
    ),
    (
        "post",
        "/api/ratings/submit_rating",
        &[201, 400, 401, 403, 404, 409, 413, 422, 429],
    ),
    ("get", "/api/buyer/me/reputation", &[200, 401, 403, 429]),
    (
        "get",
        "/api/seller/{pseudonym}/profile",
        &[200, 400, 404, 429],
    ),
];

#[tokio::test]
async fn issue10_openapi_operation_ids_are_unique_and_every_answer_is_documented() {
    let doc = document().await;
    let mut ids = HashSet::new();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(ids.insert(id.to_owned()), "operationId {id} is used twice");
            for (status, resp) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') {
                    assert_eq!(
                        resp["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/Error",
                        "{method} {path} {status} has the error shape"
                    );
                }
            }
        }
    }
    assert!(operations >= ANSWERS.len());
    for (method, path, statuses) in ANSWERS {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is documented");
        for s in *statuses {
            assert!(
                op["responses"][s.to_string()].is_object(),
                "{method} {path} does not document {s}"
            );
        }
    }
    // Operations behind a session say so (cookie and, for writes, the CSRF header: R2.8).
    assert_eq!(
        doc["paths"]["/api/invitations"]["post"]["security"],
        json!([{"session": [], "csrf": []}])
    );
    assert_eq!(
        doc["paths"]["/api/codes/history"]["get"]["security"],
        json!([{"session": []}])
    );
    assert!(doc["paths"]["/api/accounts"]["post"]["security"].is_null());
    assert_eq!(
        doc["components"]["securitySchemes"]["session"]["name"],
        "__Host-tessera"
    );
}

#[tokio::test]
async fn issue10_openapi_states_enums_lengths_and_the_optional_body() {
    let doc = document().await;
    let s = &doc["components"]["schemas"];
    assert_eq!(
        s["CreateAccount"]["properties"]["account_type"]["enum"],
        json!(["buyer", "seller"])
    );
    assert_eq!(
        s["CreateAccount"]["properties"]["password"]["minLength"],
        12
    );
    assert_eq!(
        s["CreateAccount"]["properties"]["pseudonym"]["minLength"],
        3
    );
    assert_eq!(
        s["CreateAccount"]["properties"]["pseudonym"]["maxLength"],
        32
    );
    assert_eq!(
        s["SettingsUpdate"]["properties"]["preset"]["enum"],
        json!(["cautious", "moderate", "open", null])
    );
    for (field, values) in [
        (
            "listing_accuracy",
            json!(["accurate", "minor_deviation", "significant_deviation"]),
        ),
        (
            "punctuality",
            json!(["on_time", "slightly_late", "very_late", "did_not_show"]),
        ),
        (
            "professionalism",
            json!(["professional", "adequate", "unprofessional"]),
        ),
    ] {
        assert_eq!(s["SubmitRating"]["properties"][field]["enum"], values);
    }
    assert_eq!(
        s["ReputationBody"]["properties"]["band"]["enum"],
        json!(["high", "moderate", "low", "unknown"])
    );
    // R4.2: at least one of safe/reliable.
    let any = s["RateBuyer"]["anyOf"].as_array().unwrap();
    assert_eq!(any.len(), 2);
    assert_eq!(any[0]["required"], json!(["safe"]));
    assert_eq!(any[1]["required"], json!(["reliable"]));
    // The body of /api/codes/generate is optional (no body = an unbound code).
    let body = &doc["paths"]["/api/codes/generate"]["post"]["requestBody"];
    assert!(body.is_object());
    assert_ne!(body["required"], json!(true));
}

#[tokio::test]
async fn issue10_the_service_enforces_what_the_document_lists() {
    // The document lists exactly "auto", "en", "de" (and "") for the language: the service
    // refuses a tag that merely starts like one.
    let app = spawn_app().await;
    let s = app.seller("docseller").await;
    for bad in ["fr", "english", "de-AT"] {
        let r = s
            .put_json("/api/account/settings", json!({"language": bad}))
            .await;
        assert_eq!(r.status(), 400, "{bad}");
    }
    for ok in ["de", "auto", "en", ""] {
        let r = s
            .put_json("/api/account/settings", json!({"language": ok}))
            .await;
        assert_eq!(r.status(), 200, "{ok}");
    }
    // No body at all for /api/codes/generate.
    let r = s
        .request(reqwest::Method::POST, "/api/codes/generate", None, &[])
        .await;
    assert_eq!(r.status(), 201);
}

/// Two areas' schemas with one name become one in the merged document (the generator keeps
/// one, silently), and the other area's answers then violate it. Every `ToSchema` type of the
/// web crate has its own name.
#[test]
fn issue10_openapi_schema_names_are_unique_across_areas() {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let mut derived = false;
                for line in text.lines().map(str::trim) {
                    if line.starts_with("#[derive(") && line.contains("ToSchema") {
                        derived = true;
                    } else if derived {
                        for kw in ["pub struct ", "pub enum ", "struct ", "enum "] {
                            if let Some(rest) = line.strip_prefix(kw) {
                                let name: String = rest
                                    .chars()
                                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                                    .collect();
                                out.push((name, path.display().to_string()));
                                derived = false;
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
    let mut names = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut names,
    );
    assert!(
        names.len() > 50,
        "the scan found the schemas: {}",
        names.len()
    );
    let mut seen = std::collections::HashMap::new();
    for (name, file) in &names {
        if let Some(first) = seen.insert(name.clone(), file.clone()) {
            panic!("schema {name} is defined in {first} and in {file}");
        }
    }
}
