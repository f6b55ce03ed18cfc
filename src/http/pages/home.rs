//! `/`: what Jobpilot is for visitors; the Daily Feed for a logged-in user.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;

use super::errors::{PageError, PageResult};
use super::layout::{Layout, render};
use super::session::PageUser;
use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show_home))
}

#[derive(Template)]
#[template(path = "home/landing.html")]
struct LandingPage {
    layout: Layout,
}

#[tracing::instrument(skip_all)]
async fn show_home(
    State(app): State<AppState>,
    user: Result<PageUser, PageError>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> PageResult {
    // Anyone may see `/`; only a logged-in user gets their feed instead of the landing page.
    match user {
        Ok(user) => super::feed::show(&app, &user, &headers, raw.as_deref()).await,
        Err(PageError::LoginRequired { .. }) => {
            render(StatusCode::OK, &LandingPage { layout: Layout::anonymous("Your job-search copilot") })
        }
        Err(error) => Err(error),
    }
}
