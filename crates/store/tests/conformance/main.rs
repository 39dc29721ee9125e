//! The store conformance suite (DESIGN.md "Storage across two backends"): every store
//! operation, deletion and purge included, on SQLite always and on PostgreSQL when
//! `TEST_DATABASE_URL` is set. A test that passes on one backend only is a failing test. One
//! binary, one module per area; test names cite the SPEC ids they check.

// A test's unwrap is its assertion: a failure should stop the test with the value shown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod abuse;
mod accounts;
mod alarm_notice;
mod alerts;
mod attempts;
mod bulk;
mod checkins;
mod claims;
mod code_times;
mod codes;
mod common;
mod coops;
mod day_keys;
mod disputes;
mod governance;
mod inventory;
mod link_tls;
mod links;
mod look_alikes;
mod messages;
mod notes;
mod pages;
mod privacy;
mod screening;
mod shredding;
mod two_person;
mod wal;
