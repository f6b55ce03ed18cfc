//! `/api/v1/notifications`: the caller's in-app notifications (digests of new matches, task and
//! event reminders).

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::app::AppState;
use crate::db::notifications::Notification;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiUser};
use crate::services;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_notifications)).routes(routes!(mark_read))
}

/// The latest notifications and how many are unread.
#[derive(Debug, Serialize, ToSchema)]
pub struct Notifications {
    pub unread: i64,
    pub items: Vec<Notification>,
}

/// The caller's 50 latest notifications, newest first.
#[utoipa::path(get, path = "/notifications", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = Notifications), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_notifications(State(app): State<AppState>, user: ApiUser) -> AppResult<Json<Notifications>> {
    let (unread, items) = services::notifications::recent(&app.db, user.user_id).await?;
    Ok(Json(Notifications { unread, items }))
}

/// Which notifications to mark read; all when `ids` is omitted.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    pub ids: Option<Vec<Uuid>>,
}

/// Mark notifications read. Returns the unread count after. An id that is not one of the
/// caller's notifications is a 404, and then none is marked.
#[utoipa::path(post, path = "/notifications/read", tag = "notifications", security(("bearer" = [])), request_body = MarkRead,
    responses((status = 200, body = Notifications), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn mark_read(State(app): State<AppState>, user: ApiUser, ApiJson(input): ApiJson<MarkRead>) -> AppResult<Json<Notifications>> {
    services::notifications::mark_read(&app.db, user.caller(), input.ids.as_deref(), None).await?;
    let (unread, items) = services::notifications::recent(&app.db, user.user_id).await?;
    Ok(Json(Notifications { unread, items }))
}
