//! Uploads for the file tests: multipart bodies written by hand (so a test can claim any type
//! it likes), a real PDF from the shared test data, and an executable's first bytes.

#![allow(dead_code)]

use reqwest::StatusCode;
use serde_json::Value;

use super::support::TestApp;

/// The start of a 64-bit Linux executable.
pub const ELF: &[u8] = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00\x01\x00\x00\x00";

/// A real resume PDF (about 630 KB) from the shared test data.
pub fn pdf_bytes() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/resumes/reactive-resume/pdf/gengar.pdf");
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// One form part: (name, file name, content type, bytes).
pub type Part<'a> = (&'a str, Option<&'a str>, &'a str, &'a [u8]);

/// A `multipart/form-data` body and its content type, parts in order.
pub fn multipart_body(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let boundary = format!("jp-{}", uuid::Uuid::new_v4().simple());
    let mut body = Vec::new();
    for (name, file_name, content_type, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\ncontent-disposition: form-data; name=\"{name}\"").as_bytes());
        if let Some(file_name) = file_name {
            body.extend_from_slice(format!("; filename=\"{file_name}\"").as_bytes());
        }
        body.extend_from_slice(format!("\r\ncontent-type: {content_type}\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Sends the parts to the API with the bearer token; the status and the JSON answer.
pub async fn send_multipart(app: &TestApp, token: &str, path: &str, parts: &[Part<'_>]) -> (StatusCode, Value) {
    let (content_type, body) = multipart_body(parts);
    let response = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("upload request");
    let status = response.status();
    let text = response.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Uploads `bytes` as `file_name` to the application, with an optional kind.
pub async fn upload(
    app: &TestApp,
    token: &str,
    application: &str,
    file_name: &str,
    content_type: &str,
    bytes: &[u8],
    kind: Option<&str>,
) -> (StatusCode, Value) {
    let mut parts: Vec<Part<'_>> = vec![("file", Some(file_name), content_type, bytes)];
    if let Some(kind) = kind {
        parts.push(("kind", None, "text/plain", kind.as_bytes()));
    }
    send_multipart(app, token, &format!("/api/v1/applications/{application}/files"), &parts).await
}
