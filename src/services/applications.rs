//! The user's pipeline: tracking a posting as a prospect application, and listing them.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use super::Caller;
use crate::db::{self, applications::Application, audit};
use crate::error::{AppError, AppResult, FieldError};

/// `source_label` of applications a person added from a posting.
pub const MANUAL_ADD: &str = "Manual add";

/// What tracking did: a new (or restored) application, or the one that was already there.
#[derive(Debug)]
pub enum Tracked {
    Created(Application),
    Existing(Application),
}

impl Tracked {
    pub fn application(&self) -> &Application {
        match self {
            Self::Created(a) | Self::Existing(a) => a,
        }
    }
}

/// Tracks a posting for the caller as a `prospect`. Tracking it again returns the existing
/// application unchanged and writes nothing. An unknown posting is a 404; a closed one can no
/// longer be tracked (409), though an application made before it closed is still returned.
#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id))]
pub async fn track(pool: &PgPool, caller: Caller, posting_id: Uuid) -> AppResult<Tracked> {
    track_from(pool, caller, posting_id, MANUAL_ADD).await
}

/// `source_label` of applications tracked from the Daily Feed.
pub const FROM_FEED: &str = "Daily Feed";

/// [`track`], saying where the user tracked it from (`source_label`).
pub async fn track_from(pool: &PgPool, caller: Caller, posting_id: Uuid, label: &'static str) -> AppResult<Tracked> {
    let user_id = caller.user_id;
    let mut tx = db::begin_for_user(pool, user_id).await?;
    if let Some(existing) = db::applications::find_by_posting(&mut tx, user_id, posting_id).await? {
        db::end_read(tx);
        return Ok(Tracked::Existing(existing));
    }
    let closed_at = db::applications::posting_closed_at(&mut tx, posting_id).await?.ok_or(AppError::NotFound)?;
    if closed_at.is_some() {
        return Err(AppError::Conflict(FieldError::new(
            "job_posting_id",
            "this posting is closed and can no longer be tracked",
        )));
    }
    let (id, diff) = match db::applications::insert_prospect(&mut tx, user_id, posting_id, label).await? {
        Some(id) => (id, json!({ "after": { "job_posting_id": posting_id, "stage": "prospect", "source_label": label } })),
        None => match db::applications::restore(&mut tx, user_id, posting_id).await? {
            Some(id) => (id, json!({ "after": { "deleted_at": null } })),
            // A concurrent request of the same user inserted it first: theirs is the change.
            None => {
                let existing = db::applications::find_by_posting(&mut tx, user_id, posting_id).await?;
                db::end_read(tx);
                return existing.map(Tracked::Existing).ok_or(AppError::NotFound);
            }
        },
    };
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::User(user_id),
        action: "application.track",
        entity: "applications",
        entity_id: id,
        diff: Some(diff),
        ip: caller.ip,
    })
    .await?;
    let created = db::applications::find_by_posting(&mut tx, user_id, posting_id).await?.ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!("application {id} not readable right after writing it"))
    })?;
    tx.commit().await?;
    Ok(Tracked::Created(created))
}

/// The caller's live application for a posting, if they track it.
pub async fn for_posting(pool: &PgPool, user_id: Uuid, posting_id: Uuid) -> AppResult<Option<Application>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let found = db::applications::find_by_posting(&mut tx, user_id, posting_id).await?;
    db::end_read(tx);
    Ok(found)
}

/// Which of these postings the user tracks (for marking them in a list).
pub async fn tracked_among(pool: &PgPool, user_id: Uuid, posting_ids: &[Uuid]) -> AppResult<Vec<Uuid>> {
    if posting_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let tracked = db::applications::tracked_posting_ids(&mut tx, user_id, posting_ids).await?;
    db::end_read(tx);
    Ok(tracked)
}

/// One page of the caller's applications, newest first.
pub async fn list(
    pool: &PgPool,
    user_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> AppResult<Vec<Application>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let applications = db::applications::list(&mut tx, user_id, after, limit).await?;
    db::end_read(tx);
    Ok(applications)
}
