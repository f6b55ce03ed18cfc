//! Application state shared by every request, and the router that ties the HTTP layer together.

use std::sync::Arc;

use axum::Router;
use sqlx::PgPool;

use crate::config::Config;
use crate::http;

/// Everything a request handler may need. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Pool whose connections run as `jobpilot_app`: row-level security applies to every query.
    pub db: PgPool,
    /// Pool as the schema owner, for readiness checks and system jobs only — never for a user's data.
    pub system_db: PgPool,
    pub config: Arc<Config>,
}

/// The whole HTTP surface: JSON API, OpenAPI docs, health checks, web pages, static files.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .merge(http::api::router())
        .merge(http::health::router())
        .merge(http::pages::router(&state))
        .merge(http::assets::router())
        .fallback(http::not_found);
    http::middleware::apply(routes).with_state(state)
}
