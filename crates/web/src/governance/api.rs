//! The JSON API of governance (API.md "Governance"; SPEC R7.1–R7.4). Sellers only, except the
//! public parameter history.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tessera_app::governance::members::{self, MemberView, StandingInput};
use tessera_app::governance::proposals::{self as uc, ProposalInput, ProposalView};
use tessera_app::governance::votes::{self, BallotInput, PublishedChoice, VoteResult};
use tessera_app::governance::{GovernanceError, ParamChange};
use tessera_core::governance::{quorum, Phase};
use tessera_core::Params;
use tessera_store::params::ParamVersion;
use utoipa::ToSchema;

use crate::api::Json;
use crate::auth::session::ApiUser;
use crate::error::AppError;
use crate::state::AppState;

/// The routes, merged into `/api`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/members/me", get(me))
        .route("/members/{pseudonym}/standing", put(standing))
        .route("/proposals", post(create).get(list))
        .route("/proposals/{id}", get(one))
        .route("/proposals/{id}/comments", post(comment).get(comments))
        .route("/proposals/{id}/ballot", post(ballot))
        .route("/proposals/{id}/candidacy", post(candidacy))
        .route("/proposals/{id}/signatures", post(sign))
        .route("/proposals/{id}/receipts", get(receipts))
        .route("/proposals/{id}/roll", get(roll))
        .route("/params", get(params))
        .route("/params/history", get(params_history))
        .route("/changelog", get(changelog))
        .route("/audit", get(audit))
        .merge(super::two_person::routes())
        .merge(super::requests::routes())
        .merge(super::disputes::routes())
        .merge(super::transparency::routes())
        .merge(super::flags::routes())
}

/// API.md's member object.
#[derive(Serialize, ToSchema)]
pub struct MemberStandingBody {
    pub pseudonym: String,
    pub good_standing: bool,
    pub standing: String,
    pub committees: Vec<String>,
}

fn member_body(m: &MemberView) -> MemberStandingBody {
    MemberStandingBody {
        pseudonym: m.pseudonym.clone(),
        good_standing: m.standing.good(),
        standing: m.standing.as_str().to_owned(),
        committees: m.committees.iter().map(|c| c.as_str().to_owned()).collect(),
    }
}

#[utoipa::path(get, path = "/api/members/me", operation_id = "get_member_me", tag = "governance",
    responses((status = 200, body = MemberStandingBody, description = "her standing and committees (R7.1)")))]
pub async fn me(
    State(state): State<AppState>,
    u: ApiUser,
) -> Result<axum::Json<MemberStandingBody>, AppError> {
    let m = members::me(&state, &u.0.account).await?;
    Ok(axum::Json(member_body(&m)))
}

#[derive(Deserialize, ToSchema)]
pub struct StandingBody {
    /// `YYYY-MM`, that month included.
    pub paid_through: Option<String>,
    pub waived: Option<bool>,
}

#[utoipa::path(put, path = "/api/members/{pseudonym}/standing", operation_id = "record_standing", tag = "governance",
    params(("pseudonym" = String, Path)), request_body = StandingBody,
    responses((status = 200, body = MemberStandingBody, description = "the member with her new standing")))]
pub async fn standing(
    State(state): State<AppState>,
    u: ApiUser,
    Path(pseudonym): Path<String>,
    Json(b): Json<StandingBody>,
) -> Result<axum::Json<MemberStandingBody>, AppError> {
    let input = match (b.paid_through.as_deref(), b.waived) {
        (Some(m), None | Some(false)) => StandingInput::PaidThrough(m),
        (None, Some(true)) => StandingInput::Waived,
        _ => {
            return Err(AppError::invalid(
                "error-proposal-invalid",
                &["paid_through"],
            ))
        }
    };
    let m = members::record_standing(&state, &u.0.account, &pseudonym, input).await?;
    Ok(axum::Json(member_body(&m)))
}

