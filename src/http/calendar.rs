//! `/calendar/{secret}.ics`: the calendar subscription feed. Calendar apps fetch it without
//! logging in (the secret is the proof), so it sits outside the session layer; a wrong or
//! revoked secret is a plain 404.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::app::AppState;
use crate::services::calendar;

pub fn router() -> Router<AppState> {
    Router::new().route("/calendar/{file}", get(feed))
}

/// The body as a calendar; `attachment` names the download file when it is one.
pub fn ics(body: String, attachment: Option<&str>) -> Response {
    let mut response = (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-store"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response();
    if let Some(name) = attachment
        && let Ok(value) = format!("attachment; filename=\"{name}\"").parse()
    {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

async fn feed(State(app): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(secret) = file.strip_suffix(".ics") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match calendar::feed(&app.system_db, secret).await {
        Ok(Some(body)) => ics(body, None),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => error.into_response(),
    }
}
