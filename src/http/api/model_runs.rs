//! `/api/v1/model-runs`: what the agents asked a language model (or the deterministic engine) on
//! the caller's behalf, and what came back.

use axum::Json;
use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::pagination::{Page, PageParams};
use crate::app::AppState;
use crate::db::model_runs::RunSummary;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiQuery, ApiUser, IdPath};
use crate::services::model_runs::{self, RunDetail};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_runs)).routes(routes!(get_run))
}

/// The caller's model runs, newest first: agent, tool, engine, model, tokens, latency, and
/// whether the configured engine answered (`success`) or the deterministic one stood in.
#[utoipa::path(get, path = "/model-runs", tag = "ai", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = Page<RunSummary>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_runs(State(app): State<AppState>, user: ApiUser, ApiQuery(params): ApiQuery<PageParams>) -> AppResult<Json<Page<RunSummary>>> {
    let (limit, after) = params.resolve()?;
    let runs = model_runs::list(&app.db, user.user_id, after, limit).await?;
    Ok(Json(Page::new(runs, limit, |r| (r.created_at, r.id))))
}

/// One of the caller's runs with its messages in order: the prompts, every raw reply (broken
/// ones included), validation errors, service errors, and the fallback's answer.
#[utoipa::path(get, path = "/model-runs/{id}", tag = "ai", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The run")),
    responses((status = 200, body = RunDetail), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_run(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<RunDetail>> {
    Ok(Json(model_runs::get(&app.db, user.user_id, id).await?))
}
