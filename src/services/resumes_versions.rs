//! A user's resume versions: read, list, edit the sections (whole or one section), soft delete
//! (kept 30 days, §8), restore, make one the base; and the `resume_generated` event (§12) that
//! services making versions record.
//!
//! The base rule: a user has at most one live base version. Deleting it promotes the newest
//! remaining version that was not tailored for a posting (if any), so tailoring keeps working;
//! restoring a deleted base makes it the base again only if no other base took its place.
//! A tailored version cannot be the base: it is tied to one application and goes with it.

use jobpilot_resume::Sections;
use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::Caller;
use crate::db::{self, resume_versions::Version, resume_versions_list::VersionSummary};
use crate::domain::resume_edit;
use crate::error::{AppError, AppResult};

/// How long a deleted version can be brought back, after which the purge removes it (§8).
pub const KEEP_DAYS: i32 = 30;

pub async fn get(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<Version> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let version = db::resume_versions::get(&mut tx, user_id, id, false).await?.ok_or(AppError::NotFound)?;
    db::end_read(tx);
    Ok(version)
}

/// The base version, if the user has one.
pub async fn base(pool: &PgPool, user_id: Uuid) -> AppResult<Option<Version>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let version = db::resume_versions::base(&mut tx, user_id).await?;
    db::end_read(tx);
    Ok(version)
}

pub async fn list(pool: &PgPool, user_id: Uuid, include_deleted: bool) -> AppResult<Vec<VersionSummary>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let versions = db::resume_versions_list::list(&mut tx, user_id, include_deleted).await?;
    db::end_read(tx);
    Ok(versions)
}

/// Replaces every section. The audit row names the sections that changed, not their text:
/// a resume is personal data and the audit trail outlives the version.
#[tracing::instrument(skip(pool, sections), fields(user_id = %caller.user_id))]
pub async fn replace_sections(pool: &PgPool, caller: Caller, id: Uuid, sections: Sections) -> AppResult<Version> {
    let sections = resume_edit::validated(sections).map_err(AppError::Validation)?;
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let before = db::resume_versions::get(&mut tx, caller.user_id, id, false).await?.ok_or(AppError::NotFound)?;
    let changed = changed_sections(&before.sections, &sections);
    if changed.is_empty() {
        db::end_read(tx);
        return Ok(before);
    }
    let after = db::resume_versions::update_sections(&mut tx, caller.user_id, id, &sections).await?.ok_or(AppError::NotFound)?;
    caller.audit(&mut tx, "resume.update", "resume_versions", id, json!({ "changed": changed })).await?;
    tx.commit().await?;
    Ok(after)
}

/// Replaces one section (`skills`, `experience`…) with `value`, in the section's JSON shape.
pub async fn replace_section(pool: &PgPool, caller: Caller, id: Uuid, section: &str, value: Value) -> AppResult<Version> {
    if !resume_edit::SECTIONS.contains(&section) {
        return Err(AppError::NotFound);
    }
    let current = get(pool, caller.user_id, id).await?;
    let mut whole = serde_json::to_value(&current.sections).map_err(|e| AppError::Internal(e.into()))?;
    whole[section] = value;
    let sections: Sections = serde_json::from_value(whole).map_err(|e| AppError::invalid(section, format!("is not a valid {section} section: {e}")))?;
    replace_sections(pool, caller, id, sections).await
}

/// The top-level section names whose content differs.
fn changed_sections(before: &Sections, after: &Sections) -> Vec<String> {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) = (serde_json::to_value(before), serde_json::to_value(after)) else {
        return vec!["sections".into()];
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter().filter(|k| a.get(*k) != b.get(*k)).cloned().collect()
}

/// Soft-deletes a version; deleting the base promotes the newest untailored version.
#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id))]
pub async fn delete(pool: &PgPool, caller: Caller, id: Uuid) -> AppResult<()> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    db::resume_versions::lock_user(&mut tx, caller.user_id).await?;
    let version = db::resume_versions::get(&mut tx, caller.user_id, id, false).await?.ok_or(AppError::NotFound)?;
    db::resume_versions::soft_delete(&mut tx, caller.user_id, id).await?;
    let promoted = if version.base_flag { promote_successor(&mut tx, caller.user_id).await? } else { None };
    let diff = json!({ "before": { "deleted": false, "base": version.base_flag }, "after": { "deleted": true }, "new_base": promoted });
    caller.audit(&mut tx, "resume.delete", "resume_versions", id, diff).await?;
    tx.commit().await?;
    Ok(())
}

async fn promote_successor(conn: &mut PgConnection, user_id: Uuid) -> AppResult<Option<Uuid>> {
    let Some(next) = db::resume_versions::newest_untailored(conn, user_id).await? else {
        return Ok(None);
    };
    db::resume_versions::set_base(conn, user_id, next).await?;
    Ok(Some(next))
}

/// Brings back a version deleted less than [`KEEP_DAYS`] days ago.
#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id))]
pub async fn restore(pool: &PgPool, caller: Caller, id: Uuid) -> AppResult<Version> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    db::resume_versions::lock_user(&mut tx, caller.user_id).await?;
    let version = db::resume_versions::get(&mut tx, caller.user_id, id, true).await?.ok_or(AppError::NotFound)?;
    if version.deleted_at.is_none() {
        db::end_read(tx);
        return Ok(version);
    }
    let base_free = db::resume_versions::base(&mut tx, caller.user_id).await?.is_none();
    let as_base = version.base_flag && base_free;
    let restored = db::resume_versions::restore(&mut tx, caller.user_id, id, KEEP_DAYS, as_base).await?.ok_or(AppError::NotFound)?;
    let diff = json!({ "before": { "deleted": true }, "after": { "deleted": false, "base": as_base } });
    caller.audit(&mut tx, "resume.restore", "resume_versions", id, diff).await?;
    tx.commit().await?;
    Ok(restored)
}

/// Makes a version the base (the previous base stays as an ordinary version).
#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id))]
pub async fn set_base(pool: &PgPool, caller: Caller, id: Uuid) -> AppResult<Version> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    db::resume_versions::lock_user(&mut tx, caller.user_id).await?;
    let version = db::resume_versions::get(&mut tx, caller.user_id, id, false).await?.ok_or(AppError::NotFound)?;
    if version.base_flag {
        db::end_read(tx);
        return Ok(version);
    }
    if version.job_posting_id.is_some() {
        return Err(AppError::invalid("id", "a version tailored for a posting cannot be the base; make it from an uploaded version"));
    }
    let before = db::resume_versions::base(&mut tx, caller.user_id).await?.map(|v| v.id);
    let after = db::resume_versions::set_base(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    caller.audit(&mut tx, "resume.set_base", "resume_versions", id, json!({ "before": { "base": before }, "after": { "base": id } })).await?;
    tx.commit().await?;
    Ok(after)
}

/// How a generated version came about, for the `resume_generated` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generated {
    Tailored,
    /// Rendered to a file: `format` (`pdf`, `docx`) and `template` as the render request named them.
    Rendered { format: &'static str, template: &'static str },
}

/// Records `resume_generated` (§12) in the caller's transaction, beside the rows it counts.
/// For the services that tailor or render versions.
pub async fn record_generated(conn: &mut PgConnection, user_id: Uuid, version_id: Uuid, kind: Generated) -> sqlx::Result<()> {
    let props = match kind {
        Generated::Tailored => json!({ "version_id": version_id, "kind": "tailored" }),
        Generated::Rendered { format, template } => json!({ "version_id": version_id, "kind": "rendered", "format": format, "template": template }),
    };
    db::user_events::record(conn, user_id, "resume_generated", &props).await
}
