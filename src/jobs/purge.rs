//! Purging expired sessions, API tokens and stale login-throttle rows, and resume versions
//! deleted more than 30 days ago (§8) with their stored files.

use apalis::prelude::{BoxDynError, Data};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::audit::{self, Actor, AuditEntry};
use crate::jobs::queue::Job;
use crate::services::resumes::KEEP_DAYS;
use crate::storage::Storage;

/// Deletes whatever authentication state has expired. Carries no data: every run purges
/// everything due, so running it twice (or concurrently) is harmless.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PurgeExpiredAuth {}

impl Job for PurgeExpiredAuth {
    const QUEUE: &'static str = "jobpilot.purge_expired_auth";
}

/// The worker's handler: the row count it returns is kept as the job's result.
#[tracing::instrument(name = "job.purge_expired_auth", skip_all, err)]
pub async fn handle(_job: PurgeExpiredAuth, system_db: Data<PgPool>, storage: Data<Storage>) -> Result<i64, BoxDynError> {
    let auth = purge_expired_auth(&system_db).await?;
    let resumes = purge_deleted_resumes(&system_db, &storage).await?;
    Ok(auth + resumes)
}

/// Hard-deletes resume versions deleted more than [`KEEP_DAYS`] days ago, one audit row per
/// version (each has its owner), then removes their original and rendered files. Rows go first: a failure
/// between the two leaves an unreferenced object (logged), never a row pointing at nothing.
pub async fn purge_deleted_resumes(system_db: &PgPool, storage: &Storage) -> sqlx::Result<i64> {
    let mut tx = system_db.begin().await?;
    let purged = crate::db::resume_versions_list::purge_deleted(&mut tx, KEEP_DAYS).await?;
    for version in &purged {
        let entry = AuditEntry {
            actor: Actor::System,
            action: "resume.purge",
            entity: "resume_versions",
            entity_id: version.id,
            diff: Some(serde_json::json!({ "user_id": version.user_id, "kept_days": KEEP_DAYS })),
            ip: None,
        };
        audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    for key in purged.iter().flat_map(|v| &v.storage_keys) {
        if let Err(error) = storage.delete(key).await {
            tracing::error!(error = format!("{error:#}"), storage_key = key, "purged resume's file left in the store");
        }
    }
    if !purged.is_empty() {
        tracing::info!(purged = purged.len(), "purged resume versions deleted over {KEEP_DAYS} days ago");
    }
    Ok(purged.len() as i64)
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
