//! The HTTP test suite, one binary so that it links once (Zero To Production's `tests/api`):
//! each module spawns the real application on port 0 with a fresh database and drives it like a
//! client. Test names cite the SPEC ids they check.

// A test's unwrap is its assertion: a failure should stop the test with the value shown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access_matrix;
mod account_defenses;
mod accounts;
mod alarm_notice;
mod alerts;
mod asvs;
mod backup;
mod checkins;
mod committee_terms;
mod common;
mod coop_threads;
mod coops;
mod cosmetics;
mod disputes;
mod early;
mod everything;
mod flags;
mod governance;
mod governance_h2;
mod links;
mod look_alikes;
mod mail_offer;
mod messages;
mod network_h2;
mod openapi;
mod ops;
mod origin;
mod pages;
mod screening;
mod seizure;
mod tls;
mod transparency;
mod two_person;
mod unsafe_flags;
