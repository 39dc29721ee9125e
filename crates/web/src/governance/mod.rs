//! Governance (SPEC §7; API.md "Governance"): the JSON API in [`api`], its part of the OpenAPI
//! document in [`openapi`], the error mapping in [`errors`], the pages in [`pages`].

pub mod api;
pub mod approval_pages;
pub mod banner;
pub mod dispute_pages;
pub mod disputes;
pub mod emergency_pages;
mod errors;
pub mod flags;
pub mod openapi;
pub mod pages;
pub mod requests;
pub mod transparency;
pub mod two_person;
