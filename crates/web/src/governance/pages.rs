//! The pages of governance (SPEC §7, R10.1), in English and German, without JavaScript:
//! `/proposals` (every proposal), `/proposals/new` (the form), `/proposals/{id}` (one proposal:
//! its text, the parameter diff, comments, the ballot while the vote runs, and after the close
//! the result, the receipts and the roll for anyone to check). A ballot's receipt is shown once,
//! on the page that answers the vote; nothing stores it for her.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tessera_app::governance::changelog::Origin;
use tessera_app::governance::members;
use tessera_app::governance::proposals::{self as uc, ProposalInput, ProposalView};
use tessera_app::governance::votes::{self, BallotInput, PublishedChoice};
use tessera_core::governance::{Phase, ProposalKind};
use tessera_core::Params;

use crate::auth::session::{Ctx, CurrentUser, PageUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::network::sellers_only;
use crate::pages::{error_page, opt, render, render_status, Base};
use crate::state::AppState;

pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/proposals", get(list_page).post(create))
        .route("/proposals/new", get(new_page))
        .route("/proposals/{id}", get(proposal_page))
        .route("/proposals/{id}/ballot", post(ballot))
        .route("/proposals/{id}/comments", post(comment))
        .route("/proposals/{id}/candidacy", post(stand))
        .route("/proposals/{id}/signatures", post(sign))
        .route("/changelog", get(changelog_page))
        .route("/audit", get(audit_page))
}

fn kind_key(k: ProposalKind) -> &'static str {
    match k {
        ProposalKind::Operational => "proposal-kind-operational",
        ProposalKind::Structural => "proposal-kind-structural",
        ProposalKind::Algorithm => "proposal-kind-algorithm",
        ProposalKind::Constitutional => "proposal-kind-constitutional",
        ProposalKind::Election => "proposal-kind-election",
        ProposalKind::Recall => "proposal-kind-recall",
        ProposalKind::Rollback => "proposal-kind-rollback",
    }
}

fn phase_line(l: Lang, v: &ProposalView) -> String {
    let s = &v.proposal.schedule;
    let args = [
        ("from", s.vote_from.to_string()),
        ("until", s.vote_until.to_string()),
    ];
    match v.phase {
        Phase::Comment => l.ta("proposal-phase-comment", &args),
        Phase::Voting => l.ta("proposal-phase-voting", &args),
        Phase::Closed => l.ta("proposal-phase-closed", &args),
    }
}

/// One row of the list.
pub struct Row {
    id: String,
    title: String,
    kind: String,
    phase: String,
}

#[derive(Template)]
#[template(path = "governance/proposals.html")]
struct ListPage {
    b: Base,
    rows: Vec<Row>,
    standing: String,
    /// She sits on the Security Committee: the link to its emergency page (R7.5).
    security: bool,
}

pub async fn list_page(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    let l = ctx.lang;
    let all = match uc::list(&state, &u.account).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, &e.into()),
    };
    let (standing, security) = match members::me(&state, &u.account).await {
        Ok(m) => (
            l.t(&format!("standing-{}", m.standing.as_str())),
            m.committees
                .contains(&tessera_core::committee::Committee::Security),
        ),
        Err(e) => return error_page(&ctx, &e.into()),
    };
    let rows = all
        .iter()
        .map(|v| Row {
            id: v.proposal.id.clone(),
            title: texts(l, &v.proposal).0,
            kind: l.t(kind_key(v.proposal.kind)),
            phase: phase_line(l, v),
        })
        .collect();
    render(&ListPage {
        b: Base::from_ctx(&ctx),
        rows,
        standing,
        security,
    })
}

/// What she typed, kept when the form comes back.
#[derive(Deserialize, Default)]
pub struct NewForm {
    title: Option<String>,
    kind: Option<String>,
    specification: Option<String>,
    rationale: Option<String>,
    risks: Option<String>,
    alternatives: Option<String>,
    params: Option<String>,
    restore_version: Option<String>,
    committee: Option<String>,
    seats: Option<String>,
    member: Option<String>,
}

/// A choice of a select: (value, label, selected).
pub struct Opt {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "governance/proposal_new.html")]
struct NewPage {
    b: Base,
    error: Option<String>,
    kinds: Vec<Opt>,
    committees: Vec<Opt>,
    f: NewForm,
    /// The parameter set in force, as JSON, for an algorithm proposal to start from.
    current: String,
}

