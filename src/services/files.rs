//! Files on applications: upload (checked, hashed, stored, recorded), list, read, delete.
//!
//! The bytes go to the object store first and the row second, in one transaction with its audit
//! row; if the row cannot be written the object is removed again, so no row ever points at
//! nothing. Deleting removes the row first and the object after: a failure between the two
//! leaves an unreferenced object (logged), never a listed file that cannot be downloaded.

use axum::body::Bytes;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use uuid::Uuid;

use super::Caller;
use crate::db::{self, artifacts::FileInfo, artifacts::NewFile, artifacts::Owner};
use crate::domain::upload;
use crate::error::{AppError, AppResult, FieldError};
use crate::storage::Storage;

/// A file as it arrived: the name the client gave, the kind it chose, the bytes.
pub struct Upload {
    pub file_name: String,
    pub kind: Option<String>,
    pub bytes: Bytes,
}

/// The 413 for a file over `limit` bytes.
pub fn too_large(limit: u64) -> AppError {
    AppError::TooLarge(FieldError::new("file", format!("must be at most {} ({limit} bytes)", upload::human_size(limit as i64))))
}

#[tracing::instrument(skip(pool, storage, file), fields(user_id = %caller.user_id, size = file.bytes.len()))]
pub async fn upload(pool: &PgPool, storage: &Storage, caller: Caller, application_id: Uuid, file: Upload, limit: u64) -> AppResult<FileInfo> {
    // Ownership first: another user's application is a 404 before anything is stored.
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let owned = db::tasks::owns_application(&mut tx, caller.user_id, application_id).await?;
    db::end_read(tx);
    if !owned {
        return Err(AppError::NotFound);
    }
    if file.bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    let kind = upload::kind(file.kind.as_deref()).map_err(|e| AppError::Validation(vec![e]))?;
    if file.bytes.is_empty() {
        return Err(AppError::invalid("file", "is empty"));
    }
    let content_type = upload::sniff(&file.bytes).map_err(AppError::WrongMediaType)?;
    let file_name = upload::clean_name(&file.file_name);
    let sha256 = hex::encode(Sha256::digest(&file.bytes));
    // A random key: the user's file name never reaches a path or a bucket.
    let storage_key = Uuid::new_v4().simple().to_string();
    let size_bytes = file.bytes.len() as i64;
    storage.put(&storage_key, file.bytes).await?;
    let new = NewFile { owner: Owner::Application(application_id), kind, file_name: &file_name, content_type, size_bytes, sha256: &sha256, storage_key: &storage_key };
    match record(pool, caller, &new).await {
        Ok(info) => Ok(info),
        Err(error) => {
            if let Err(cleanup) = storage.delete(&storage_key).await {
                tracing::error!(error = format!("{cleanup:#}"), storage_key, "could not remove the object of a failed upload");
            }
            Err(error)
        }
    }
}

async fn record(pool: &PgPool, caller: Caller, new: &NewFile<'_>) -> AppResult<FileInfo> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let id = db::artifacts::insert(&mut tx, new).await?;
    let info = db::artifacts::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    caller.audit(&mut tx, "file.upload", "artifacts", id, json!({ "after": info })).await?;
    tx.commit().await?;
    Ok(info)
}

pub async fn get(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<FileInfo> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let info = db::artifacts::find(&mut tx, user_id, id).await?.ok_or(AppError::NotFound)?;
    db::end_read(tx);
    Ok(info)
}

/// An application's files, newest first; another user's application is a 404.
pub async fn list(pool: &PgPool, user_id: Uuid, application_id: Uuid) -> AppResult<Vec<FileInfo>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    if !db::tasks::owns_application(&mut tx, user_id, application_id).await? {
        return Err(AppError::NotFound);
    }
    let files = db::artifacts::list(&mut tx, user_id, application_id).await?;
    db::end_read(tx);
    Ok(files)
}

/// The file's record and its bytes as a stream.
pub async fn content(
    pool: &PgPool,
    storage: &Storage,
    user_id: Uuid,
    id: Uuid,
) -> AppResult<(FileInfo, futures::stream::BoxStream<'static, std::io::Result<Bytes>>)> {
    let info = get(pool, user_id, id).await?;
    let stream = storage.get(&info.storage_key).await?;
    Ok((info, stream))
}

#[tracing::instrument(skip(pool, storage), fields(user_id = %caller.user_id))]
pub async fn delete(pool: &PgPool, storage: &Storage, caller: Caller, id: Uuid) -> AppResult<FileInfo> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let info = db::artifacts::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    db::artifacts::delete(&mut tx, id).await?;
    caller.audit(&mut tx, "file.delete", "artifacts", id, json!({ "before": info })).await?;
    tx.commit().await?;
    if let Err(error) = storage.delete(&info.storage_key).await {
        tracing::error!(error = format!("{error:#}"), storage_key = info.storage_key, "deleted file's object left in the store");
    }
    Ok(info)
}
