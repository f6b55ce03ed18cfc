//! The web pages over real HTTP: forms, sessions, CSRF, errors, against a real PostgreSQL.

#[path = "../support/mod.rs"]
mod support;

mod auth;
mod basics;
mod helpers;
mod settings;
