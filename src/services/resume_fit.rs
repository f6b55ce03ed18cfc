//! Scoring a resume version against a catalog posting (the `optimizer` agent), and the reading
//! of versions and postings that scoring, tailoring and cover letters share.

use serde::Serialize;
use serde_json::json;
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use crate::agents::model::{ModelError, Models};
use crate::agents::optimizer::{ATS_SCORE, ScoreInput};
use crate::db;
use crate::domain::resume_fit::{AtsReport, PostingText};
use crate::error::{AppError, AppResult, FieldError};

/// A score and whether it was stored on the version.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ScoreResult {
    pub version_id: Uuid,
    pub posting_id: Uuid,
    /// True when the version was made for this posting, so its `ats_score` and `keywords` now
    /// hold this result.
    pub stored: bool,
    pub report: AtsReport,
}

/// The 409 for a user with no base resume.
pub(super) fn no_base() -> AppError {
    AppError::Conflict(FieldError::new("resume", "you have no base resume yet: upload one first, then tailor it"))
}

pub(super) fn model_failed(error: ModelError) -> AppError {
    AppError::Internal(anyhow::anyhow!("agent call failed: {error}"))
}

#[tracing::instrument(skip(pool, models), fields(user_id = %caller.user_id))]
pub async fn score(pool: &PgPool, models: &Models, caller: Caller, version_id: Uuid, posting_id: Uuid) -> AppResult<ScoreResult> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let version = db::resume_versions::get(&mut tx, caller.user_id, version_id, false).await?.ok_or(AppError::NotFound)?;
    let posting = db::resume_tailoring::posting_text(&mut tx, posting_id).await?;
    db::end_read(tx);
    let (title, company, description) = posting.ok_or_else(|| AppError::invalid("posting_id", "no posting in the catalog has this id"))?;
    let input = ScoreInput { resume: version.sections.clone(), posting: PostingText { title, company, description: description.unwrap_or_default() } };
    let outcome = models.run::<_, AtsReport>(&ATS_SCORE, &input, format!("resume_versions/{version_id}")).await.map_err(model_failed)?;
    let report = outcome.value;
    let report = AtsReport { score: report.score.clamp(0, 100), ..report };
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    outcome.record.save(&mut tx, caller.user_id).await?;
    let stored = version.job_posting_id == Some(posting_id)
        && db::resume_versions::set_score(&mut tx, caller.user_id, version_id, report.score, &report.matched).await?;
    let diff = json!({ "posting_id": posting_id, "before": { "ats_score": version.ats_score }, "after": { "ats_score": report.score, "stored": stored } });
    caller.audit(&mut tx, "resume.score", "resume_versions", version_id, diff).await?;
    tx.commit().await?;
    Ok(ScoreResult { version_id, posting_id, stored, report })
}