#[derive(Deserialize, ToSchema)]
pub struct CreateProposal {
    pub title: String,
    pub kind: String,
    pub specification: String,
    pub rationale: String,
    pub risks: String,
    pub alternatives: String,
    /// Algorithm proposals: the complete new parameter set.
    #[schema(value_type = Option<Object>)]
    pub params: Option<Value>,
    pub restore_version: Option<i64>,
    pub committee: Option<String>,
    pub seats: Option<i64>,
    pub member: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ParamChangeBody {
    pub name: String,
    #[schema(value_type = Object)]
    pub from: Value,
    #[schema(value_type = Object)]
    pub to: Value,
}

#[derive(Serialize, ToSchema)]
pub struct ResultBody {
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
    pub turnout: u64,
    pub quorum_met: bool,
    pub passed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elected: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub petition_failed: Option<bool>,
}

/// API.md's proposal object.
#[derive(Serialize, ToSchema)]
pub struct ProposalBody {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub author: Option<String>,
    pub specification: String,
    pub rationale: String,
    pub risks: String,
    pub alternatives: String,
    pub phase: String,
    pub opened_on: String,
    pub vote_from: String,
    pub vote_until: String,
    pub threshold: String,
    pub electorate: Option<i64>,
    pub quorum: Option<i64>,
    pub roll_fingerprint: Option<String>,
    pub my_roll_token: Option<String>,
    pub result: Option<ResultBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params_diff: Option<Vec<ParamChangeBody>>,
    /// An algorithm proposal's impact preview (R7.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<ImpactBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restore_version: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committee: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seats: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatures: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needed: Option<i64>,
}

/// What an algorithm proposal would do to the live data, in aggregate only (R7.4), computed
/// when it was made and again when its vote opened.
#[derive(Serialize, ToSchema)]
pub struct ImpactBody {
    pub computed_on: String,
    /// `"<from>-><to>"` (bands `high`, `moderate`, `low`, `unknown`): how many buyers would move.
    pub band_moves: std::collections::BTreeMap<String, u64>,
    /// (seller, buyer) pairs whose "below your minimum trust" verdict would flip.
    pub thresholds_crossed: u64,
    /// Sellers whose Q_s would move by more than 0.1.
    pub sellers_qs_moved: u64,
}

/// The proposal object; `diff` is what an algorithm proposal changes ([`uc::diff_of`]).
pub fn proposal_body(v: &ProposalView, diff: Option<Vec<ParamChange>>) -> ProposalBody {
    let p = &v.proposal;
    let result = p
        .result
        .as_deref()
        .and_then(|r| serde_json::from_str::<VoteResult>(r).ok())
        .map(|r| ResultBody {
            yes: r.yes,
            no: r.no,
            abstain: r.abstain,
            turnout: r.turnout,
            quorum_met: r.quorum_met,
            passed: r.passed,
            elected: r.elected,
            petition_failed: r.petition_failed,
        });
    let params_diff = diff.map(|d| {
        d.into_iter()
            .map(|c| ParamChangeBody {
                name: c.name,
                from: c.from,
                to: c.to,
            })
            .collect()
    });
    let election = p.kind == tessera_core::governance::ProposalKind::Election;
    ProposalBody {
        id: p.id.clone(),
        title: p.title.clone(),
        kind: p.kind.as_str().to_owned(),
        author: p.author.clone(),
        specification: p.specification.clone(),
        rationale: p.rationale.clone(),
        risks: p.risks.clone(),
        alternatives: p.alternatives.clone(),
        phase: v.phase.as_str().to_owned(),
        opened_on: p.schedule.opened_on.to_string(),
        vote_from: p.schedule.vote_from.to_string(),
        vote_until: p.schedule.vote_until.to_string(),
        threshold: p.kind.threshold().as_str().to_owned(),
        electorate: p.electorate,
        quorum: p
            .electorate
            .map(|e| i64::try_from(quorum(u64::try_from(e).unwrap_or(0))).unwrap_or(i64::MAX)),
        roll_fingerprint: p.roll_fingerprint.clone(),
        my_roll_token: v.my_roll_token.clone(),
        result: if v.phase == Phase::Closed {
            result
        } else {
            None
        },
        params_diff,
        impact: tessera_app::governance::impact::of(p).map(|i| ImpactBody {
            computed_on: i.computed_on,
            band_moves: i.impact.band_moves,
            thresholds_crossed: i.impact.thresholds_crossed,
            sellers_qs_moved: i.impact.sellers_qs_moved,
        }),
        restore_version: p.restore_version,
        committee: p.committee.map(|c| c.as_str().to_owned()),
        seats: p.seats,
        candidates: election.then(|| v.candidates.clone()),
        member: p.member.clone(),
        signatures: v.petition.map(|(n, _)| n),
        needed: v.petition.map(|(_, n)| n),
    }
}

async fn body_of(state: &AppState, v: &ProposalView) -> Result<ProposalBody, AppError> {
    let diff = uc::diff_of(state, &v.proposal).await?;
    Ok(proposal_body(v, diff))
}

#[utoipa::path(post, path = "/api/proposals", operation_id = "create_proposal", tag = "governance",
    request_body = CreateProposal,
    responses((status = 201, body = ProposalBody, description = "the proposal, open for comment")))]
