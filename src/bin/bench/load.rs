//! The load generator: keep-alive HTTP clients hammering one URL with rotating bearer tokens.

use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a load phase achieved.
pub struct LoadResult {
    pub ok: u64,
    pub errors: u64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Runs `connections` concurrent request loops for `duration`; only 200 responses count as ok.
pub async fn run(url: &str, tokens: &[String], connections: usize, duration: Duration) -> anyhow::Result<LoadResult> {
    let client = reqwest::Client::builder().pool_max_idle_per_host(connections).build()?;
    let tokens: Arc<Vec<String>> = Arc::new(tokens.to_vec());
    let started = Instant::now();
    let deadline = started + duration;
    let mut loops = Vec::with_capacity(connections);
    for worker in 0..connections {
        let (client, tokens, url) = (client.clone(), tokens.clone(), url.to_string());
        loops.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0u64;
            let mut next = worker;
            while Instant::now() < deadline {
                let token = &tokens[next % tokens.len()];
                next += connections;
                let sent = Instant::now();
                match client.get(&url).bearer_auth(token).send().await {
                    Ok(response) if response.status().is_success() => {
                        let _ = response.bytes().await;
                        latencies.push(sent.elapsed());
                    }
                    _ => errors += 1,
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for handle in loops {
        let (mut l, e) = handle.await?;
        latencies.append(&mut l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let percentile = |p: f64| {
        latencies.get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Ok(LoadResult {
        ok: latencies.len() as u64,
        errors,
        per_second: latencies.len() as f64 / elapsed,
        p50_ms: percentile(0.50),
        p99_ms: percentile(0.99),
    })
}

/// Uses every token once, untimed, so the measured phase sees the steady state of a running
/// service (token lookups cached, `last_used_at` fresh) rather than ten thousand first logins.
pub async fn warm_up(url: &str, tokens: &[String], connections: usize) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    let tokens: Arc<Vec<String>> = Arc::new(tokens.to_vec());
    let mut loops = Vec::with_capacity(connections);
    for worker in 0..connections {
        let (client, tokens, url) = (client.clone(), tokens.clone(), url.to_string());
        loops.push(tokio::spawn(async move {
            for token in tokens.iter().skip(worker).step_by(connections) {
                let response = client.get(&url).bearer_auth(token).send().await?;
                anyhow::ensure!(response.status().is_success(), "warm-up got {}", response.status());
            }
            Ok(())
        }));
    }
    for handle in loops {
        handle.await??;
    }
    Ok(())
}
