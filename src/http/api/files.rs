//! `/api/v1/applications/{id}/files` and `/api/v1/files/{id}`: files the caller attached to
//! their applications (offer letters, take-home tasks, cover letters).

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::Response;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::db::artifacts::FileInfo;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiUser, IdPath};
use crate::http::upload;
use crate::services::files;

pub fn router() -> OpenApiRouter<AppState> {
    // The upload reads within the configured file limit itself (a 413 naming it), so the
    // global 1 MiB body limit must not cut it short first.
    let uploads = OpenApiRouter::new().routes(routes!(list_files, upload_file)).layer(DefaultBodyLimit::disable());
    OpenApiRouter::new()
        .merge(uploads)
        .routes(routes!(get_file, delete_file))
        .routes(routes!(download_file))
}

/// A `multipart/form-data` upload.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file (PDF, DOCX, DOC, ODT, RTF, PNG, JPEG or UTF-8 text), at most the configured limit (10 MiB by default).
    #[schema(format = Binary, value_type = String)]
    file: Vec<u8>,
    /// offer_letter, take_home, cover_letter or other (default).
    kind: Option<String>,
}

/// The files of one of the caller's applications, newest first.
#[utoipa::path(get, path = "/applications/{id}/files", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The application")),
    responses((status = 200, body = Vec<FileInfo>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn list_files(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<Vec<FileInfo>>> {
    Ok(Json(files::list(&app.db, user.user_id, id).await?))
}

/// Attach a file to one of the caller's applications. Its type is read from its content: an
/// executable or any type not listed is a 415 whatever its name; over the limit is a 413.
#[utoipa::path(post, path = "/applications/{id}/files", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The application")),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = FileInfo), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn upload_file(
    State(app): State<AppState>,
    user: ApiUser,
    IdPath(id): IdPath,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<(StatusCode, Json<FileInfo>)> {
    let limit = app.config.upload_max_bytes;
    let form = upload::read(multipart.map_err(|_| upload::not_multipart())?, limit).await?;
    let info = files::upload(&app.db, &app.storage, user.caller(), id, form, limit).await?;
    Ok((StatusCode::CREATED, Json(info)))
}

/// A file's name, kind, type, size and SHA-256.
#[utoipa::path(get, path = "/files/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The file")),
    responses((status = 200, body = FileInfo), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_file(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<FileInfo>> {
    Ok(Json(files::get(&app.db, user.user_id, id).await?))
}

/// Delete a file: its record and its bytes.
#[utoipa::path(delete, path = "/files/{id}", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The file")),
    responses((status = 204, description = "Deleted"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn delete_file(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<StatusCode> {
    files::delete(&app.db, &app.storage, user.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The file's bytes, as an attachment of the type read from its content.
#[utoipa::path(get, path = "/files/{id}/content", tag = "files", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The file")),
    responses((status = 200, description = "The bytes, with Content-Disposition: attachment", content_type = "application/octet-stream"),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn download_file(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Response> {
    let (info, stream) = files::content(&app.db, &app.storage, user.user_id, id).await?;
    upload::download(&info, stream)
}
