//! Ingest-to-feed delay: a fresh export of N postings published today goes through the real
//! `jobpilot ingest` (as an operator or a scheduled source would), the running server's job
//! runner picks up the enrichment job that ingest queued, and the clock stops when every new
//! posting has been scored for every user and the rows are committed (visible to the feed).

use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sqlx::PgPool;
use tokio::process::Command;

use super::words::{CITIES, FAMILY_TAGS, REMOTE_LOCATIONS, ROLES, SENIORITY};

/// What the arrival of one batch took.
pub struct Arrival {
    pub postings: usize,
    /// `jobpilot ingest` from start to exit.
    pub ingest: Duration,
    /// From the start of ingest until the last enrichment run for the batch finished.
    pub visible: Duration,
    /// Fit rows the batch produced, all users together.
    pub rows: i64,
}

/// Writes `count` new postings to a file in `dir`, ingests them and waits for their fit rows.
pub async fn measure(owner: &PgPool, database_url: &str, dir: &std::path::Path, count: usize) -> anyhow::Result<Arrival> {
    let file = dir.join("arrival.json");
    let stamp = Utc::now().timestamp();
    std::fs::write(&file, export(count, stamp)?)?;
    let started_at = Utc::now();
    let started = Instant::now();
    let binary = std::env::current_exe()?.with_file_name("jobpilot");
    let output = Command::new(&binary)
        .arg("ingest")
        .arg("--partial")
        .arg(&file)
        .env("DATABASE_URL", database_url)
        .env("JOBPILOT_LOG", "warn")
        .stdout(Stdio::piped())
        .output()
        .await
        .with_context(|| format!("running {}", binary.display()))?;
    let ingest = started.elapsed();
    anyhow::ensure!(output.status.success(), "jobpilot ingest failed: {}", String::from_utf8_lossy(&output.stderr));
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let (done, unfinished): (i64, i64) = sqlx::query_as(
            "select coalesce(sum(postings_done), 0)::bigint, count(*) filter (where finished_at is null)
             from enrichment_runs where kind = 'postings' and started_at >= $1",
        )
        .bind(started_at)
        .fetch_one(owner)
        .await?;
        if done >= count as i64 && unfinished == 0 {
            break;
        }
        anyhow::ensure!(Instant::now() < deadline, "the batch was not scored within 10 minutes ({done} of {count})");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let visible = started.elapsed();
    let rows: i64 = sqlx::query_scalar(
        "select count(*) from posting_enrichments e join job_postings p on p.id = e.job_posting_id
         where p.source_id like '%' || $1",
    )
    .bind(format!("arrival-{stamp}-%"))
    .fetch_one(owner)
    .await?;
    Ok(Arrival { postings: count, ingest, visible, rows })
}

/// `count` postings in the file connector's JSON shape, published today, with a description
/// naming some skills of the role's family (ingest tags them from the text).
fn export(count: usize, stamp: i64) -> anyhow::Result<Vec<u8>> {
    let mut rng = StdRng::seed_from_u64(stamp as u64);
    let today = Utc::now().format("%Y-%m-%d").to_string();
    let rows: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            let (role, family) = *ROLES.choose(&mut rng).expect("roles");
            let title = format!("{}{role}", SENIORITY.choose(&mut rng).expect("seniority"));
            let tags: Vec<&str> = FAMILY_TAGS[(family - 1) as usize].split(',').collect();
            let skills: Vec<&str> = tags.choose_multiple(&mut rng, 4).copied().collect();
            let remote = rng.random_bool(0.25);
            let location = if remote { REMOTE_LOCATIONS.choose(&mut rng) } else { CITIES.choose(&mut rng) };
            let company = format!("Arrival Company {}", rng.random_range(0..200));
            let pay = rng.random_bool(0.6).then(|| rng.random_range(60..200) * 1000);
            let mut row = serde_json::json!({
                "id": format!("arrival-{stamp}-{i}"),
                "title": title,
                "url": format!("https://arrivals.example/jobs/{stamp}/{i}"),
                "company": company,
                "locations": [location.expect("places")],
                "remote": remote,
                "posted_at": today,
                "description": format!("{company} is hiring a {title}. You will work with {}.", skills.join(", ")),
            });
            if let Some(min) = pay {
                row["salary_min"] = min.into();
                row["salary_max"] = (min + 30_000).into();
                row["currency"] = "USD".into();
                row["salary_period"] = "year".into();
            }
            row
        })
        .collect();
    Ok(serde_json::to_vec(&rows)?)
}
