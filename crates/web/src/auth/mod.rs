//! Authentication and the request envelope: password hashing, sessions, CSRF, TOTP, login
//! throttling, per-address limits and the sign-up proof-of-work (SPEC §2, R9.3).

pub mod client_ip;
pub mod csrf;
pub mod password;
pub mod pow;
pub mod ratelimit;
pub mod session;
pub mod totp;
