//! `/api/v1/sources`: boards the caller registers for the job runner to refresh on a schedule.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::pagination::{Page, PageParams};
use crate::app::AppState;
use crate::db::sources::Source;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiQuery, ApiUser, IdPath};
use crate::services::{self, sources::NewSource};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sources, create_source))
        .routes(routes!(get_source, delete_source))
}

/// The caller's sources, newest first.
#[utoipa::path(get, path = "/sources", tag = "sources", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = Page<Source>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_sources(
    State(app): State<AppState>,
    user: ApiUser,
    ApiQuery(params): ApiQuery<PageParams>,
) -> AppResult<Json<Page<Source>>> {
    let (limit, after) = params.resolve()?;
    let sources = services::sources::list(&app.db, user.user_id, after, limit).await?;
    Ok(Json(Page::new(sources, limit, |s| (s.created_at, s.id))))
}

/// Register a board; its first fetch is queued at once, then it is refreshed every
/// `refresh_minutes` (later after failures).
#[utoipa::path(post, path = "/sources", tag = "sources", security(("bearer" = [])), request_body = NewSource,
    responses((status = 201, body = Source), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn create_source(
    State(app): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewSource>,
) -> AppResult<(StatusCode, Json<Source>)> {
    let source = services::sources::register(&app.db, user.caller(), input, app.config.fetch_allow_private).await?;
    Ok((StatusCode::CREATED, Json(source)))
}

/// One source with the outcome of its last fetch.
#[utoipa::path(get, path = "/sources/{id}", tag = "sources", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Source), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_source(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<Source>> {
    Ok(Json(services::sources::get(&app.db, user.user_id, id).await?))
}

/// Stop refreshing a source. Postings already fetched stay in the catalog.
#[utoipa::path(delete, path = "/sources/{id}", tag = "sources", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn delete_source(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<StatusCode> {
    services::sources::delete(&app.db, user.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
