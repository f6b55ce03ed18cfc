//! Cross-site request forgery protection: a synchronizer token per session, checked by a
//! middleware on every state-changing page request before any handler runs.
//!
//! SameSite=Lax already keeps the session cookie off most cross-site POSTs; the token covers
//! what Lax does not (sibling subdomains, old browsers) and makes the rule explicit.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use super::errors::{self, PageError, PageResult};
use crate::error::{AppError, FieldError};
use crate::http::extract::has_content_type;
use crate::http::middleware::{BODY_LIMIT_BYTES, UPLOAD_LIMIT_BYTES};

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

/// The `csrf_token` part of a multipart body (forms put it first, so it is found before any
/// file); `None` when the body is not valid multipart or has no such part.
async fn multipart_token(headers: &HeaderMap, bytes: Bytes) -> Option<String> {
    let mut request = Request::new(Body::from(bytes));
    *request.headers_mut() = headers.clone();
    let mut multipart = Multipart::from_request(request, &()).await.ok()?;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some(FORM_FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

/// Lets safe methods through; every other request needs the session's token in the
/// `X-CSRF-Token` header or in the `csrf_token` field of a url-encoded or multipart form (a
/// file upload without JavaScript). Other bodies (JSON) must use the header: failing closed
/// beats guessing at their format.
pub async fn verify(session: Session, request: Request, next: Next) -> Response {
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
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, UPLOAD_LIMIT_BYTES).await else {
            let limit = format!("the form is larger than {} MiB", UPLOAD_LIMIT_BYTES >> 20);
            return PageError::from(AppError::TooLarge(FieldError::general(limit))).into_response();
        };
        let given = multipart_token(&parts.headers, bytes.clone()).await;
        if !given.is_some_and(|given| matches(&expected, &given)) {
            return errors::csrf_failed_page();
        }
        return next.run(Request::from_parts(parts, Body::from(bytes))).await;
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
