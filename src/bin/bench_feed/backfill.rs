//! The nightly backfill as an operator runs it: the real `jobpilot enrich` binary as a child
//! process (its peak memory read from /proc while it runs), and what its `enrichment_runs` row
//! recorded.

use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::Context;
use sqlx::PgPool;
use tokio::process::Command;

/// What one backfill did and cost.
pub struct Backfill {
    pub wall: Duration,
    pub peak_rss_mib: f64,
    pub postings: i64,
    pub pairs: i64,
    pub rows_written: i64,
    pub rows_removed: i64,
    /// The CLI's own summary line.
    pub output: String,
    /// Seconds spent writing the rows, as the CLI reports them.
    pub writing_secs: f64,
}

/// Runs `jobpilot enrich` (salary benchmarks, then every user over the recent window).
pub async fn run(owner: &PgPool, database_url: &str) -> anyhow::Result<Backfill> {
    let binary = std::env::current_exe()?.with_file_name("jobpilot");
    let started = Instant::now();
    let mut child = Command::new(&binary)
        .arg("enrich")
        .env("DATABASE_URL", database_url)
        .env("JOBPILOT_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("starting {} (build it with cargo build --release)", binary.display()))?;
    let pid = child.id().context("enrich exited at once")?;
    let mut peak_rss_mib: f64 = 0.0;
    let status = loop {
        // VmHWM is the kernel's own high-water mark, so sampling cannot miss a short peak.
        if let Ok(mib) = super::server::proc_status_mib(pid, "VmHWM:") {
            peak_rss_mib = peak_rss_mib.max(mib);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let wall = started.elapsed();
    let mut output = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        tokio::io::AsyncReadExt::read_to_string(&mut stdout, &mut output).await?;
    }
    anyhow::ensure!(status.success(), "jobpilot enrich failed ({status}): {output}");
    let (postings, pairs, rows_written, rows_removed): (i64, i64, i64, i64) = sqlx::query_as(
        "select postings_done::bigint, pairs_scored::bigint, rows_written::bigint, rows_removed::bigint
         from enrichment_runs where kind = 'backfill' order by started_at desc limit 1",
    )
    .fetch_one(owner)
    .await?;
    // "… removed in 12.3 s": the write phase, which the COPY ceiling is compared with.
    let writing_secs = output
        .rsplit_once("removed in ")
        .and_then(|(_, rest)| rest.split_whitespace().next()?.parse().ok())
        .context("the CLI did not report its write time")?;
    Ok(Backfill { wall, peak_rss_mib, postings, pairs, rows_written, rows_removed, output: output.trim().to_string(), writing_secs })
}
