//! `/api/v1/feed`: the Daily Feed, ranked by the caller's precomputed fit, with dismiss, undo
//! and track.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::app::AppState;
use crate::db::applications::Application;
use crate::db::enrichments::FeedFilter;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::http::extract::{ApiQuery, ApiUser, IdPath};
use crate::services::{self, applications::Tracked, feed::FeedPage};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_feed))
        .routes(routes!(dismiss_posting, undismiss_posting))
        .routes(routes!(track_from_feed))
}

/// Filters and paging of the feed. Unknown parameters are refused.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FeedParams {
    /// Items per page, 1 to 100 (default 20).
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Only postings scoring at least this (0–100).
    pub min_score: Option<i32>,
    /// Only remote (true) or only on-site (false) postings.
    pub remote: Option<bool>,
    /// Only postings this saved search scored best.
    pub search_id: Option<Uuid>,
    /// Only postings published at or after this time (RFC 3339).
    pub since: Option<DateTime<Utc>>,
    /// Only postings that state their pay.
    pub with_salary: Option<bool>,
}

impl FeedParams {
    pub fn resolve(&self) -> AppResult<(FeedFilter, i64)> {
        let limit = self.limit.unwrap_or(20);
        if !(1..=100).contains(&limit) {
            return Err(AppError::invalid("limit", "must be between 1 and 100"));
        }
        if let Some(score) = self.min_score
            && !(0..=100).contains(&score)
        {
            return Err(AppError::invalid("min_score", "must be between 0 and 100"));
        }
        let filter = FeedFilter {
            min_score: self.min_score,
            remote: self.remote,
            search_pref_id: self.search_id,
            since: self.since,
            with_salary: self.with_salary.unwrap_or(false),
            posting_id: None,
        };
        Ok((filter, limit))
    }
}

/// The caller's best recent postings by fit, best first. An empty first page carries a `hint`
/// naming the filter that removed the most postings.
#[utoipa::path(get, path = "/feed", tag = "feed", security(("bearer" = [])), params(FeedParams),
    responses((status = 200, body = FeedPage), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_feed(State(app): State<AppState>, user: ApiUser, ApiQuery(params): ApiQuery<FeedParams>) -> AppResult<Json<FeedPage>> {
    let (filter, limit) = params.resolve()?;
    let after = params.cursor.as_deref().map(services::feed::decode_cursor).transpose()?;
    Ok(Json(services::feed::page(&app.db, user.user_id, &filter, after, limit).await?))
}

/// Take a posting out of the feed; it is not shown again unless the dismissal is undone.
#[utoipa::path(post, path = "/feed/{id}/dismiss", tag = "feed", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The job posting")),
    responses((status = 204, description = "Dismissed"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn dismiss_posting(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<StatusCode> {
    services::feed::dismiss(&app.db, user.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Undo a dismissal: the posting returns to the feed.
#[utoipa::path(delete, path = "/feed/{id}/dismiss", tag = "feed", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The job posting")),
    responses((status = 204, description = "Back in the feed"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn undismiss_posting(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<StatusCode> {
    services::feed::undismiss(&app.db, user.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Track a feed posting as a `prospect` application (source label "Daily Feed").
#[utoipa::path(post, path = "/feed/{id}/track", tag = "feed", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The job posting")),
    responses((status = 201, body = Application), (status = 200, description = "Was already tracked", body = Application),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn track_from_feed(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<(StatusCode, Json<Application>)> {
    let label = services::applications::FROM_FEED;
    Ok(match services::applications::track_from(&app.db, user.caller(), id, label).await? {
        Tracked::Created(application) => (StatusCode::CREATED, Json(application)),
        Tracked::Existing(application) => (StatusCode::OK, Json(application)),
    })
}
