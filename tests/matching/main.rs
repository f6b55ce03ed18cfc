//! Matching and the Daily Feed end to end: real postings from `../shared/testdata` ingested
//! into a real database, users with real profiles and saved searches, the job runner scoring
//! them, and the feed, searches, notifications and digest email read back over HTTP.

#[path = "../support/mod.rs"]
mod support;
#[allow(dead_code)]
#[path = "../pages/helpers.rs"]
mod helpers;

mod browser;
mod digest;
#[allow(dead_code)]
#[path = "../browser/driver.rs"]
mod driver;
mod feed;
mod searches;

use std::time::Duration;

use jobpilot::connectors::{BoardContext, ashby, file};
use jobpilot::domain::skills::SkillMatcher;
use jobpilot::services::catalog::ingest;
use serde_json::{Value, json};
use sqlx::PgPool;
use support::TestApp;
use tokio::sync::watch;

const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata/");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{TESTDATA}{path}")).expect("read test data")
}

fn board(company: &str, slug: &str) -> BoardContext {
    BoardContext { company_name: Some(company.into()), board_slug: Some(slug.into()), source_url: None }
}

/// Ingests Uber's export and the Zapier and Decagon boards (engineers, customer success, remote
/// and on-site, stated and unstated pay), then moves every date so the newest posting is from
/// today: the recorded payloads are months old, and the feed is about recent postings.
async fn ingest_catalog(app: &TestApp) -> PgPool {
    let pool = jobpilot::db::connect_owner_pool(&app.db_url, 4).await.expect("owner pool");
    let inputs = [
        file::parse(&read("postings/uber_jobs.json"), &BoardContext::default()).expect("uber parses"),
        ashby::parse(&read("job_boards/ashby/zapier.json"), &board("Zapier", "zapier")).expect("zapier parses"),
        ashby::parse(&read("job_boards/ashby/decagon.json"), &board("Decagon", "decagon")).expect("decagon parses"),
    ];
    for parsed in inputs {
        ingest(&pool, parsed, SkillMatcher::builtin(), true).await.expect("ingest");
    }
    sqlx::query(
        "update job_postings set posted_at = posted_at + (now() - (select max(posted_at) from job_postings))
         where posted_at is not null",
    )
    .execute(&pool)
    .await
    .expect("shift dates");
    sqlx::query("update job_postings set posted_at = now() - interval '1 day' where posted_at is null")
        .execute(&pool)
        .await
        .expect("date undated postings");
    pool
}

/// Runs the job runner until every queued job has finished (or 120 s pass).
async fn run_jobs(app: &TestApp, owner: &PgPool) {
    let (stop, stopped) = watch::channel(false);
    let runner = tokio::spawn(jobpilot::jobs::run(app.state.clone(), stopped));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let pending: i64 = sqlx::query_scalar(
            "select count(*) from apalis.jobs
             where status not in ('Done', 'Killed') and not (status = 'Failed' and attempts >= max_attempts)
               and job_type not in ('jobpilot.queue_due_sources', 'jobpilot.queue_due_searches', 'jobpilot.purge_expired_auth')",
        )
        .fetch_one(owner)
        .await
        .expect("count pending jobs");
        if pending == 0 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "jobs still pending after 120 s");
    }
    stop.send(true).expect("runner listens");
    runner.await.expect("runner joins").expect("runner ends cleanly");
    let failed: Vec<(String, Option<Value>)> =
        sqlx::query_as("select job_type, last_result from apalis.jobs where status in ('Failed', 'Killed')")
            .fetch_all(owner)
            .await
            .expect("failed jobs");
    assert!(failed.is_empty(), "failed jobs: {failed:?}");
}

/// A user with a profile and one saved search (the sign-up default renamed and refilled).
async fn user_with(app: &TestApp, email: &str, profile: Value, search: Value) -> (String, String) {
    let token = app.sign_up(email).await;
    let put = app.client.put(app.url("/api/v1/profile")).bearer_auth(&token).json(&profile).send().await.expect("put profile");
    assert_eq!(put.status(), 200, "{}", put.text().await.unwrap_or_default());
    let searches: Value = get(app, &token, "/api/v1/searches").await;
    let id = searches[0]["id"].as_str().expect("the default search").to_string();
    let put = app.client.put(app.url(&format!("/api/v1/searches/{id}"))).bearer_auth(&token).json(&search).send().await.expect("put search");
    assert_eq!(put.status(), 200, "{}", put.text().await.unwrap_or_default());
    (token, id)
}

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let response = app.client.get(app.url(path)).bearer_auth(token).send().await.expect("get");
    assert_eq!(response.status(), 200, "{path}: {}", response.status());
    response.json().await.expect("json")
}

/// The engineer: remote only, a salary floor of $150,000, backend and platform titles.
fn engineer() -> (Value, Value) {
    let profile = json!({
        "headline": "Senior Software Engineer",
        "skills": ["Python", "Go", "Kubernetes", "PostgreSQL", "AWS", "distributed systems"],
        "years_experience": 8,
        "job_preferences": { "levels": ["Senior", "Staff"], "timezone": "America/New_York" }
    });
    let search = json!({
        "name": "Remote engineering",
        "filters": { "titles": ["Software Engineer", "Backend Engineer"], "remote_only": true, "salary_min_cents": 15000000 },
        "schedule_cron": "0 7 * * *",
        "timezone": "America/New_York"
    });
    (profile, search)
}

/// The customer-success manager: no deal-breakers beyond their kind of work.
fn customer_success() -> (Value, Value) {
    let profile = json!({
        "headline": "Customer Success Manager",
        "skills": ["customer success", "account management", "renewals", "onboarding", "Salesforce"],
        "years_experience": 5,
        "remote_only": false
    });
    let search = json!({
        "name": "Customer success",
        "filters": { "titles": ["Customer Success Manager", "Account Manager", "Customer Experience Lead"] },
        "schedule_cron": "0 9 * * 1-5",
        "timezone": "Europe/London"
    });
    (profile, search)
}
