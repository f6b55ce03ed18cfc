//! How failures reach a person using the web pages: an HTML page, never JSON or internals.

use askama::Template;
use axum::http::header::{CONTENT_SECURITY_POLICY, LOCATION};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::layout::{CSP, Layout};
use crate::error::AppError;

/// What a page handler or extractor can fail with.
#[derive(Debug)]
pub enum PageError {
    /// The page needs a logged-in user; `next` is where to come back to (already a local path).
    LoginRequired { next: String, htmx: bool },
    App(AppError),
}

pub type PageResult<T = Response> = Result<T, PageError>;

impl From<AppError> for PageError {
    fn from(error: AppError) -> Self {
        Self::App(error)
    }
}

impl From<tower_sessions::session::Error> for PageError {
    fn from(error: tower_sessions::session::Error) -> Self {
        Self::App(AppError::Internal(anyhow::Error::new(error).context("session store")))
    }
}

impl From<askama::Error> for PageError {
    fn from(error: askama::Error) -> Self {
        Self::App(AppError::Internal(anyhow::Error::new(error).context("rendering a template")))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    heading: &'static str,
    message: String,
}

/// Renders the shared error page; rendering it cannot really fail, but if it does the status
/// still reaches the client.
fn error_page(status: StatusCode, heading: &'static str, message: impl Into<String>) -> Response {
    let page = ErrorPage { layout: Layout::anonymous(heading), heading, message: message.into() };
    let body = page.render().unwrap_or_else(|_| heading.to_string());
    let csp = HeaderValue::from_static(CSP);
    (status, [(CONTENT_SECURITY_POLICY, csp)], Html(body)).into_response()
}

pub fn not_found_page() -> impl IntoResponse {
    error_page(StatusCode::NOT_FOUND, "Page not found", "There is nothing at this address.")
}

/// A state-changing request without the session's CSRF token: a stale form or another site.
pub fn csrf_failed_page() -> Response {
    error_page(
        StatusCode::FORBIDDEN,
        "This form has expired",
        "The form was sent without a valid security token, perhaps from an old tab or another \
         site. Go back, reload the page and try again.",
    )
}

pub fn too_large_page() -> Response {
    error_page(StatusCode::PAYLOAD_TOO_LARGE, "Too much data", "The form sent more than 1 MiB.")
}

/// An upload form whose file is over the limit, caught before the form could be read.
pub fn upload_too_large_page(limit: u64) -> Response {
    let size = crate::domain::upload::human_size(limit as i64);
    error_page(StatusCode::PAYLOAD_TOO_LARGE, "File too large", format!("Files may be at most {size}. Go back and choose a smaller one."))
}

fn login_redirect(next: &str, htmx: bool) -> Response {
    let encoded: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
    let target = format!("/login?next={encoded}");
    // htmx follows a 303 inside its XHR and would swap the login page into a fragment;
    // HX-Redirect makes it load the login page as a whole page instead.
    let header = if htmx { "hx-redirect" } else { LOCATION.as_str() };
    let status = if htmx { StatusCode::OK } else { StatusCode::SEE_OTHER };
    match HeaderValue::from_str(&target) {
        Ok(value) => (status, [(header, value)]).into_response(),
        Err(_) => (StatusCode::SEE_OTHER, [(LOCATION, HeaderValue::from_static("/login"))]).into_response(),
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let error = match self {
            Self::LoginRequired { next, htmx } => return login_redirect(&next, htmx),
            Self::App(error) => error,
        };
        error.log();
        let status = error.status();
        match error {
            AppError::NotFound => not_found_page().into_response(),
            AppError::Unauthorized => login_redirect("/", false),
            AppError::Internal(_) => error_page(
                status,
                "Something went wrong",
                "Jobpilot could not finish this request. It has been logged; please try again.",
            ),
            other => {
                let detail = other.field_errors().into_iter().map(|e| e.detail).collect::<Vec<_>>().join("; ");
                error_page(status, "This request could not be completed", detail)
            }
        }
    }
}
