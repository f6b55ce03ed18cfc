//! `POST /api/v1/applications/import` and `GET /api/v1/applications/export.csv`: the pipeline
//! in and out as CSV (columns documented in docs/pipeline-csv.md).

use axum::Json;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use futures::TryStreamExt;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::domain::csv_dates::DateOrder;
use crate::domain::csv_import::MAX_BYTES;
use crate::error::{AppError, AppResult, ErrorBody, FieldError};
use crate::http::extract::{ApiQuery, ApiUser, has_content_type};
use crate::services::{self, applications_import::ImportReport};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(import_applications)).routes(routes!(export_applications))
}

/// How to import. Unknown parameters are refused.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportParams {
    /// true (the default) only reports what would happen; false imports.
    pub dry_run: Option<bool>,
    /// How to read 03/05/2024: `mdy` (month first, the default) or `dmy`.
    pub date_order: Option<String>,
}

impl ImportParams {
    pub fn order(&self) -> AppResult<DateOrder> {
        match self.date_order.as_deref() {
            None => Ok(DateOrder::default()),
            Some(text) => DateOrder::parse(text).ok_or_else(|| AppError::invalid("date_order", "must be mdy or dmy")),
        }
    }
}

/// The body, up to the import's own limit (larger than the API's usual 1 MiB).
pub async fn csv_body(body: Body) -> AppResult<Bytes> {
    // A client that hangs up mid-body never reads the answer, so the limit's error serves both.
    to_bytes(body, MAX_BYTES)
        .await
        .map_err(|_| AppError::TooLarge(FieldError::new("file", format!("the file is larger than {} MiB", MAX_BYTES >> 20))))
}

/// Import applications from a CSV file (header row first; see docs/pipeline-csv.md for the
/// columns and the names they may go by). Each good row is added as a typed-in job would be;
/// rows for a posting already in the pipeline, or repeated in the file, are skipped; each bad
/// row is reported with its line and reason while the good ones import. `dry_run` (the
/// default) stores nothing.
#[utoipa::path(post, path = "/applications/import", tag = "applications", security(("bearer" = [])), params(ImportParams),
    request_body(content = String, content_type = "text/csv", description = "The CSV file, at most 2 MiB and 500 rows"),
    responses((status = 200, body = ImportReport), (status = 401, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn import_applications(
    State(app): State<AppState>,
    user: ApiUser,
    ApiQuery(params): ApiQuery<ImportParams>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<Json<ImportReport>> {
    if !has_content_type(&headers, "text/csv") {
        return Err(AppError::WrongMediaType(FieldError::new("content-type", "send the file as text/csv")));
    }
    let order = params.order()?;
    let bytes = csv_body(body).await?;
    let dry_run = params.dry_run.unwrap_or(true);
    Ok(Json(services::applications_import::import(&app.db, &app.system_db, user.caller(), &bytes, order, dry_run).await?))
}

/// `jobpilot-applications-YYYY-MM-DD.csv`, dated today (UTC).
pub fn export_file_name() -> String {
    format!("jobpilot-applications-{}.csv", chrono::Utc::now().format("%Y-%m-%d"))
}

/// A streamed CSV download of the user's whole pipeline.
pub fn export_response(app: &AppState, user_id: uuid::Uuid) -> Response {
    let stream = services::applications_export::stream(app.db.clone(), user_id).map_ok(Bytes::from);
    let disposition = format!("attachment; filename=\"{}\"", export_file_name());
    ([(CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (CONTENT_DISPOSITION, disposition)], Body::from_stream(stream))
        .into_response()
}

/// Every live application of the caller as CSV, oldest first, in columns the import reads back
/// (id, company, title, url, stage, applied_at, stage_entered_at, source, notes,
/// resume_version_id, created_at, updated_at). Cells a spreadsheet would run as a formula start
/// with an apostrophe.
#[utoipa::path(get, path = "/applications/export.csv", tag = "applications", security(("bearer" = [])),
    responses((status = 200, description = "The CSV file", content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn export_applications(State(app): State<AppState>, user: ApiUser) -> Response {
    export_response(&app, user.user_id)
}
