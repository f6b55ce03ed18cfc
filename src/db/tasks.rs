//! The `tasks` table: a user's to-dos, optionally about one of their applications.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::task::TaskInput;

/// A task as its owner sees it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Task {
    pub id: Uuid,
    pub application_id: Option<Uuid>,
    pub title: String,
    /// follow_up, research, prep, apply, referral or thank_you.
    pub nudge_type: Option<String>,
    /// low, normal, high or urgent.
    pub priority: String,
    pub due_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, application_id, title, nudge_type::text as nudge_type, priority::text as priority, due_at, \
                       completed_at, created_at, updated_at";

/// Which tasks a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Open,
    Done,
    All,
}

pub async fn insert(conn: &mut PgConnection, user_id: Uuid, input: &TaskInput) -> sqlx::Result<Task> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "insert into tasks (user_id, application_id, title, nudge_type, priority, due_at)
         values ($1, $2, $3, $4::task_type_enum, $5::priority_enum, $6) returning {COLUMNS}"
    )))
    .bind(user_id)
    .bind(input.application_id)
    .bind(&input.title)
    .bind(input.nudge_type.map(|k| k.as_str()))
    .bind(input.priority.as_str())
    .bind(input.due_at)
    .fetch_one(conn)
    .await
}

pub async fn find(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<Task>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select {COLUMNS} from tasks where user_id = $1 and id = $2")))
        .bind(user_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Replaces what a person edits.
pub async fn update(conn: &mut PgConnection, user_id: Uuid, id: Uuid, input: &TaskInput) -> sqlx::Result<Option<Task>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "update tasks set application_id = $3, title = $4, nudge_type = $5::task_type_enum, priority = $6::priority_enum,
                due_at = $7
          where user_id = $1 and id = $2 returning {COLUMNS}"
    )))
    .bind(user_id)
    .bind(id)
    .bind(input.application_id)
    .bind(&input.title)
    .bind(input.nudge_type.map(|k| k.as_str()))
    .bind(input.priority.as_str())
    .bind(input.due_at)
    .fetch_optional(conn)
    .await
}

/// Marks a task done (`Some(now)`) or open again (`None`); returns the task if it changed.
pub async fn set_completed(conn: &mut PgConnection, user_id: Uuid, id: Uuid, done: bool) -> sqlx::Result<Option<Task>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "update tasks set completed_at = case when $3 then now() end
          where user_id = $1 and id = $2 and (completed_at is null) = $3 returning {COLUMNS}"
    )))
    .bind(user_id)
    .bind(id)
    .bind(done)
    .fetch_optional(conn)
    .await
}

/// Moves an open task's due time.
pub async fn snooze(conn: &mut PgConnection, user_id: Uuid, id: Uuid, until: DateTime<Utc>) -> sqlx::Result<Option<Task>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "update tasks set due_at = $3 where user_id = $1 and id = $2 and completed_at is null returning {COLUMNS}"
    )))
    .bind(user_id)
    .bind(id)
    .bind(until)
    .fetch_optional(conn)
    .await
}

pub async fn delete(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from tasks where user_id = $1 and id = $2").bind(user_id).bind(id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// The user's tasks: open ones by due time (undated last), done ones latest first.
pub async fn list(conn: &mut PgConnection, user_id: Uuid, status: Status, application_id: Option<Uuid>) -> sqlx::Result<Vec<Task>> {
    let filter = match status {
        Status::Open => "and completed_at is null",
        Status::Done => "and completed_at is not null",
        Status::All => "",
    };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from tasks where user_id = $1 {filter} and ($2::uuid is null or application_id = $2)
          order by completed_at desc nulls first, due_at nulls last, created_at limit 500"
    )))
    .bind(user_id)
    .bind(application_id)
    .fetch_all(conn)
    .await
}

/// Open tasks due before `end` (the end of the user's day): overdue ones (due before `start`)
/// first, then by priority, then by due time. Reads `idx_tasks_due (user_id, completed_at, due_at)`.
pub async fn today(conn: &mut PgConnection, user_id: Uuid, start: DateTime<Utc>, end: DateTime<Utc>) -> sqlx::Result<Vec<Task>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from tasks
          where user_id = $1 and completed_at is null and due_at < $3
          order by due_at < $2 desc, priority desc, due_at"
    )))
    .bind(user_id)
    .bind(start)
    .bind(end)
    .fetch_all(conn)
    .await
}

/// Whether the user has this live application (a task may only point at one of theirs).
pub async fn owns_application(conn: &mut PgConnection, user_id: Uuid, application_id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar("select exists (select 1 from applications where user_id = $1 and id = $2 and deleted_at is null)")
        .bind(user_id)
        .bind(application_id)
        .fetch_one(conn)
        .await
}
