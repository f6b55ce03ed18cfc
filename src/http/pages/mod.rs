//! Server-rendered web pages (askama + htmx) and the layers only they need: the cookie
//! session, CSRF checks and a strict Content-Security-Policy.

mod application;
mod application_files;
mod application_forms;
mod application_resume;
mod application_view;
mod auth;
mod csrf;
mod dashboard;
pub mod errors;
mod feed;
mod feed_view;
mod form;
mod home;
mod jobs;
mod jobs_posting;
mod jobs_view;
pub mod layout;
mod local_time;
mod pipeline;
mod pipeline_import;
mod pipeline_view;
mod resume;
mod resume_cards;
mod resume_view;
pub mod resume_render;
mod notifications;
mod notifications_view;
mod session;
mod searches;
mod searches_form;
mod settings;
mod settings_ai;
mod settings_form;

use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY};
use axum::http::HeaderValue;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::app::AppState;
use crate::db::sessions::PgSessionStore;

/// The page routes. The session layer sits outside the CSRF check, which reads the session;
/// the API has neither, as it authenticates with bearer tokens that browsers never send on
/// their own.
pub fn router(state: &AppState) -> Router<AppState> {
    let config = &state.config;
    let sessions = SessionManagerLayer::new(PgSessionStore::new(state.db.clone()))
        .with_name(session::COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies())
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::days(config.session_idle_days)));
    Router::new()
        .merge(home::router())
        .merge(auth::router())
        .merge(settings::router())
        .merge(settings_ai::router())
        .merge(jobs::router())
        .merge(feed::router())
        .merge(searches::router())
        .merge(pipeline::router())
        .merge(pipeline_import::router())
        .merge(application::router())
        .merge(application_files::router())
        .merge(application_resume::router())
        .merge(resume_render::router())
        .merge(notifications::router())
        .merge(resume::router())
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::verify))
        .layer(sessions)
        .layer(SetResponseHeaderLayer::overriding(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(layout::CSP),
        ))
        // Pages show personal data: no copy should outlive the session in a shared cache or
        // come back through the browser's Back button after logout.
        .layer(SetResponseHeaderLayer::overriding(CACHE_CONTROL, HeaderValue::from_static("no-store")))
}
