//! Request extractors that turn every kind of bad input into a JSON error naming the field.

use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRef, FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::services::{self, Caller};

/// A JSON body: 415 without a JSON content type, 413 over the body limit, 400 when it is not
/// JSON at all, 422 naming the field when it is JSON of the wrong shape.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        if !has_json_content_type(req.headers()) {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::BadRequest(FieldError::general(rejection.body_text()))
            }
        })?;
        decode_json(&bytes).map(ApiJson)
    }
}

/// The body's declared type without its parameters (such as charset), lower-cased.
fn declared_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(CONTENT_TYPE)?.to_str().ok()?;
    Some(value.split(';').next()?.trim().to_ascii_lowercase())
}

/// Whether the body's declared type is `mime` (any case, parameters such as charset ignored).
pub fn has_content_type(headers: &HeaderMap, mime: &str) -> bool {
    declared_type(headers).is_some_and(|given| given.eq_ignore_ascii_case(mime))
}

fn has_json_content_type(headers: &HeaderMap) -> bool {
    declared_type(headers)
        .is_some_and(|mime| mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json")))
}

/// Parses JSON, reporting the path of the offending field for shape errors.
pub fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_data() {
            AppError::Validation(vec![shape_error(&path, &inner)])
        } else {
            AppError::BadRequest(FieldError::general(format!("malformed JSON: {inner}")))
        }
    })?;
    deserializer
        .end()
        .map_err(|e| AppError::BadRequest(FieldError::general(format!("malformed JSON: {e}"))))?;
    Ok(value)
}

/// Names the field: serde reports a missing or unknown field in its message, not in the path.
fn shape_error(path: &str, error: &serde_json::Error) -> FieldError {
    let message = error.to_string();
    let detail = message.split(" at line ").next().unwrap_or(&message).to_string();
    let named = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|prefix| detail.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    // An unknown field is already in the path; a missing one is not (it never arrived).
    let field = match (named, path) {
        (Some(name), "." | "") => name.to_string(),
        (Some(name), path) if path == name || path.ends_with(&format!(".{name}")) => path.to_string(),
        (Some(name), parent) => format!("{parent}.{name}"),
        (None, path) => path.to_string(),
    };
    if field.is_empty() || field == "." {
        FieldError::general(detail)
    } else {
        FieldError::new(field, detail)
    }
}

/// Query-string parameters, 422 naming the parameter when one is malformed.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| ApiQuery(value))
            .map_err(|rejection| AppError::Validation(vec![FieldError::new("query", rejection.body_text())]))
    }
}

/// A resource id in the path; a malformed id is simply a resource that does not exist.
pub struct IdPath(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Path::<Uuid>::from_request_parts(parts, state)
            .await
            .map(|Path(id)| IdPath(id))
            .map_err(|_| AppError::NotFound)
    }
}

/// The client's address: the socket peer, or the last `X-Forwarded-For` hop when configured.
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp
where
    AppState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let app = AppState::from_ref(state);
        let forwarded = app
            .config
            .trust_proxy
            .then(|| parts.headers.get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            // The proxy appends the address it saw; earlier entries come from the client.
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse().ok());
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        Ok(ClientIp(forwarded.or(peer)))
    }
}

/// The user behind an API request's `Authorization: Bearer` token; 401 without a live token.
#[derive(Clone, Copy, Debug)]
pub struct ApiUser {
    pub user_id: Uuid,
    pub token_id: Uuid,
    pub ip: Option<IpAddr>,
}

impl ApiUser {
    pub fn caller(&self) -> Caller {
        Caller { user_id: self.user_id, ip: self.ip }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ApiUser
where
    AppState: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let app = AppState::from_ref(state);
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .ok_or(AppError::Unauthorized)?;
        let (token_id, user_id) =
            services::tokens::authenticate(&app.db, &app.tokens, token.trim()).await?.ok_or(AppError::Unauthorized)?;
        let ClientIp(ip) = ClientIp::from_request_parts(parts, state).await.unwrap_or(ClientIp(None));
        Ok(ApiUser { user_id, token_id, ip })
    }
}
