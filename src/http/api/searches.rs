//! `/api/v1/searches`: the caller's saved searches (filters, cron schedule in a time zone, on/off).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::db::search_prefs::SavedSearch;
use crate::domain::search_filters::SavedSearchInput;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiUser, IdPath};
use crate::services;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_searches, create_search))
        .routes(routes!(get_search, update_search, delete_search))
}

/// The caller's saved searches, by name.
#[utoipa::path(get, path = "/searches", tag = "searches", security(("bearer" = [])),
    responses((status = 200, body = Vec<SavedSearch>), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_searches(State(app): State<AppState>, user: ApiUser) -> AppResult<Json<Vec<SavedSearch>>> {
    Ok(Json(services::saved_searches::list(&app.db, user.user_id).await?))
}

/// Save a search. An invalid cron, an unknown time zone, a negative salary floor or an unknown
/// filter key is a 422 naming the field.
#[utoipa::path(post, path = "/searches", tag = "searches", security(("bearer" = [])), request_body = SavedSearchInput,
    responses((status = 201, body = SavedSearch), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn create_search(
    State(app): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<SavedSearchInput>,
) -> AppResult<(StatusCode, Json<SavedSearch>)> {
    Ok((StatusCode::CREATED, Json(services::saved_searches::create(&app.db, user.caller(), input).await?)))
}

/// One saved search.
#[utoipa::path(get, path = "/searches/{id}", tag = "searches", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The saved search")),
    responses((status = 200, body = SavedSearch), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_search(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<SavedSearch>> {
    Ok(Json(services::saved_searches::get(&app.db, user.user_id, id).await?))
}

/// Replace a saved search (omitted fields take their defaults).
#[utoipa::path(put, path = "/searches/{id}", tag = "searches", security(("bearer" = [])), request_body = SavedSearchInput,
    params(("id" = uuid::Uuid, Path, description = "The saved search")),
    responses((status = 200, body = SavedSearch), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn update_search(
    State(app): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath,
    ApiJson(input): ApiJson<SavedSearchInput>,
) -> AppResult<Json<SavedSearch>> {
    Ok(Json(services::saved_searches::update(&app.db, user.caller(), id, input).await?))
}

/// Delete a saved search; its fit rows go at the next rescoring.
#[utoipa::path(delete, path = "/searches/{id}", tag = "searches", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The saved search")),
    responses((status = 204, description = "Deleted"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn delete_search(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<StatusCode> {
    services::saved_searches::delete(&app.db, user.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