async fn new_view(state: &AppState, ctx: &Ctx, f: NewForm) -> NewPage {
    let l = ctx.lang;
    let kind = f.kind.clone().unwrap_or_else(|| "operational".into());
    let kinds = ProposalKind::ALL
        .iter()
        .map(|k| Opt {
            value: k.as_str().into(),
            label: l.t(kind_key(*k)),
            selected: k.as_str() == kind,
        })
        .collect();
    let committee = f.committee.clone().unwrap_or_default();
    let committees = tessera_core::committee::Committee::ALL
        .iter()
        .map(|c| Opt {
            value: c.as_str().into(),
            label: l.t(&format!("committee-{}", c.as_str())),
            selected: c.as_str() == committee,
        })
        .collect();
    let current = state
        .store
        .current_params()
        .await
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v.params).ok())
        .unwrap_or_default();
    NewPage {
        b: Base::from_ctx(ctx),
        error: None,
        kinds,
        committees,
        f,
        current,
    }
}

pub async fn new_page(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    render(&new_view(&state, &ctx, NewForm::default()).await)
}

pub async fn create(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<NewForm>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    let params = match opt(&f.params) {
        Some(j) => match serde_json::from_str::<Params>(j) {
            Ok(p) => Some(p),
            Err(_) => {
                let e = AppError::invalid("error-proposal-invalid", &["params"]);
                return again(&state, &ctx, f, &e).await;
            }
        },
        None => None,
    };
    let number = |s: &Option<String>| opt(s).map(|v| v.parse::<i64>().unwrap_or(-1));
    let input = ProposalInput {
        title: f.title.clone().unwrap_or_default(),
        kind: f.kind.clone().unwrap_or_default(),
        specification: f.specification.clone().unwrap_or_default(),
        rationale: f.rationale.clone().unwrap_or_default(),
        risks: f.risks.clone().unwrap_or_default(),
        alternatives: f.alternatives.clone().unwrap_or_default(),
        params,
        restore_version: number(&f.restore_version),
        committee: opt(&f.committee).map(str::to_owned),
        seats: number(&f.seats),
        member: opt(&f.member).map(str::to_owned),
    };
    match uc::create(&state, &u.account, input).await {
        Ok(v) => Redirect::to(&format!("/proposals/{}", v.proposal.id)).into_response(),
        Err(e) => again(&state, &ctx, f, &e.into()).await,
    }
}

async fn again(state: &AppState, ctx: &Ctx, f: NewForm, e: &AppError) -> Response {
    if e.status.is_server_error() {
        return error_page(ctx, e);
    }
    let mut p = new_view(state, ctx, f).await;
    let fields = e
        .fields
        .iter()
        .map(|f| field_label(ctx.lang, f))
        .collect::<Vec<_>>()
        .join(", ");
    p.error = Some(if fields.is_empty() {
        e.message(ctx.lang)
    } else {
        format!("{} {}", e.message(ctx.lang), fields)
    });
    render_status(e.status, &p)
}

pub struct Change {
    name: String,
    from: String,
    to: String,
}

pub struct CommentItem {
    author: String,
    body: String,
    on: String,
}

/// The impact preview as the proposal page shows it (R7.4): aggregate lines only.
pub struct ImpactView {
    computed: String,
    moves: Vec<(String, String, u64)>,
    crossed: String,
    qs: String,
}

/// A proposal's texts in the page's language: the server's own retroactive vote on an
/// emergency change (no author) is written in every language; a member's are as she wrote them.
fn texts(
    l: Lang,
    p: &tessera_store::governance::proposals::Proposal,
) -> (String, String, String, String, String) {
    if p.emergency_of.is_some() && p.author.is_none() {
        (
            l.t("emergency-vote-title"),
            l.t("emergency-vote-specification"),
            l.t("emergency-vote-rationale"),
            l.t("emergency-vote-risks"),
            l.t("emergency-vote-alternatives"),
        )
    } else {
        (
            p.title.clone(),
            p.specification.clone(),
            p.rationale.clone(),
            p.risks.clone(),
            p.alternatives.clone(),
        )
    }
}

