//! Demo data: a user with a filled-in profile and a generated job catalog, so a first run shows
//! a living app.

pub mod catalog;
mod companies;
mod describe;
mod pipeline;
mod rng;
mod roles;
mod words;

use std::time::Instant;

use crate::config::Config;
use crate::domain::profile::{JobPreferences, ProfileFields};
use crate::domain::search_filters::{SavedSearchInput, SearchFilters};
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
    let user_id = match signed_up {
        Ok((user, _)) => {
            let caller = Caller { user_id: user.id, ip: None };
            services::profile::update(pool, caller, demo_profile()).await?;
            println!("demo user created");
            user.id
        }
        Err(AppError::Conflict(_)) => {
            println!("demo user already exists");
            let mut conn = database.system.acquire().await?;
            crate::db::users::id_by_email(&mut conn, DEMO_EMAIL).await?.ok_or_else(|| anyhow::anyhow!("demo user vanished"))?
        }
        Err(other) => return Err(anyhow::anyhow!("creating the demo user: {other}")),
    };
    ensure_searches(database, Caller { user_id, ip: None }).await?;
    seed_catalog(database).await?;
    fill_feed(database, user_id).await?;
    pipeline::fill(database, Caller { user_id, ip: None }).await?;
    ensure_resume(config, database, Caller { user_id, ip: None }).await?;
    println!("log in as {DEMO_EMAIL} with password {DEMO_PASSWORD}");
    Ok(())
}

/// The demo user's resume (a hand-made, fictional JSON Resume), uploaded the way a user would,
/// so the Resume Studio opens on a base version; left alone once the user has any version.
async fn ensure_resume(config: &Config, database: &Database, caller: Caller) -> anyhow::Result<()> {
    const RESUME: &[u8] = include_bytes!("resume.json");
    let pool = &database.app;
    if !services::resumes::list(pool, caller.user_id, true).await?.is_empty() {
        return Ok(());
    }
    let storage = crate::storage::Storage::from_config(config)?;
    let file = services::files::Upload { file_name: "dana-demo.resume.json".into(), kind: None, bytes: RESUME.into() };
    services::resumes::upload(pool, &storage, caller, file, config.upload_max_bytes)
        .await
        .map_err(|e| anyhow::anyhow!("uploading the demo resume: {e}"))?;
    println!("demo resume uploaded");
    Ok(())
}

/// The demo user's two saved searches (the sign-up default becomes the first), unless there.
async fn ensure_searches(database: &Database, caller: Caller) -> anyhow::Result<()> {
    let pool = &database.app;
    let existing = services::saved_searches::list(pool, caller.user_id).await?;
    let [first, second] = demo_searches();
    if existing.iter().any(|s| s.name == first.name) {
        return Ok(());
    }
    let default = existing.iter().find(|s| s.name == services::accounts::DEFAULT_SEARCH_NAME);
    let saved = match default {
        Some(default) => services::saved_searches::update(pool, caller, default.id, first).await,
        None => services::saved_searches::create(pool, caller, first).await,
    };
    saved.map_err(|e| anyhow::anyhow!("saving the demo searches: {e}"))?;
    services::saved_searches::create(pool, caller, second).await.map_err(|e| anyhow::anyhow!("saving the demo searches: {e}"))?;
    Ok(())
}

fn demo_searches() -> [SavedSearchInput; 2] {
    let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    [
        SavedSearchInput {
            name: "Remote backend roles".into(),
            filters: SearchFilters {
                titles: list(&["Backend Engineer", "Software Engineer", "Platform Engineer"]),
                levels: list(&["Senior", "Staff"]),
                remote_only: true,
                salary_min_cents: Some(15_000_000),
                ..SearchFilters::default()
            },
            schedule_cron: "0 7 * * 1-5".into(),
            timezone: Some("America/Toronto".into()),
            enabled: true,
        },
        SavedSearchInput {
            name: "Data and ML in Canada or the US".into(),
            filters: SearchFilters {
                titles: list(&["Data Engineer", "Machine Learning Engineer"]),
                skills: list(&["Spark", "Airflow"]),
                geo: list(&["Canada", "US"]),
                exclude_companies: list(&["Initech"]),
                ..SearchFilters::default()
            },
            schedule_cron: "0 8 * * 1".into(),
            timezone: Some("America/Toronto".into()),
            enabled: true,
        },
    ]
}

/// Scores the demo catalog for the demo user now, so the first page is a living feed (the job
/// runner would do it within seconds, but `demo` should not depend on its timing).
async fn fill_feed(database: &Database, user_id: uuid::Uuid) -> anyhow::Result<()> {
    let started = Instant::now();
    let groups = services::matching::refresh_benchmarks(&database.system).await?;
    let run = services::matching::enrich(&database.system, services::matching::Scope::User(user_id)).await?;
    println!(
        "demo feed: {} postings scored, {} in the feed, {groups} salary benchmarks, in {:.1} s",
        run.postings,
        run.rows_written,
        started.elapsed().as_secs_f64()
    );
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
