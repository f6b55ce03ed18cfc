//! Resume uploads: check the file (size, real type), read it into sections, keep the original,
//! create the version, and on a user's first upload make it the base and seed their default
//! saved search (§9). Nothing is saved when the file cannot be read: the parser runs before
//! anything is stored, the object is stored before the row, and removed if the row fails.

use axum::body::Bytes;
use jobpilot_resume::{ParseError, Parsed};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use super::files::{Upload, too_large};
use crate::db::resume_versions::{NewVersion, ParseReport, StoredFile, Version};
use crate::db::{self, search_prefs::SavedSearch};
use crate::domain::search_filters::{SavedSearchInput, SearchFilters, next_run};
use crate::domain::{resume_seed, upload};
use crate::services::accounts::DEFAULT_SEARCH_NAME;
use crate::error::{AppError, AppResult, FieldError};
use crate::jobs::{self, enrich::EnrichUser};
use crate::storage::Storage;

pub use super::resumes_versions::*;

/// What an upload made.
#[derive(Debug, Serialize, ToSchema)]
pub struct Uploaded {
    pub version: Version,
    /// Fields the parser could not find: the user should fill them in.
    pub not_found: Vec<String>,
    pub notes: Vec<String>,
    /// The saved search seeded from this first resume, if one was.
    pub seeded_search: Option<SavedSearch>,
}

/// Reads `bytes` as a resume off the async threads (PDF layout analysis is CPU work). A
/// parser that panics on a hostile file is a 422 like any unreadable file, never a 500.
pub async fn parse(bytes: Bytes, file_name: String) -> AppResult<Parsed> {
    let parsed = tokio::task::spawn_blocking(move || jobpilot_resume::parse(&bytes, Some(&file_name))).await;
    match parsed {
        Ok(result) => result.map_err(unreadable),
        Err(join) if join.is_panic() => {
            tracing::warn!("the resume parser panicked on an upload");
            Err(unreadable(ParseError::Corrupt { format: "a resume", detail: "the file's structure is damaged".into() }))
        }
        Err(join) => Err(AppError::Internal(anyhow::Error::new(join).context("resume parser task"))),
    }
}

/// A file the parser could not read: the parser's own message, for the `file` field.
pub fn unreadable(error: ParseError) -> AppError {
    AppError::Validation(vec![FieldError::new("file", error.to_string())])
}

#[tracing::instrument(skip(pool, storage, file), fields(user_id = %caller.user_id, size = file.bytes.len()))]
pub async fn upload(pool: &PgPool, storage: &Storage, caller: Caller, file: Upload, limit: u64) -> AppResult<Uploaded> {
    if file.bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    if file.bytes.is_empty() {
        return Err(AppError::invalid("file", "is empty"));
    }
    let content_type = upload::sniff(&file.bytes).map_err(AppError::WrongMediaType)?;
    let file_name = upload::clean_name(&file.file_name);
    let parsed = parse(file.bytes.clone(), file_name.clone()).await?;
    // A file that reads (an empty DOCX, a text file of blank lines) but holds nothing of a
    // resume would make an empty version, and an empty base: refuse it like an unreadable one.
    if parsed.sections.is_empty() {
        return Err(AppError::invalid("file", "no resume content was found in this file: it is empty or holds no text we can read"));
    }
    // The parser leaves empty what it could not find (a job's role, a school's name): that is
    // kept as read, never refused or filled, and the user is told what to complete; edits are
    // then held to the full rules.
    let (sections, to_complete) = match crate::domain::resume_edit::validated(parsed.sections.clone()) {
        Ok(sections) => (sections, Vec::new()),
        Err(problems) => (parsed.sections.clone(), problems),
    };
    let stored = StoredFile {
        file_name,
        content_type: content_type.to_string(),
        size_bytes: file.bytes.len() as i64,
        sha256: hex::encode(Sha256::digest(&file.bytes)),
        // A random key: the user's file name never reaches a path or a bucket.
        storage_key: Uuid::new_v4().simple().to_string(),
    };
    let mut notes = parsed.notes.clone();
    notes.extend(to_complete.iter().map(|e| format!("to complete before editing: {} {}", e.field.as_deref().unwrap_or("resume"), e.detail)));
    let report = ParseReport {
        not_found: parsed.not_found.clone(),
        notes,
        format: serde_json::to_value(parsed.format).ok().and_then(|v| v.as_str().map(str::to_string)),
        pages: Some(parsed.pages),
    };
    storage.put(&stored.storage_key, file.bytes).await?;
    match record(pool, caller, &sections, &report, &stored).await {
        Ok(uploaded) => Ok(uploaded),
        Err(error) => {
            if let Err(cleanup) = storage.delete(&stored.storage_key).await {
                tracing::error!(error = format!("{cleanup:#}"), storage_key = stored.storage_key, "could not remove the object of a failed resume upload");
            }
            Err(error)
        }
    }
}