fn impact_view(l: Lang, p: &tessera_store::governance::proposals::Proposal) -> Option<ImpactView> {
    let i = tessera_app::governance::impact::of(p)?;
    let band = |b: &str| l.t(&format!("impact-band-{b}"));
    Some(ImpactView {
        computed: l.ta("impact-computed", &[("day", i.computed_on)]),
        moves: i
            .impact
            .band_moves
            .iter()
            .map(|(k, n)| {
                let (from, to) = k.split_once("->").unwrap_or((k, k));
                (band(from), band(to), *n)
            })
            .collect(),
        crossed: l.ta(
            "impact-thresholds",
            &[("n", i.impact.thresholds_crossed.to_string())],
        ),
        qs: l.ta("impact-qs", &[("n", i.impact.sellers_qs_moved.to_string())]),
    })
}

pub struct Published {
    receipt: String,
    choice: String,
}

#[derive(Template)]
#[template(path = "governance/proposal.html")]
struct ProposalPage {
    b: Base,
    error: Option<String>,
    /// The receipt of the ballot just cast, shown this once.
    receipt: Option<String>,
    notice: Option<String>,
    id: String,
    title: String,
    kind: String,
    author: String,
    phase: String,
    threshold: String,
    specification: String,
    rationale: String,
    risks: String,
    alternatives: String,
    changes: Vec<Change>,
    impact: Option<ImpactView>,
    electorate: Option<String>,
    my_token: Option<String>,
    voting: bool,
    commenting: bool,
    election: bool,
    recall: Option<String>,
    candidates: Vec<String>,
    may_stand: bool,
    result: Option<String>,
    comments: Vec<CommentItem>,
    receipts: Vec<Published>,
    roll: Vec<(String, String)>,
}

async fn proposal_view(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    id: &str,
) -> Result<ProposalPage, AppError> {
    let l = ctx.lang;
    let v = uc::get(state, &u.account, id).await?;
    let p = &v.proposal;
    let changes = uc::diff_of(state, p)
        .await?
        .unwrap_or_default()
        .into_iter()
        .map(|c| Change {
            name: c.name,
            from: c.from.to_string(),
            to: c.to.to_string(),
        })
        .collect();
    let comments = uc::comments(state, &u.account, id)
        .await?
        .into_iter()
        .map(|c| CommentItem {
            author: c.author.unwrap_or_else(|| l.t("proposal-deleted-author")),
            body: c.body,
            on: c.on.to_string(),
        })
        .collect();
    let closed = v.phase == Phase::Closed && p.stored_phase == Phase::Closed;
    let result = if closed {
        p.result
            .as_deref()
            .and_then(|r| serde_json::from_str::<votes::VoteResult>(r).ok())
            .map(|r| {
                let verdict = if r.petition_failed == Some(true) {
                    l.t("proposal-petition-failed")
                } else if r.passed {
                    l.t("proposal-passed")
                } else {
                    l.t("proposal-not-passed")
                };
                let mut line = l.ta(
                    "proposal-result",
                    &[
                        ("yes", r.yes.to_string()),
                        ("no", r.no.to_string()),
                        ("abstain", r.abstain.to_string()),
                        ("turnout", r.turnout.to_string()),
                    ],
                );
                if let Some(e) = p.electorate {
                    let q = tessera_core::governance::quorum(u64::try_from(e).unwrap_or(0));
                    let key = if r.quorum_met {
                        "proposal-quorum-met"
                    } else {
                        "proposal-quorum-missed"
                    };
                    line = format!("{line} {}", l.ta(key, &[("quorum", q.to_string())]));
                }
                if let Some(e) = r.elected {
                    line = format!(
                        "{line} {}",
                        l.ta("proposal-elected", &[("names", e.join(", "))])
                    );
                }
                format!("{verdict} {line}")
            })
    } else {
        None
    };
    let (receipts, roll) = if closed && p.electorate.is_some() {
        let receipts = votes::receipts(state, &u.account, id)
            .await?
            .into_iter()
            .map(|(receipt, c)| Published {
                receipt,
                choice: match c {
                    PublishedChoice::Choice(c) => l.t(&format!("ballot-{c}")),
                    PublishedChoice::Approve(a) => a.join(", "),
                },
            })
            .collect();
        let roll = votes::roll(state, &u.account, id)
            .await?
            .into_iter()
            .map(|r| {
                let mark = if r.voted {
                    l.t("roll-voted")
                } else {
                    l.t("roll-not-voted")
                };
                (r.token, mark)
            })
            .collect();
        (receipts, roll)
    } else {
        (Vec::new(), Vec::new())
    };
    let me = members::me(state, &u.account).await?;
    let (title, specification, rationale, risks, alternatives) = texts(l, p);
    Ok(ProposalPage {
        b: Base::from_ctx(ctx),
        error: None,
        receipt: None,
        notice: None,
        id: p.id.clone(),
        title,
        kind: l.t(kind_key(p.kind)),
        author: p
            .author
            .clone()
            .unwrap_or_else(|| l.t("proposal-deleted-author")),
        phase: phase_line(l, &v),
        threshold: l.t(&format!("threshold-{}", p.kind.threshold().as_str())),
        specification,
        rationale,
        risks,
        alternatives,
        changes,
        impact: impact_view(l, p),
        electorate: p.electorate.map(|e| {
            l.ta(
                "proposal-electorate",
                &[
                    ("n", e.to_string()),
                    (
                        "fingerprint",
                        p.roll_fingerprint.clone().unwrap_or_default(),
                    ),
                ],
            )
        }),
        my_token: v.my_roll_token.clone(),
        voting: v.phase == Phase::Voting,
        commenting: v.phase != Phase::Closed,
        election: p.kind == ProposalKind::Election,
        recall: v.petition.map(|(n, needed)| {
            l.ta(
                "proposal-petition",
                &[("n", n.to_string()), ("needed", needed.to_string())],
            )
        }),
        may_stand: p.kind == ProposalKind::Election
            && v.phase == Phase::Comment
            && me.standing.good(),
        candidates: v.candidates.clone(),
        result,
        comments,
        receipts,
        roll,
    })
}

