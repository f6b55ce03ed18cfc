//! Server-rendered web pages (askama + htmx). Being written.

pub mod errors;

use axum::Router;

use crate::app::AppState;

pub fn router(_state: &AppState) -> Router<AppState> {
    Router::new()
}
