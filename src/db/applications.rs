//! The `applications` table: a user's pipeline items, one per (user, posting), soft-deletable.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

/// An application as its owner sees it, with enough of the posting to list it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Application {
    pub id: Uuid,
    pub job_posting_id: Option<Uuid>,
    /// One of prospect, applied, screen, interview, offer, rejected, accepted.
    #[schema(example = "prospect")]
    pub stage: String,
    pub status_notes: Option<String>,
    /// Where the application came from, e.g. "Manual add".
    pub source_label: Option<String>,
    pub applied_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The posting's title (null only if the application has no posting).
    pub posting_title: Option<String>,
    pub company_name: Option<String>,
    /// When the application entered its current stage (for "days in stage").
    pub stage_since: DateTime<Utc>,
    /// The resume version sent, if recorded.
    pub resume_version_id: Option<Uuid>,
}

/// Every read joins the posting and its company; soft-deleted rows are never shown.
macro_rules! select_applications {
    () => {
        "select a.id, a.job_posting_id, a.stage::text as stage, a.status_notes, a.source_label,
                a.applied_at, a.created_at, a.updated_at, p.title as posting_title, c.name as company_name,
                coalesce((select max(s.changed_at) from application_stage_changes s where s.application_id = a.id),
                         a.created_at) as stage_since, a.resume_version_id
           from applications a
           left join job_postings p on p.id = a.job_posting_id
           left join companies c on c.id = p.company_id
          where a.deleted_at is null and a.user_id = $1 "
    };
}

/// Whether a posting exists and, if so, when it closed (`Some(None)` = open).
pub async fn posting_closed_at(
    conn: &mut PgConnection,
    posting_id: Uuid,
) -> sqlx::Result<Option<Option<DateTime<Utc>>>> {
    sqlx::query_scalar("select closed_at from job_postings where id = $1")
        .bind(posting_id)
        .fetch_optional(conn)
        .await
}

/// Inserts a prospect for the posting; `None` when the user already has a row for it
/// (live or soft-deleted), including one a concurrent request just committed.
pub async fn insert_prospect(
    conn: &mut PgConnection,
    user_id: Uuid,
    posting_id: Uuid,
    source_label: &str,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "insert into applications (user_id, job_posting_id, stage, source_label)
         values ($1, $2, 'prospect', $3)
         on conflict on constraint uq_applications_user_posting do nothing
         returning id",
    )
    .bind(user_id)
    .bind(posting_id)
    .bind(source_label)
    .fetch_optional(conn)
    .await
}

/// Brings back a soft-deleted application for the posting (the unique constraint covers deleted
/// rows too, so re-adding means restoring); `None` when there is no deleted row.
pub async fn restore(conn: &mut PgConnection, user_id: Uuid, posting_id: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "update applications set deleted_at = null
          where user_id = $1 and job_posting_id = $2 and deleted_at is not null
         returning id",
    )
    .bind(user_id)
    .bind(posting_id)
    .fetch_optional(conn)
    .await
}

/// The user's live application for a posting, if any.
pub async fn find_by_posting(
    conn: &mut PgConnection,
    user_id: Uuid,
    posting_id: Uuid,
) -> sqlx::Result<Option<Application>> {
    sqlx::query_as(concat!(select_applications!(), "and a.job_posting_id = $2"))
        .bind(user_id)
        .bind(posting_id)
        .fetch_optional(conn)
        .await
}

/// Which of these postings the user has a live application for.
pub async fn tracked_posting_ids(
    conn: &mut PgConnection,
    user_id: Uuid,
    posting_ids: &[Uuid],
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "select job_posting_id from applications
          where user_id = $1 and deleted_at is null and job_posting_id = any($2)",
    )
    .bind(user_id)
    .bind(posting_ids)
    .fetch_all(conn)
    .await
}

/// Narrows the list of applications.
#[derive(Clone, Debug, Default)]
pub struct ApplicationFilter {
    pub stage: Option<String>,
    /// Part of the company's name, any case.
    pub company: Option<String>,
    /// Part of the title or the company's name, any case.
    pub text: Option<String>,
}

