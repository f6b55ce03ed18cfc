//! Per-host politeness: at most one request in flight to a host, and a pause between them.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;
use url::Url;

/// Serialises requests per host within this process. Each host has a FIFO lock (tokio's mutex
/// is fair), held for the whole request, plus when its last request ended; the next one waits
/// until `gap` has passed since then. Measuring from the end, not the start, keeps a slow board
/// from being hit again the moment it finishes answering.
#[derive(Debug, Default)]
pub struct HostGate {
    gap: Duration,
    hosts: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Option<Instant>>>>>,
}

impl HostGate {
    pub fn new(gap: Duration) -> Self {
        Self { gap, hosts: Mutex::default() }
    }

    /// Runs `request` when it is `url`'s host's turn.
    pub async fn run<T>(&self, url: &Url, request: impl Future<Output = T>) -> T {
        let slot = self.slot(url);
        let mut last_end = slot.lock().await;
        if let Some(ended) = *last_end {
            tokio::time::sleep_until(ended + self.gap).await;
        }
        let result = request.await;
        *last_end = Some(Instant::now());
        result
    }

    fn slot(&self, url: &Url) -> Arc<tokio::sync::Mutex<Option<Instant>>> {
        let key = host_key(url);
        // A poisoned map only means another task panicked mid-insert; the map itself is fine.
        let mut hosts = self.hosts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        hosts.entry(key).or_default().clone()
    }
}

/// What counts as one host: name and port (two test servers on one machine are two hosts).
pub fn host_key(url: &Url) -> String {
    format!("{}:{}", url.host_str().unwrap_or_default(), url.port_or_known_default().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn requests_to_one_host_are_spaced_by_the_gap() {
        let gate = Arc::new(HostGate::new(Duration::from_millis(150)));
        let a = Url::parse("https://a.example/x").expect("url");
        let b = Url::parse("https://b.example/x").expect("url");
        let start = Instant::now();
        gate.run(&a, async {}).await;
        gate.run(&b, async {}).await;
        gate.run(&a, async {}).await;
        assert!(start.elapsed() >= Duration::from_millis(150), "the same host waits for the gap");
    }
}
