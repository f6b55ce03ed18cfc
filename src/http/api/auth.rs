//! `/api/v1/auth`: sign up and log in for API clients, which get a bearer token back.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::db::users::User;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiUser, ClientIp};
use crate::services::{self, tokens::IssuedToken};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_up))
        .routes(routes!(log_in))
        .routes(routes!(log_out))
}

/// Email and password, plus an optional name for the token this issues.
/// No `Debug`: it holds a password, so it can never be logged by accident.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    #[schema(example = "ada@example.org")]
    pub email: String,
    #[schema(example = "violet-harbor-crank-47")]
    pub password: String,
    /// Label for the issued token (default "api").
    pub token_name: Option<String>,
}

/// A session for an API client. No `Debug`: it holds the token secret.
#[derive(Serialize, ToSchema)]
pub struct AuthResponse {
    /// Bearer token: send as `Authorization: Bearer <token>`. Shown only here.
    pub token: String,
    pub user: User,
}

fn token_label(input: &Credentials) -> AppResult<String> {
    services::tokens::clean_name(input.token_name.as_deref().unwrap_or("api"))
}

fn respond(user: User, token: Option<IssuedToken>) -> AppResult<AuthResponse> {
    let token = token.ok_or_else(|| anyhow::anyhow!("token was requested but not issued"))?;
    Ok(AuthResponse { token: token.token, user })
}

/// Create an account. Passwords need 10+ characters and must not be common or guessable.
#[utoipa::path(post, path = "/auth/signup", tag = "auth", request_body = Credentials,
    responses((status = 201, body = AuthResponse), (status = 409, description = "email taken", body = ErrorBody),
              (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all)]
async fn sign_up(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(input): ApiJson<Credentials>,
) -> AppResult<(StatusCode, Json<AuthResponse>)> {
    let label = token_label(&input)?;
    let (user, token) =
        services::accounts::sign_up(&app.db, &app.config, &input.email, &input.password, ip, Some(&label)).await?;
    Ok((StatusCode::CREATED, Json(respond(user, token)?)))
}

/// Log in. Wrong email and wrong password look the same; repeated failures are rate-limited.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = Credentials,
    responses((status = 200, body = AuthResponse), (status = 401, body = ErrorBody),
              (status = 429, description = "too many failures; see Retry-After", body = ErrorBody)))]
#[tracing::instrument(skip_all)]
async fn log_in(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(input): ApiJson<Credentials>,
) -> AppResult<Json<AuthResponse>> {
    let label = token_label(&input)?;
    let (user, token) =
        services::accounts::log_in(&app.db, &app.config, &input.email, &input.password, ip, Some(&label)).await?;
    Ok(Json(respond(user, token)?))
}

/// Log out: revokes the token this request was made with.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn log_out(State(app): State<AppState>, user: ApiUser) -> AppResult<StatusCode> {
    services::tokens::revoke(&app.db, &app.tokens, user.caller(), user.token_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