pub async fn proposal_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    match proposal_view(&state, &ctx, &u, &id).await {
        Ok(p) => render(&p),
        Err(e) => error_page(&ctx, &e),
    }
}

/// The proposal page again, with a refusal or a notice, or the error page.
async fn answer(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    id: &str,
    outcome: Result<(Option<String>, Option<String>), AppError>,
) -> Response {
    let (status, error, receipt, notice) = match outcome {
        Ok((receipt, notice)) => (StatusCode::OK, None, receipt, notice),
        Err(e) if e.status.is_server_error() || e.status == StatusCode::NOT_FOUND => {
            return error_page(ctx, &e)
        }
        Err(e) => (e.status, Some(e.message(ctx.lang)), None, None),
    };
    match proposal_view(state, ctx, u, id).await {
        Ok(mut p) => {
            p.error = error;
            p.receipt = receipt;
            p.notice = notice;
            render_status(status, &p)
        }
        Err(e) => error_page(ctx, &e),
    }
}

/// The ballot form: `choice`, or for an election one `approve` checkbox per candidate.
pub async fn ballot(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    let mut choice = None;
    let mut approve = Vec::new();
    for (k, v) in form_urlencoded::parse(&body) {
        match &*k {
            "choice" => choice = Some(v.into_owned()),
            "approve" => approve.push(v.into_owned()),
            _ => {}
        }
    }
    let election = matches!(
        uc::get(&state, &u.account, &id).await,
        Ok(v) if v.proposal.kind == ProposalKind::Election
    );
    let input = if election {
        BallotInput::Approve(approve)
    } else {
        BallotInput::Choice(choice.unwrap_or_default())
    };
    let outcome = votes::cast(&state, &u.account, &id, input)
        .await
        .map(|r| (Some(r), None))
        .map_err(AppError::from);
    answer(&state, &ctx, &u, &id, outcome).await
}

#[derive(Deserialize)]
pub struct CommentForm {
    body: Option<String>,
}

pub async fn comment(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<CommentForm>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    match uc::comment(&state, &u.account, &id, f.body.as_deref().unwrap_or("")).await {
        Ok(_) => Redirect::to(&format!("/proposals/{id}#comments")).into_response(),
        Err(e) => answer(&state, &ctx, &u, &id, Err(e.into())).await,
    }
}

