//! `/api/v1/applications` and `POST /api/v1/postings/{id}/track`: the caller's tracked jobs.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::pagination::{Page, PageParams};
use crate::app::AppState;
use crate::db::applications::Application;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiQuery, ApiUser, IdPath};
use crate::services::{self, applications::Tracked};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_applications)).routes(routes!(track_posting))
}

/// The caller's tracked jobs, newest first.
#[utoipa::path(get, path = "/applications", tag = "applications", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = Page<Application>), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_applications(
    State(app): State<AppState>,
    user: ApiUser,
    ApiQuery(params): ApiQuery<PageParams>,
) -> AppResult<Json<Page<Application>>> {
    let (limit, after) = params.resolve()?;
    let applications = services::applications::list(&app.db, user.user_id, after, limit).await?;
    Ok(Json(Page::new(applications, limit, |a| (a.created_at, a.id))))
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
