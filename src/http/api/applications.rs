//! `/api/v1/applications` and `POST /api/v1/postings/{id}/track`: the caller's pipeline.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::pagination::{Page, PageParams};
use crate::app::AppState;
use crate::db::applications::{Application, ApplicationFilter};
use crate::domain::stage::Stage;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiQuery, ApiUser, IdPath};
use crate::services::{self, applications::{ApplicationChange, ApplicationDetail, Tracked}};
use crate::services::manual_applications::ManualApplication;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_applications, add_application))
        .routes(routes!(get_application, update_application, delete_application))
        .routes(routes!(restore_application))
        .routes(routes!(track_posting))
}

/// Filters and paging of the list. Unknown parameters are refused.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ApplicationParams {
    /// Items per page, 1 to 100 (default 50).
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Only this stage: prospect, applied, screen, interview, offer, rejected or accepted.
    pub stage: Option<String>,
    /// Only companies whose name contains this (any case).
    pub company: Option<String>,
    /// Only applications whose title or company contains this (any case).
    pub q: Option<String>,
}

impl ApplicationParams {
    fn filter(&self) -> AppResult<ApplicationFilter> {
        let stage = match self.stage.as_deref() {
            Some(text) => Some(text.parse::<Stage>().map_err(|e| AppError::invalid("stage", e.to_string()))?),
            None => None,
        };
        let text = |value: &Option<String>| value.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        Ok(ApplicationFilter { stage: stage.map(|s| s.as_str().to_string()), company: text(&self.company), text: text(&self.q) })
    }
}

/// The caller's applications, newest first, optionally by stage, company or text.
#[utoipa::path(get, path = "/applications", tag = "applications", security(("bearer" = [])), params(ApplicationParams),
    responses((status = 200, body = Page<Application>), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_applications(
    State(app): State<AppState>,
    user: ApiUser,
    ApiQuery(params): ApiQuery<ApplicationParams>,
) -> AppResult<Json<Page<Application>>> {
    let filter = params.filter()?;
    let (limit, after) = PageParams { limit: params.limit, cursor: params.cursor.clone() }.resolve()?;
    let applications = services::applications::list(&app.db, user.user_id, &filter, after, limit).await?;
    Ok(Json(Page::new(applications, limit, |a| (a.created_at, a.id))))
}

/// Add a job that is not in the catalog: its title, company and link become a posting (or find
/// the one already stored for that link) and an application in the given stage. Adding the same
/// link again answers 200 with the existing application.
#[utoipa::path(post, path = "/applications", tag = "applications", security(("bearer" = [])), request_body = ManualApplication,
    responses((status = 201, description = "Added", body = ApplicationDetail),
        (status = 200, description = "Already tracked", body = ApplicationDetail),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn add_application(
    State(app): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<ManualApplication>,
) -> AppResult<(StatusCode, Json<ApplicationDetail>)> {
    let (created, detail) = services::manual_applications::add(&app.db, &app.system_db, user.caller(), &input).await?;
    Ok((if created { StatusCode::CREATED } else { StatusCode::OK }, Json(detail)))
}

/// One application with every stage it entered.
#[utoipa::path(get, path = "/applications/{id}", tag = "applications", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")),
    responses((status = 200, body = ApplicationDetail), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_application(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<ApplicationDetail>> {
    Ok(Json(services::applications::get(&app.db, user.user_id, id).await?))
}

/// Change the stage, status notes or source label. An unknown stage is a 422 listing the
/// allowed ones; the first move to a stage past applying sets `applied_at`.
#[utoipa::path(patch, path = "/applications/{id}", tag = "applications", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")), request_body = ApplicationChange,
    responses((status = 200, body = ApplicationDetail), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn update_application(
    State(app): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath,
    ApiJson(change): ApiJson<ApplicationChange>,
) -> AppResult<Json<ApplicationDetail>> {
    Ok(Json(services::applications::update(&app.db, user.caller(), id, &change).await?))
}

/// Delete an application; it can be restored for 30 days.
#[utoipa::path(delete, path = "/applications/{id}", tag = "applications", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")),
    responses((status = 204, description = "Deleted"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn delete_application(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<StatusCode> {
    services::applications::delete(&app.db, user.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Undo a delete made less than 30 days ago.
#[utoipa::path(post, path = "/applications/{id}/restore", tag = "applications", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")),
    responses((status = 200, body = ApplicationDetail), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn restore_application(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<ApplicationDetail>> {
    Ok(Json(services::applications::restore(&app.db, user.caller(), id).await?))
}

/// Track a posting as a `prospect` application. Idempotent: tracking it again answers 200
/// with the existing application. A closed posting cannot be newly tracked (409).
#[utoipa::path(post, path = "/postings/{id}/track", tag = "applications", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The job posting")),
    responses((status = 201, description = "Now tracked", body = Application),
        (status = 200, description = "Was already tracked", body = Application),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn track_posting(
    State(app): State<AppState>,
    user: ApiUser,
    IdPath(posting_id): IdPath,
) -> AppResult<(StatusCode, Json<Application>)> {
    Ok(match services::applications::track(&app.db, user.caller(), posting_id).await? {
        Tracked::Created(application) => (StatusCode::CREATED, Json(application)),
        Tracked::Existing(application) => (StatusCode::OK, Json(application)),
    })
}
