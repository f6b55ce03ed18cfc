//! The JSON API, black-box over real HTTP against a real PostgreSQL database per test.

#[path = "../support/mod.rs"]
mod support;

mod auth;
mod conventions;
mod profile;
mod tenancy;
mod tokens;