pub async fn create(
    State(state): State<AppState>,
    u: ApiUser,
    Json(b): Json<CreateProposal>,
) -> Result<Response, AppError> {
    let params = match b.params {
        Some(v) => Some(
            serde_json::from_value::<Params>(v)
                .map_err(|_| AppError::invalid("error-proposal-invalid", &["params"]))?,
        ),
        None => None,
    };
    let v = uc::create(
        &state,
        &u.0.account,
        ProposalInput {
            title: b.title,
            kind: b.kind,
            specification: b.specification,
            rationale: b.rationale,
            risks: b.risks,
            alternatives: b.alternatives,
            params,
            restore_version: b.restore_version,
            committee: b.committee,
            seats: b.seats,
            member: b.member,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(body_of(&state, &v).await?)).into_response())
}

#[utoipa::path(get, path = "/api/proposals", operation_id = "list_proposals", tag = "governance",
    responses((status = 200, body = [ProposalBody], description = "every proposal, newest first")))]
pub async fn list(
    State(state): State<AppState>,
    u: ApiUser,
) -> Result<axum::Json<Vec<ProposalBody>>, AppError> {
    let v = uc::list(&state, &u.0.account).await?;
    let mut out = Vec::with_capacity(v.len());
    for p in &v {
        out.push(body_of(&state, p).await?);
    }
    Ok(axum::Json(out))
}

#[utoipa::path(get, path = "/api/proposals/{id}", operation_id = "get_proposal", tag = "governance",
    params(("id" = String, Path)),
    responses((status = 200, body = ProposalBody, description = "one proposal")))]
pub async fn one(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<ProposalBody>, AppError> {
    let v = uc::get(&state, &u.0.account, &id).await?;
    Ok(axum::Json(body_of(&state, &v).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct CommentInput {
    pub body: String,
}

#[derive(Serialize, ToSchema)]
pub struct CommentBody {
    pub id: String,
    pub author: Option<String>,
    pub body: String,
    pub on: String,
}

#[utoipa::path(post, path = "/api/proposals/{id}/comments", operation_id = "comment_proposal", tag = "governance",
    params(("id" = String, Path)), request_body = CommentInput,
    responses((status = 201, body = CommentBody, description = "the comment")))]
pub async fn comment(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
    Json(b): Json<CommentInput>,
) -> Result<Response, AppError> {
    let n = uc::comment(&state, &u.0.account, &id, &b.body).await?;
    let all = uc::comments(&state, &u.0.account, &id).await?;
    let c = all
        .into_iter()
        .find(|c| c.id == n)
        .ok_or(AppError::from(GovernanceError::NotFound))?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CommentBody {
            id: c.id.to_string(),
            author: c.author,
            body: c.body,
            on: c.on.to_string(),
        }),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/proposals/{id}/comments", operation_id = "list_proposal_comments", tag = "governance",
    params(("id" = String, Path)),
    responses((status = 200, body = [CommentBody], description = "oldest first")))]
