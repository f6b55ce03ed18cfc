//! `/api/v1/tasks`: the caller's to-dos and their "Today" list.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::app::AppState;
use crate::db::tasks::{Status, Task};
use crate::domain::task::TaskInput;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiQuery, ApiUser, IdPath};
use crate::services::{self, tasks::Snooze};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tasks, create_task))
        .routes(routes!(today))
        .routes(routes!(get_task, update_task, delete_task))
        .routes(routes!(complete_task))
        .routes(routes!(reopen_task))
        .routes(routes!(snooze_task))
}

/// Which tasks to list. Unknown parameters are refused.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TaskParams {
    /// open (default), done or all.
    pub status: Option<String>,
    /// Only the tasks of this application.
    pub application_id: Option<Uuid>,
}

/// The caller's tasks: open ones by due time, done ones latest first.
#[utoipa::path(get, path = "/tasks", tag = "tasks", security(("bearer" = [])), params(TaskParams),
    responses((status = 200, body = Vec<Task>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_tasks(State(app): State<AppState>, user: ApiUser, ApiQuery(params): ApiQuery<TaskParams>) -> AppResult<Json<Vec<Task>>> {
    let status = match params.status.as_deref().map(str::trim) {
        None | Some("open") => Status::Open,
        Some("done") => Status::Done,
        Some("all") => Status::All,
        Some(_) => return Err(AppError::invalid("status", "must be one of: open, done, all")),
    };
    Ok(Json(services::tasks::list(&app.db, user.user_id, status, params.application_id).await?))
}

/// Overdue tasks first, then those due today in the caller's time zone, most urgent first.
#[utoipa::path(get, path = "/tasks/today", tag = "tasks", security(("bearer" = [])),
    responses((status = 200, body = Vec<Task>), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn today(State(app): State<AppState>, user: ApiUser) -> AppResult<Json<Vec<Task>>> {
    Ok(Json(services::tasks::today(&app.db, user.user_id, Utc::now()).await?))
}

/// Add a task, optionally about one of the caller's applications.
#[utoipa::path(post, path = "/tasks", tag = "tasks", security(("bearer" = [])), request_body = TaskInput,
    responses((status = 201, body = Task), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn create_task(State(app): State<AppState>, user: ApiUser, ApiJson(input): ApiJson<TaskInput>) -> AppResult<(StatusCode, Json<Task>)> {
    Ok((StatusCode::CREATED, Json(services::tasks::create(&app.db, user.caller(), input).await?)))
}

#[utoipa::path(get, path = "/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The task")),
    responses((status = 200, body = Task), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_task(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<Task>> {
    Ok(Json(services::tasks::get(&app.db, user.user_id, id).await?))
}

/// Replace a task's title, kind, priority, due time and application.
#[utoipa::path(put, path = "/tasks/{id}", tag = "tasks", security(("bearer" = [])), request_body = TaskInput,
    params(("id" = Uuid, Path, description = "The task")),
    responses((status = 200, body = Task), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn update_task(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath, ApiJson(input): ApiJson<TaskInput>) -> AppResult<Json<Task>> {
    Ok(Json(services::tasks::update(&app.db, user.caller(), id, input).await?))
}

#[utoipa::path(delete, path = "/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The task")),
    responses((status = 204, description = "Deleted"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn delete_task(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<StatusCode> {
    services::tasks::delete(&app.db, user.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mark a task done (idempotent).
#[utoipa::path(post, path = "/tasks/{id}/complete", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The task")),
    responses((status = 200, body = Task), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn complete_task(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<Task>> {
    Ok(Json(services::tasks::set_done(&app.db, user.caller(), id, true).await?))
}

/// Open a done task again (idempotent).
#[utoipa::path(post, path = "/tasks/{id}/reopen", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The task")),
    responses((status = 200, body = Task), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn reopen_task(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<Task>> {
    Ok(Json(services::tasks::set_done(&app.db, user.caller(), id, false).await?))
}

/// Move an open task's due time later (default one day from now).
#[utoipa::path(post, path = "/tasks/{id}/snooze", tag = "tasks", security(("bearer" = [])), request_body = Snooze,
    params(("id" = Uuid, Path, description = "The task")),
    responses((status = 200, body = Task), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn snooze_task(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath, ApiJson(snooze): ApiJson<Snooze>) -> AppResult<Json<Task>> {
    Ok(Json(services::tasks::snooze(&app.db, user.caller(), id, &snooze).await?))
}
