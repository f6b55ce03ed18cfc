//! The Files part of an application's page: upload (htmx or a plain multipart post), download
//! and delete. A refused file (too large, a type not accepted) shows next to the upload form.

use axum::Router;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::application::{Typed, answer, parse_id};
use super::errors::PageResult;
use super::form::FormErrors;
use super::session::PageUser;
use crate::app::AppState;
use crate::error::AppError;
use crate::http::upload;
use crate::services::files;

pub fn router() -> Router<AppState> {
    Router::new()
        // The upload is read within the configured file limit, not the 1 MiB form limit.
        .route("/applications/{id}/files", post(upload_file).layer(DefaultBodyLimit::disable()))
        .route("/files/{id}", get(download_file))
        .route("/files/{id}/delete", post(delete_file))
}

/// The errors a person can fix by choosing another file, placed by the upload form.
fn refused(error: AppError) -> PageResult<Typed> {
    let errors = match error {
        AppError::TooLarge(e) | AppError::WrongMediaType(e) | AppError::BadRequest(e) => vec![e],
        AppError::Validation(errors) => errors,
        other => return Err(other.into()),
    };
    Ok(Typed::errors_of("file", FormErrors::from_field_errors(errors, |f| f)))
}

#[tracing::instrument(skip_all)]
async fn upload_file(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    Path(raw): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let id = parse_id(&raw)?;
    let limit = app.config.upload_max_bytes;
    let outcome = match multipart {
        Err(_) => Err(upload::not_multipart()),
        Ok(multipart) => match upload::read(multipart, limit).await {
            Ok(form) => files::upload(&app.db, &app.storage, user.caller(), id, form, limit).await.map(|_| ()),
            Err(error) => Err(error),
        },
    };
    let typed = match outcome {
        Ok(()) => None,
        // Another user's application stays a 404 page, not a form error.
        Err(AppError::NotFound) => return Err(AppError::NotFound.into()),
        Err(error) => Some(refused(error)?),
    };
    answer(&app, &user, &headers, id, typed).await
}

#[tracing::instrument(skip_all)]
async fn download_file(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult<Response> {
    let (info, stream) = files::content(&app.db, &app.storage, user.user_id, parse_id(&raw)?).await?;
    Ok(upload::download(&info, stream)?)
}

#[tracing::instrument(skip_all)]
async fn delete_file(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let info = files::delete(&app.db, &app.storage, user.caller(), parse_id(&raw)?).await?;
    match (info.application_id, info.resume_version_id) {
        (Some(application_id), _) => answer(&app, &user, &headers, application_id, None).await,
        // A rendered resume's file: back to the version's downloads.
        (None, Some(version_id)) => Ok(Redirect::to(&format!("/resume/versions/{version_id}/render")).into_response()),
        (None, None) => Err(AppError::NotFound.into()),
    }
}
