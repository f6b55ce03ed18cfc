//! PostgreSQL's own select-only ceiling on this machine: `pgbench -S` against the same cluster.

use anyhow::Context;
use jobpilot::db::embedded::EmbeddedPostgres;
use tokio::process::Command;

fn pgbench_binary() -> anyhow::Result<std::path::PathBuf> {
    let mut candidates: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin/pgbench"))
        .filter(|p| p.exists())
        .collect();
    candidates.sort();
    candidates.pop().context("pgbench not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)")
}

async fn pgbench(cluster: &EmbeddedPostgres, args: &[&str]) -> anyhow::Result<String> {
    let url = url::Url::parse(&cluster.url())?;
    let output = Command::new(pgbench_binary()?)
        .args(["-h", "127.0.0.1", "-p", &cluster.port().to_string(), "-U", url.username()])
        .args(args)
        .arg("pgbench")
        .env("PGPASSWORD", url.password().unwrap_or_default())
        .output()
        .await?;
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    anyhow::ensure!(output.status.success(), "pgbench failed: {text}");
    Ok(text)
}

/// Initialises a scale-10 pgbench database and returns select-only transactions per second.
pub async fn select_only_tps(cluster: &EmbeddedPostgres, clients: usize, seconds: u64) -> anyhow::Result<f64> {
    let admin = jobpilot::db::connect_owner_pool(&cluster.url(), 1).await?;
    sqlx::query("drop database if exists pgbench").execute(&admin).await?;
    sqlx::query("create database pgbench").execute(&admin).await?;
    admin.close().await;
    pgbench(cluster, &["-i", "-q", "-s", "10"]).await?;
    let clients = clients.to_string();
    let output = pgbench(cluster, &["-S", "-c", &clients, "-j", "2", "-T", &seconds.to_string()]).await?;
    output
        .lines()
        .find_map(|l| l.strip_prefix("tps = "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .context("no tps line in pgbench output")
}
