//! The user's pipeline: tracking a posting as a prospect application, listing, reading,
//! changing (stage, notes, source), deleting with undo.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use sqlx::PgPool;
use uuid::Uuid;

use super::Caller;
use crate::db::{self, audit};
use crate::db::applications::{Application, ApplicationFilter, StageChange};
use crate::domain::profile::clean_text;
use crate::domain::stage::Stage;
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
        Some(id) => {
            db::applications::record_stage(&mut tx, user_id, id, None, Stage::Prospect.as_str()).await?;
            (id, json!({ "after": { "job_posting_id": posting_id, "stage": "prospect", "source_label": label } }))
        }
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
    filter: &ApplicationFilter,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> AppResult<Vec<Application>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let applications = db::applications::list(&mut tx, user_id, filter, after, limit).await?;
    db::end_read(tx);
    Ok(applications)
}

/// An application with every stage it entered.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ApplicationDetail {
    #[serde(flatten)]
    pub application: Application,
    /// Oldest first.
    pub stages: Vec<StageChange>,
}

/// One of the caller's applications; another user's is a 404 like a missing one.
pub async fn get(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<ApplicationDetail> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let application = db::applications::find(&mut tx, user_id, id).await?.ok_or(AppError::NotFound)?;
    let stages = db::applications::stage_history(&mut tx, user_id, id).await?;
    db::end_read(tx);
    Ok(ApplicationDetail { application, stages })
}

/// What a person may change on an application; absent fields stay as they are, `null` clears
/// the notes or the source label.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationChange {
    /// One of prospect, applied, screen, interview, offer, rejected, accepted.
    #[schema(example = "applied")]
    pub stage: Option<String>,
    #[serde(default, deserialize_with = "some_or_null")]
    #[schema(value_type = Option<String>)]
    pub status_notes: Option<Option<String>>,
    #[serde(default, deserialize_with = "some_or_null")]
    #[schema(value_type = Option<String>)]
    pub source_label: Option<Option<String>>,
    /// The resume version sent: the user's base resume or one made for this posting; `null`
    /// clears it.
    #[serde(default, deserialize_with = "some_or_null")]
    #[schema(value_type = Option<Uuid>)]
    pub resume_version_id: Option<Option<Uuid>>,
}

/// A present field, even `null`, is `Some`: absent means unchanged, `null` means cleared.
fn some_or_null<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Longest status note and source label kept.
const MAX_NOTES: usize = 10_000;
const MAX_LABEL: usize = 100;

/// A change checked and trimmed: the new stage, and notes and label (outer `None` = unchanged).
type ValidChange = (Option<Stage>, Option<Option<String>>, Option<Option<String>>);

impl ApplicationChange {
    /// Checks the change without applying it.
    pub fn check(&self) -> Result<(), AppError> {
        self.validated().map(|_| ())
    }

    fn validated(&self) -> Result<ValidChange, AppError> {
        let mut errors = Vec::new();
        let stage = match self.stage.as_deref().map(str::parse::<Stage>) {
            Some(Err(unknown)) => {
                errors.push(FieldError::new("stage", unknown.to_string()));
                None
            }
            Some(Ok(stage)) => Some(stage),
            None => None,
        };
        // Outer None: unchanged; Some(None): cleared.
        let text = |field: &str, value: &Option<Option<String>>, max: usize, errors: &mut Vec<FieldError>| {
            value.as_ref().map(|v| clean_text(v.clone(), field, max, errors))
        };
        let notes = text("status_notes", &self.status_notes, MAX_NOTES, &mut errors);
        let label = text("source_label", &self.source_label, MAX_LABEL, &mut errors);
        if errors.is_empty() { Ok((stage, notes, label)) } else { Err(AppError::Validation(errors)) }
    }
}

