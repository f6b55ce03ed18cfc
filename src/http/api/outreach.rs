//! `/api/v1/applications/{id}/outreach` and `/api/v1/outreach/{id}`: messages to contacts about
//! the caller's applications and their funnel.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::db::outreach::Outreach;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiUser, IdPath};
use crate::services::outreach::{self, OutreachInput, OutreachList, StatusChange};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_outreach, create_outreach))
        .routes(routes!(update_outreach, delete_outreach))
        .routes(routes!(move_outreach))
}

/// The application's messages, oldest first, with counts per status.
#[utoipa::path(get, path = "/applications/{id}/outreach", tag = "outreach", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")),
    responses((status = 200, body = OutreachList), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_outreach(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<OutreachList>> {
    Ok(Json(outreach::list(&app.db, user.user_id, id).await?))
}

/// Write a message (a draft) to a contact about the application.
#[utoipa::path(post, path = "/applications/{id}/outreach", tag = "outreach", security(("bearer" = [])), request_body = OutreachInput,
    params(("id" = uuid::Uuid, Path, description = "The application")),
    responses((status = 201, body = Outreach), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn create_outreach(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath, ApiJson(input): ApiJson<OutreachInput>) -> AppResult<(StatusCode, Json<Outreach>)> {
    Ok((StatusCode::CREATED, Json(outreach::create(&app.db, user.caller(), id, &input).await?)))
}

/// Rewrite a message that has not left yet (draft or queued; 409 otherwise).
#[utoipa::path(put, path = "/outreach/{id}", tag = "outreach", security(("bearer" = [])), request_body = OutreachInput,
    params(("id" = uuid::Uuid, Path, description = "The message")),
    responses((status = 200, body = Outreach), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn update_outreach(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath, ApiJson(input): ApiJson<OutreachInput>) -> AppResult<Json<Outreach>> {
    Ok(Json(outreach::update(&app.db, user.caller(), id, &input).await?))
}

/// Move a message through the funnel: draft → queued → sent → replied or bounced (a queued one
/// may go back to draft). An illegal move is a 422 naming the allowed ones.
#[utoipa::path(post, path = "/outreach/{id}/status", tag = "outreach", security(("bearer" = [])), request_body = StatusChange,
    params(("id" = uuid::Uuid, Path, description = "The message")),
    responses((status = 200, body = Outreach), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn move_outreach(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath, ApiJson(change): ApiJson<StatusChange>) -> AppResult<Json<Outreach>> {
    Ok(Json(outreach::move_to(&app.db, user.caller(), id, &change).await?))
}

/// Delete a message (kept 30 days).
#[utoipa::path(delete, path = "/outreach/{id}", tag = "outreach", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The message")),
    responses((status = 204, description = "Deleted"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn delete_outreach(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<StatusCode> {
    outreach::delete(&app.db, user.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
