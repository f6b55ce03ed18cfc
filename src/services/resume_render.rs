//! Rendering a resume version to PDF or DOCX and keeping the file as the version's artifact.
//!
//! The render runs on the blocking pool (typst is CPU-bound), at most two at a time so a burst
//! of requests cannot starve the server. Then, as for uploads: the object is stored first and
//! the row second, in one transaction with its audit row and the `resume_generated` event; if
//! the row cannot be written the object is removed again.

use axum::body::Bytes;
use jobpilot_render::{OutputFormat, Paper, Template};
use jobpilot_resume::Sections;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use tokio::sync::Semaphore;
use uuid::Uuid;

use super::Caller;
use crate::db::{self, artifacts::FileInfo, artifacts::NewFile, artifacts::Owner};
use crate::domain::upload;
use crate::error::{AppError, AppResult, FieldError};
use crate::storage::Storage;

/// Renders in flight across the process; each uses one core for up to a second.
static RENDERS: Semaphore = Semaphore::const_new(2);

/// What to render: checked names, ready for the renderer.
#[derive(Clone, Copy, Debug)]
pub struct RenderRequest {
    pub template: Template,
    pub format: OutputFormat,
    pub paper: Paper,
}

impl RenderRequest {
    /// Reads the three names; every unknown one is a 422 on its own field. Paper defaults to A4.
    pub fn parse(template: &str, format: &str, paper: Option<&str>) -> AppResult<Self> {
        let mut errors = Vec::new();
        let template = template.parse::<Template>().map_err(|e| errors.push(FieldError::new("template", e.to_string()))).ok();
        let format = format.parse::<OutputFormat>().map_err(|e| errors.push(FieldError::new("format", e.to_string()))).ok();
        let paper = match paper.map(str::trim).filter(|p| !p.is_empty()) {
            None => Some(Paper::default()),
            Some(p) => p.parse::<Paper>().map_err(|e| errors.push(FieldError::new("paper", e.to_string()))).ok(),
        };
        match (template, format, paper) {
            (Some(template), Some(format), Some(paper)) if errors.is_empty() => Ok(Self { template, format, paper }),
            _ => Err(AppError::Validation(errors)),
        }
    }

    fn kind(self) -> &'static str {
        match self.format {
            OutputFormat::Pdf => "resume_pdf",
            OutputFormat::Docx => "resume_docx",
        }
    }
}

/// The download name: the person's name when the resume has one, never a path.
fn file_name(sections: &Sections, req: RenderRequest) -> String {
    let who = sections.contact.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).unwrap_or("Resume");
    upload::clean_name(&format!("{who} - {} ({}).{}", req.template, req.paper.as_str(), req.format.as_str()))
}

/// A user's live version's sections; another user's or a deleted version is a 404.
async fn load(pool: &PgPool, user_id: Uuid, version_id: Uuid) -> AppResult<Sections> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let value = db::resume_render::sections(&mut tx, user_id, version_id).await?.ok_or(AppError::NotFound)?;
    db::end_read(tx);
    serde_json::from_value(value).map_err(|e| AppError::Internal(anyhow::Error::new(e).context("reading a version's sections_json")))
}

#[tracing::instrument(skip(pool, storage), fields(user_id = %caller.user_id))]
pub async fn render_version(pool: &PgPool, storage: &Storage, caller: Caller, version_id: Uuid, req: RenderRequest) -> AppResult<FileInfo> {
    let sections = load(pool, caller.user_id, version_id).await?;
    let name = file_name(&sections, req);
    let bytes = {
        let _permit = RENDERS.acquire().await.map_err(|e| AppError::Internal(e.into()))?;
        tokio::task::spawn_blocking(move || jobpilot_render::render(&sections, req.template, req.paper, req.format))
            .await
            .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("the render task")))?
            .map_err(|e| AppError::Internal(e.into()))?
    };
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let size_bytes = bytes.len() as i64;
    let storage_key = Uuid::new_v4().simple().to_string();
    storage.put(&storage_key, Bytes::from(bytes)).await?;
    let new = NewFile {
        owner: Owner::ResumeVersion(version_id),
        kind: req.kind(),
        file_name: &name,
        content_type: req.format.content_type(),
        size_bytes,
        sha256: &sha256,
        storage_key: &storage_key,
    };
    match record(pool, caller, version_id, req, &new).await {
        Ok(info) => Ok(info),
        Err(error) => {
            if let Err(cleanup) = storage.delete(&storage_key).await {
                tracing::error!(error = format!("{cleanup:#}"), storage_key, "could not remove the object of a failed render");
            }
            Err(error)
        }
    }
}

async fn record(pool: &PgPool, caller: Caller, version_id: Uuid, req: RenderRequest, new: &NewFile<'_>) -> AppResult<FileInfo> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let id = db::artifacts::insert(&mut tx, new).await?;
    // Reading back through the owner check also catches a version deleted meanwhile.
    let info = db::artifacts::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    let detail = json!({ "after": info, "template": req.template.as_str(), "paper": req.paper.as_str() });
    caller.audit(&mut tx, "resume.render", "artifacts", id, detail).await?;
    let generated = super::resumes::Generated::Rendered { format: req.format.as_str(), template: req.template.as_str() };
    super::resumes::record_generated(&mut tx, caller.user_id, version_id, generated).await?;
    tx.commit().await?;
    Ok(info)
}

/// A version's rendered files, newest first; another user's version is a 404.
pub async fn files(pool: &PgPool, user_id: Uuid, version_id: Uuid) -> AppResult<Vec<FileInfo>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    if db::resume_render::sections(&mut tx, user_id, version_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let files = db::artifacts::list_for_version(&mut tx, user_id, version_id).await?;
    db::end_read(tx);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_are_each_refused_on_their_own_field() {
        let Err(AppError::Validation(errors)) = RenderRequest::parse("fancy", "odt", Some("a3")) else { panic!("accepted") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_deref().unwrap_or_default().to_string()).collect();
        assert_eq!(fields, ["template", "format", "paper"]);
    }

    #[test]
    fn known_names_parse_in_any_case_and_paper_defaults_to_a4() {
        let req = RenderRequest::parse("Modern", "DOCX", None).expect("valid");
        assert_eq!((req.template, req.format, req.paper), (Template::Modern, OutputFormat::Docx, Paper::A4));
        assert_eq!(RenderRequest::parse("classic", "pdf", Some("us-letter")).expect("valid").paper, Paper::Letter);
    }

    #[test]
    fn the_file_name_uses_the_persons_name_without_any_path() {
        let mut s = Sections::default();
        s.contact.name = Some("../../etc/Ada \"Lovelace\"".into());
        let req = RenderRequest::parse("classic", "pdf", None).expect("valid");
        let name = file_name(&s, req);
        assert!(!name.contains('/') && !name.contains('"'), "{name}");
        assert!(name.ends_with("(a4).pdf"), "{name}");
        assert_eq!(file_name(&Sections::default(), req), "Resume - classic (a4).pdf");
    }
}
