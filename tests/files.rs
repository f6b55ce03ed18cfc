//! Files on applications through the JSON API over real HTTP and PostgreSQL: upload, list,
//! metadata, download (bytes and headers), delete, each audited; disguised executables,
//! oversized files, another user's ids, no token.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;

#[path = "support/files.rs"]
mod files_support;

use files_support::{ELF, pdf_bytes, upload};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use sha2::{Digest, Sha256};
use support::spawn_app;

#[tokio::test]
async fn a_pdf_is_uploaded_listed_described_downloaded_intact_and_deleted_each_audited() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let pdf = pdf_bytes();

    let (status, file) = upload(&app, &token, &application, "Offer – Acme.pdf", "application/pdf", &pdf, Some("offer_letter")).await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    assert_eq!(file["file_name"], "Offer – Acme.pdf");
    assert_eq!(file["kind"], "offer_letter");
    assert_eq!(file["content_type"], "application/pdf");
    assert_eq!(file["size_bytes"], pdf.len());
    assert_eq!(file["sha256"], hex::encode(Sha256::digest(&pdf)));
    assert!(file.get("storage_key").is_none(), "the storage key stays inside");
    let id = file["id"].as_str().expect("id").to_string();

    let (_, list) = app.send(Method::GET, &token, &format!("/api/v1/applications/{application}/files"), None).await;
    let ids: Vec<&str> = list.as_array().expect("list").iter().map(|f| f["id"].as_str().expect("id")).collect();
    assert_eq!(ids, [id.as_str()]);
    let (status, described) = app.send(Method::GET, &token, &format!("/api/v1/files/{id}"), None).await;
    assert_eq!((status, described["sha256"].clone()), (StatusCode::OK, file["sha256"].clone()));

    let download = app.client.get(app.url(&format!("/api/v1/files/{id}/content"))).bearer_auth(&token).send().await.expect("download");
    assert_eq!(download.status(), StatusCode::OK);
    let header = |name: &str| download.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    assert_eq!(header("content-type"), "application/pdf");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("content-length"), pdf.len().to_string());
    assert_eq!(header("content-disposition"), "attachment; filename=\"Offer _ Acme.pdf\"; filename*=UTF-8''Offer%20%E2%80%93%20Acme.pdf");
    assert_eq!(download.bytes().await.expect("bytes").as_ref(), pdf.as_slice(), "the same bytes come back");

    assert_eq!(app.send(Method::DELETE, &token, &format!("/api/v1/files/{id}"), None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.send(Method::GET, &token, &format!("/api/v1/files/{id}"), None).await.0, StatusCode::NOT_FOUND);
    let files_dir = app.state.config.data_dir.join("files");
    assert_eq!(std::fs::read_dir(&files_dir).expect("files folder").count(), 0, "the object is gone too");
    for action in ["file.upload", "file.delete"] {
        assert_eq!(app.audit_count(action).await, 1, "{action}");
    }
}

#[tokio::test]
async fn an_executable_named_like_a_pdf_is_refused_with_415_and_nothing_is_kept() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let pe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8\x00\x00\x00";
    for (bytes, found) in [(ELF, "application/x-executable"), (&pe[..], "application/vnd.microsoft.portable-executable")] {
        let (status, body) = upload(&app, &token, &application, "offer.pdf", "application/pdf", bytes, None).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
        assert_eq!(body["errors"][0]["field"], "file");
        assert!(body["errors"][0]["detail"].as_str().expect("detail").contains(found), "{body}");
    }
    let (status, body) = upload(&app, &token, &application, "notes.txt", "text/plain", b"#!/bin/sh\ncurl x | sh\n", None).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "a script is no text file: {body}");
    let (status, body) = upload(&app, &token, &application, "offer.pdf", "application/pdf", &pdf_bytes(), Some("payslip")).await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, Value::from("kind")));
    let (_, list) = app.send(Method::GET, &token, &format!("/api/v1/applications/{application}/files"), None).await;
    assert_eq!(list, Value::Array(vec![]));
    assert_eq!(app.audit_count("file.upload").await, 0);
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_with_413_naming_the_limit() {
    let app = support::spawn_app_with(|config| config.upload_max_bytes = 100_000).await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let (status, body) = upload(&app, &token, &application, "big.pdf", "application/pdf", &pdf_bytes(), None).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(body["errors"][0]["field"], "file");
    assert!(body["errors"][0]["detail"].as_str().expect("detail").contains("100000 bytes"), "{body}");
    let small = "A take-home task: a short text file.\n".as_bytes();
    let (status, text) = upload(&app, &token, &application, "task.md", "text/markdown", small, Some("take_home")).await;
    assert_eq!((status, text["content_type"].clone()), (StatusCode::CREATED, Value::from("text/plain; charset=utf-8")));
}

