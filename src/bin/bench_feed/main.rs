//! `jobpilot-bench-feed`: matching and the Daily Feed at scale. On its own embedded cluster it
//! generates a catalog of N realistic postings and 1,000 job seekers with profiles and two saved
//! searches each, then measures, in one run:
//! - the nightly backfill (`jobpilot enrich` as a child process): wall time, scored pairs/s,
//!   rows written/s next to a `COPY` of the same rows, and its peak memory;
//! - `GET /api/v1/feed` latency at N concurrent clients over HTTP next to the bare SQL of the
//!   same requests;
//! - the same reads from a materialised `mv_user_fit_scores`, and what building it costs;
//! - the delay from ingesting 1,000 new postings to their fit rows being visible, through the
//!   server's own job runner;
//! - the server's peak memory.
//!
//! Run with `bash scripts/bench-feed.sh [--postings N]` (builds release binaries first).
//! Nothing is asserted: the figures are printed for people to read and quote.

mod arrival;
mod backfill;
#[allow(dead_code)]
#[path = "../bench_ingest/ceiling.rs"]
mod ceiling;
mod feed_load;
#[allow(dead_code)]
#[path = "../bench_search/generate.rs"]
mod generate;
mod materialized;
#[path = "../bench/scratch.rs"]
mod scratch;
#[allow(dead_code)]
#[path = "../bench/server.rs"]
mod server;
#[allow(dead_code)]
#[path = "../bench/timings.rs"]
mod timings;
mod users;
#[allow(dead_code)]
#[path = "../bench_search/words.rs"]
mod words;

use std::path::PathBuf;
use std::sync::Arc;

use clap::Parser;
use sqlx::PgPool;

/// The targets, printed beside the figures.
const TARGET_FEED_P95_MS: f64 = 50.0;
const TARGET_FEED_RATIO: f64 = 3.0;
const TARGET_BACKFILL_MINUTES: f64 = 15.0;

#[derive(Debug, Parser)]
#[command(about = "Benchmark the fit backfill, the feed and ingest-to-feed delay on generated data")]
struct Args {
    /// Postings to generate (about a fifth fall in the 14-day window the backfill scores).
    #[arg(long, default_value_t = 1_000_000)]
    postings: i64,
    /// Job seekers to generate, each with a profile and two saved searches.
    #[arg(long, default_value_t = 1_000)]
    users: usize,
    /// Concurrent feed clients (and bare-SQL connections).
    #[arg(long, default_value_t = 8)]
    clients: usize,
    /// Feed requests per side.
    #[arg(long, default_value_t = 4_000)]
    requests: usize,
    /// New postings ingested for the delay measurement.
    #[arg(long, default_value_t = 1_000)]
    arrivals: usize,
    /// Scratch folder for the benchmark's own embedded cluster.
    #[arg(long, default_value_os_t = std::env::temp_dir().join("jobpilot-bench-feed"))]
    data_dir: PathBuf,
    /// Keep the catalog already in --data-dir when it holds --postings rows (skips generation).
    #[arg(long)]
    reuse: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(args.postings > 0 && args.users > 0 && args.clients > 0, "--postings, --users and --clients must be positive");
    let (cluster, owner) = scratch::cluster(&args.data_dir, args.reuse, args.clients as u32 + 2).await?;
    let url = cluster.url();
    prepare(&owner, &args).await?;
    let users = Arc::new(users::create(&owner, args.users).await?);
    sqlx::query("analyze").execute(&owner).await?;
    let window: (i64, i64) = sqlx::query_as(
        "select count(*), count(*) filter (where salary_min_cents is null and salary_max_cents is null)
         from job_postings where closed_at is null and coalesce(posted_at, created_at) >= now() - interval '14 days'",
    )
    .fetch_one(&owner)
    .await?;
    println!("{} users with 2 saved searches each; {} open postings in the 14-day window ({} state no pay)",
        users.len(), window.0, window.1);

    let backfill = backfill::run(&owner, &url).await?;
    report_backfill(&owner, &backfill).await?;
    let again = backfill::run(&owner, &url).await?;
    println!("backfill again (idempotence): {} rows written, {} removed in {:.1} s wall",
        again.rows_written, again.rows_removed, again.wall.as_secs_f64());

    sqlx::query("vacuum analyze posting_enrichments").execute(&owner).await?;
    let server = server::Server::start(&url, &[]).await?;
    let feed = server.url("/api/v1/feed");
    // Untimed: first plans, connections and the token cache, as in a running service.
    feed_load::over_http(feed.clone(), users.clone(), feed_load::mix(400, users.len(), 1), args.clients).await?;
    feed_load::bare_sql(owner.clone(), users.clone(), feed_load::mix(400, users.len(), 1), args.clients).await?;
    let mix = feed_load::mix(args.requests, users.len(), 2);
    let http = feed_load::over_http(feed, users.clone(), mix.clone(), args.clients).await?;
    let sql = feed_load::bare_sql(owner.clone(), users.clone(), mix, args.clients).await?;
    report_feed(&args, &http, &sql);
    let built = materialized::build(&owner).await?;
    materialized::read(owner.clone(), users.clone(), feed_load::mix(400, users.len(), 1), args.clients).await?;
    let from_view = materialized::read(owner.clone(), users.clone(), feed_load::mix(args.requests, users.len(), 2), args.clients).await?;
    println!("  the same mix from a materialised mv_user_fit_scores (fit rows joined to postings and companies, indexed in feed order):");
    println!("    p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms ({:.2}x the plain query's p95); building it took {:.1} s, the lag every refresh would add",
        from_view.ms(0.5), from_view.ms(0.95), from_view.ms(0.99), from_view.ms(0.95) / sql.ms(0.95).max(f64::EPSILON), built.as_secs_f64());
    sqlx::query("drop materialized view bench_mv_user_fit_scores").execute(&owner).await?;

