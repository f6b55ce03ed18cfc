//! `jobpilot-bench-search`: fills a fresh embedded cluster with N generated postings, starts the
//! real `jobpilot serve`, and measures `GET /api/v1/postings` latency over HTTP for a realistic
//! mix of searches (misspelled titles and companies, tags, remote + location, salary, company,
//! date, combinations, and page 2 through the cursor).
//!
//! Run with `bash scripts/bench-search.sh [--postings N]` (builds release binaries first).
//! Nothing is asserted: the figures are printed for people to read and quote.

mod generate;
mod load;
mod mix;
#[path = "../bench/scratch.rs"]
mod scratch;
// The same launcher as `jobpilot-bench`'s; this benchmark reads no RSS and lets drop stop it.
#[allow(dead_code)]
#[path = "../bench/server.rs"]
mod server;
#[allow(dead_code)]
#[path = "../bench/timings.rs"]
mod timings;
mod words;

use std::path::PathBuf;

use clap::Parser;

/// The target, printed beside the figures.
const TARGET_P95_MS: f64 = 100.0;

#[derive(Debug, Parser)]
#[command(about = "Benchmark catalog search latency over HTTP on N generated postings")]
struct Args {
    /// Postings to generate.
    #[arg(long, default_value_t = 1_000_000)]
    postings: i64,
    /// Searches to send (those that go on to page 2 send one more request).
    #[arg(long, default_value_t = 2_000)]
    requests: usize,
    /// Concurrent HTTP clients.
    #[arg(long, default_value_t = 4)]
    clients: usize,
    /// Scratch folder for the benchmark's own embedded cluster.
    #[arg(long, default_value_os_t = std::env::temp_dir().join("jobpilot-bench-search"))]
    data_dir: PathBuf,
    /// Keep the catalog already in --data-dir when it holds --postings rows (skips generation).
    #[arg(long)]
    reuse: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(args.postings > 0 && args.clients > 0, "--postings and --clients must be positive");
    let (cluster, owner) = scratch::cluster(&args.data_dir, args.reuse, 4).await?;

    let existing: i64 = sqlx::query_scalar("select count(*) from job_postings").fetch_one(&owner).await?;
    if existing != args.postings {
        anyhow::ensure!(existing == 0, "{} holds {existing} postings; run without --reuse", args.data_dir.display());
        generate::catalog(&owner, args.postings).await?;
    } else {
        println!("reusing the {existing} postings in {}", args.data_dir.display());
        // A migration applied to the reused catalog may have created tables without statistics.
        sqlx::query("analyze").execute(&owner).await?;
    }

    let companies = mix::sample_companies(&owner).await?;
    let server = server::Server::start(&cluster.url(), &["--no-worker"]).await?;
    let token = sign_up(&server).await?;
    let url = server.url("/api/v1/postings");
    // Untimed: first plans, connections and the token cache, as in a running service.
    load::run(&url, &token, mix::requests(200, &companies), args.clients).await?;
    let results = load::run(&url, &token, mix::requests(args.requests, &companies), args.clients).await?;
    report(&args, &results);
    owner.close().await;
    drop(server);
    drop(cluster);
    Ok(())
}

/// Signs a user up through the API and returns its bearer token.
async fn sign_up(server: &server::Server) -> anyhow::Result<String> {
    let body: serde_json::Value = reqwest::Client::new()
        .post(server.url("/api/v1/auth/signup"))
        // A fresh address each run, so a reused (--reuse) database does not answer 409.
        .json(&serde_json::json!({"email": format!("bench-{}@search.example", uuid::Uuid::new_v4().simple()),
            "password": "violet-harbor-crank-47"}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    body["token"].as_str().map(str::to_string).ok_or_else(|| anyhow::anyhow!("no token in the sign-up answer"))
}

fn report(args: &Args, results: &load::Results) {
    let all = results.all();
    println!("GET /api/v1/postings over HTTP: {} requests from {} clients in {:.1} s ({:.0} requests/s), {} errors",
        all.len(), args.clients, results.elapsed.as_secs_f64(), all.len() as f64 / results.elapsed.as_secs_f64(),
        results.errors.len());
    for error in results.errors.iter().take(5) {
        println!("  error: {error}");
    }
    println!("  {:<28} {:>6} {:>9} {:>9} {:>9} {:>9}", "kind", "n", "p50 ms", "p95 ms", "p99 ms", "max ms");
    for (kind, latencies) in &results.by_kind {
        line(kind, latencies);
    }
    line("ALL", &all);
    let p95 = load::percentile(&all, 0.95);
    println!("search p95 {p95:.1} ms over {} postings (target: below {TARGET_P95_MS:.0} ms): {}",
        args.postings, if p95 < TARGET_P95_MS { "met" } else { "NOT met" });
}

fn line(kind: &str, latencies: &[std::time::Duration]) {
    let p = |q| load::percentile(latencies, q);
    println!("  {kind:<28} {:>6} {:>9.1} {:>9.1} {:>9.1} {:>9.1}", latencies.len(), p(0.5), p(0.95), p(0.99), p(1.0));
}
