//! What every page's base layout needs (title, who is logged in, the CSRF token), and rendering.

use askama::Template;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse};

use super::errors::PageResult;
use super::session::PageUser;

/// Pages allow nothing inline and nothing from elsewhere; htmx is configured (via its meta
/// tag) not to inject styles or evaluate code, so it runs under this policy unchanged.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

/// The parts of the base layout that differ per request.
#[derive(Debug, Clone)]
pub struct Layout {
    pub title: String,
    /// The logged-in user's email, shown in the header; `None` shows Log in / Sign up.
    pub user_email: Option<String>,
    /// Present on every page with a form, including the header's Log out button.
    pub csrf_token: Option<String>,
    /// Which header link is the current page.
    pub current: &'static str,
    /// The logged-in user's unread notifications, shown beside the header's link to them.
    pub unread: i64,
}

impl Layout {
    pub fn anonymous(title: &str) -> Self {
        Self { title: title.to_string(), user_email: None, csrf_token: None, current: "", unread: 0 }
    }

    pub fn with_token(title: &str, csrf_token: String) -> Self {
        Self { csrf_token: Some(csrf_token), ..Self::anonymous(title) }
    }

    /// A logged-in page: the header shows the user and their unread notification count.
    pub fn for_user(title: &str, user: &PageUser, csrf_token: String, current: &'static str) -> Self {
        Self {
            user_email: Some(user.email.clone()),
            current,
            unread: user.unread_notifications,
            ..Self::with_token(title, csrf_token)
        }
    }
}

/// Renders a template as an HTML response with the given status.
pub fn render(status: StatusCode, page: &impl Template) -> PageResult {
    Ok((status, Html(page.render()?)).into_response())
}

/// Whether htmx sent the request, so a fragment (not a whole page) is the answer.
pub fn is_htmx(headers: &HeaderMap) -> bool {
    headers.get("hx-request").is_some_and(|v| v == "true")
}
