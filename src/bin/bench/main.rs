//! `jobpilot-bench`: measures authenticated `GET /api/v1/me` throughput against PostgreSQL's own
//! select-only ceiling (`pgbench -S`) on the same machine, plus cold start and idle memory.
//!
//! Run with `bash scripts/bench.sh` (builds release binaries first). Nothing here is asserted:
//! the figures are printed for people to read and quote.

mod generate;
mod load;
mod pgbench;
// peak_rss_mib is jobpilot-bench-feed's.
#[allow(dead_code)]
mod server;
mod wrk;

use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use jobpilot::db::embedded::EmbeddedPostgres;

#[derive(Debug, Parser)]
#[command(about = "Benchmark GET /api/v1/me against pgbench -S on one machine")]
struct Args {
    /// Seconds each load phase runs.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Concurrent connections, for the HTTP load and for pgbench alike.
    #[arg(long, default_value_t = 32)]
    connections: usize,
    /// Users (each with a profile and a token) the data generator creates.
    #[arg(long, default_value_t = 10_000)]
    users: usize,
    /// Use the built-in Rust load generator even when wrk is installed.
    #[arg(long)]
    builtin_load: bool,
    /// Scratch folder for the benchmark's own embedded cluster (deleted first).
    #[arg(long, default_value_os_t = std::env::temp_dir().join("jobpilot-bench"))]
    data_dir: PathBuf,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let _ = std::fs::remove_dir_all(&args.data_dir);
    std::fs::create_dir_all(&args.data_dir)?;
    std::fs::set_permissions(&args.data_dir, std::os::unix::fs::PermissionsExt::from_mode(0o755))?;

    let cold_start = {
        // Dropped before the second start: a live handle holds the data folder's lock.
        let mut first = EmbeddedPostgres::start(&args.data_dir, None).await?;
        first.stop().await?;
        first.startup_time()
    };
    let cluster = EmbeddedPostgres::start(&args.data_dir, None).await?;
    let warm_start = cluster.startup_time();
    println!("embedded PostgreSQL: cold start (initdb + start) {} ms, warm start {} ms",
        cold_start.as_millis(), warm_start.as_millis());

    let owner = jobpilot::db::connect_owner_pool(&cluster.url(), 4).await?;
    jobpilot::db::migrate(&owner).await?;
    let tokens = generate::users_with_tokens(&owner, args.users).await?;
    println!("data generator: {} users, each with a profile, a saved search and an API token", tokens.len());

    let server = server::Server::start(&cluster.url(), &[]).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!("server idle RSS: {:.1} MiB", server.rss_mib()?);

    load::warm_up(&server.url("/api/v1/me"), &tokens, args.connections).await?;
    let duration = Duration::from_secs(args.seconds);
    let (generator, api) = if wrk::available() && !args.builtin_load {
        ("wrk", wrk::run(&server.url("/api/v1/me"), &tokens, args.connections, duration).await?)
    } else {
        ("built-in client", load::run(&server.url("/api/v1/me"), &tokens, args.connections, duration).await?)
    };
    println!("GET /api/v1/me ({generator}): {:.0} requests/s ({} ok, {} errors, {} connections, {} s), p50 {:.2} ms, p99 {:.2} ms",
        api.per_second, api.ok, api.errors, args.connections, args.seconds, api.p50_ms, api.p99_ms);
    println!("server RSS after load: {:.1} MiB", server.rss_mib()?);
    server.stop().await?;

    let tps = pgbench::select_only_tps(&cluster, args.connections, args.seconds).await?;
    println!("pgbench -S: {tps:.0} transactions/s ({} clients, {} s)", args.connections, args.seconds);
    println!("ratio API / pgbench -S: {:.1}% (target: at least 25%)", 100.0 * api.per_second / tps);
    owner.close().await;
    drop(cluster);
    Ok(())
}
