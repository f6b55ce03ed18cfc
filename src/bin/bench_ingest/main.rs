//! `jobpilot-bench-ingest`: measures catalog ingest end to end (payload files → connector
//! auto-detection and parsing → normalisation → batched upsert, the `jobpilot ingest --partial
//! FILE…` path through `services::catalog::ingest`) against PostgreSQL's own `COPY`.
//!
//! Run with `bash scripts/bench-ingest.sh` (builds release binaries first). Nothing is
//! asserted: the figures are printed for people to read and quote.

mod ceiling;
mod generate;
#[path = "../bench/scratch.rs"]
mod scratch;
mod seed;
mod stages;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Parser;
use futures::StreamExt;
use jobpilot::connectors::{self, BoardContext};
use jobpilot::domain::skills::SkillMatcher;
use jobpilot::domain::posting::ParsedBoard;
use jobpilot::services::catalog::{self, IngestSummary};
use sqlx::PgPool;

/// The targets, printed beside the figures.
const TARGET_PER_SECOND: f64 = 25_000.0;
const TARGET_COPY_SHARE: f64 = 50.0;

#[derive(Debug, Parser)]
#[command(about = "Benchmark catalog ingest end to end against PostgreSQL COPY")]
struct Args {
    /// Postings to generate and ingest.
    #[arg(long, default_value_t = 100_000)]
    postings: usize,
    /// Postings per payload (one `catalog::ingest` call each).
    #[arg(long, default_value_t = 5_000)]
    chunk: usize,
    /// The shared testdata folder whose real postings are multiplied (default: `../shared/testdata`
    /// beside the project root).
    #[arg(long, default_value_os_t = default_testdata())]
    testdata: PathBuf,
    /// Scratch folder for the benchmark's own embedded cluster (deleted first).
    #[arg(long, default_value_os_t = std::env::temp_dir().join("jobpilot-bench-ingest"))]
    data_dir: PathBuf,
}

/// One pass over every payload: the summed counts and the time spent in parse + ingest only.
struct Pass {
    summary: IngestSummary,
    elapsed: Duration,
    /// Time spent reading payload files and in `connectors::parse` (detection included), beside
    /// the ingest of other payloads.
    parsing: Duration,
}

/// `../shared/testdata` relative to the project root, wherever the project was checked out.
fn default_testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata")
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(args.postings > 0 && args.chunk > 0, "--postings and --chunk must be positive");
    let seeds = seed::load(&args.testdata)?;
    println!("seeds: {} real postings from {}", seeds.len(), args.testdata.display());

    let (cluster, owner) = scratch::cluster(&args.data_dir, false, 4).await?;

    let chunks: Vec<(usize, usize)> = (0..args.postings)
        .step_by(args.chunk)
        .map(|start| (start, (start + args.chunk).min(args.postings)))
        .collect();
    let payload_dir = args.data_dir.join("payloads");
    std::fs::create_dir_all(&payload_dir)?;
    let (files, bytes, generation) = {
        let started = Instant::now();
        let (mut files, mut bytes) = (Vec::with_capacity(chunks.len()), 0);
        for (n, &(start, end)) in chunks.iter().enumerate() {
            let payload = generate::chunk(&seeds, start, end)?;
            let file = payload_dir.join(format!("{n:05}.json"));
            std::fs::write(&file, &payload)?;
            bytes += payload.len();
            files.push(file);
        }
        (files, bytes, started.elapsed())
    };
    println!("data generator: {} postings, ~{} companies, {} payload files of up to {} postings, {:.1} MiB of JSON ({:.2} s to generate and write, not counted below)",
        args.postings, generate::COMPANIES, chunks.len(), args.chunk, bytes as f64 / 1_048_576.0, generation.as_secs_f64());
    if let Some(file) = files.first() {
        stages::report(&parse(&std::fs::read(file)?)?.postings);
    }
    println!("RSS before ingest: {:.1} MiB", status_mib("VmRSS")?);

    settle(&owner).await?;
    let first = pass(&owner, &files).await?;
    report("ingest, fresh database", &first, args.postings);
    settle(&owner).await?;
    let second = pass(&owner, &files).await?;
    report("re-ingest, same payloads", &second, args.postings);
    println!("peak RSS after both passes (VmHWM): {:.1} MiB", status_mib("VmHWM")?);

    let ingest_rate = args.postings as f64 / first.elapsed.as_secs_f64();
    for (table, label) in [
        (ceiling::Table::Bare, "COPY into a bare table (no indexes)"),
        (ceiling::Table::Indexed, "COPY into a table with job_postings' indexes"),
    ] {
        settle(&owner).await?;
        let copied = ceiling::copy_rows(&owner, "job_postings", table).await?;
        let copy_rate = copied.rows as f64 / copied.elapsed.as_secs_f64();
        println!("{label}: {} rows ({:.1} MiB, text format) in {:.2} s = {:.0} rows/s; ingest / COPY = {:.1}% (target: at least {TARGET_COPY_SHARE:.0}%)",
            copied.rows, copied.bytes as f64 / 1_048_576.0, copied.elapsed.as_secs_f64(), copy_rate, 100.0 * ingest_rate / copy_rate);
    }
    println!("ingest rate: {ingest_rate:.0} postings/s (target: at least {TARGET_PER_SECOND:.0} postings/s end to end)");
    owner.close().await;
    drop(cluster);
    Ok(())
}

