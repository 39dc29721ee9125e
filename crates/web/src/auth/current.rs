//! The logged-in account of a request (SPEC R2.7). The session and its account come from the
//! store's session cache ([`tessera_store::accounts::SessionUser`]), shared, not copied: the
//! cache and every extractor of the request hold the same one (a lookup should not copy an
//! account's strings several times; issue 4).

use std::sync::Arc;

pub use tessera_store::accounts::SessionUser as UserData;

#[derive(Clone)]
pub struct CurrentUser(pub(crate) Arc<UserData>);

impl std::ops::Deref for CurrentUser {
    type Target = UserData;
    fn deref(&self) -> &UserData {
        &self.0
    }
}
