//! Refreshing registered sources: a scheduled scan queues one job per due source, and each job
//! fetches and ingests its board (see `services::sources::refresh`).

use std::sync::Arc;

use apalis::prelude::{BoxDynError, Data};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use crate::connectors::fetch::Fetcher;
use crate::jobs::queue::{self, Job};
use crate::services::sources::{self, CLAIM_LEASE, Refreshed};

/// Most sources one scan claims; the rest wait for the next tick.
const SCAN_LIMIT: i64 = 500;

/// The scheduled scan. Carries no data: each run claims whatever is due.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct QueueDueSources {}

impl Job for QueueDueSources {
    const QUEUE: &'static str = "jobpilot.queue_due_sources";
}

/// Refresh one source. Only the id travels in the queue (readable by the app role).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RefreshSource {
    pub source_id: Uuid,
}

impl Job for RefreshSource {
    const QUEUE: &'static str = "jobpilot.refresh_source";
}

#[tracing::instrument(name = "job.queue_due_sources", skip_all, err)]
pub async fn handle_scan(_job: QueueDueSources, system_db: Data<PgPool>) -> Result<usize, BoxDynError> {
    Ok(queue_due(&system_db).await?)
}

/// Claims every due source and queues its refresh, in one transaction: a claim without its job
/// (or the reverse) cannot be left behind. Returns how many were queued.
pub async fn queue_due(system_db: &PgPool) -> anyhow::Result<usize> {
    let mut tx = system_db.begin().await?;
    let due = crate::db::sources::claim_due(&mut tx, SCAN_LIMIT, CLAIM_LEASE.as_secs() as i64).await?;
    for source_id in &due {
        queue::enqueue(&mut tx, &RefreshSource { source_id: *source_id }).await?;
    }
    tx.commit().await?;
    if !due.is_empty() {
        tracing::info!(queued = due.len(), "queued source refreshes");
    }
    Ok(due.len())
}

#[tracing::instrument(name = "job.refresh_source", skip_all, fields(source_id = %job.source_id), err)]
pub async fn handle_refresh(
    job: RefreshSource,
    system_db: Data<PgPool>,
    fetcher: Data<Arc<Fetcher>>,
) -> Result<String, BoxDynError> {
    let outcome = sources::refresh(&system_db, &fetcher, job.source_id).await?;
    Ok(match outcome {
        Refreshed::Ok => "ok".to_string(),
        Refreshed::Failed(error) => format!("failed: {error}"),
        Refreshed::Gone => "source deleted".to_string(),
    })
}
