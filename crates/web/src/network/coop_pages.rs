//! The coop pages (SPEC R6.2, §10), all without JavaScript: `/coops` lists her coops and has
//! the form to create one; `/coops/{id}` shows a coop with what she may do there (accept or
//! decline an invitation, withdraw a request, invite, leave; for moderators the member actions
//! and the request link); `/coops/requests/{token}` is where a request link leads. Forms post
//! back and answer with a redirect (303) or the page again with the outcome. A coop she has no
//! place in is the ordinary "not found" page (no catalogue, R6.2).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tessera_app::network::coops::{self as uc, CoopInput, CreatedCoopLink};
use tessera_core::coop::{CoopKind, MemberState, ModeratorAction};
use tessera_store::coops::CoopView;

use super::coops::request_path;
use crate::auth::session::{Ctx, CurrentUser, PageUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::{error_page, opt, render_status, Base};
use crate::state::AppState;

pub fn page_routes() -> Router<AppState> {
    Router::new()
        .route("/coops", get(list_page).post(create_page))
        .route(
            "/coops/requests/{token}",
            get(request_page).post(request_submit),
        )
        .route("/coops/{id}", get(coop_page))
        .route("/coops/{id}/invite", post(invite_submit))
        .route("/coops/{id}/link", post(link_submit))
        .route("/coops/{id}/join", post(join_submit))
        .route("/coops/{id}/leave", post(leave_submit))
        .route("/coops/{id}/members/{pseudonym}", post(moderate_submit))
}

/// A coop in a list or at the top of its page, in the reader's words.
pub struct CoopLine {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub scope: Option<String>,
    pub state: String,
    pub moderator: bool,
    pub members: String,
    pub settings: String,
}

fn state_word(l: Lang, s: MemberState) -> String {
    l.t(&format!("coop-state-{}", s.as_str()))
}

fn line(l: Lang, v: &CoopView) -> CoopLine {
    let state = v.me.map_or(MemberState::Left, |m| m.state);
    let anon = if v.coop.anonymous_alerts {
        "coop-anonymous-yes"
    } else {
        "coop-anonymous-no"
    };
    CoopLine {
        id: v.coop.id.clone(),
        name: v.coop.name.clone(),
        kind: l.t(&format!("coop-kind-{}", v.coop.kind.as_str())),
        scope: v.coop.scope.clone(),
        state: state_word(l, state),
        moderator: v.me.is_some_and(|m| m.moderator),
        members: l.ta("coop-members-count", &[("n", v.coop.members.to_string())]),
        settings: format!(
            "{} {}",
            l.t(anon),
            l.ta(
                "coop-min-days-line",
                &[("days", v.coop.min_member_days.to_string())]
            )
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// `/coops`: her coops and the form to create one

#[derive(Template)]
#[template(path = "network/coops.html")]
struct ListPage {
    b: Base,
    coops: Vec<CoopLine>,
    kinds: Vec<(String, String)>,
    error: Option<String>,
    form: CreateForm,
}

#[derive(Deserialize, Default)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    anonymous_alerts: Option<String>,
    #[serde(default)]
    min_member_days: Option<String>,
}

async fn list_response(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    error: Option<AppError>,
    form: CreateForm,
) -> Response {
    let l = ctx.lang;
    let coops = match uc::my_coops(state, &u.account).await {
        Ok(c) => c,
        Err(e) => return error_page(ctx, &e.into()),
    };
    let status = error.as_ref().map_or(StatusCode::OK, |e| e.status);
    render_status(
        status,
        &ListPage {
            b: Base::from_ctx(ctx),
            coops: coops.iter().map(|v| line(l, v)).collect(),
            kinds: CoopKind::ALL
                .iter()
                .map(|k| {
                    (
                        k.as_str().to_owned(),
                        l.t(&format!("coop-kind-{}", k.as_str())),
                    )
                })
                .collect(),
            error: error.map(|e| e.message(l)),
            form,
        },
    )
}

pub async fn list_page(State(state): State<AppState>, PageUser(u): PageUser, ctx: Ctx) -> Response {
    list_response(
        &state,
        &ctx,
        &u,
        None,
        CreateForm {
            anonymous_alerts: Some("on".into()),
            min_member_days: Some(tessera_core::coop::DEFAULT_MIN_MEMBER_DAYS.to_string()),
            ..CreateForm::default()
        },
    )
    .await
}

pub async fn create_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Form(f): Form<CreateForm>,
) -> Response {
    let days = match opt(&f.min_member_days).map(str::parse::<i64>) {
        None => None,
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => Some(-1),
    };
    let input = CoopInput {
        name: f.name.clone(),
        kind: f.kind.clone(),
        scope: f.scope.clone(),
        // An unticked checkbox is not sent at all.
        anonymous_alerts: Some(f.anonymous_alerts.is_some()),
        min_member_days: days,
    };
    match uc::create_coop(&state, &u.account, &input).await {
        Ok(v) => Redirect::to(&format!("/coops/{}", v.coop.id)).into_response(),
        Err(e) => {
            let e = AppError::from(e);
            if e.status.is_client_error() && e.status != StatusCode::FORBIDDEN {
                list_response(&state, &ctx, &u, Some(e), f).await
            } else {
                error_page(&ctx, &e)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// `/coops/{id}`: one coop

pub struct MemberLine {
    pub pseudonym: String,
    /// The pseudonym as a path segment.
    pub path: String,
    pub state: String,
    pub moderator: bool,
    pub since: String,
    /// The actions a moderator may take on this row: (action, label).
    pub actions: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "network/coop.html")]
struct CoopPage {
    b: Base,
    coop: CoopLine,
    invited: bool,
    pending: bool,
    reads: bool,
    acts: bool,
    moderates: bool,
    members: Vec<MemberLine>,
    notice: Option<String>,
    error: Option<String>,
    link: Option<(String, String)>,
}

/// What a form adds to the coop page: an outcome or a link just made.
#[derive(Default)]
struct Extra {
    notice: Option<String>,
    error: Option<AppError>,
    link: Option<CreatedCoopLink>,
}

fn actions_for(l: Lang, state: MemberState, moderator: bool) -> Vec<(String, String)> {
    let mut a = Vec::new();
    let mut push = |x: ModeratorAction| {
        a.push((
            x.as_str().to_owned(),
            l.t(&format!("coop-action-{}", x.as_str())),
        ));
    };
    match state {
        MemberState::Pending => push(ModeratorAction::Approve),
        MemberState::Member => {
            push(ModeratorAction::Suspend);
            if !moderator {
                push(ModeratorAction::MakeModerator);
            }
        }
        MemberState::Suspended => push(ModeratorAction::Reinstate),
        MemberState::Invited | MemberState::Left => {}
    }
    a
}

async fn coop_response(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    id: &str,
    extra: Extra,
) -> Response {
    let l = ctx.lang;
    let view = match uc::get_coop(state, &u.account, id).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, &e.into()),
    };
    let me = view.me;
    let st = me.map_or(MemberState::Left, |m| m.state);
    let moderates = me.is_some_and(|m| m.moderates());
    let members = if st.reads() {
        match uc::members(state, &u.account, id).await {
            Ok((_, rows)) => rows
                .iter()
                .map(|r| MemberLine {
                    pseudonym: r.pseudonym.clone(),
                    path: form_urlencoded::byte_serialize(r.pseudonym.as_bytes()).collect(),
                    state: state_word(l, r.membership.state),
                    moderator: r.membership.moderator,
                    since: r.membership.since.to_string(),
                    actions: if moderates && r.account != u.account.id {
                        actions_for(l, r.membership.state, r.membership.moderator)
                    } else {
                        Vec::new()
                    },
                })
                .collect(),
            Err(e) => return error_page(ctx, &e.into()),
        }
    } else {
        Vec::new()
    };
    let status = extra.error.as_ref().map_or(StatusCode::OK, |e| e.status);
    render_status(
        status,
        &CoopPage {
            b: Base::from_ctx(ctx),
            coop: line(l, &view),
            invited: st == MemberState::Invited,
            pending: st == MemberState::Pending,
            reads: st.reads(),
            acts: st == MemberState::Member,
            moderates,
            members,
            notice: extra.notice,
            error: extra.error.map(|e| e.message(l)),
            link: extra.link.map(|c| {
                (
                    state.config.url(&request_path(&c.token)),
                    l.ta("coop-link-expires", &[("day", c.expires_on.to_string())]),
                )
            }),
        },
    )
}

pub async fn coop_page(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    coop_response(&state, &ctx, &u, &id, Extra::default()).await
}

/// The coop page again with a use case's outcome: its notice, or its error when the error is
/// the reader's to fix; anything else is the error page.
async fn outcome<T>(
    state: &AppState,
    ctx: &Ctx,
    u: &CurrentUser,
    id: &str,
    r: Result<T, uc::CoopError>,
    notice: impl FnOnce(T) -> Extra,
) -> Response {
    match r {
        Ok(t) => coop_response(state, ctx, u, id, notice(t)).await,
        Err(e) => {
            let e = AppError::from(e);
            // 404 for the coop itself stays the plain "not found" page (R6.2).
            let on_page = matches!(e.code, "conflict" | "invalid_input")
                || e.key == "error-coop-no-seller"
                || e.key == "error-coop-role";
            if on_page {
                coop_response(
                    state,
                    ctx,
                    u,
                    id,
                    Extra {
                        error: Some(e),
                        ..Extra::default()
                    },
                )
                .await
            } else {
                error_page(ctx, &e)
            }
        }
    }
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    seller: String,
}

pub async fn invite_submit(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<InviteForm>,
) -> Response {
    let l = ctx.lang;
    let r = uc::invite(&state, &u.account, &id, &f.seller).await;
    outcome(&state, &ctx, &u, &id, r, |(who, _)| Extra {
        notice: Some(l.ta("coop-invited", &[("name", who.display_name)])),
        ..Extra::default()
    })
    .await
}

pub async fn link_submit(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    let r = uc::create_link(&state, &u.account, &id).await;
    outcome(&state, &ctx, &u, &id, r, |c| Extra {
        link: Some(c),
        ..Extra::default()
    })
    .await
}

pub async fn join_submit(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    let l = ctx.lang;
    let r = uc::join(&state, &u.account, &id).await;
    outcome(&state, &ctx, &u, &id, r, |_| Extra {
        notice: Some(l.t("coop-joined")),
        ..Extra::default()
    })
    .await
}

pub async fn leave_submit(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    match uc::leave(&state, &u.account, &id).await {
        // She has left: the coop is no longer hers to see; back to her list.
        Ok(_) => Redirect::to("/coops").into_response(),
        Err(e) => error_page(&ctx, &e.into()),
    }
}

#[derive(Deserialize)]
pub struct ModerateForm {
    #[serde(default)]
    action: String,
}

pub async fn moderate_submit(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path((id, pseudonym)): Path<(String, String)>,
    Form(f): Form<ModerateForm>,
) -> Response {
    let l = ctx.lang;
    let Some(action) = ModeratorAction::parse(&f.action) else {
        return error_page(&ctx, &AppError::invalid("error-coop-invalid", &["action"]));
    };
    let r = uc::moderate(&state, &u.account, &id, &pseudonym, action).await;
    outcome(&state, &ctx, &u, &id, r, |row| Extra {
        notice: Some(l.ta(
            "coop-moderated",
            &[
                ("name", row.pseudonym),
                // Made moderator, she is still a member: the notice says what changed.
                (
                    "state",
                    if action == ModeratorAction::MakeModerator {
                        l.t("coop-moderator")
                    } else {
                        state_word(l, row.membership.state)
                    },
                ),
            ],
        )),
        ..Extra::default()
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// `/coops/requests/{token}`: where a moderator's link leads

#[derive(Template)]
#[template(path = "network/coop_request.html")]
struct RequestPage {
    b: Base,
    action: String,
    error: Option<String>,
}

/// Only the symbols of a token go back into a page.
fn clean(token: &str) -> String {
    token
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(64)
        .collect()
}

pub async fn request_page(PageUser(u): PageUser, ctx: Ctx, Path(token): Path<String>) -> Response {
    if let Err(e) = seller_only(&u) {
        return error_page(&ctx, &e);
    }
    render_status(
        StatusCode::OK,
        &RequestPage {
            b: Base::from_ctx(&ctx),
            action: request_path(&clean(&token)),
            error: None,
        },
    )
}

fn seller_only(u: &CurrentUser) -> Result<(), AppError> {
    if u.account.account_type == tessera_core::AccountType::Seller {
        Ok(())
    } else {
        Err(AppError::forbidden("error-sellers-only"))
    }
}

pub async fn request_submit(
    State(state): State<AppState>,
    PageUser(u): PageUser,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Response {
    match uc::request_by_link(&state, &u.account, &token).await {
        Ok(v) => Redirect::to(&format!("/coops/{}", v.coop.id)).into_response(),
        Err(e) => {
            let e = AppError::from(e);
            if e.status == StatusCode::FORBIDDEN || e.status.is_server_error() {
                return error_page(&ctx, &e);
            }
            render_status(
                e.status,
                &RequestPage {
                    b: Base::from_ctx(&ctx),
                    action: request_path(&clean(&token)),
                    error: Some(e.message(ctx.lang)),
                },
            )
        }
    }
}
