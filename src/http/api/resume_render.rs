//! `/api/v1/resumes/{id}/render` and `/api/v1/resumes/{id}/files`: a resume version rendered
//! to PDF or DOCX, kept as the version's files and downloaded through `/files/{id}/content`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::db::artifacts::FileInfo;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiJson, ApiUser, IdPath};
use crate::services::resume_render::{self, RenderRequest};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(render)).routes(routes!(list_files))
}

/// What to render.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RenderBody {
    /// `classic` (one column, serif) or `modern` (sans, with a sidebar).
    #[schema(example = "classic")]
    pub template: String,
    /// `pdf` or `docx`.
    #[schema(example = "pdf")]
    pub format: String,
    /// `a4` (default) or `letter`.
    #[schema(example = "a4")]
    pub paper: Option<String>,
}

/// Render one of the caller's resume versions and keep the file. An unknown template, format
/// or paper is a 422 naming the field.
#[utoipa::path(post, path = "/resumes/{id}/render", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The resume version")),
    request_body = RenderBody,
    responses((status = 201, body = FileInfo, description = "The stored file; download it from /files/{id}/content"),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn render(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath, ApiJson(body): ApiJson<RenderBody>) -> AppResult<(StatusCode, Json<FileInfo>)> {
    let req = RenderRequest::parse(&body.template, &body.format, body.paper.as_deref())?;
    let info = resume_render::render_version(&app.db, &app.storage, user.caller(), id, req).await?;
    Ok((StatusCode::CREATED, Json(info)))
}

/// The files rendered from one of the caller's resume versions, newest first.
#[utoipa::path(get, path = "/resumes/{id}/files", tag = "resumes", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The resume version")),
    responses((status = 200, body = Vec<FileInfo>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_files(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<Vec<FileInfo>>> {
    Ok(Json(resume_render::files(&app.db, user.user_id, id).await?))
}
