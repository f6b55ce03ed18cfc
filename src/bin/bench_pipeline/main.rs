//! `jobpilot-bench-pipeline`: the pipeline tracker at scale. On its own embedded cluster it
//! generates a catalog, 1,000 job seekers and 300 applications each (with stage history, events,
//! tasks and messages), then measures at N concurrent clients, in one run:
//! - the board page `GET /pipeline` over HTTP with logged-in sessions, beside the bare SQL of
//!   the board's query;
//! - `GET /api/v1/applications?stage=` over HTTP, beside the bare SQL of the same list.
//!
//! Run with `bash scripts/bench-pipeline.sh` (builds release binaries first). Nothing is
//! asserted: the figures are printed for people to read and quote.

#[allow(dead_code)]
#[path = "../bench_search/generate.rs"]
mod generate;
mod load;
mod pipelines;
#[path = "../bench/scratch.rs"]
mod scratch;
#[allow(dead_code)]
#[path = "../bench/server.rs"]
mod server;
#[allow(dead_code)]
#[path = "../bench/timings.rs"]
mod timings;
#[allow(dead_code)]
#[path = "../bench_feed/users.rs"]
mod users;
#[allow(dead_code)]
#[path = "../bench_search/words.rs"]
mod words;

use std::path::PathBuf;
use std::sync::Arc;

use clap::Parser;
use timings::Timings;

/// The targets, printed beside the figures.
const TARGET_P95_MS: f64 = 20.0;
const TARGET_RATIO: f64 = 3.0;

#[derive(Debug, Parser)]
#[command(about = "Benchmark the pipeline board page and the applications list on generated data")]
struct Args {
    /// Job seekers to generate.
    #[arg(long, default_value_t = 1_000)]
    users: usize,
    /// Applications per job seeker.
    #[arg(long, default_value_t = 300)]
    applications: i64,
    /// Postings in the catalog the applications point at.
    #[arg(long, default_value_t = 20_000)]
    postings: i64,
    /// How many users log in for the board page (logging in hashes a password, so not all).
    #[arg(long, default_value_t = 100)]
    page_users: usize,
    /// Concurrent clients (and bare-SQL connections).
    #[arg(long, default_value_t = 8)]
    clients: usize,
    /// Timed requests per side.
    #[arg(long, default_value_t = 2_000)]
    requests: usize,
    /// Scratch folder for the benchmark's own embedded cluster.
    #[arg(long, default_value_os_t = std::env::temp_dir().join("jobpilot-bench-pipeline"))]
    data_dir: PathBuf,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(args.users > 0 && args.clients > 0 && args.page_users > 0, "--users, --clients and --page-users must be positive");
    let (cluster, owner) = scratch::cluster(&args.data_dir, false, args.clients as u32 + 2).await?;
    generate::catalog(&owner, args.postings).await?;
    let users = Arc::new(users::create(&owner, args.users).await?);
    pipelines::generate(&owner, args.applications).await?;
    let ids = Arc::new(users.iter().map(|u| u.id).collect::<Vec<_>>());

    let server = server::Server::start(&cluster.url(), &["--no-worker"]).await?;
    let page_users = args.page_users.min(users.len());
    let emails: Vec<String> = (0..page_users).map(|n| format!("seeker{n}@feed-bench.example")).collect();
    let sessions = Arc::new(load::log_in(&server.url(""), &users[..page_users], &emails).await?);
    println!("{} users with {} applications each; {page_users} logged in for the board page", users.len(), args.applications);

    // Untimed first: plans, connections, the session and token caches, as in a running service.
    load::board_over_http(server.url(""), sessions.clone(), load::board_mix(200, page_users, 1), args.clients).await?;
    load::board_sql(owner.clone(), ids.clone(), load::board_mix(200, page_users, 1), args.clients).await?;
    let board_mix = load::board_mix(args.requests, page_users, 2);
    let board_http = load::board_over_http(server.url(""), sessions.clone(), board_mix.clone(), args.clients).await?;
    let board_sql = load::board_sql(owner.clone(), ids.clone(), board_mix, args.clients).await?;

    let list_url = server.url("/api/v1/applications");
    load::list_over_http(list_url.clone(), users.clone(), load::list_mix(200, users.len(), 3), args.clients).await?;
    load::list_sql(owner.clone(), ids.clone(), load::list_mix(200, users.len(), 3), args.clients).await?;
    let list_mix = load::list_mix(args.requests, users.len(), 4);
    let list_http = load::list_over_http(list_url, users.clone(), list_mix.clone(), args.clients).await?;
    let list_sql = load::list_sql(owner.clone(), ids.clone(), list_mix, args.clients).await?;

    println!("at {} concurrent clients ({} timed requests per line):", args.clients, args.requests);
    println!("  {:<44} {:>6} {:>8} {:>8} {:>8} {:>8} {:>10} {:>7}", "", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "items/req", "errors");
    for (label, t) in [
        ("GET /pipeline (board page) over HTTP", &board_http),
        ("bare SQL (pipeline_board::cards)", &board_sql),
        ("GET /api/v1/applications?stage= over HTTP", &list_http),
        ("bare SQL (applications::list)", &list_sql),
    ] {
        row(label, t);
    }
    verdict("board page", &board_http, &board_sql);
    verdict("applications list", &list_http, &list_sql);
    println!("peak memory: jobpilot serve {:.0} MiB", server.peak_rss_mib()?);
    server.stop().await?;
    owner.close().await;
    drop(cluster);
    Ok(())
}

fn row(label: &str, t: &Timings) {
    println!("  {label:<44} {:>6} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>10.1} {:>7}", t.latencies.len(), t.ms(0.5), t.ms(0.95),
        t.ms(0.99), t.ms(1.0), t.items as f64 / t.latencies.len().max(1) as f64, t.errors.len());
    for error in t.errors.iter().take(3) {
        println!("    error: {error}");
    }
}

fn verdict(what: &str, http: &Timings, sql: &Timings) {
    let (p95, ratio) = (http.ms(0.95), http.ms(0.95) / sql.ms(0.95).max(f64::EPSILON));
    println!("  {what}: p95 {p95:.2} ms (target under {TARGET_P95_MS:.0} ms: {}), {ratio:.1}x the bare SQL's p95 (target within {TARGET_RATIO:.0}x: {})",
        if p95 < TARGET_P95_MS { "met" } else { "NOT met" }, if ratio <= TARGET_RATIO { "met" } else { "NOT met" });
}
