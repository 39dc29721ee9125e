//! The in-app alarm notice (SPEC R6.7: notices are in-app only, no push, e-mail or SMS; R10.1):
//! every page of a seller who watches over someone carries the number of open alarms of the
//! sellers she watches over, as a "(n) " badge before the page title and a notice at the top of
//! the page that links to the alarms. Both are rendered by the server, so a plain reload shows
//! them; `static/watch.js` polls `GET /api/alarms` on open pages to keep them current.
//!
//! A seller never learns anything of her own alarms here (R6.6: the duress PIN must stay
//! invisible): the count covers only the sellers she watches over, and nobody watches over
//! herself. A seller who watches over nobody gets neither the notice nor the script.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tessera_app::network::safety::alarms;
use tessera_core::AccountType;

use crate::auth::session::{is_page, CurrentUser};
use crate::i18n::Lang;
use crate::state::AppState;

/// She watches over at least one seller; this many of their alarms are open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WatchNotice(pub i64);

/// Puts a [`WatchNotice`] into the requests for the pages of a seller who watches over
/// someone. Runs after the session is loaded.
pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let seller = req
        .extensions()
        .get::<CurrentUser>()
        .filter(|u| u.account.account_type == AccountType::Seller)
        .cloned();
    if let (Some(u), true) = (seller, is_page(req.uri().path())) {
        match alarms::notice(&state, &u.account).await {
            Ok(Some(n)) => {
                req.extensions_mut().insert(WatchNotice(n));
            }
            Ok(None) => {}
            // The page itself will most likely fail on the same database; it is shown without
            // the notice rather than not at all. Nothing about her is logged (R8.4).
            Err(_) => tracing::error!("could not count the open alarms for a page"),
        }
    }
    next.run(req).await
}

/// The notice as the layout renders it.
pub struct WatchView {
    /// Open alarms of the sellers she watches over; the title's badge when above 0.
    pub open: i64,
    /// The notice's text when `open` is above 0.
    pub line: Option<String>,
    /// The texts `static/watch.js` fills in: for one alarm, and for `{n}` alarms.
    pub one: String,
    pub other: String,
}

impl WatchView {
    pub fn new(l: Lang, WatchNotice(open): WatchNotice) -> WatchView {
        let text = |n: String| l.ta("alarms-open-count", &[("n", n)]);
        WatchView {
            open,
            line: (open > 0).then(|| text(open.to_string())),
            one: text("1".into()),
            // Not a number, so Fluent picks the plural form (`*[other]`) with `{n}` in it.
            other: text("{n}".into()),
        }
    }
}