async fn record(
    pool: &PgPool,
    caller: Caller,
    sections: &jobpilot_resume::Sections,
    report: &ParseReport,
    file: &StoredFile,
) -> AppResult<Uploaded> {
    let user_id = caller.user_id;
    let mut tx = db::begin_for_user(pool, user_id).await?;
    db::resume_versions::lock_user(&mut tx, user_id).await?;
    let first_ever = db::resume_versions::count_all(&mut tx, user_id).await? == 0;
    let base_flag = db::resume_versions::base(&mut tx, user_id).await?.is_none();
    let new = NewVersion {
        user_id,
        name: &file.file_name,
        base_flag,
        job_posting_id: None,
        sections,
        ats_score: None,
        keywords: &[],
        diff_from_base: None,
        parse_report: report,
        file: Some(file),
    };
    let version = db::resume_versions::insert(&mut tx, &new).await?;
    let diff = json!({ "after": { "name": version.name, "base": base_flag, "file_name": file.file_name,
        "size_bytes": file.size_bytes, "sha256": file.sha256, "not_found": report.not_found } });
    caller.audit(&mut tx, "resume.upload", "resume_versions", version.id, diff).await?;
    let seeded_search = if first_ever { seed_search(&mut tx, caller, &version).await? } else { None };
    tx.commit().await?;
    Ok(Uploaded { not_found: report.not_found.clone(), notes: report.notes.clone(), version, seeded_search })
}

/// Seeds the default saved search from the first resume (§9): the blank one every new user
/// starts with, when it is their only one, gets the resume's titles, skills and level (its other
/// settings stay); a user with no saved search at all gets one. A user who has set up a search
/// of their own keeps everything as it is. Audited as a saved-search change of its own, in the upload's transaction.
async fn seed_search(tx: &mut sqlx::PgConnection, caller: Caller, version: &Version) -> AppResult<Option<SavedSearch>> {
    let searches = db::search_prefs::list(tx, caller.user_id).await?;
    let is_blank_default = |s: &SavedSearch| {
        s.name == DEFAULT_SEARCH_NAME && s.filters.titles.is_empty() && s.filters.skills.is_empty() && s.filters.levels.is_empty()
    };
    let blank_default = match searches.as_slice() {
        [] => None,
        [only] if is_blank_default(only) => Some(only),
        _ => return Ok(None),
    };
    let Some(seeded) = resume_seed::filters(&version.sections) else {
        return Ok(None);
    };
    let input = match blank_default {
        Some(s) => SavedSearchInput {
            name: s.name.clone(),
            filters: SearchFilters { titles: seeded.titles, skills: seeded.skills, levels: seeded.levels, ..s.filters.clone() },
            schedule_cron: s.schedule_cron.clone(),
            timezone: Some(s.timezone.clone()),
            enabled: s.enabled,
        },
        None => SavedSearchInput { name: resume_seed::NAME.into(), filters: seeded, schedule_cron: "0 7 * * *".into(), timezone: None, enabled: true },
    };
    let zone = db::profiles::find(tx, caller.user_id, false).await?.and_then(|(_, p, _)| p.job_preferences.timezone);
    // The seed is built within the search's own rules; should one still fail, the upload stands
    // and the user simply gets no seeded search.
    let input = match input.validated(zone.as_deref()) {
        Ok(input) => input,
        Err(errors) => {
            tracing::warn!(?errors, "the search seeded from a resume broke a saved-search rule; not seeded");
            return Ok(None);
        }
    };
    let next = next_run(&input.schedule_cron, input.zone(), chrono::Utc::now());
    let seeded_from = json!({ "resume_version_id": version.id });
    let search = match blank_default {
        Some(before) => {
            let search = db::search_prefs::update(tx, caller.user_id, before.id, &input, next).await?.ok_or(AppError::NotFound)?;
            let diff = json!({ "before": { "filters": before.filters }, "after": { "filters": input.filters }, "seeded_from": seeded_from });
            caller.audit(tx, "saved_search.update", "search_prefs", search.id, diff).await?;
            search
        }
        None => {
            let search = db::search_prefs::create(tx, caller.user_id, &input, next).await?;
            caller.audit(tx, "saved_search.create", "search_prefs", search.id, json!({ "after": input, "seeded_from": seeded_from })).await?;
            search
        }
    };
    jobs::enqueue(tx, &EnrichUser { user_id: caller.user_id }).await?;
    Ok(Some(search))
}
