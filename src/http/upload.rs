//! What the API and the pages share about files: reading a multipart upload within the size
//! limit, and answering a download with headers that keep a browser from running it.

use axum::body::{Body, Bytes};
use axum::extract::multipart::{Field, Multipart, MultipartError};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::db::artifacts::FileInfo;
use crate::domain::upload::content_disposition;
use crate::error::{AppError, AppResult, FieldError};
use crate::services::files::{Upload, too_large};

/// Room for the form's small fields (kind, CSRF token) and the multipart framing.
pub const FORM_MARGIN: u64 = 64 * 1024;

/// The `file` part and the optional `kind` field; other fields (the CSRF token) are skipped.
/// Reads chunk by chunk and stops at `limit`: a bigger file is a 413 before it is all in memory.
pub async fn read(mut multipart: Multipart, limit: u64) -> AppResult<Upload> {
    let mut budget = limit + FORM_MARGIN;
    let (mut file, mut kind) = (None, None);
    while let Some(field) = multipart.next_field().await.map_err(|e| multipart_error(e, limit))? {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                let bytes = read_field(field, limit, &mut budget).await?;
                file = Some((name, bytes));
            }
            Some("kind") => {
                let bytes = read_field(field, FORM_MARGIN, &mut budget).await?;
                kind = Some(String::from_utf8(bytes.to_vec()).map_err(|_| AppError::invalid("kind", "must be text"))?);
            }
            _ => {
                read_field(field, FORM_MARGIN, &mut budget).await?;
            }
        }
    }
    let (file_name, bytes) = file.ok_or_else(|| AppError::invalid("file", "is required: send the file as the multipart part `file`"))?;
    Ok(Upload { file_name, kind, bytes })
}

async fn read_field(mut field: Field<'_>, limit: u64, budget: &mut u64) -> AppResult<Bytes> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(e, limit))? {
        let len = chunk.len() as u64;
        if bytes.len() as u64 + len > limit || len > *budget {
            return Err(too_large(limit));
        }
        *budget -= len;
        bytes.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(bytes))
}

fn multipart_error(error: MultipartError, limit: u64) -> AppError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return too_large(limit);
    }
    AppError::BadRequest(FieldError::general(format!("malformed multipart body: {}", error.body_text())))
}

/// The 415 for a body that is not `multipart/form-data` at all.
pub fn not_multipart() -> AppError {
    AppError::WrongMediaType(FieldError::general("expected a multipart/form-data body with a `file` part"))
}

/// The bytes as an attachment of their sniffed type, never rendered inline: `nosniff` and a
/// sandbox CSP keep even a file that fooled the sniffer from running as a page.
pub fn download(info: &FileInfo, stream: futures::stream::BoxStream<'static, std::io::Result<Bytes>>) -> AppResult<Response> {
    let value = |text: &str| {
        HeaderValue::from_str(text).map_err(|e| AppError::Internal(anyhow::anyhow!("header value for file {}: {e}", info.id)))
    };
    let mut response = Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, value(&info.content_type)?);
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(info.size_bytes));
    headers.insert(header::CONTENT_DISPOSITION, value(&content_disposition(&info.file_name))?);
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}
