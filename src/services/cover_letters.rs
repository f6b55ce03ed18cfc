//! Cover letters on applications: a draft from the base resume and the posting (the
//! `resume_tailor` agent), stored as a text file in an `artifacts` row of kind `cover_letter`
//! (so `/api/v1/files/{id}/content` downloads it), read, replaced by the user's own text, and
//! exported as .txt or .md. Bytes are stored before the row and removed if the row fails, as for
//! uploads.

use axum::body::Bytes;
use futures::TryStreamExt;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use super::resume_fit::model_failed;
use crate::agents::model::Models;
use crate::agents::resume_tailor;
use crate::db::{self, artifacts::FileInfo, artifacts::NewFile, artifacts::Owner};
use crate::domain::resume_fit::CoverLetterInput;
use crate::domain::upload;
use crate::error::{AppError, AppResult};
use crate::storage::Storage;

/// Longest letter kept, in characters (a letter is one page; this is several).
pub const MAX_CHARS: usize = 20_000;
const CONTENT_TYPE: &str = "text/plain; charset=utf-8";

/// A cover letter: its file record and its text.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CoverLetter {
    pub file: FileInfo,
    pub text: String,
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Text,
    Markdown,
}

impl Export {
    pub fn parse(format: Option<&str>) -> AppResult<Export> {
        match format.unwrap_or("txt") {
            "txt" => Ok(Export::Text),
            "md" => Ok(Export::Markdown),
            _ => Err(AppError::invalid("format", "must be txt or md")),
        }
    }

    /// (content type, file extension).
    pub fn kind(self) -> (&'static str, &'static str) {
        match self {
            Export::Text => (CONTENT_TYPE, "txt"),
            Export::Markdown => ("text/markdown; charset=utf-8", "md"),
        }
    }
}

fn checked_text(text: &str) -> AppResult<String> {
    let text = text.replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(AppError::invalid("text", "must not be empty"));
    }
    if text.chars().count() > MAX_CHARS {
        return Err(AppError::invalid("text", format!("must be at most {MAX_CHARS} characters")));
    }
    Ok(text)
}

#[tracing::instrument(skip(pool, storage, models), fields(user_id = %caller.user_id))]
pub async fn draft(pool: &PgPool, storage: &Storage, models: &Models, caller: Caller, application_id: Uuid) -> AppResult<CoverLetter> {
    let start = super::tailoring::start(pool, caller.user_id, application_id).await?;
    let input = CoverLetterInput { resume: start.base, posting: start.posting.clone() };
    let (text, record) = resume_tailor::cover_letter(models, &input, format!("applications/{application_id}")).await.map_err(model_failed)?;
    let name = match start.posting.company.as_deref() {
        Some(company) => format!("Cover letter - {company} - {}.txt", start.posting.title),
        None => format!("Cover letter - {}.txt", start.posting.title),
    };
    let (key, sha256, size) = store(storage, &text).await?;
    let file_name = upload::clean_name(&name);
    let new = NewFile { owner: Owner::Application(application_id), kind: "cover_letter", file_name: &file_name, content_type: CONTENT_TYPE, size_bytes: size, sha256: &sha256, storage_key: &key };
    let saved = async {
        let mut tx = db::begin_for_user(pool, caller.user_id).await?;
        let id = db::artifacts::insert(&mut tx, &new).await?;
        let info = db::artifacts::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
        record.save(&mut tx, caller.user_id).await?;
        caller.audit(&mut tx, "cover_letter.draft", "artifacts", id, json!({ "after": info, "engine": record.engine })).await?;
        tx.commit().await?;
        Ok::<_, AppError>(info)
    }
    .await;
    match saved {
        Ok(file) => Ok(CoverLetter { file, text }),
        Err(error) => {
            forget(storage, &key).await;
            Err(error)
        }
    }
}