    let arrival = arrival::measure(&owner, &url, &args.data_dir, args.arrivals).await?;
    println!("ingest-to-feed: {} new postings ingested in {:.2} s; their fit rows ({} for all users) visible {:.2} s after ingest began",
        arrival.postings, arrival.ingest.as_secs_f64(), arrival.rows, arrival.visible.as_secs_f64());
    println!("peak memory: jobpilot serve {:.0} MiB (feed load and the arrival's scoring), jobpilot enrich {:.0} MiB (backfill)",
        server.peak_rss_mib()?, backfill.peak_rss_mib);
    server.stop().await?;
    owner.close().await;
    drop(cluster);
    Ok(())
}

/// A fresh catalog, or the reused one with its earlier users and fit rows cleared.
async fn prepare(owner: &PgPool, args: &Args) -> anyhow::Result<()> {
    let existing: i64 = sqlx::query_scalar("select count(*) from job_postings").fetch_one(owner).await?;
    if existing == 0 {
        return generate::catalog(owner, args.postings).await;
    }
    anyhow::ensure!(args.reuse && existing >= args.postings,
        "{} holds {existing} postings; run without --reuse", args.data_dir.display());
    println!("reusing the {existing} postings in {}", args.data_dir.display());
    sqlx::query("delete from job_postings where source_id like '%arrival-%'").execute(owner).await?;
    sqlx::query("delete from users").execute(owner).await?;
    sqlx::query("truncate enrichment_runs").execute(owner).await?;
    Ok(())
}

async fn report_backfill(owner: &PgPool, b: &backfill::Backfill) -> anyhow::Result<()> {
    let secs = b.wall.as_secs_f64();
    println!("backfill (jobpilot enrich): {}", b.output.replace('\n', "; "));
    println!("  {} postings x users = {} pairs scored in {:.1} s wall ({:.1} min; target under {TARGET_BACKFILL_MINUTES:.0}): {:.0} pairs/s, {:.0} rows written/s, {} rows removed",
        b.postings, b.pairs, secs, secs / 60.0, b.pairs as f64 / secs, b.rows_written as f64 / secs, b.rows_removed);
    let kept: (i64, i64, f64) = sqlx::query_as(
        "select count(*), count(distinct user_id), coalesce(pg_total_relation_size('posting_enrichments'), 0)::float8 / 1048576
         from posting_enrichments",
    )
    .fetch_one(owner)
    .await?;
    println!("  posting_enrichments: {} rows for {} users ({:.0} per user), {:.0} MiB with indexes",
        kept.0, kept.1, kept.0 as f64 / kept.1.max(1) as f64, kept.2);
    let write_rate = b.rows_written as f64 / b.writing_secs.max(f64::EPSILON);
    println!("  write phase: {} rows in {:.1} s = {write_rate:.0} rows/s (upserts in one transaction, with the table's indexes)",
        b.rows_written, b.writing_secs);
    for (table, label) in [
        (ceiling::Table::Bare, "COPY of the same rows into a bare table"),
        (ceiling::Table::Indexed, "COPY into a table with posting_enrichments' indexes"),
    ] {
        let copied = ceiling::copy_rows(owner, "posting_enrichments", table).await?;
        let rate = copied.rows as f64 / copied.elapsed.as_secs_f64();
        println!("  {label}: {} rows ({:.0} MiB) in {:.1} s = {rate:.0} rows/s; write phase / COPY = {:.0}%",
            copied.rows, copied.bytes as f64 / 1_048_576.0, copied.elapsed.as_secs_f64(), 100.0 * write_rate / rate);
    }
    Ok(())
}

fn report_feed(args: &Args, http: &feed_load::Timings, sql: &feed_load::Timings) {
    println!("feed at {} concurrent clients (first pages, min_score=60, remote=true, page 2):", args.clients);
    println!("  {:<34} {:>6} {:>8} {:>8} {:>8} {:>8} {:>10} {:>7}", "", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "items/req", "errors");
    for (label, t) in [("GET /api/v1/feed over HTTP", http), ("bare SQL (enrichments::feed_page)", sql)] {
        println!("  {label:<34} {:>6} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>10.1} {:>7}", t.latencies.len(), t.ms(0.5), t.ms(0.95),
            t.ms(0.99), t.ms(1.0), t.items as f64 / t.latencies.len().max(1) as f64, t.errors.len());
        for error in t.errors.iter().take(3) {
            println!("    error: {error}");
        }
    }
    let (p95, ratio) = (http.ms(0.95), http.ms(0.95) / sql.ms(0.95).max(f64::EPSILON));
    println!("  feed p95 {p95:.2} ms (target under {TARGET_FEED_P95_MS:.0} ms: {}), {ratio:.1}x the bare SQL's p95 (target within {TARGET_FEED_RATIO:.0}x: {})",
        if p95 < TARGET_FEED_P95_MS { "met" } else { "NOT met" }, if ratio <= TARGET_FEED_RATIO { "met" } else { "NOT met" });
}
