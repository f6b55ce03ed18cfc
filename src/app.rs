//! Application state shared by every request, and the router that ties the HTTP layer together.

use std::sync::Arc;

use axum::Router;
use sqlx::PgPool;

use crate::agents::model::Models;
use crate::config::Config;
use crate::http;
use crate::services::token_cache::TokenCache;
use crate::storage::Storage;

/// Everything a request handler may need. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Pool whose connections run as `jobpilot_app`: row-level security applies to every query.
    pub db: PgPool,
    /// Pool as the schema owner, for readiness checks and system jobs only — never for a user's data.
    pub system_db: PgPool,
    pub config: Arc<Config>,
    /// Recent bearer-token lookups; see [`TokenCache`] for how it stays correct.
    pub tokens: Arc<TokenCache>,
    /// Uploaded files' bytes (local folder or S3-compatible bucket).
    pub storage: Storage,
    /// The language-model engines agents answer with (deterministic unless one is configured).
    pub models: Models,
}

impl AppState {
    /// Fails when the file store or the model service is misconfigured, before serving anything.
    pub fn new(db: PgPool, system_db: PgPool, config: Config) -> anyhow::Result<Self> {
        let storage = Storage::from_config(&config)?;
        let models = Models::from_config(&config)?;
        Ok(Self { db, system_db, config: Arc::new(config), tokens: Arc::default(), storage, models })
    }
}

/// The whole HTTP surface: JSON API, OpenAPI docs, health checks, web pages, static files.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .merge(http::api::router())
        .merge(http::health::router())
        .merge(http::pages::router(&state))
        .merge(http::unsubscribe::router())
        .merge(http::calendar::router())
        .merge(http::assets::router())
        .fallback(http::not_found);
    http::middleware::apply(routes).with_state(state)
}
