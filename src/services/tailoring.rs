//! Tailoring from an application (the `resume_tailor` agent): a new version of the base resume
//! for the application's posting, guarded so it invents nothing, stored with its RFC 6902 diff
//! from the base and its score, and linked to the application — one transaction with the model
//! run, the `resume_generated` event and one audit row.

use jobpilot_resume::Sections;
use serde::Serialize;
use serde_json::{Value, json};
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use super::resume_fit::{model_failed, no_base};
use crate::agents::model::Models;
use crate::agents::resume_tailor::{self, TailorInput};
use crate::db::{self, resume_versions::{NewVersion, ParseReport}};
use crate::domain::resume_fit::{self, AtsReport, PostingText};
use crate::error::{AppError, AppResult};

/// A tailored version, with the base's score beside its own and what changed.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Tailored {
    pub version_id: Uuid,
    pub application_id: Uuid,
    pub posting_id: Uuid,
    pub base_version_id: Uuid,
    /// The base resume scored against the posting.
    pub before: AtsReport,
    /// The tailored version scored against the posting.
    pub after: AtsReport,
    /// RFC 6902 JSON Patch that turns the base's sections into the tailored ones.
    #[schema(value_type = Vec<Object>)]
    pub patch: Value,
    pub sections: Sections,
    /// Which engine wrote it (deterministic, or the configured model's).
    pub engine: String,
}

/// What tailoring and cover letters start from: the application's posting and the base.
pub(super) struct Start {
    pub posting_id: Uuid,
    pub posting: PostingText,
    pub base_id: Uuid,
    pub base: Sections,
}

pub(super) async fn start(pool: &PgPool, user_id: Uuid, application_id: Uuid) -> AppResult<Start> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let target = db::resume_tailoring::application_target(&mut tx, user_id, application_id).await?.ok_or(AppError::NotFound)?;
    let base = db::resume_versions::base(&mut tx, user_id).await?;
    db::end_read(tx);
    let posting_id = target
        .job_posting_id
        .ok_or_else(|| AppError::invalid("application", "this application has no catalog posting to tailor for"))?;
    let base = base.ok_or_else(no_base)?;
    let posting = PostingText { title: target.title.unwrap_or_default(), company: target.company, description: target.description.unwrap_or_default() };
    Ok(Start { posting_id, posting, base_id: base.id, base: base.sections })
}

#[tracing::instrument(skip(pool, models), fields(user_id = %caller.user_id))]
pub async fn tailor(pool: &PgPool, models: &Models, caller: Caller, application_id: Uuid) -> AppResult<Tailored> {
    let start = start(pool, caller.user_id, application_id).await?;
    let input = TailorInput { base: start.base.clone(), posting: start.posting.clone() };
    let (mut sections, record) = resume_tailor::tailor(models, &input, format!("applications/{application_id}")).await.map_err(model_failed)?;
    let before = resume_fit::score(&start.base, &start.posting);
    sections.keywords_covered.clear();
    sections.ats_score = None;
    let after = resume_fit::score(&sections, &start.posting);
    sections.keywords_covered = after.matched.clone();
    sections.ats_score = Some(after.score);
    let tailored_json = serde_json::to_value(&sections).map_err(anyhow::Error::from)?;
    let base_json = serde_json::to_value(&start.base).map_err(anyhow::Error::from)?;
    let patch = serde_json::to_value(json_patch::diff(&base_json, &tailored_json)).map_err(anyhow::Error::from)?;

    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let name = tailored_name(&start.posting);
    let new = NewVersion {
        user_id: caller.user_id,
        name: &name,
        base_flag: false,
        job_posting_id: Some(start.posting_id),
        sections: &sections,
        ats_score: Some(after.score),
        keywords: &after.matched,
        diff_from_base: Some(&patch),
        parse_report: &ParseReport::default(),
        file: None,
    };
    let version_id = db::resume_versions::insert(&mut tx, &new).await?.id;
    if !db::resume_tailoring::link_to_application(&mut tx, caller.user_id, application_id, version_id).await? {
        return Err(AppError::NotFound); // deleted meanwhile; the transaction rolls back
    }
    super::resumes::record_generated(&mut tx, caller.user_id, version_id, super::resumes::Generated::Tailored).await?;
    record.save(&mut tx, caller.user_id).await?;
    let diff = json!({ "after": { "application_id": application_id, "posting_id": start.posting_id, "base_version_id": start.base_id,
        "ats_score_before": before.score, "ats_score_after": after.score, "engine": record.engine } });
    caller.audit(&mut tx, "resume.tailor", "resume_versions", version_id, diff).await?;
    tx.commit().await?;
    Ok(Tailored {
        version_id,
        application_id,
        posting_id: start.posting_id,
        base_version_id: start.base_id,
        before,
        after,
        patch,
        sections,
        engine: record.engine.to_string(),
    })
}

/// The application's latest tailored version beside its base, as the application page shows
/// it; `None` when it has no posting, no base or no tailored version yet.
pub async fn current(pool: &PgPool, user_id: Uuid, application_id: Uuid) -> AppResult<Option<Tailored>> {
    let start = match start(pool, user_id, application_id).await {
        Ok(start) => start,
        Err(AppError::Conflict(_) | AppError::Validation(_)) => return Ok(None),
        Err(error) => return Err(error),
    };
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let version = db::resume_versions::latest_for_posting(&mut tx, user_id, start.posting_id).await?;
    db::end_read(tx);
    let Some(version) = version else { return Ok(None) };
    let sections = version.sections;
    Ok(Some(Tailored {
        version_id: version.id,
        application_id,
        posting_id: start.posting_id,
        base_version_id: start.base_id,
        before: resume_fit::score(&start.base, &start.posting),
        after: resume_fit::score(&sections, &start.posting),
        patch: version.diff_from_base.unwrap_or(Value::Array(Vec::new())),
        sections,
        engine: String::new(),
    }))
}

/// The versions list's name for a tailored version: "Tailored for Backend Engineer at Acme".
fn tailored_name(posting: &PostingText) -> String {
    match posting.company.as_deref() {
        Some(company) => format!("Tailored for {} at {company}", posting.title),
        None => format!("Tailored for {}", posting.title),
    }
}
