//! `/api/v1/resumes/{id}/score`, `/api/v1/applications/{id}/tailor`,
//! `/api/v1/applications/{id}/cover-letter` and `/api/v1/cover-letters/{id}`: the ATS score of a
//! resume version against a catalog posting, tailored versions made from an application, and
//! cover-letter drafts (read, replace, export).

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::app::AppState;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiQuery, ApiUser, IdPath};
use crate::services::cover_letters::{self, CoverLetter, Export};
use crate::services::resume_fit::{self, ScoreResult};
use crate::services::tailoring::{self, Tailored};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(score_resume))
        .routes(routes!(tailor_resume))
        .routes(routes!(draft_cover_letter))
        .routes(routes!(get_cover_letter, update_cover_letter))
        .routes(routes!(export_cover_letter))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ScoreParams {
    /// The catalog posting to score against (required).
    pub posting_id: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportParams {
    /// txt (default) or md.
    pub format: Option<String>,
}

/// A cover letter's new text.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverLetterText {
    /// The whole letter, 1 to 20,000 characters.
    pub text: String,
}

/// Score one of the caller's resume versions against any catalog posting: keywords (required
/// and preferred, matched and missing), section completeness, weak bullets, a 0–100 score with
/// its breakdown, and suggestions. Stored on the version when it was made for that posting.
#[utoipa::path(post, path = "/resumes/{id}/score", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The resume version"), ScoreParams),
    responses((status = 200, body = ScoreResult), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn score_resume(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath, ApiQuery(params): ApiQuery<ScoreParams>) -> AppResult<Json<ScoreResult>> {
    let raw = params.posting_id.ok_or_else(|| AppError::invalid("posting_id", "is required"))?;
    let posting_id: Uuid = raw.trim().parse().map_err(|_| AppError::invalid("posting_id", "must be a UUID"))?;
    Ok(Json(resume_fit::score(&app.db, &app.models, user.caller(), id, posting_id).await?))
}

/// Make a tailored version of the caller's base resume for this application's posting: bullets
/// and skills ordered by relevance, the summary turned toward the posting, nothing invented. It
/// becomes the application's resume version. Answers with the base's and the new version's
/// scores side by side and the RFC 6902 patch from base to tailored. 409 without a base resume.
#[utoipa::path(post, path = "/applications/{id}/tailor", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The application")),
    responses((status = 201, body = Tailored), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn tailor_resume(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<(StatusCode, Json<Tailored>)> {
    Ok((StatusCode::CREATED, Json(tailoring::tailor(&app.db, &app.models, user.caller(), id).await?)))
}

/// Draft a cover letter for this application from the caller's base resume and the posting: the
/// role and company, two or three of the resume's own bullets verbatim, and bracketed
/// placeholders for what only the caller can say. Stored as a `cover_letter` file.
#[utoipa::path(post, path = "/applications/{id}/cover-letter", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The application")),
    responses((status = 201, body = CoverLetter), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn draft_cover_letter(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<(StatusCode, Json<CoverLetter>)> {
    let letter = cover_letters::draft(&app.db, &app.storage, &app.models, user.caller(), id).await?;
    Ok((StatusCode::CREATED, Json(letter)))
}

/// A cover letter's text and file record.
#[utoipa::path(get, path = "/cover-letters/{id}", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The cover letter (its file id)")),
    responses((status = 200, body = CoverLetter), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_cover_letter(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<CoverLetter>> {
    Ok(Json(cover_letters::get(&app.db, &app.storage, user.user_id, id).await?))
}

/// Replace a cover letter's text with the caller's own.
#[utoipa::path(put, path = "/cover-letters/{id}", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The cover letter (its file id)")),
    request_body = CoverLetterText,
    responses((status = 200, body = CoverLetter), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn update_cover_letter(
    State(app): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<CoverLetterText>,
) -> AppResult<Json<CoverLetter>> {
    Ok(Json(cover_letters::update(&app.db, &app.storage, user.caller(), id, &body.text).await?))
}

/// Download a cover letter as plain text (.txt) or Markdown (.md).
#[utoipa::path(get, path = "/cover-letters/{id}/export", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The cover letter (its file id)"), ExportParams),
    responses((status = 200, description = "The letter, with Content-Disposition: attachment", content_type = "text/plain"),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn export_cover_letter(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath, ApiQuery(params): ApiQuery<ExportParams>) -> AppResult<Response> {
    let format = Export::parse(params.format.as_deref())?;
    let (content_type, name, bytes) = cover_letters::export(&app.db, &app.storage, user.user_id, id, format).await?;
    attachment(&content_type, &name, bytes)
}

/// A text download with the same protective headers as file downloads.
pub fn attachment(content_type: &str, name: &str, bytes: axum::body::Bytes) -> AppResult<Response> {
    let value = |text: &str| HeaderValue::from_str(text).map_err(|e| AppError::Internal(anyhow::anyhow!("header value: {e}")));
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, value(content_type)?);
    headers.insert(header::CONTENT_DISPOSITION, value(&crate::domain::upload::content_disposition(name))?);
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}