/// Times reading, parsing (auto-detect) and `catalog::ingest` of every payload file, as
/// `jobpilot ingest --partial FILE…` runs them: [`catalog::BOARDS_AT_ONCE`] files at a time, each
/// read and parsed on a blocking thread, so one payload's last batches are written while the
/// next one is parsed and normalised.
async fn pass(owner: &PgPool, files: &[PathBuf]) -> anyhow::Result<Pass> {
    let started = Instant::now();
    let mut total = IngestSummary::default();
    let mut parsing = Duration::ZERO;
    let mut done = futures::stream::iter(files.iter().cloned().map(|file| async move {
        let (parsed, took) = tokio::task::spawn_blocking(move || {
            let started = Instant::now();
            let parsed = parse(&std::fs::read(&file)?)?;
            anyhow::Ok((parsed, started.elapsed()))
        })
        .await??;
        let summary = catalog::ingest(owner, parsed, SkillMatcher::builtin(), false).await?;
        anyhow::Ok((summary, took))
    }))
    .buffered(catalog::BOARDS_AT_ONCE);
    while let Some(payload) = done.next().await {
        let (summary, took) = payload?;
        total.add(summary);
        parsing += took;
    }
    Ok(Pass { summary: total, elapsed: started.elapsed(), parsing })
}

fn parse(payload: &[u8]) -> anyhow::Result<ParsedBoard> {
    Ok(connectors::parse(None, payload, &BoardContext::default())?)
}

fn report(label: &str, pass: &Pass, postings: usize) {
    let s = &pass.summary;
    println!("{label}: {postings} postings in {:.2} s = {:.0} postings/s (inserted {}, updated {}, unchanged {}, skipped {}; reading and parsing files took {:.2} s, beside other payloads' ingest)",
        pass.elapsed.as_secs_f64(), postings as f64 / pass.elapsed.as_secs_f64(), s.inserted, s.updated, s.unchanged, s.skipped.len(),
        pass.parsing.as_secs_f64());
    if let Some((id, reason)) = s.skipped.first() {
        println!("  first skipped: {}: {reason}", id.as_deref().unwrap_or("?"));
    }
}

/// Starts every timed phase from the same state: the previous phase's dirty pages written out
/// (so no phase pays for its predecessor's checkpoint) and its statistics gathered (so
/// autovacuum's analyse of a freshly filled table does not run during the next phase).
async fn settle(owner: &PgPool) -> anyhow::Result<()> {
    sqlx::query("analyze").execute(owner).await?;
    sqlx::query("checkpoint").execute(owner).await?;
    Ok(())
}

/// A `/proc/self/status` memory line (kB) in MiB.
fn status_mib(field: &str) -> anyhow::Result<f64> {
    let status = std::fs::read_to_string(Path::new("/proc/self/status"))?;
    let kb = status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .ok_or_else(|| anyhow::anyhow!("no {field} in /proc/self/status"))?;
    Ok(kb / 1024.0)
}
