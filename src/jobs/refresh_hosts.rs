//! Per-host turns shared by every worker process, through the `fetch_hosts` table: the
//! in-process `HostGate` spaces one worker's requests, this spaces all workers' together.

use std::future::Future;
use std::time::Duration;

use sqlx::PgPool;
use url::Url;

use crate::connectors::fetch::{FetchSettings, host_key};
use crate::db;

/// Runs `request` in `url`'s host's turn: no other worker's request to that host is in flight,
/// and the configured pause since the last one has passed. The turn is a lease, so a worker that
/// dies mid-request holds the host for at most the fetch timeout plus a minute.
///
/// No connection is held while waiting or fetching; each check is its own short statement.
pub async fn with_turn<T>(
    system_db: &PgPool,
    url: &Url,
    settings: &FetchSettings,
    request: impl Future<Output = T>,
) -> anyhow::Result<T> {
    let host = host_key(url);
    let lease = (settings.timeout + Duration::from_secs(60)).as_secs() as i64;
    loop {
        let mut conn = system_db.acquire().await?;
        let Some(wait) = db::sources::claim_host(&mut conn, &host, lease).await? else {
            break;
        };
        drop(conn);
        // A tiny floor keeps a race (free by the time we asked again) from spinning.
        tokio::time::sleep(Duration::from_secs_f64(wait.clamp(0.01, 5.0))).await;
    }
    let result = request.await;
    let gap = settings.host_gap.as_millis() as i64;
    let released = async {
        let mut conn = system_db.acquire().await?;
        db::sources::release_host(&mut conn, &host, gap).await
    };
    if let Err(error) = released.await {
        // The lease runs out on its own; only this host's next request waits longer.
        tracing::warn!(%host, "could not release a fetch turn: {error}");
    }
    Ok(result)
}
