//! Drives the load with `wrk` (C, epoll), which leaves more of the machine's two cores to the
//! server and PostgreSQL than an in-process Rust client does; used when it is installed.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use tokio::process::Command;

use crate::load::LoadResult;

/// Rotates through the tokens file, one bearer token per request.
const SCRIPT: &str = r#"
local tokens = {}
for line in io.lines(os.getenv("JOBPILOT_BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local next = math.random(#tokens)
request = function()
  next = next % #tokens + 1
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[next] })
end
"#;

pub fn available() -> bool {
    Path::new("/usr/bin/wrk").exists()
}

/// Runs wrk with two threads and `connections` connections for `duration`.
pub async fn run(url: &str, tokens: &[String], connections: usize, duration: Duration) -> anyhow::Result<LoadResult> {
    let dir = std::env::temp_dir().join(format!("jobpilot-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (script, tokens_file) = (dir.join("rotate.lua"), dir.join("tokens.txt"));
    std::fs::write(&script, SCRIPT)?;
    std::fs::write(&tokens_file, tokens.join("\n"))?;
    let output = Command::new("/usr/bin/wrk")
        .args(["-t", "2", "-c", &connections.to_string(), "-d", &format!("{}s", duration.as_secs()), "--latency"])
        .arg("-s")
        .arg(&script)
        .arg(url)
        .env("JOBPILOT_BENCH_TOKENS", &tokens_file)
        .output()
        .await?;
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    anyhow::ensure!(output.status.success(), "wrk failed: {text}{}", String::from_utf8_lossy(&output.stderr));
    parse(&text, duration)
}

fn parse(text: &str, duration: Duration) -> anyhow::Result<LoadResult> {
    let field = |prefix: &str| text.lines().find_map(|l| l.trim().strip_prefix(prefix).map(|r| r.trim().to_string()));
    let per_second: f64 = field("Requests/sec:").context("no Requests/sec in wrk output")?.parse()?;
    let total: u64 = text
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .context("no request count in wrk output")?;
    let errors: u64 = field("Non-2xx or 3xx responses:").map_or(Ok(0), |n| n.parse())?;
    let millis = |prefix: &str| field(prefix).map(|v| to_millis(&v)).unwrap_or(0.0);
    let _ = duration;
    Ok(LoadResult { ok: total - errors, errors, per_second: per_second * (total - errors) as f64 / total.max(1) as f64,
        p50_ms: millis("50%"), p99_ms: millis("99%") })
}

/// wrk prints latencies as "812.00us", "2.80ms" or "1.02s".
fn to_millis(value: &str) -> f64 {
    let number = |suffix: &str| value.strip_suffix(suffix).and_then(|n| n.parse::<f64>().ok());
    number("us").map(|n| n / 1000.0).or_else(|| number("ms")).or_else(|| number("s").map(|n| n * 1000.0)).unwrap_or(0.0)
}
