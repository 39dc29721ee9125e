//! Safety alerts and their disputes (SPEC R6.4, R6.5; API.md "Safety alerts"): the JSON API in
//! [`api`], the pages in [`pages`], the error mapping in [`errors`], this area's part of the
//! OpenAPI document in [`openapi`].

pub mod api;
mod errors;
pub mod openapi;
pub mod pages;
