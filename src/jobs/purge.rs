//! Purging expired sessions, API tokens and stale login-throttle rows.

use apalis::prelude::{BoxDynError, Data};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::audit::{self, Actor, AuditEntry};
use crate::jobs::queue::Job;

/// Deletes whatever authentication state has expired. Carries no data: every run purges
/// everything due, so running it twice (or concurrently) is harmless.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PurgeExpiredAuth {}

impl Job for PurgeExpiredAuth {
    const QUEUE: &'static str = "jobpilot.purge_expired_auth";
}

/// The worker's handler: the row count it returns is kept as the job's result.
#[tracing::instrument(name = "job.purge_expired_auth", skip_all, err)]
pub async fn handle(_job: PurgeExpiredAuth, system_db: Data<PgPool>) -> Result<i64, BoxDynError> {
    Ok(purge_expired_auth(&system_db).await?)
}

/// Runs `auth_purge_expired()` and audits what it deleted, in one transaction.
pub async fn purge_expired_auth(system_db: &PgPool) -> sqlx::Result<i64> {
    let mut tx = system_db.begin().await?;
    // Two overlapping runs (N servers, or a retry racing a late tick) could each delete part of
    // the rows and write two audit rows; the loser skips, since the winner deletes all that is due.
    let acquired: bool = sqlx::query_scalar(
        "select pg_try_advisory_xact_lock(hashtext('jobpilot.purge_expired_auth'))",
    )
    .fetch_one(&mut *tx)
    .await?;
    if !acquired {
        tracing::debug!("another purge is running; skipping");
        return Ok(0);
    }
    let deleted: i64 = sqlx::query_scalar("select auth_purge_expired()")
        .fetch_one(&mut *tx)
        .await?;
    if deleted > 0 {
        let entry = AuditEntry {
            actor: Actor::System,
            action: "auth.purge_expired",
            entity: "sessions",
            // A purge has no entity of its own: a fresh id per run keeps runs apart in the log.
            entity_id: Uuid::new_v4(),
            diff: Some(serde_json::json!({ "deleted": deleted })),
            ip: None,
        };
        audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    tracing::info!(deleted, "purged expired authentication state");
    Ok(deleted)
}