/// A cover letter the user owns: a text file of kind `cover_letter` (an uploaded PDF letter is a
/// plain file, not editable here).
async fn letter_info(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<FileInfo> {
    let info = super::files::get(pool, user_id, id).await?;
    if info.kind != "cover_letter" || !info.content_type.starts_with("text/plain") {
        return Err(AppError::NotFound);
    }
    Ok(info)
}

pub async fn get(pool: &PgPool, storage: &Storage, user_id: Uuid, id: Uuid) -> AppResult<CoverLetter> {
    let file = letter_info(pool, user_id, id).await?;
    let text = read(storage, &file.storage_key).await?;
    Ok(CoverLetter { file, text })
}

/// The application's newest editable cover letter, if any.
pub async fn latest(pool: &PgPool, storage: &Storage, user_id: Uuid, application_id: Uuid) -> AppResult<Option<CoverLetter>> {
    let files = super::files::list(pool, user_id, application_id).await?;
    let Some(file) = files.into_iter().find(|f| f.kind == "cover_letter" && f.content_type.starts_with("text/plain")) else {
        return Ok(None);
    };
    let text = read(storage, &file.storage_key).await?;
    Ok(Some(CoverLetter { file, text }))
}

#[tracing::instrument(skip(pool, storage, text), fields(user_id = %caller.user_id))]
pub async fn update(pool: &PgPool, storage: &Storage, caller: Caller, id: Uuid, text: &str) -> AppResult<CoverLetter> {
    let before = letter_info(pool, caller.user_id, id).await?;
    let text = checked_text(text)?;
    let (key, sha256, size) = store(storage, &text).await?;
    let saved = async {
        let mut tx = db::begin_for_user(pool, caller.user_id).await?;
        // Read again inside the transaction: the letter may have been deleted meanwhile.
        db::artifacts::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
        db::cover_letters::replace_file(&mut tx, id, size, &sha256, &key).await?;
        let info = db::artifacts::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
        let diff = json!({ "before": { "sha256": before.sha256, "size_bytes": before.size_bytes }, "after": { "sha256": info.sha256, "size_bytes": info.size_bytes } });
        caller.audit(&mut tx, "cover_letter.update", "artifacts", id, diff).await?;
        tx.commit().await?;
        Ok::<_, AppError>(info)
    }
    .await;
    match saved {
        Ok(file) => {
            forget(storage, &before.storage_key).await;
            Ok(CoverLetter { file, text })
        }
        Err(error) => {
            forget(storage, &key).await;
            Err(error)
        }
    }
}

/// The letter as a download: (content type, file name, bytes).
pub async fn export(pool: &PgPool, storage: &Storage, user_id: Uuid, id: Uuid, format: Export) -> AppResult<(String, String, Bytes)> {
    let letter = get(pool, storage, user_id, id).await?;
    let (content_type, extension) = format.kind();
    let stem = letter.file.file_name.strip_suffix(".txt").unwrap_or(&letter.file.file_name);
    Ok((content_type.to_string(), format!("{stem}.{extension}"), Bytes::from(letter.text)))
}

async fn store(storage: &Storage, text: &str) -> AppResult<(String, String, i64)> {
    let bytes = Bytes::from(text.to_string());
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let size = bytes.len() as i64;
    let key = Uuid::new_v4().simple().to_string();
    storage.put(&key, bytes).await?;
    Ok((key, sha256, size))
}

async fn read(storage: &Storage, key: &str) -> AppResult<String> {
    let chunks: Vec<Bytes> = storage.get(key).await?.try_collect().await.map_err(anyhow::Error::from)?;
    let bytes: Vec<u8> = chunks.concat();
    String::from_utf8(bytes).map_err(|e| AppError::Internal(anyhow::anyhow!("cover letter {key} is not UTF-8: {e}")))
}

async fn forget(storage: &Storage, key: &str) {
    if let Err(error) = storage.delete(key).await {
        tracing::error!(error = format!("{error:#}"), storage_key = key, "could not remove a cover letter's object");
    }
}
