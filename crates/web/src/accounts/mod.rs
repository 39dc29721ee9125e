//! The accounts room of the web layer (SPEC §2): the JSON API of API.md "Accounts and
//! sessions", the sign-up, recovery and settings pages, and how `AccountsError` answers. The
//! rules are in `tessera_app::accounts`.

pub mod api;
pub mod errors;
pub mod invitations;
pub mod pages;
pub mod recover;
pub mod settings;
pub mod views;