pub async fn comments(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<CommentBody>>, AppError> {
    let all = uc::comments(&state, &u.0.account, &id).await?;
    Ok(axum::Json(
        all.into_iter()
            .map(|c| CommentBody {
                id: c.id.to_string(),
                author: c.author,
                body: c.body,
                on: c.on.to_string(),
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct BallotBody {
    pub choice: Option<String>,
    pub approve: Option<Vec<String>>,
}

#[derive(Serialize, ToSchema)]
pub struct ReceiptBody {
    pub receipt: String,
}

#[utoipa::path(post, path = "/api/proposals/{id}/ballot", operation_id = "cast_ballot", tag = "governance",
    params(("id" = String, Path)), request_body = BallotBody,
    responses((status = 201, body = ReceiptBody, description = "her receipt: keep it (shown once)")))]
pub async fn ballot(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
    Json(b): Json<BallotBody>,
) -> Result<Response, AppError> {
    let input = match (b.choice, b.approve) {
        (Some(c), None) => BallotInput::Choice(c),
        (None, Some(a)) => BallotInput::Approve(a),
        _ => return Err(AppError::invalid("error-proposal-invalid", &["choice"])),
    };
    let receipt = votes::cast(&state, &u.0.account, &id, input).await?;
    Ok((StatusCode::CREATED, axum::Json(ReceiptBody { receipt })).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct CandidacyBody {
    /// Always `standing`.
    pub status: String,
}

#[utoipa::path(post, path = "/api/proposals/{id}/candidacy", operation_id = "stand_for_election", tag = "governance",
    params(("id" = String, Path)),
    responses((status = 201, body = CandidacyBody, description = "she stands")))]
pub async fn candidacy(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    uc::stand(&state, &u.0.account, &id).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CandidacyBody {
            status: "standing".into(),
        }),
    )
        .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct PetitionBody {
    pub signatures: i64,
    pub needed: i64,
}

#[utoipa::path(post, path = "/api/proposals/{id}/signatures", operation_id = "sign_recall_petition", tag = "governance",
    params(("id" = String, Path)),
    responses((status = 201, body = PetitionBody, description = "signatures so far and how many are needed")))]
pub async fn sign(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (signatures, needed) = uc::sign(&state, &u.0.account, &id).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(PetitionBody { signatures, needed }),
    )
        .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct PublishedBallot {
    pub receipt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approve: Option<Vec<String>>,
}

#[utoipa::path(get, path = "/api/proposals/{id}/receipts", operation_id = "list_receipts", tag = "governance",
    params(("id" = String, Path)),
    responses((status = 200, body = [PublishedBallot], description = "after the close, sorted by receipt")))]
pub async fn receipts(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<PublishedBallot>>, AppError> {
    let rows = votes::receipts(&state, &u.0.account, &id).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|(receipt, c)| match c {
                PublishedChoice::Choice(c) => PublishedBallot {
                    receipt,
                    choice: Some(c),
                    approve: None,
                },
                PublishedChoice::Approve(a) => PublishedBallot {
                    receipt,
                    choice: None,
                    approve: Some(a),
                },
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct RollBody {
    pub token: String,
    pub voted: bool,
}

#[utoipa::path(get, path = "/api/proposals/{id}/roll", operation_id = "get_voter_roll", tag = "governance",
    params(("id" = String, Path)),
    responses((status = 200, body = [RollBody], description = "after the close: the frozen roll as tokens, sorted")))]
pub async fn roll(
    State(state): State<AppState>,
    u: ApiUser,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<RollBody>>, AppError> {
    let rows = votes::roll(&state, &u.0.account, &id).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|r| RollBody {
                token: r.token,
                voted: r.voted,
            })
            .collect(),
    ))
}

