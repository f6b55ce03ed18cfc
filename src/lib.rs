//! Jobpilot: a self-hostable, AI-assisted job-search copilot. The library behind the `jobpilot` binary.

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
