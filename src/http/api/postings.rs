//! `/api/v1/postings`: search the global job catalog and read one posting.

use axum::Json;
use axum::extract::{RawQuery, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiUser, IdPath};
use crate::services::search::{self, PostingDetail, SearchPage, SearchParams};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search_postings))
        .routes(routes!(get_posting))
}

/// Search open postings. Without `q`, newest first (`posted_at` descending, unknown dates last);
/// with `q`, best match first (then newest). Filters combine with AND.
#[utoipa::path(get, path = "/postings", tag = "catalog", security(("bearer" = [])), params(SearchParams),
    responses((status = 200, body = SearchPage), (status = 401, body = ErrorBody),
        (status = 422, description = "A parameter is malformed; `field` names it", body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn search_postings(
    State(app): State<AppState>,
    user: ApiUser,
    RawQuery(query): RawQuery,
) -> AppResult<Json<SearchPage>> {
    // Read raw pairs, not a typed struct: each bad value is then reported under its own name.
    let pairs = form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes()).into_owned();
    let (filters, page) = SearchParams::from_pairs(pairs)?.validate()?;
    Ok(Json(search::search(&app.db, &filters, &page).await?))
}

/// One posting with its clean description, closed or not.
#[utoipa::path(get, path = "/postings/{id}", tag = "catalog", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = PostingDetail), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_posting(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<PostingDetail>> {
    Ok(Json(search::posting(&app.db, id).await?))
}