/// One page of the user's applications, newest first, after the keyset cursor if given.
pub async fn list(
    conn: &mut PgConnection,
    user_id: Uuid,
    filter: &ApplicationFilter,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> sqlx::Result<Vec<Application>> {
    let (after_time, after_id) = after.unzip();
    let like = |text: &Option<String>| text.as_deref().map(|t| format!("%{}%", super::escape_like(t)));
    sqlx::query_as(concat!(
        select_applications!(),
        "and ($2::timestamptz is null or (a.created_at, a.id) < ($2, $3))
         and ($5::text is null or a.stage::text = $5)
         and ($6::text is null or c.name ilike $6)
         and ($7::text is null or p.title ilike $7 or c.name ilike $7)
         order by a.created_at desc, a.id desc limit $4"
    ))
    .bind(user_id)
    .bind(after_time)
    .bind(after_id)
    .bind(limit)
    .bind(&filter.stage)
    .bind(like(&filter.company))
    .bind(like(&filter.text))
    .fetch_all(conn)
    .await
}

/// The user's live application `id`.
pub async fn find(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<Application>> {
    sqlx::query_as(concat!(select_applications!(), "and a.id = $2"))
        .bind(user_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// What a person edits on an application.
pub struct Edit<'a> {
    pub stage: &'a str,
    pub status_notes: Option<&'a str>,
    pub source_label: Option<&'a str>,
    pub resume_version_id: Option<Uuid>,
    /// Set `applied_at` now if it is still empty.
    pub applied_now: bool,
}

/// Changes what a person edits on an application; `applied_at` is set only when still empty.
pub async fn update(conn: &mut PgConnection, user_id: Uuid, id: Uuid, edit: &Edit<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update applications set stage = $3::stage_enum, status_notes = $4, source_label = $5, resume_version_id = $7,
                applied_at = case when $6 and applied_at is null then now() else applied_at end
          where user_id = $1 and id = $2 and deleted_at is null",
    )
    .bind(user_id)
    .bind(id)
    .bind(edit.stage)
    .bind(edit.status_notes)
    .bind(edit.source_label)
    .bind(edit.applied_now)
    .bind(edit.resume_version_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Soft-deletes a live application; false when there is none.
pub async fn soft_delete(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("update applications set deleted_at = now() where user_id = $1 and id = $2 and deleted_at is null")
        .bind(user_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Undoes a soft delete made less than `days` days ago; false when there is nothing to undo.
pub async fn undelete(conn: &mut PgConnection, user_id: Uuid, id: Uuid, days: i32) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update applications set deleted_at = null
          where user_id = $1 and id = $2 and deleted_at > now() - make_interval(days => $3)",
    )
    .bind(user_id)
    .bind(id)
    .bind(days)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A live resume version of the user: (is the base resume, the posting it was made for).
pub async fn resume_version(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<(bool, Option<Uuid>)>> {
    sqlx::query_as("select base_flag, job_posting_id from resume_versions where user_id = $1 and id = $2 and deleted_at is null")
        .bind(user_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// One stage an application entered.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct StageChange {
    /// Null for the stage the application was created in.
    pub from_stage: Option<String>,
    pub to_stage: String,
    pub changed_at: DateTime<Utc>,
}

/// Records that application `id` entered `to` (from `from`).
pub async fn record_stage(conn: &mut PgConnection, user_id: Uuid, id: Uuid, from: Option<&str>, to: &str) -> sqlx::Result<()> {
    sqlx::query(
        "insert into application_stage_changes (user_id, application_id, from_stage, to_stage)
         values ($1, $2, $3::stage_enum, $4::stage_enum)",
    )
    .bind(user_id)
    .bind(id)
    .bind(from)
    .bind(to)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every stage the application entered, oldest first.
pub async fn stage_history(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Vec<StageChange>> {
    sqlx::query_as(
        "select from_stage::text as from_stage, to_stage::text as to_stage, changed_at
           from application_stage_changes where user_id = $1 and application_id = $2
          order by changed_at, id",
    )
    .bind(user_id)
    .bind(id)
    .fetch_all(conn)
    .await
}

/// Sets when the user applied, as an import read it (overwriting the "now" a stage move set).
pub async fn set_applied_at(conn: &mut PgConnection, user_id: Uuid, id: Uuid, at: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query("update applications set applied_at = $3 where user_id = $1 and id = $2 and deleted_at is null")
        .bind(user_id)
        .bind(id)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
