//! Authentication and the request envelope (SPEC §2, R9.3): sessions and their cache, CSRF,
//! the client address and its rate limit, showing a TOTP secret, and the login and session
//! endpoints and pages. The login rules themselves (throttling, Argon2, TOTP) are in
//! `tessera_app::accounts`.

pub mod api;
pub mod client_ip;
pub mod csrf;
pub mod current;
pub mod pages;
pub mod ratelimit;
pub mod session;
pub mod totp;