/// Applies a change. A new stage is kept in the history, audited and counted (`stage_change`
/// event) in the same transaction; the first move to a stage that means "applied" sets
/// `applied_at`. Changing nothing writes nothing.
#[tracing::instrument(skip(pool, change), fields(user_id = %caller.user_id))]
pub async fn update(pool: &PgPool, caller: Caller, id: Uuid, change: &ApplicationChange) -> AppResult<ApplicationDetail> {
    let (stage, notes, label) = change.validated()?;
    let user_id = caller.user_id;
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let before = db::applications::find(&mut tx, user_id, id).await?.ok_or(AppError::NotFound)?;
    let old_stage: Stage = before.stage.parse().map_err(|_| AppError::Internal(anyhow::anyhow!("stage {} unknown", before.stage)))?;
    let new_stage = stage.unwrap_or(old_stage);
    let new_notes = notes.unwrap_or_else(|| before.status_notes.clone());
    let new_label = label.unwrap_or_else(|| before.source_label.clone());
    let new_resume = change.resume_version_id.unwrap_or(before.resume_version_id);
    if (new_stage, &new_notes, &new_label, new_resume)
        == (old_stage, &before.status_notes, &before.source_label, before.resume_version_id)
    {
        db::end_read(tx);
        return get(pool, user_id, id).await;
    }
    if let Some(version) = new_resume.filter(|v| Some(*v) != before.resume_version_id) {
        check_resume_version(&mut tx, user_id, version, before.job_posting_id).await?;
    }
    let edit = db::applications::Edit {
        stage: new_stage.as_str(),
        status_notes: new_notes.as_deref(),
        source_label: new_label.as_deref(),
        resume_version_id: new_resume,
        applied_now: new_stage != old_stage && new_stage.implies_applied(),
    };
    db::applications::update(&mut tx, user_id, id, &edit).await?;
    if new_stage != old_stage {
        db::applications::record_stage(&mut tx, user_id, id, Some(old_stage.as_str()), new_stage.as_str()).await?;
        db::user_events::record(&mut tx, user_id, "stage_change", &json!({ "application_id": id, "from": old_stage, "to": new_stage }))
            .await?;
    }
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::User(user_id),
        action: "application.update",
        entity: "applications",
        entity_id: id,
        diff: Some(json!({
            "before": { "stage": old_stage, "status_notes": before.status_notes, "source_label": before.source_label,
                        "resume_version_id": before.resume_version_id },
            "after": { "stage": new_stage, "status_notes": new_notes, "source_label": new_label, "resume_version_id": new_resume },
        })),
        ip: caller.ip,
    })
    .await?;
    let application = db::applications::find(&mut tx, user_id, id).await?.ok_or(AppError::NotFound)?;
    let stages = db::applications::stage_history(&mut tx, user_id, id).await?;
    tx.commit().await?;
    Ok(ApplicationDetail { application, stages })
}

/// §6: the resume version sent must be the user's own (else 404, as for any id that is not
/// theirs) and either their base resume or one made for the application's posting (else 422).
async fn check_resume_version(conn: &mut sqlx::PgConnection, user_id: Uuid, version: Uuid, posting: Option<Uuid>) -> AppResult<()> {
    let (base, made_for) = db::applications::resume_version(conn, user_id, version).await?.ok_or(AppError::NotFound)?;
    if base || (made_for.is_some() && made_for == posting) {
        Ok(())
    } else {
        Err(AppError::invalid("resume_version_id", "must be your base resume or a version made for this application's posting"))
    }
}

/// Records when the user applied, as given (an import's "Date Applied"), audited.
#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id))]
pub async fn set_applied_at(pool: &PgPool, caller: Caller, id: Uuid, at: DateTime<Utc>) -> AppResult<ApplicationDetail> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let before = db::applications::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    db::applications::set_applied_at(&mut tx, caller.user_id, id, at).await?;
    let diff = json!({ "before": { "applied_at": before.applied_at }, "after": { "applied_at": at } });
    caller.audit(&mut tx, "application.update", "applications", id, diff).await?;
    tx.commit().await?;
    get(pool, caller.user_id, id).await
}

/// How long a deleted application can be brought back (§8: soft-deleted rows kept 30 days).
pub const UNDO_DAYS: i32 = 30;

/// Soft-deletes an application (undo within [`UNDO_DAYS`] days).
#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id))]
pub async fn delete(pool: &PgPool, caller: Caller, id: Uuid) -> AppResult<()> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    if !db::applications::soft_delete(&mut tx, caller.user_id, id).await? {
        return Err(AppError::NotFound);
    }
    audit_change(&mut tx, caller, id, "application.delete").await?;
    tx.commit().await?;
    Ok(())
}

/// Brings back an application deleted less than [`UNDO_DAYS`] days ago.
#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id))]
pub async fn restore(pool: &PgPool, caller: Caller, id: Uuid) -> AppResult<ApplicationDetail> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    if !db::applications::undelete(&mut tx, caller.user_id, id, UNDO_DAYS).await? {
        return Err(AppError::NotFound);
    }
    audit_change(&mut tx, caller, id, "application.restore").await?;
    tx.commit().await?;
    get(pool, caller.user_id, id).await
}

async fn audit_change(tx: &mut sqlx::PgConnection, caller: Caller, id: Uuid, action: &'static str) -> AppResult<()> {
    let deleted = action == "application.delete";
    caller.audit(tx, action, "applications", id, json!({ "after": { "deleted": deleted } })).await
}
