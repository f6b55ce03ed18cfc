//! `/api/v1/resumes`: the caller's resume versions: upload (parsed into sections), list, read,
//! edit (whole or one section), delete (kept 30 days), restore, make the base.

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use jobpilot_resume::Sections;
use serde::Deserialize;
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::app::AppState;
use crate::db::resume_versions::Version;
use crate::db::resume_versions_list::VersionSummary;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiQuery, ApiUser, IdPath};
use crate::http::upload;
use crate::services::resumes::{self, Uploaded};

pub fn router() -> OpenApiRouter<AppState> {
    // The upload reads within the configured file limit itself (a 413 naming it).
    let uploads = OpenApiRouter::new().routes(routes!(list_resumes, upload_resume)).layer(DefaultBodyLimit::disable());
    OpenApiRouter::new()
        .merge(uploads)
        .routes(routes!(get_resume, replace_resume, delete_resume))
        .routes(routes!(replace_section))
        .routes(routes!(restore_resume))
        .routes(routes!(make_base))
}

/// A `multipart/form-data` resume upload.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ResumeForm {
    /// The resume: PDF, DOCX, plain text or JSON Resume, at most the configured limit (10 MiB by default).
    #[schema(format = Binary, value_type = String)]
    file: Vec<u8>,
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// Include versions deleted in the last 30 days (they can be restored).
    #[serde(default)]
    include_deleted: bool,
}

/// The caller's versions: base first, then newest first, each with its ATS score, the posting
/// it was tailored for and the applications it was sent with.
#[utoipa::path(get, path = "/resumes", tag = "resumes", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = Vec<VersionSummary>), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_resumes(State(app): State<AppState>, user: ApiUser, ApiQuery(q): ApiQuery<ListQuery>) -> AppResult<Json<Vec<VersionSummary>>> {
    Ok(Json(resumes::list(&app.db, user.user_id, q.include_deleted).await?))
}

/// Upload a resume. It is read into sections (what could not be found is listed in
/// `not_found`); the first upload becomes the base version and seeds a saved search. A file
/// that cannot be read (scanned, encrypted, damaged, empty) is a 422 naming `file`, and
/// nothing is kept; an executable is a 415 whatever its name; over the limit is a 413.
#[utoipa::path(post, path = "/resumes", tag = "resumes", security(("bearer" = [])),
    request_body(content = ResumeForm, content_type = "multipart/form-data"),
    responses((status = 201, body = Uploaded), (status = 401, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn upload_resume(
    State(app): State<AppState>,
    user: ApiUser,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<(StatusCode, Json<Uploaded>)> {
    let limit = app.config.upload_max_bytes;
    let form = upload::read(multipart.map_err(|_| upload::not_multipart())?, limit).await?;
    let uploaded = resumes::upload(&app.db, &app.storage, user.caller(), form, limit).await?;
    Ok((StatusCode::CREATED, Json(uploaded)))
}

/// One version with its sections and what the parser did not find.
#[utoipa::path(get, path = "/resumes/{id}", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The version")),
    responses((status = 200, body = Version), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_resume(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<Version>> {
    Ok(Json(resumes::get(&app.db, user.user_id, id).await?))
}

/// Replace every section. Each experience needs a company and a role, each school and project
/// a name; dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; texts and lists are bounded. Problems
/// are a 422 naming each field (`experience[1].role`).
#[utoipa::path(put, path = "/resumes/{id}", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The version")), request_body = Sections,
    responses((status = 200, body = Version), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn replace_resume(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath, ApiJson(sections): ApiJson<Sections>) -> AppResult<Json<Version>> {
    Ok(Json(resumes::replace_sections(&app.db, user.caller(), id, sections).await?))
}

/// Replace one section (contact, headline, summary, skills, experience, education,
/// certifications, projects, languages) with a value of its shape, checked like a whole edit.
#[utoipa::path(put, path = "/resumes/{id}/sections/{section}", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The version"), ("section" = String, Path, description = "The section's name")),
    request_body(content = Object, description = "The section's new value, e.g. [\"Rust\", \"SQL\"] for skills"),
    responses((status = 200, body = Version), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn replace_section(
    State(app): State<AppState>,
    user: ApiUser,
    Path((id, section)): Path<(String, String)>,
    ApiJson(value): ApiJson<Value>,
) -> AppResult<Json<Version>> {
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    Ok(Json(resumes::replace_section(&app.db, user.caller(), id, &section, value).await?))
}

/// Delete a version; it can be restored for 30 days. Deleting the base makes the newest
/// version not tailored for a posting the base.
#[utoipa::path(delete, path = "/resumes/{id}", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The version")),
    responses((status = 204, description = "Deleted"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn delete_resume(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<StatusCode> {
    resumes::delete(&app.db, user.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Undo a delete made less than 30 days ago. A restored base is the base again unless another
/// version became the base meanwhile.
#[utoipa::path(post, path = "/resumes/{id}/restore", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The version")),
    responses((status = 200, body = Version), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn restore_resume(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<Version>> {
    Ok(Json(resumes::restore(&app.db, user.caller(), id).await?))
}

/// Make a version the base (tailored versions cannot be: 422).
#[utoipa::path(post, path = "/resumes/{id}/base", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The version")),
    responses((status = 200, body = Version), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn make_base(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<Version>> {
    Ok(Json(resumes::set_base(&app.db, user.caller(), id).await?))
}
