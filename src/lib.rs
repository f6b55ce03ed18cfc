//! Jobpilot: a self-hostable, AI-assisted job-search copilot. The library behind the `jobpilot` binary.

// Money is kept in cents and written as whole units and cents (`150_000_00` is $150,000.00),
// a grouping this lint would rewrite into one that hides the amount.
#![allow(clippy::inconsistent_digit_grouping)]

pub mod agents;
pub mod app;
pub mod cli;
pub mod config;
pub mod connectors;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod runtime;
pub mod server;
pub mod services;
pub mod storage;
pub mod telemetry;
