//! Adding an application for a job that is not in the catalog: the title, company and link a
//! person types in become a posting and company through the same ingest (so they meet the rows a
//! board already stored: a link to a Greenhouse posting finds that posting, a company name in
//! another case finds that company), then an application for it.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use super::applications::{self, ApplicationChange, ApplicationDetail};
use crate::domain::normalize::{self, NormalizedPosting};
use crate::domain::posting::{CompanyDraft, NameSource, ParsedBoard, PostingDraft, SourceKind};
use crate::domain::profile::has_control_characters;
use crate::domain::skills::SkillMatcher;
use crate::error::{AppError, AppResult, FieldError};

/// `source_label` of applications typed in by hand.
pub const MANUAL_ENTRY: &str = "Manual entry";

/// A job typed in by hand.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ManualApplication {
    #[schema(example = "Staff Backend Engineer")]
    pub title: String,
    #[schema(example = "Acme Robotics")]
    pub company: String,
    /// The posting's page (http or https).
    #[schema(example = "https://boards.greenhouse.io/acme/jobs/123")]
    pub url: String,
    pub location: Option<String>,
    /// Where it starts; default prospect.
    pub stage: Option<String>,
    pub status_notes: Option<String>,
}

const MAX_TITLE: usize = 300;
const MAX_COMPANY: usize = 200;

impl ManualApplication {
    /// The draft to ingest and the catalog key it normalises to.
    fn draft(&self) -> Result<(PostingDraft, NormalizedPosting), AppError> {
        let mut errors = Vec::new();
        let mut text = |field: &str, value: &str, max: usize| {
            let value = value.trim();
            if value.is_empty() || value.chars().count() > max || has_control_characters(value) {
                errors.push(FieldError::new(field, format!("must be 1 to {max} characters of text")));
            }
            value.to_string()
        };
        let title = text("title", &self.title, MAX_TITLE);
        let company = text("company", &self.company, MAX_COMPANY);
        let location = self.location.as_deref().map(str::trim).filter(|l| !l.is_empty()).map(|l| text("location", l, MAX_COMPANY));
        let mut draft = crate::connectors::values::blank(SourceKind::File, title, self.url.trim().to_string());
        draft.company = CompanyDraft { name: Some(company), name_source: NameSource::Given, ..CompanyDraft::default() };
        draft.locations = location.into_iter().collect();
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let key = normalize::normalize(&draft, SkillMatcher::builtin()).map_err(|reason| AppError::invalid("url", reason))?;
        Ok((draft, key))
    }
}

/// What a caller other than the form says about a typed-in job: where it came from and when
/// the user applied (the CSV import knows both).
#[derive(Clone, Debug, Default)]
pub struct Origin {
    /// `source_label`; none keeps [`MANUAL_ENTRY`].
    pub source_label: Option<String>,
    /// When the user applied; none lets the stage decide (now, for a stage past applying).
    pub applied_at: Option<DateTime<Utc>>,
}

impl ManualApplication {
    fn change(&self, origin: &Origin) -> ApplicationChange {
        ApplicationChange {
            stage: self.stage.clone(),
            status_notes: self.status_notes.clone().map(Some),
            source_label: origin.source_label.clone().map(Some),
            resume_version_id: None,
        }
    }
}

/// Stores the typed-in job in the catalog (or finds it there) and tracks it for the caller,
/// in the given stage. Adding the same link again returns the same application.
pub async fn add(pool: &PgPool, system_db: &PgPool, caller: Caller, input: &ManualApplication) -> AppResult<(bool, ApplicationDetail)> {
    add_with(pool, system_db, caller, input, &Origin::default()).await
}

/// Which posting a typed-in job is, as a key equal for two inputs that would find the same
/// catalog row.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PostingKey(String);

/// Checks a typed-in job as [`add_with`] would, without storing anything: its posting key and
/// the caller's live application for that posting, if they already track it.
pub async fn check(pool: &PgPool, system_db: &PgPool, user_id: Uuid, input: &ManualApplication, origin: &Origin) -> AppResult<(PostingKey, Option<Uuid>)> {
    let (_, key) = input.draft()?;
    input.change(origin).check()?;
    let posting_key = PostingKey(format!("{}:{}", key.source, key.source_id));
    let Some(posting_id) = posting_for(system_db, key.source, &key.source_id, &key.url).await? else {
        return Ok((posting_key, None));
    };
    let existing = applications::for_posting(pool, user_id, posting_id).await?;
    Ok((posting_key, existing.map(|a| a.id)))
}

/// [`add`], with where the job came from and when the user applied.
#[tracing::instrument(skip(pool, system_db, input, origin), fields(user_id = %caller.user_id))]
pub async fn add_with(pool: &PgPool, system_db: &PgPool, caller: Caller, input: &ManualApplication, origin: &Origin) -> AppResult<(bool, ApplicationDetail)> {
    let (draft, key) = input.draft()?;
    let change = input.change(origin);
    change.check()?;
    // A posting already stored for the link is used as it is: what one user types never rewrites
    // a row that a board, or another user, put in the catalog.
    let posting_id = match posting_for(system_db, key.source, &key.source_id, &key.url).await? {
        Some(id) => id,
        None => {
            let parsed = ParsedBoard { postings: vec![draft], skipped: Vec::new() };
            let summary = crate::services::catalog::ingest(system_db, parsed, SkillMatcher::builtin(), false).await?;
            if let Some((_, reason)) = summary.skipped.first() {
                return Err(AppError::invalid("url", reason.clone()));
            }
            posting_for(system_db, key.source, &key.source_id, &key.url).await?.ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("posting {}:{} not found right after ingest", key.source, key.source_id))
            })?
        }
    };
    let tracked = applications::track_from(pool, caller, posting_id, MANUAL_ENTRY).await?;
    let created = matches!(tracked, applications::Tracked::Created(_));
    let id = tracked.application().id;
    if !created {
        return Ok((false, applications::get(pool, caller.user_id, id).await?));
    }
    let mut detail = applications::update(pool, caller, id, &change).await?;
    if let Some(at) = origin.applied_at {
        detail = applications::set_applied_at(pool, caller, id, at).await?;
    }
    Ok((true, detail))
}

/// The catalog row stored for this key or link, if any.
async fn posting_for(system_db: &PgPool, source: &str, source_id: &str, url: &str) -> AppResult<Option<Uuid>> {
    let id: Option<Uuid> = sqlx::query_scalar(
        // Compared as the enum, not as text, so both arms use an index (a bitmap OR of
        // `ux_posting_source_id` and `idx_job_postings_url`) instead of reading the catalog.
        "select id from job_postings
          where (source = $1::provider_enum and source_id = $2) or url = $3
          order by (source = $1::provider_enum and source_id = $2) desc, created_at limit 1",
    )
    .bind(source)
    .bind(source_id)
    .bind(url)
    .fetch_optional(system_db)
    .await?;
    Ok(id)
}