pub async fn stand(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    let outcome = uc::stand(&state, &u.account, &id)
        .await
        .map(|()| (None, Some(ctx.lang.t("proposal-standing-notice"))))
        .map_err(AppError::from);
    answer(&state, &ctx, &u, &id, outcome).await
}

pub async fn sign(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    let outcome = uc::sign(&state, &u.account, &id)
        .await
        .map(|_| (None, Some(ctx.lang.t("proposal-signed-notice"))))
        .map_err(AppError::from);
    answer(&state, &ctx, &u, &id, outcome).await
}

pub struct LogItem {
    heading: String,
    summary: String,
    changes: Vec<Change>,
}

#[derive(Template)]
#[template(path = "governance/changelog.html")]
struct ChangelogPage {
    b: Base,
    items: Vec<LogItem>,
}

/// The public changelog (R7.6): no login.
pub async fn changelog_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    let l = ctx.lang;
    let all = match tessera_app::governance::changelog::changelog(&state).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, &e.into()),
    };
    let items = all
        .into_iter()
        .map(|e| LogItem {
            heading: l.ta(
                "changelog-version",
                &[("version", e.version.to_string()), ("on", e.on.to_string())],
            ),
            summary: {
                let by = |id: &str| l.ta("changelog-proposal", &[("id", id.to_owned())]);
                match (e.origin, e.proposal.as_deref()) {
                    (Origin::Proposal, Some(id)) => format!("{} {}", e.summary, by(id)),
                    (Origin::Revert, Some(id)) => format!("{} {}", l.t("changelog-revert"), by(id)),
                    (Origin::Emergency, _) => l.t("changelog-emergency"),
                    _ if e.version == 1 => l.t("changelog-baseline"),
                    _ => e.summary,
                }
            },
            changes: e
                .diff
                .into_iter()
                .map(|c| Change {
                    name: c.name,
                    from: c.from.to_string(),
                    to: c.to.to_string(),
                })
                .collect(),
        })
        .collect();
    render(&ChangelogPage {
        b: Base::from_ctx(&ctx),
        items,
    })
}

/// A refused field as the form labels it, in the page's language; a parameter of the scoring
/// keeps its own name (the params box shows the same name).
fn field_label(l: Lang, field: &str) -> String {
    const LABELLED: &[&str] = &[
        "title",
        "kind",
        "specification",
        "rationale",
        "risks",
        "alternatives",
        "params",
        "restore_version",
        "committee",
        "seats",
        "member",
    ];
    if LABELLED.contains(&field) {
        l.t(&format!("proposal-field-{field}"))
    } else {
        field.to_owned()
    }
}

pub struct AuditItem {
    on: String,
    who: String,
    what: String,
}

#[derive(Template)]
#[template(path = "governance/audit.html")]
struct AuditPage {
    b: Base,
    items: Vec<AuditItem>,
    next: Option<i64>,
}

#[derive(Deserialize)]
pub struct AuditQuery {
    before: Option<i64>,
}

/// The audit log for members (R7.10), newest first, 50 a page.
pub async fn audit_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<AuditQuery>,
) -> Response {
    if let Some(r) = sellers_only(&ctx, &u) {
        return r;
    }
    let l = ctx.lang;
    let rows = match tessera_app::governance::audit::list(&state, &u.account, q.before).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, &e.into()),
    };
    let full =
        i64::try_from(rows.len()).unwrap_or(0) >= tessera_store::governance::audit::AUDIT_PAGE;
    let next = if full {
        rows.last().map(|e| e.id)
    } else {
        None
    };
    let items = rows
        .into_iter()
        .map(|e| AuditItem {
            on: crate::timefmt::rfc3339(e.at),
            who: format!(
                "{} ({})",
                e.actor.unwrap_or_else(|| l.t("audit-no-actor")),
                l.t(&format!("audit-role-{}", e.role))
            ),
            what: format!(
                "{}: {}",
                l.t(&format!("audit-action-{}", e.action)),
                l.t(&format!("audit-object-{}", e.object_kind))
            ),
        })
        .collect();
    render(&AuditPage {
        b: Base::from_ctx(&ctx),
        items,
        next,
    })
}
