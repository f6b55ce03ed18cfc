//! The HTTP layer: JSON API, web pages, health checks and the middleware around them.

pub mod api;
pub mod assets;
pub mod extract;
pub mod health;
pub mod middleware;
pub mod pages;
pub mod calendar;
pub mod unsubscribe;
pub mod upload;

use axum::http::Uri;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// Unknown paths: JSON under `/api`, an HTML page everywhere else.
pub async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        AppError::NotFound.into_response()
    } else {
        pages::errors::not_found_page().into_response()
    }
}
