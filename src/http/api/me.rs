//! `/api/v1/me`: the signed-in user.

use axum::extract::State;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::db::users::User;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::ApiUser;
use crate::services;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_me))
}

/// The user the bearer token belongs to.
#[utoipa::path(get, path = "/me", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = User), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_me(State(app): State<AppState>, user: ApiUser) -> AppResult<Json<User>> {
    Ok(Json(services::accounts::me(&app.db, user.user_id).await?))
}