/// API.md's parameter version.
#[derive(Serialize, ToSchema)]
pub struct ParamsBody {
    pub version: i64,
    #[schema(value_type = Object)]
    pub params: Value,
    pub enacted_on: String,
    pub proposal: Option<String>,
    pub emergency: bool,
}

fn params_body(v: ParamVersion) -> ParamsBody {
    ParamsBody {
        version: v.version,
        params: serde_json::to_value(&v.params).unwrap_or_default(),
        enacted_on: v.enacted_on.to_string(),
        proposal: v.source.strip_prefix("proposal:").map(str::to_owned),
        emergency: v.source.starts_with("emergency"),
    }
}

#[utoipa::path(get, path = "/api/params", operation_id = "get_params", tag = "governance",
    responses((status = 200, body = ParamsBody, description = "the version in force (public)")))]
pub async fn params(State(state): State<AppState>) -> Result<axum::Json<ParamsBody>, AppError> {
    Ok(axum::Json(params_body(state.store.current_params().await?)))
}

#[utoipa::path(get, path = "/api/params/history", operation_id = "get_params_history", tag = "governance",
    responses((status = 200, body = [ParamsBody], description = "every version, newest first (public)")))]
pub async fn params_history(
    State(state): State<AppState>,
) -> Result<axum::Json<Vec<ParamsBody>>, AppError> {
    let mut all = state.store.param_history().await?;
    all.reverse();
    Ok(axum::Json(all.into_iter().map(params_body).collect()))
}

#[derive(Serialize, ToSchema)]
pub struct ChangelogBody {
    pub on: String,
    pub version: Option<i64>,
    pub proposal: Option<String>,
    pub summary: String,
    pub diff: Vec<ParamChangeBody>,
}

#[utoipa::path(get, path = "/api/changelog", operation_id = "get_changelog", tag = "governance",
    responses((status = 200, body = [ChangelogBody], description = "every enacted version, newest first (public, R7.6)")))]
pub async fn changelog(
    State(state): State<AppState>,
) -> Result<axum::Json<Vec<ChangelogBody>>, AppError> {
    let all = tessera_app::governance::changelog::changelog(&state).await?;
    Ok(axum::Json(
        all.into_iter()
            .map(|e| ChangelogBody {
                on: e.on.to_string(),
                version: Some(e.version),
                proposal: e.proposal,
                summary: e.summary,
                diff: e
                    .diff
                    .into_iter()
                    .map(|c| ParamChangeBody {
                        name: c.name,
                        from: c.from,
                        to: c.to,
                    })
                    .collect(),
            })
            .collect(),
    ))
}

/// API.md's audit entry.
#[derive(Serialize, ToSchema)]
pub struct AuditBody {
    pub id: String,
    /// RFC 3339.
    pub on: String,
    pub actor: Option<String>,
    pub role: String,
    pub action: String,
    pub object_kind: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    /// The id of the last entry of the previous page.
    pub before: Option<i64>,
}

#[utoipa::path(get, path = "/api/audit", operation_id = "get_audit_log", tag = "governance",
    params(AuditQuery),
    responses((status = 200, body = [AuditBody], description = "privileged actions, newest first, 50 per page (R7.10)")))]
pub async fn audit(
    State(state): State<AppState>,
    u: ApiUser,
    axum::extract::Query(q): axum::extract::Query<AuditQuery>,
) -> Result<axum::Json<Vec<AuditBody>>, AppError> {
    let rows = tessera_app::governance::audit::list(&state, &u.0.account, q.before).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|e| AuditBody {
                id: e.id.to_string(),
                on: crate::timefmt::rfc3339(e.at),
                actor: e.actor,
                role: e.role,
                action: e.action,
                object_kind: e.object_kind,
            })
            .collect(),
    ))
}
