//! Saved-search runs: a scheduled scan queues one `job_scout` run per search whose own cron
//! (in its own time zone) has come due; each run is `services::scout::run_saved_search`.

use apalis::prelude::{BoxDynError, Data};
use chrono::{SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use crate::jobs::queue::{self, Job};
use crate::services::scout::{self, ScoutOutcome};

/// The scheduled scan. Carries no data.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct QueueDueSearches {}

impl Job for QueueDueSearches {
    const QUEUE: &'static str = "jobpilot.queue_due_searches";
}

/// Run one saved search.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RunSavedSearch {
    pub search_id: Uuid,
}

impl Job for RunSavedSearch {
    const QUEUE: &'static str = "jobpilot.run_saved_search";
}

/// Whether digests can be emailed (an SMTP host is configured), given to the run.
#[derive(Clone, Copy, Debug)]
pub struct MailerReady(pub bool);

#[tracing::instrument(name = "job.queue_due_searches", skip_all, err)]
pub async fn handle_scan(_job: QueueDueSearches, system_db: Data<PgPool>) -> Result<usize, BoxDynError> {
    Ok(queue_due(&system_db).await?)
}

/// Queues a run of every due search, once per due time: scans that overlap, or N servers,
/// queue it once (the key is the search and the time it was due).
pub async fn queue_due(system_db: &PgPool) -> anyhow::Result<usize> {
    let due = scout::due(system_db, Utc::now()).await?;
    let mut conn = system_db.acquire().await?;
    let mut queued = 0;
    for (search_id, due_at) in due {
        let key = format!("{search_id}@{}", due_at.to_rfc3339_opts(SecondsFormat::Secs, true));
        queued += usize::from(queue::enqueue_once(&mut conn, &RunSavedSearch { search_id }, &key).await?);
    }
    Ok(queued)
}

#[tracing::instrument(name = "job.run_saved_search", skip_all, fields(search_id = %job.search_id), err)]
pub async fn handle_run(job: RunSavedSearch, system_db: Data<PgPool>, mailer: Data<MailerReady>) -> Result<String, BoxDynError> {
    Ok(match scout::run_saved_search(&system_db, job.search_id, mailer.0.0).await? {
        ScoutOutcome::Ran { scanned, matched, new_for_search } => {
            format!("scanned {scanned}, matched {matched}, {new_for_search} new for this search")
        }
        ScoutOutcome::Skipped => "skipped: deleted or switched off".into(),
    })
}
