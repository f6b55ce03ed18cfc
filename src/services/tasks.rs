//! Tasks: add, edit, complete, reopen, snooze, delete, and the "Today" list in the user's own
//! day. Every change is audited; completing one is counted (`task_completed`).

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::json;
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use crate::db::{self, tasks::Status, tasks::Task};
use crate::domain::task::{self, TaskInput};
use crate::error::{AppError, AppResult};

/// A later due time; default one day from now.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Snooze {
    pub until: Option<DateTime<Utc>>,
}

async fn checked(conn: &mut sqlx::PgConnection, user_id: Uuid, input: TaskInput) -> AppResult<TaskInput> {
    let input = input.validated().map_err(AppError::Validation)?;
    // Another user's application (or a deleted one) is not found, as anywhere else.
    if let Some(application) = input.application_id
        && !db::tasks::owns_application(conn, user_id, application).await?
    {
        return Err(AppError::NotFound);
    }
    Ok(input)
}

async fn audited(conn: &mut sqlx::PgConnection, caller: Caller, action: &'static str, task: &Task) -> AppResult<()> {
    caller.audit(conn, action, "tasks", task.id, json!({ "after": task })).await
}

#[tracing::instrument(skip(pool, input), fields(user_id = %caller.user_id))]
pub async fn create(pool: &PgPool, caller: Caller, input: TaskInput) -> AppResult<Task> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let input = checked(&mut tx, caller.user_id, input).await?;
    let task = db::tasks::insert(&mut tx, caller.user_id, &input).await?;
    audited(&mut tx, caller, "task.create", &task).await?;
    tx.commit().await?;
    Ok(task)
}

#[tracing::instrument(skip(pool, input), fields(user_id = %caller.user_id))]
pub async fn update(pool: &PgPool, caller: Caller, id: Uuid, input: TaskInput) -> AppResult<Task> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    db::tasks::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    let input = checked(&mut tx, caller.user_id, input).await?;
    let task = db::tasks::update(&mut tx, caller.user_id, id, &input).await?.ok_or(AppError::NotFound)?;
    audited(&mut tx, caller, "task.update", &task).await?;
    tx.commit().await?;
    Ok(task)
}

/// Completes (`done`) or reopens a task. Doing it again changes nothing and answers the task.
#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id))]
pub async fn set_done(pool: &PgPool, caller: Caller, id: Uuid, done: bool) -> AppResult<Task> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let Some(task) = db::tasks::set_completed(&mut tx, caller.user_id, id, done).await? else {
        let current = db::tasks::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
        db::end_read(tx);
        return Ok(current);
    };
    audited(&mut tx, caller, if done { "task.complete" } else { "task.reopen" }, &task).await?;
    if done {
        db::user_events::record(&mut tx, caller.user_id, "task_completed", &json!({ "task_id": id, "application_id": task.application_id }))
            .await?;
    }
    tx.commit().await?;
    Ok(task)
}

/// Moves an open task's due time later (default: a day from now). A done task is a 409.
#[tracing::instrument(skip(pool, snooze), fields(user_id = %caller.user_id))]
pub async fn snooze(pool: &PgPool, caller: Caller, id: Uuid, snooze: &Snooze) -> AppResult<Task> {
    let now = Utc::now();
    let until = snooze.until.unwrap_or(now + Duration::days(1));
    if until <= now {
        return Err(AppError::invalid("until", "must be in the future"));
    }
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let existing = db::tasks::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    if existing.completed_at.is_some() {
        return Err(AppError::Conflict(crate::error::FieldError::new("id", "the task is done; reopen it first")));
    }
    let task = db::tasks::snooze(&mut tx, caller.user_id, id, until).await?.ok_or(AppError::NotFound)?;
    audited(&mut tx, caller, "task.snooze", &task).await?;
    tx.commit().await?;
    Ok(task)
}

#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id))]
pub async fn delete(pool: &PgPool, caller: Caller, id: Uuid) -> AppResult<()> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let task = db::tasks::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    db::tasks::delete(&mut tx, caller.user_id, id).await?;
    audited(&mut tx, caller, "task.delete", &task).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn get(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<Task> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let task = db::tasks::find(&mut tx, user_id, id).await?.ok_or(AppError::NotFound)?;
    db::end_read(tx);
    Ok(task)
}

pub async fn list(pool: &PgPool, user_id: Uuid, status: Status, application_id: Option<Uuid>) -> AppResult<Vec<Task>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let tasks = db::tasks::list(&mut tx, user_id, status, application_id).await?;
    db::end_read(tx);
    Ok(tasks)
}

/// Overdue tasks, then those due today in the user's time zone (the profile's, else UTC), most
/// urgent first.
pub async fn today(pool: &PgPool, user_id: Uuid, now: DateTime<Utc>) -> AppResult<Vec<Task>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let zone = db::profiles::time_zone(&mut tx, user_id).await?;
    let (start, end) = task::local_day(now, zone);
    let tasks = db::tasks::today(&mut tx, user_id, start, end).await?;
    db::end_read(tx);
    Ok(tasks)
}
