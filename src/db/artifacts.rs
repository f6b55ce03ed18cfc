//! The `artifacts` table's stored files. Owned through the application or, for rendered
//! resumes, the resume version (migration 0049); every read names the user and skips deleted
//! owners, so another user's id is simply not found.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

/// An uploaded file as its owner sees it (the storage key stays inside).
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct FileInfo {
    pub id: Uuid,
    /// The application the file belongs to (null for a rendered resume version's file).
    pub application_id: Option<Uuid>,
    /// The resume version it was rendered from (null for a file on an application).
    pub resume_version_id: Option<Uuid>,
    /// offer_letter, take_home, cover_letter, other, or resume_pdf / resume_docx when rendered.
    pub kind: String,
    /// The name it was uploaded with, without any folder.
    pub file_name: String,
    /// The type read from the content itself, e.g. application/pdf.
    pub content_type: String,
    pub size_bytes: i64,
    /// Hex SHA-256 of the bytes, to check a download against.
    pub sha256: String,
    pub created_at: DateTime<Utc>,
    #[serde(skip)]
    #[schema(ignore)]
    pub storage_key: String,
}

/// Who a file belongs to: exactly one of the two (`ck_artifacts_one_owner`).
#[derive(Clone, Copy, Debug)]
pub enum Owner {
    Application(Uuid),
    ResumeVersion(Uuid),
}

/// A file to record, its bytes already stored under `storage_key`.
pub struct NewFile<'a> {
    pub owner: Owner,
    pub kind: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub storage_key: &'a str,
}

const SELECT: &str = "select f.id, f.application_id, f.resume_version_id, f.kind, f.file_name, f.content_type, \
                      f.size_bytes, f.sha256, f.created_at, f.storage_key \
                      from artifacts f \
                      left join applications a on a.id = f.application_id \
                      left join resume_versions v on v.id = f.resume_version_id \
                      where ((a.user_id = $1 and a.deleted_at is null) or (v.user_id = $1 and v.deleted_at is null)) \
                      and f.storage_key is not null";

pub async fn insert(conn: &mut PgConnection, file: &NewFile<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into artifacts (application_id, resume_version_id, kind, file_name, content_type, size_bytes, sha256,
                                storage_key, metadata)
         values ($1, $2, $3, $4, $5, $6, $7, $8,
                 jsonb_build_object('mime', $5::text, 'size', $6::bigint, 'hash', $7::text))
         returning id",
    )
    .bind(match file.owner { Owner::Application(id) => Some(id), Owner::ResumeVersion(_) => None })
    .bind(match file.owner { Owner::ResumeVersion(id) => Some(id), Owner::Application(_) => None })
    .bind(file.kind)
    .bind(file.file_name)
    .bind(file.content_type)
    .bind(file.size_bytes)
    .bind(file.sha256)
    .bind(file.storage_key)
    .fetch_one(conn)
    .await
}

pub async fn find(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<FileInfo>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} and f.id = $2")))
        .bind(user_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// An application's files, newest first.
pub async fn list(conn: &mut PgConnection, user_id: Uuid, application_id: Uuid) -> sqlx::Result<Vec<FileInfo>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} and f.application_id = $2 order by f.created_at desc, f.id")))
        .bind(user_id)
        .bind(application_id)
        .fetch_all(conn)
        .await
}

/// A resume version's files, newest first.
pub async fn list_for_version(conn: &mut PgConnection, user_id: Uuid, version_id: Uuid) -> sqlx::Result<Vec<FileInfo>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} and f.resume_version_id = $2 order by f.created_at desc, f.id")))
        .bind(user_id)
        .bind(version_id)
        .fetch_all(conn)
        .await
}

pub async fn delete(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from artifacts where id = $1").bind(id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}
