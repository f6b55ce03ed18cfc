//! The one error type handlers return, and how each outcome reaches a client.
//!
//! Every 4xx carries `{"errors":[{"field":…,"detail":…}]}` so a client can point at the input
//! that was wrong. A 5xx logs the whole error chain and tells the client nothing but the request
//! id (in the `x-request-id` header), so internals never leak.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// One problem with a request, tied to the input field it concerns when there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The JSON path or form field at fault; null when the problem is the request as a whole.
    pub field: Option<String>,
    pub detail: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self { field: Some(field.into()), detail: detail.into() }
    }

    pub fn general(detail: impl Into<String>) -> Self {
        Self { field: None, detail: detail.into() }
    }
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub errors: Vec<FieldError>,
}

/// Every outcome a client can see, plus `Internal` for everything it should not.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("bad request: {0:?}")]
    BadRequest(FieldError),
    #[error("authentication required")]
    Unauthorized,
    #[error("wrong email or password")]
    BadCredentials,
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0:?}")]
    Conflict(FieldError),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// An upload or import over its own limit, with the limit named (413).
    #[error("too large: {0:?}")]
    TooLarge(FieldError),
    /// Content whose real type is not accepted where it was sent, e.g. a disguised executable (415).
    #[error("wrong media type: {0:?}")]
    WrongMediaType(FieldError),
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldError>),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// A single-field validation failure (422).
    pub fn invalid(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, detail)])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized | Self::BadCredentials => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::PayloadTooLarge | Self::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::WrongMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the client is told: field errors for 4xx, an opaque line for 5xx.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            Self::BadRequest(e) | Self::Conflict(e) | Self::TooLarge(e) | Self::WrongMediaType(e) => {
                vec![e.clone()]
            }
            Self::Validation(errors) => errors.clone(),
            Self::Unauthorized => vec![FieldError::general("authentication required")],
            Self::BadCredentials => vec![FieldError::general("email or password is incorrect")],
            Self::Forbidden(detail) => vec![FieldError::general(detail.clone())],
            Self::NotFound => vec![FieldError::general("not found")],
            Self::PayloadTooLarge => vec![FieldError::general("request body is larger than 1 MiB")],
            Self::UnsupportedMediaType => {
                vec![FieldError::general("expected a body of type application/json")]
            }
            Self::TooManyRequests { .. } => {
                vec![FieldError::general("too many attempts; try again later")]
            }
            Self::Internal(_) => vec![FieldError::general(
                "internal error; quote the x-request-id response header when reporting it",
            )],
        }
    }

    /// Logs server-side failures with their whole cause chain, once, where they surface.
    pub fn log(&self) {
        if let Self::Internal(error) = self {
            tracing::error!(error = format!("{error:#}"), "request failed");
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        if let sqlx::Error::RowNotFound = error {
            return Self::NotFound;
        }
        if let Some(mapped) = crate::db::constraints::to_app_error(&error) {
            return mapped;
        }
        Self::Internal(anyhow::Error::new(error))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let mut response = (status, Json(ErrorBody { errors: self.field_errors() })).into_response();
        let headers = response.headers_mut();
        match self {
            Self::Unauthorized => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            Self::TooManyRequests { retry_after_secs } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            }
            _ => {}
        }
        response
    }
}

/// Shorthand for handler and service results.
pub type AppResult<T> = Result<T, AppError>;
