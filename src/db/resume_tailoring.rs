//! The resume-fit queries on `resume_versions` and around it: the user's base version, tailored
//! versions for a posting, their stored score and keywords, and the application a version is
//! made from. (Creating and editing versions by hand belongs to `db::resume_versions`.)

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

/// One version as the fit rules need it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VersionRow {
    pub id: Uuid,
    pub base_flag: bool,
    pub job_posting_id: Option<Uuid>,
    pub sections_json: Value,
    pub ats_score: Option<i32>,
    pub keywords: Vec<String>,
    pub diff_from_base: Option<Value>,
    pub created_at: DateTime<Utc>,
}

const SELECT: &str = "select id, base_flag, job_posting_id, sections_json, ats_score, keywords, diff_from_base, created_at \
                      from resume_versions where user_id = $1 and deleted_at is null";

/// Stores a base version (the first upload's job; tests and imports use it too).
pub async fn insert_base(conn: &mut PgConnection, user_id: Uuid, sections: &Value) -> sqlx::Result<Uuid> {
    sqlx::query_scalar("insert into resume_versions (user_id, base_flag, sections_json) values ($1, true, $2) returning id")
        .bind(user_id)
        .bind(sections)
        .fetch_one(conn)
        .await
}

/// The user's base version: the newest live one flagged base.
pub async fn base(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<Option<VersionRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} and base_flag order by created_at desc, id limit 1")))
        .bind(user_id)
        .fetch_optional(conn)
        .await
}

pub async fn find(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<VersionRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} and id = $2")))
        .bind(user_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// A tailored version to store.
pub struct NewTailored<'a> {
    pub user_id: Uuid,
    pub job_posting_id: Uuid,
    pub sections: &'a Value,
    pub ats_score: i32,
    pub keywords: &'a [String],
    pub diff_from_base: &'a Value,
}

pub async fn insert_tailored(conn: &mut PgConnection, new: &NewTailored<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into resume_versions (user_id, base_flag, job_posting_id, sections_json, ats_score, keywords, diff_from_base)
         values ($1, false, $2, $3, $4, $5, $6) returning id",
    )
    .bind(new.user_id)
    .bind(new.job_posting_id)
    .bind(new.sections)
    .bind(new.ats_score)
    .bind(new.keywords)
    .bind(new.diff_from_base)
    .fetch_one(conn)
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

/// The newest live version made for a posting.
pub async fn latest_for_posting(conn: &mut PgConnection, user_id: Uuid, posting_id: Uuid) -> sqlx::Result<Option<VersionRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} and job_posting_id = $2 order by created_at desc, id limit 1")))
        .bind(user_id)
        .bind(posting_id)
        .fetch_optional(conn)
        .await
}

/// An application and the posting it is for, as tailoring and cover letters need them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ApplicationTarget {
    pub id: Uuid,
    pub job_posting_id: Option<Uuid>,
    pub resume_version_id: Option<Uuid>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub description: Option<String>,
}

pub async fn application_target(conn: &mut PgConnection, user_id: Uuid, application_id: Uuid) -> sqlx::Result<Option<ApplicationTarget>> {
    sqlx::query_as(
        "select a.id, a.job_posting_id, a.resume_version_id, p.title, c.name as company, p.jd_clean as description
           from applications a
           left join job_postings p on p.id = a.job_posting_id
           left join companies c on c.id = p.company_id
          where a.user_id = $1 and a.id = $2 and a.deleted_at is null",
    )
    .bind(user_id)
    .bind(application_id)
    .fetch_optional(conn)
    .await
}

/// A catalog posting's title, company and clean description.
pub async fn posting_text(conn: &mut PgConnection, posting_id: Uuid) -> sqlx::Result<Option<(String, Option<String>, Option<String>)>> {
    sqlx::query_as(
        "select p.title, c.name, p.jd_clean from job_postings p left join companies c on c.id = p.company_id where p.id = $1",
    )
    .bind(posting_id)
    .fetch_optional(conn)
    .await
}

/// Records the version sent with an application.
pub async fn link_to_application(conn: &mut PgConnection, user_id: Uuid, application_id: Uuid, version_id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("update applications set resume_version_id = $3 where user_id = $1 and id = $2 and deleted_at is null")
        .bind(user_id)
        .bind(application_id)
        .bind(version_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
