//! Demo data: a user with a filled-in profile and a generated job catalog, so a first run shows
//! a living app.

pub mod catalog;
mod companies;
mod describe;
mod rng;
mod roles;
mod words;

use std::time::Instant;

use crate::config::Config;
use crate::domain::profile::{JobPreferences, ProfileFields};
use crate::error::AppError;
use crate::runtime::Database;
use crate::services::{self, Caller};

/// The demo login, printed by `jobpilot demo` and named in the README.
pub const DEMO_EMAIL: &str = "demo@jobpilot.local";
pub const DEMO_PASSWORD: &str = "demo-harbor-violet-42";

/// Creates the demo user if missing (safe to run again), fills in the profile, and seeds the
/// demo catalog (also safe to run again: unchanged postings are left alone).
pub async fn load(config: &Config, database: &Database) -> anyhow::Result<()> {
    let pool = &database.app;
    let signed_up = services::accounts::sign_up(pool, config, DEMO_EMAIL, DEMO_PASSWORD, None, None).await;
    match signed_up {
        Ok((user, _)) => {
            let caller = Caller { user_id: user.id, ip: None };
            services::profile::update(pool, caller, demo_profile()).await?;
            println!("demo user created");
        }
        Err(AppError::Conflict(_)) => println!("demo user already exists"),
        Err(other) => return Err(anyhow::anyhow!("creating the demo user: {other}")),
    }
    seed_catalog(database).await?;
    println!("log in as {DEMO_EMAIL} with password {DEMO_PASSWORD}");
    Ok(())
}

/// The catalog is global, so it is written on the owner (system) pool, as every ingest is.
async fn seed_catalog(database: &Database) -> anyhow::Result<()> {
    let started = Instant::now();
    let today = chrono::Utc::now().date_naive();
    let summary = catalog::seed(&database.system, today).await?;
    println!(
        "demo catalog: {} postings (inserted {}, updated {}, unchanged {}) in {:.1} s",
        catalog::POSTINGS,
        summary.inserted,
        summary.updated,
        summary.unchanged,
        started.elapsed().as_secs_f64(),
    );
    Ok(())
}

fn demo_profile() -> ProfileFields {
    ProfileFields {
        headline: Some("Senior Backend Engineer — Rust, PostgreSQL, distributed systems".into()),
        summary: Some(
            "Backend engineer with 8 years building data-heavy services. Led the move of a \
             payments platform to Rust; cut p99 latency by 60%."
                .into(),
        ),
        skills: ["Rust", "PostgreSQL", "Kubernetes", "gRPC", "Kafka", "AWS", "Python"]
            .map(String::from)
            .to_vec(),
        years_experience: Some(8),
        locations: vec!["Toronto".into(), "Remote (Canada)".into()],
        work_auth: Some("Canadian citizen".into()),
        salary_min_cents: Some(16_000_000),
        salary_max_cents: Some(21_000_000),
        remote_only: true,
        job_preferences: JobPreferences {
            levels: vec!["Senior".into(), "Staff".into()],
            functions: vec!["Engineering".into()],
            industries: vec!["Fintech".into(), "Developer tools".into()],
            timezone: Some("America/Toronto".into()),
        },
    }
}
