//! `/api/v1/applications/{id}/events` and `/api/v1/events/{id}`: interviews, screens,
//! deadlines… of the caller's applications.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::db::events::Event;
use crate::domain::event::EventInput;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiUser, IdPath};
use crate::services::{calendar, pipeline_events};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_events, create_event))
        .routes(routes!(get_event, update_event, delete_event))
        .routes(routes!(download_event))
        .routes(routes!(subscribe_calendar, unsubscribe_calendar))
}

/// One event as an `.ics` file to open in any calendar.
#[utoipa::path(get, path = "/events/{id}/ics", tag = "events", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The event")),
    responses((status = 200, description = "An RFC 5545 calendar with the event", content_type = "text/calendar"),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn download_event(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Response> {
    let body = calendar::one_event(&app.db, user.user_id, id).await?;
    Ok(crate::http::calendar::ics(body, Some(&format!("event-{id}.ics"))))
}

/// The caller's calendar subscription URL.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarSubscription {
    /// Add this URL to a calendar app; it serves every event of your live applications. It is
    /// shown once: making a new one stops the old.
    pub url: String,
}

/// Make a calendar subscription URL (an earlier one stops working).
#[utoipa::path(post, path = "/calendar/subscription", tag = "events", security(("bearer" = [])),
    responses((status = 201, body = CalendarSubscription), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn subscribe_calendar(State(app): State<AppState>, user: ApiUser) -> AppResult<(StatusCode, Json<CalendarSubscription>)> {
    let url = calendar::subscribe(&app.system_db, user.caller(), &app.config.public_url).await?;
    Ok((StatusCode::CREATED, Json(CalendarSubscription { url })))
}

/// Revoke the calendar subscription URL.
#[utoipa::path(delete, path = "/calendar/subscription", tag = "events", security(("bearer" = [])),
    responses((status = 204, description = "Revoked"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn unsubscribe_calendar(State(app): State<AppState>, user: ApiUser) -> AppResult<StatusCode> {
    calendar::unsubscribe(&app.system_db, user.caller()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The application's events, soonest first.
#[utoipa::path(get, path = "/applications/{id}/events", tag = "events", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")),
    responses((status = 200, body = Vec<Event>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_events(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<Vec<Event>>> {
    Ok(Json(pipeline_events::list(&app.db, user.user_id, id).await?))
}

/// Add an event; its end must come after its start (422 naming `end_at`).
#[utoipa::path(post, path = "/applications/{id}/events", tag = "events", security(("bearer" = [])), request_body = EventInput,
    params(("id" = uuid::Uuid, Path, description = "The application")),
    responses((status = 201, body = Event), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn create_event(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath, ApiJson(input): ApiJson<EventInput>) -> AppResult<(StatusCode, Json<Event>)> {
    Ok((StatusCode::CREATED, Json(pipeline_events::create(&app.db, user.caller(), id, input).await?)))
}

#[utoipa::path(get, path = "/events/{id}", tag = "events", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The event")),
    responses((status = 200, body = Event), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_event(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<Event>> {
    Ok(Json(pipeline_events::get(&app.db, user.user_id, id).await?))
}

/// Replace an event's kind, times, location and notes (its calendar sequence goes up).
#[utoipa::path(put, path = "/events/{id}", tag = "events", security(("bearer" = [])), request_body = EventInput,
    params(("id" = uuid::Uuid, Path, description = "The event")),
    responses((status = 200, body = Event), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn update_event(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath, ApiJson(input): ApiJson<EventInput>) -> AppResult<Json<Event>> {
    Ok(Json(pipeline_events::update(&app.db, user.caller(), id, input).await?))
}

/// Delete an event (calendars subscribed to the feed see it cancelled).
#[utoipa::path(delete, path = "/events/{id}", tag = "events", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The event")),
    responses((status = 204, description = "Deleted"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn delete_event(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<StatusCode> {
    pipeline_events::delete(&app.db, user.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
