//! The `resume_versions` table: base and tailored resumes, their sections, the uploaded file
//! they came from, soft delete and the base flag. The caller owns the transaction; every query
//! names the user, so another user's id is simply not found.

use chrono::{DateTime, Utc};
use jobpilot_resume::Sections;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::PgConnection;
use sqlx::types::Json;
use utoipa::ToSchema;
use uuid::Uuid;

/// One resume version as stored (the storage key stays inside).
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Version {
    pub id: Uuid,
    #[serde(skip)]
    #[schema(ignore)]
    pub user_id: Uuid,
    /// What the user sees in the versions list: the uploaded file's name, or what made it.
    pub name: Option<String>,
    /// The base version: the user's own resume, from which tailored versions are made.
    pub base_flag: bool,
    /// The posting a tailored version was made for.
    pub job_posting_id: Option<Uuid>,
    #[sqlx(json)]
    pub sections: Sections,
    pub ats_score: Option<i32>,
    pub keywords: Vec<String>,
    /// RFC 6902 JSON Patch from the base version's sections (tailored versions).
    #[schema(value_type = Option<Object>)]
    pub diff_from_base: Option<Value>,
    #[sqlx(json)]
    pub parse_report: ParseReport,
    /// The uploaded file this version was read from, if any.
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub size_bytes: Option<i64>,
    pub sha256: Option<String>,
    #[serde(skip)]
    #[schema(ignore)]
    pub storage_key: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when deleted; the version can be restored for 30 days.
    pub deleted_at: Option<DateTime<Utc>>,
}

/// What the parser could not find and what else it had to say, kept from the upload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ParseReport {
    pub not_found: Vec<String>,
    pub notes: Vec<String>,
    /// Which reader handled the file (pdf, docx, text, json_resume).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
}

/// The original file of an upload, its bytes already stored under `storage_key`.
#[derive(Clone, Debug)]
pub struct StoredFile {
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
}

/// A version to insert. Tailoring fills `job_posting_id`, `ats_score`, `keywords` and `diff_from_base`.
#[derive(Clone, Debug)]
pub struct NewVersion<'a> {
    pub user_id: Uuid,
    pub name: &'a str,
    pub base_flag: bool,
    pub job_posting_id: Option<Uuid>,
    pub sections: &'a Sections,
    pub ats_score: Option<i32>,
    pub keywords: &'a [String],
    pub diff_from_base: Option<&'a Value>,
    pub parse_report: &'a ParseReport,
    pub file: Option<&'a StoredFile>,
}

const COLUMNS: &str = "id, user_id, name, base_flag, job_posting_id, sections_json as sections, ats_score, keywords, \
                       diff_from_base, parse_report, file_name, content_type, size_bytes, sha256, storage_key, \
                       created_at, updated_at, deleted_at";

pub async fn insert(conn: &mut PgConnection, new: &NewVersion<'_>) -> sqlx::Result<Version> {
    let file = new.file;
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "insert into resume_versions (user_id, name, base_flag, job_posting_id, sections_json, ats_score, keywords,
                                      diff_from_base, parse_report, file_name, content_type, size_bytes, sha256, storage_key)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning {COLUMNS}"
    )))
    .bind(new.user_id)
    .bind(new.name)
    .bind(new.base_flag)
    .bind(new.job_posting_id)
    .bind(Json(new.sections))
    .bind(new.ats_score)
    .bind(new.keywords)
    .bind(new.diff_from_base)
    .bind(Json(new.parse_report))
    .bind(file.map(|f| f.file_name.as_str()))
    .bind(file.map(|f| f.content_type.as_str()))
    .bind(file.map(|f| f.size_bytes))
    .bind(file.map(|f| f.sha256.as_str()))
    .bind(file.map(|f| f.storage_key.as_str()))
    .fetch_one(conn)
    .await
}

/// One version; a deleted one only when `include_deleted`.
pub async fn get(conn: &mut PgConnection, user_id: Uuid, id: Uuid, include_deleted: bool) -> sqlx::Result<Option<Version>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from resume_versions where user_id = $1 and id = $2 and (deleted_at is null or $3)"
    )))
    .bind(user_id)
    .bind(id)
    .bind(include_deleted)
    .fetch_optional(conn)
    .await
}

/// The user's live base version, if they have one.
pub async fn base(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<Option<Version>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from resume_versions where user_id = $1 and base_flag and deleted_at is null"
    )))
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

/// How many versions the user ever had, deleted ones included (the first upload seeds a search).
pub async fn count_all(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from resume_versions where user_id = $1").bind(user_id).fetch_one(conn).await
}

/// Serialises the decisions one user's uploads make about the base (and the seeded search):
/// two first uploads at once would otherwise both see "no base yet".
pub async fn lock_user(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("select pg_advisory_xact_lock(hashtextextended('jobpilot.resume_versions:' || $1::text, 0))")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn update_sections(conn: &mut PgConnection, user_id: Uuid, id: Uuid, sections: &Sections) -> sqlx::Result<Option<Version>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "update resume_versions set sections_json = $3 where user_id = $1 and id = $2 and deleted_at is null returning {COLUMNS}"
    )))
    .bind(user_id)
    .bind(id)
    .bind(Json(sections))
    .fetch_optional(conn)
    .await
}

/// Marks the version deleted; false when there is no such live version.
pub async fn soft_delete(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("update resume_versions set deleted_at = now() where user_id = $1 and id = $2 and deleted_at is null")
        .bind(user_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Brings back a version deleted less than `days` ago, as base only if `base` (the caller
/// decides, knowing whether another base is live now).
pub async fn restore(conn: &mut PgConnection, user_id: Uuid, id: Uuid, days: i32, base: bool) -> sqlx::Result<Option<Version>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "update resume_versions set deleted_at = null, base_flag = $4
         where user_id = $1 and id = $2 and deleted_at > now() - make_interval(days => $3) returning {COLUMNS}"
    )))
    .bind(user_id)
    .bind(id)
    .bind(days)
    .bind(base)
    .fetch_optional(conn)
    .await
}

/// Makes `id` the user's only live base version (clearing the old one first, for the unique index).
pub async fn set_base(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<Version>> {
    sqlx::query("update resume_versions set base_flag = false where user_id = $1 and base_flag and deleted_at is null and id <> $2")
        .bind(user_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "update resume_versions set base_flag = true where user_id = $1 and id = $2 and deleted_at is null returning {COLUMNS}"
    )))
    .bind(user_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The newest live version not made for a posting: the base's successor when the base is deleted.
pub async fn newest_untailored(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "select id from resume_versions where user_id = $1 and deleted_at is null and job_posting_id is null
         order by created_at desc, id desc limit 1",
    )
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

/// The newest live version made for a posting.
pub async fn latest_for_posting(conn: &mut PgConnection, user_id: Uuid, posting_id: Uuid) -> sqlx::Result<Option<Version>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from resume_versions where user_id = $1 and job_posting_id = $2 and deleted_at is null
          order by created_at desc, id limit 1"
    )))
    .bind(user_id)
    .bind(posting_id)
    .fetch_optional(conn)
    .await
}

/// Stores a version's score and covered keywords (for the posting it was made for).
pub async fn set_score(conn: &mut PgConnection, user_id: Uuid, id: Uuid, score: i32, keywords: &[String]) -> sqlx::Result<bool> {
    let done = sqlx::query("update resume_versions set ats_score = $3, keywords = $4 where user_id = $1 and id = $2 and deleted_at is null")
        .bind(user_id)
        .bind(id)
        .bind(score)
        .bind(keywords)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
