//! Concurrent clients working through one list of requests, and the latencies they saw.
//! Shared by the benchmarks (included by path).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The p-th percentile (0..1) of sorted latencies, in milliseconds (nearest rank).
pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// Sorted latencies, the failures, and how many items the answers held.
pub struct Timings {
    pub latencies: Vec<Duration>,
    pub errors: Vec<String>,
    pub items: usize,
}

impl Timings {
    /// The p-th percentile (0..1) in milliseconds.
    pub fn ms(&self, p: f64) -> f64 {
        percentile(&self.latencies, p)
    }
}

/// Runs `requests` from `clients` concurrent tasks; `one` performs one request and returns its
/// timed latency and item count, or None when it had nothing to time.
pub async fn drive<R, F, Fut>(requests: Vec<R>, clients: usize, one: F) -> anyhow::Result<Timings>
where
    R: Copy + std::fmt::Debug + Send + Sync + 'static,
    F: Fn(R) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = anyhow::Result<Option<(Duration, usize)>>> + Send,
{
    let requests = Arc::new(requests);
    let next = Arc::new(AtomicUsize::new(0));
    let one = Arc::new(one);
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (requests, next, one) = (requests.clone(), next.clone(), one.clone());
        tasks.push(tokio::spawn(async move {
            let mut timings = Timings { latencies: Vec::new(), errors: Vec::new(), items: 0 };
            while let Some(request) = requests.get(next.fetch_add(1, Ordering::Relaxed)) {
                match one(*request).await {
                    Ok(None) => {}
                    Ok(Some((latency, items))) => {
                        timings.latencies.push(latency);
                        timings.items += items;
                    }
                    Err(error) => timings.errors.push(format!("{request:?}: {error:#}")),
                }
            }
            timings
        }));
    }
    let mut all = Timings { latencies: Vec::new(), errors: Vec::new(), items: 0 };
    for task in tasks {
        let mut timings = task.await?;
        all.latencies.append(&mut timings.latencies);
        all.errors.append(&mut timings.errors);
        all.items += timings.items;
    }
    all.latencies.sort();
    Ok(all)
}
