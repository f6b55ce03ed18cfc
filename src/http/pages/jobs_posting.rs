//! `/jobs/{id}`: one posting with its clean description, and the "Track this job" button that
//! adds it to the user's pipeline (a plain POST form, enhanced by htmx to swap in "Tracked").

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use uuid::Uuid;

use super::errors::PageResult;
use super::jobs_view::{date_text, paragraphs, salary_text};
use super::layout::{Layout, is_htmx, render};
use super::session::PageUser;
use crate::app::AppState;
use crate::error::AppError;
use crate::services::search::{CompanyRef, PostingDetail};
use crate::services::{applications, search};

pub fn router() -> Router<AppState> {
    Router::new().route("/jobs/{id}", get(show_posting)).route("/jobs/{id}/track", post(track_posting))
}

/// The track control on its own: the page shows it, and an htmx track swaps it.
#[derive(Template)]
#[template(path = "jobs/track.html")]
struct TrackControl {
    posting_id: Uuid,
    tracked: bool,
    closed: bool,
    csrf_token: String,
}

/// A posting as the page shows it: every value plain text, escaped by the template.
struct PostingView {
    title: String,
    company: Option<CompanyRef>,
    location: Option<String>,
    remote: bool,
    salary: Option<String>,
    /// The pay phrase a salary was read from, when it came from the description (shown as a
    /// small "from the description" note, so a reader can judge it).
    salary_evidence: Option<String>,
    tags: Vec<String>,
    posted: Option<String>,
    closed: Option<String>,
    /// The board's page, only when it is a web address (never `javascript:` or the like).
    url: Option<String>,
    eligibility_notes: Option<String>,
    /// From `jd_clean` only: the board's raw HTML never reaches a page.
    description: Vec<Vec<String>>,
}

impl From<PostingDetail> for PostingView {
    fn from(p: PostingDetail) -> Self {
        Self {
            salary: p.salary.as_ref().and_then(salary_text),
            salary_evidence: p
                .salary
                .as_ref()
                .filter(|s| s.origin.as_deref() == Some("description"))
                .map(|s| s.evidence.clone().unwrap_or_default()),
            posted: p.posted_at.as_ref().map(date_text),
            closed: p.closed_at.as_ref().map(date_text),
            description: p.jd_clean.as_deref().map(paragraphs).unwrap_or_default(),
            title: p.title,
            company: p.company,
            location: p.location,
            remote: p.remote_flag,
            tags: p.tags,
            url: web_address(p.url),
            eligibility_notes: p.eligibility_notes,
        }
    }
}

#[derive(Template)]
#[template(path = "jobs/posting.html")]
struct PostingPage {
    layout: Layout,
    posting: PostingView,
    track: TrackControl,
}

fn web_address(url: String) -> Option<String> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url)
}

/// A malformed id names no posting: the 404 page, like an unknown one.
fn posting_id(raw: &str) -> Result<Uuid, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

#[tracing::instrument(skip_all)]
async fn show_posting(State(app): State<AppState>, user: PageUser, Path(raw_id): Path<String>) -> PageResult {
    let id = posting_id(&raw_id)?;
    let posting = search::posting(&app.db, id).await?;
    let tracked = applications::for_posting(&app.db, user.user_id, id).await?.is_some();
    crate::services::events::record(&app.db, user.user_id, "posting_view", serde_json::json!({ "posting_id": id })).await?;
    let csrf_token = user.csrf_token().await?;
    let track = TrackControl { posting_id: id, tracked, closed: posting.closed_at.is_some(), csrf_token: csrf_token.clone() };
    let layout = Layout::for_user(&posting.title, &user, csrf_token, "jobs");
    render(StatusCode::OK, &PostingPage { layout, posting: posting.into(), track })
}

#[tracing::instrument(skip_all)]
async fn track_posting(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    Path(raw_id): Path<String>,
) -> PageResult {
    let id = posting_id(&raw_id)?;
    // Created or already there, the answer is the same: the job is tracked.
    applications::track(&app.db, user.caller(), id).await?;
    if is_htmx(&headers) {
        let control = TrackControl { posting_id: id, tracked: true, closed: false, csrf_token: user.csrf_token().await? };
        return render(StatusCode::OK, &control);
    }
    // Post/redirect/get: reloading the posting must not post again.
    Ok(Redirect::to(&format!("/jobs/{id}")).into_response())
}