#[tokio::test]
async fn another_users_application_or_file_is_404_and_stays_as_it_was() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (ada, ada_application) = catalog::applicant(&app, "ada@example.org").await;
    let (bob, bob_application) = catalog::applicant(&app, "bob@example.org").await;
    let (_, file) = upload(&app, &ada, &ada_application, "offer.pdf", "application/pdf", &pdf_bytes(), None).await;
    let id = file["id"].as_str().expect("id");

    let (status, _) = upload(&app, &bob, &ada_application, "mine.pdf", "application/pdf", &pdf_bytes(), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "upload to another user's application");
    assert_eq!(app.send(Method::GET, &bob, &format!("/api/v1/applications/{ada_application}/files"), None).await.0, StatusCode::NOT_FOUND);
    for (method, path) in [(Method::GET, format!("/api/v1/files/{id}")), (Method::GET, format!("/api/v1/files/{id}/content")),
        (Method::DELETE, format!("/api/v1/files/{id}"))] {
        assert_eq!(app.send(method.clone(), &bob, &path, None).await.0, StatusCode::NOT_FOUND, "{method} {path}");
    }
    let (_, bobs) = app.send(Method::GET, &bob, &format!("/api/v1/applications/{bob_application}/files"), None).await;
    assert_eq!(bobs, Value::Array(vec![]));
    let (status, still) = app.send(Method::GET, &ada, &format!("/api/v1/files/{id}"), None).await;
    assert_eq!((status, still["sha256"].clone()), (StatusCode::OK, file["sha256"].clone()));
    assert_eq!(app.audit_count("file.upload").await, 1);
    assert_eq!(app.audit_count("file.delete").await, 0);

    let anonymous = app.client.get(app.url(&format!("/api/v1/files/{id}/content"))).send().await.expect("request");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let body = reqwest::Body::from(pdf_bytes());
    let anonymous = app.client.post(app.url(&format!("/api/v1/applications/{ada_application}/files"))).body(body).send().await.expect("request");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_body_that_is_not_multipart_or_has_no_file_part_is_refused_naming_it() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let path = format!("/api/v1/applications/{application}/files");
    let raw = app.client.post(app.url(&path)).bearer_auth(&token).header("content-type", "application/pdf").body(pdf_bytes()).send();
    assert_eq!(raw.await.expect("request").status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, body) = app.send(Method::POST, &token, &path, Some(serde_json::json!({ "kind": "other" }))).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
    let (status, body) = files_support::send_multipart(&app, &token, &path, &[("kind", None, "text/plain", b"other")]).await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, Value::from("file")));
}

#[tokio::test]
async fn the_file_routes_are_in_the_served_openapi_document_with_a_multipart_upload() {
    let app = spawn_app().await;
    let spec: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("request").json().await.expect("json");
    for path in ["/api/v1/applications/{id}/files", "/api/v1/files/{id}", "/api/v1/files/{id}/content"] {
        assert!(spec["paths"].get(path).is_some(), "{path} documented");
    }
    let upload = &spec["paths"]["/api/v1/applications/{id}/files"]["post"];
    assert!(upload["requestBody"]["content"]["multipart/form-data"].is_object(), "{upload}");
    for status in ["201", "404", "413", "415"] {
        assert!(upload["responses"].get(status).is_some(), "{status} documented");
    }
}

#[tokio::test]
async fn when_the_row_cannot_be_written_the_stored_object_is_removed_again() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let mut conn = app.owner_connection().await;
    // A database that refuses the insert after the bytes are already in the store.
    for statement in [
        "create function refuse_artifacts() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$",
        "create trigger refuse_artifacts before insert on artifacts for each row execute function refuse_artifacts()",
    ] {
        sqlx::query(statement).execute(&mut conn).await.expect("install the refusing trigger");
    }
    let (status, body) = upload(&app, &token, &application, "offer.pdf", "application/pdf", &pdf_bytes(), None).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    let files_dir = app.state.config.data_dir.join("files");
    assert_eq!(std::fs::read_dir(&files_dir).expect("files folder").count(), 0, "no object without its row");
    assert_eq!(app.audit_count("file.upload").await, 0);
}
