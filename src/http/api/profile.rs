//! `/api/v1/profile`: the user's professional profile.

use axum::extract::State;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::domain::profile::ProfileFields;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiUser};
use crate::services::{self, profile::Profile};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_profile, put_profile))
}

/// The caller's profile.
#[utoipa::path(get, path = "/profile", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = Profile), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_profile(State(app): State<AppState>, user: ApiUser) -> AppResult<Json<Profile>> {
    Ok(Json(services::profile::get(&app.db, user.user_id).await?))
}

/// Replace the profile. Omitted fields become empty; every invalid field is reported at once.
#[utoipa::path(put, path = "/profile", tag = "account", security(("bearer" = [])), request_body = ProfileFields,
    responses((status = 200, body = Profile), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn put_profile(
    State(app): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<ProfileFields>,
) -> AppResult<Json<Profile>> {
    Ok(Json(services::profile::update(&app.db, user.caller(), input).await?))
}
