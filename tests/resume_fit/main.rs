//! ATS scores, tailored versions and cover letters: over real HTTP and PostgreSQL (`api`), and
//! the property that tailoring invents nothing, over every real posting in `../shared/testdata`
//! times real and generated resumes (`property`).

#[path = "../support/mod.rs"]
mod support;

#[path = "../fixtures/catalog.rs"]
mod catalog;

#[allow(dead_code)]
#[path = "../pages/helpers.rs"]
mod helpers;

mod api;
mod cli;
mod data;
mod pages;
mod property;
