//! `/api/v1/tokens`: list, create and revoke the caller's API tokens.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::pagination::{Page, PageParams};
use crate::app::AppState;
use crate::db::api_tokens::ApiToken;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiQuery, ApiUser, IdPath};
use crate::services::{self, tokens::IssuedToken};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    #[schema(example = "laptop script")]
    pub name: String,
}

/// The caller's tokens, newest first (revoked ones included, until purged).
#[utoipa::path(get, path = "/tokens", tag = "account", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = Page<ApiToken>), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_tokens(
    State(app): State<AppState>,
    user: ApiUser,
    ApiQuery(params): ApiQuery<PageParams>,
) -> AppResult<Json<Page<ApiToken>>> {
    let (limit, after) = params.resolve()?;
    let tokens = services::tokens::list(&app.db, user.user_id, after, limit).await?;
    Ok(Json(Page::new(tokens, limit, |t| (t.created_at, t.id))))
}

/// Issue a new token; its secret is in this response only.
#[utoipa::path(post, path = "/tokens", tag = "account", security(("bearer" = [])), request_body = NewToken,
    responses((status = 201, body = IssuedToken), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn create_token(
    State(app): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<NewToken>,
) -> AppResult<(StatusCode, Json<IssuedToken>)> {
    let issued = services::tokens::create(&app.db, user.caller(), &input.name, app.config.token_ttl_days).await?;
    Ok((StatusCode::CREATED, Json(issued)))
}

/// Revoke a token at once; requests with it get 401 from now on.
#[utoipa::path(delete, path = "/tokens/{id}", tag = "account", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn revoke_token(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<StatusCode> {
    services::tokens::revoke(&app.db, &app.tokens, user.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
