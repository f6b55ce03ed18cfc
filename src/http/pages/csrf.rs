//! Cross-site request forgery protection: a synchronizer token per session, checked by a
//! middleware on every state-changing page request before any handler runs.
//!
//! SameSite=Lax already keeps the session cookie off most cross-site POSTs; the token covers
//! what Lax does not (sibling subdomains, old browsers) and makes the rule explicit.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use super::errors::{self, PageError, PageResult};
use crate::app::AppState;
use crate::http::extract::has_content_type;
use crate::http::middleware::BODY_LIMIT_BYTES;

const SESSION_KEY: &str = "csrf_token";
/// The hidden form field every form carries.
pub const FORM_FIELD: &str = "csrf_token";
/// The header htmx sends (set once on `<body>` with `hx-headers`).
pub const HEADER: &str = "x-csrf-token";

/// The session's token, created on first use (which is what starts an anonymous session).
pub async fn token(session: &Session) -> PageResult<String> {
    if let Some(existing) = session.get::<String>(SESSION_KEY).await? {
        return Ok(existing);
    }
    let fresh = crate::domain::secret::url_safe();
    session.insert(SESSION_KEY, &fresh).await?;
    Ok(fresh)
}

/// Replaces the token at login: a token seen before login (say, by someone who planted the
/// session) must not remain valid for the logged-in session.
pub async fn rotate(session: &Session) -> PageResult<String> {
    let fresh = crate::domain::secret::url_safe();
    session.insert(SESSION_KEY, &fresh).await?;
    Ok(fresh)
}

fn matches(expected: &str, given: &str) -> bool {
    // Length is not secret (every token has the same length); the bytes are.
    bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

/// Lets safe methods through; every other request needs the session's token in the
/// `X-CSRF-Token` header or in the `csrf_token` field of a url-encoded or multipart form (an
/// upload without JavaScript). Other bodies (JSON) must use the header: failing closed beats
/// guessing at their format.
pub async fn verify(State(app): State<AppState>, session: Session, request: Request, next: Next) -> Response {
    if request.method().is_safe() {
        return next.run(request).await;
    }
    let expected = match session.get::<String>(SESSION_KEY).await {
        Ok(Some(token)) => token,
        Ok(None) => return errors::csrf_failed_page(),
        Err(error) => return PageError::from(error).into_response(),
    };
    let header = request.headers().get(HEADER).and_then(|v| v.to_str().ok());
    if header.is_some_and(|given| matches(&expected, given)) {
        return next.run(request).await;
    }
    if has_content_type(request.headers(), "multipart/form-data") {
        return verify_multipart(&expected, app.config.upload_max_bytes, request, next).await;
    }
    if !has_content_type(request.headers(), "application/x-www-form-urlencoded") {
        return errors::csrf_failed_page();
    }
    let (parts, body) = request.into_parts();
    // The only failures are the size limit and a client that hung up mid-body; the latter
    // never sees the answer, so the former's page serves both.
    let Ok(bytes) = to_bytes(body, BODY_LIMIT_BYTES).await else {
        return errors::too_large_page();
    };
    let given = form_urlencoded::parse(&bytes).find(|(key, _)| key == FORM_FIELD).map(|(_, value)| value);
    if !given.is_some_and(|given| matches(&expected, &given)) {
        return errors::csrf_failed_page();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// A multipart form read whole (within the upload limit), its `csrf_token` field checked, then
/// passed on unchanged. Reading it here costs no more than the handler's own read would.
async fn verify_multipart(expected: &str, upload_limit: u64, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let limit = usize::try_from(upload_limit + crate::http::upload::FORM_MARGIN).unwrap_or(usize::MAX);
    let Ok(bytes) = to_bytes(body, limit).await else {
        return errors::upload_too_large_page(upload_limit);
    };
    let content_type = parts.headers.get(CONTENT_TYPE).cloned();
    if !multipart_token(content_type, bytes.clone()).await.is_some_and(|given| matches(expected, &given)) {
        return errors::csrf_failed_page();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// The form's `csrf_token` field, if it has one and the body is well-formed up to it.
async fn multipart_token(content_type: Option<axum::http::HeaderValue>, bytes: Bytes) -> Option<String> {
    let mut copy = Request::new(Body::from(bytes));
    copy.headers_mut().insert(CONTENT_TYPE, content_type?);
    let mut form = Multipart::from_request(copy, &()).await.ok()?;
    while let Some(field) = form.next_field().await.ok()? {
        if field.name() == Some(FORM_FIELD) {
            return field.text().await.ok();
        }
    }
    None
}
