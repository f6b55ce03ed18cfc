//! Sends the mix over real HTTP from a few concurrent clients and records each latency by kind.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::mix::Request;

/// Latencies per kind of request, plus failures (anything but 200).
#[derive(Default)]
pub struct Results {
    pub by_kind: BTreeMap<&'static str, Vec<Duration>>,
    pub errors: Vec<String>,
    pub elapsed: Duration,
}

impl Results {
    pub fn all(&self) -> Vec<Duration> {
        let mut all: Vec<Duration> = self.by_kind.values().flatten().copied().collect();
        all.sort();
        all
    }
}

pub use super::timings::percentile;

pub async fn run(url: &str, token: &str, requests: Vec<Request>, clients: usize) -> anyhow::Result<Results> {
    let client = reqwest::Client::builder().pool_max_idle_per_host(clients).build()?;
    let requests = Arc::new(requests);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..clients {
        let (client, requests, next) = (client.clone(), requests.clone(), next.clone());
        let (url, token) = (url.to_string(), token.to_string());
        workers.push(tokio::spawn(async move {
            let mut results = Results::default();
            while let Some(request) = requests.get(next.fetch_add(1, Ordering::Relaxed)) {
                let cursor = timed(&client, &url, &token, &request.query, request.kind, &mut results).await;
                if let (true, Some(cursor)) = (request.page_two, cursor) {
                    let mut query = request.query.clone();
                    query.push(("cursor", cursor));
                    timed(&client, &url, &token, &query, "page 2 (cursor)", &mut results).await;
                }
            }
            results
        }));
    }
    let mut total = Results::default();
    for worker in workers {
        let results = worker.await?;
        for (kind, mut latencies) in results.by_kind {
            total.by_kind.entry(kind).or_default().append(&mut latencies);
        }
        total.errors.extend(results.errors);
    }
    total.elapsed = started.elapsed();
    for latencies in total.by_kind.values_mut() {
        latencies.sort();
    }
    Ok(total)
}

/// One request, timed until the whole body has arrived; returns the next cursor if any.
async fn timed(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    query: &[(&'static str, String)],
    kind: &'static str,
    results: &mut Results,
) -> Option<String> {
    let sent = Instant::now();
    let response = client.get(url).bearer_auth(token).query(query).send().await;
    let body = match response {
        Ok(r) if r.status().is_success() => r.bytes().await.ok(),
        Ok(r) => {
            results.errors.push(format!("{kind} {query:?}: {}", r.status()));
            return None;
        }
        Err(e) => {
            results.errors.push(format!("{kind} {query:?}: {e}"));
            return None;
        }
    }?;
    results.by_kind.entry(kind).or_default().push(sent.elapsed());
    let page: serde_json::Value = serde_json::from_slice(&body).ok()?;
    page["next_cursor"].as_str().map(str::to_string)
}
