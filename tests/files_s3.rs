//! Files kept in an S3-compatible bucket: a local S3 server (moto's `moto_server`, from PyPI)
//! started by the test, a bucket made through the S3 API, then upload, download and delete
//! through Jobpilot with the object checked in the bucket itself.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;

#[path = "support/files.rs"]
mod files_support;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use files_support::{pdf_bytes, upload};
use reqwest::{Method, StatusCode};

const BUCKET: &str = "jobpilot-files";

/// A `moto_server` process, stopped when the test ends however it ends.
struct S3Server {
    child: Child,
    endpoint: String,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_s3() -> S3Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("free port").local_addr().expect("address").port();
    let child = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start moto_server ({e}): install it with `pip install 'moto[server]'` (scripts/test.sh does)"));
    let server = S3Server { child, endpoint: format!("http://127.0.0.1:{port}") };
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if client.get(&server.endpoint).send().await.is_ok() {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("moto_server did not answer on {} within 10 s", server.endpoint);
}

/// The keys and sizes in the bucket, read with S3's ListObjectsV2 (moto needs no signature).
async fn bucket_objects(endpoint: &str) -> Vec<(String, String)> {
    let xml = reqwest::get(format!("{endpoint}/{BUCKET}?list-type=2")).await.expect("list").text().await.expect("xml");
    let between = |text: &str, tag: &str| -> Vec<String> {
        text.split(&format!("<{tag}>")).skip(1).filter_map(|rest| rest.split(&format!("</{tag}>")).next()).map(str::to_string).collect()
    };
    between(&xml, "Contents").iter().map(|c| (between(c, "Key").concat(), between(c, "Size").concat())).collect()
}

/// Jobpilot configured with the bucket on `s3` (which need not exist).
async fn app_on(s3: &S3Server) -> support::TestApp {
    let endpoint = s3.endpoint.clone();
    support::spawn_app_with(move |config| {
        config.s3_bucket = Some(BUCKET.to_string());
        config.s3_endpoint = Some(endpoint);
        config.s3_allow_http = true;
        config.s3_access_key_id = Some("test-key".to_string());
        config.s3_secret_access_key = Some("test-secret".to_string());
    })
    .await
}

#[tokio::test]
async fn with_an_s3_bucket_configured_files_round_trip_through_the_bucket() {
    let s3 = start_s3().await;
    let created = reqwest::Client::new().put(format!("{}/{BUCKET}", s3.endpoint)).send().await.expect("create bucket");
    assert!(created.status().is_success(), "create bucket: {}", created.status());
    let app = app_on(&s3).await;
    assert_eq!(app.state.storage.place(), format!("s3://{BUCKET}"));
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let pdf = pdf_bytes();

    let (status, file) = upload(&app, &token, &application, "offer.pdf", "application/pdf", &pdf, Some("offer_letter")).await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    let objects = bucket_objects(&s3.endpoint).await;
    assert_eq!(objects.len(), 1, "{objects:?}");
    assert_eq!(objects[0].1, pdf.len().to_string(), "the whole file is in the bucket");
    assert!(!objects[0].0.contains("offer"), "the key is not the user's file name: {}", objects[0].0);

    let id = file["id"].as_str().expect("id");
    let download = app.client.get(app.url(&format!("/api/v1/files/{id}/content"))).bearer_auth(&token).send().await.expect("download");
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.bytes().await.expect("bytes").as_ref(), pdf.as_slice());

    assert_eq!(app.send(Method::DELETE, &token, &format!("/api/v1/files/{id}"), None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(bucket_objects(&s3.endpoint).await, vec![], "the object left the bucket with the file");
}

#[tokio::test]
async fn when_the_store_refuses_the_object_no_row_or_audit_row_is_written() {
    let s3 = start_s3().await;
    let app = app_on(&s3).await; // the bucket was never created
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let (status, body) = upload(&app, &token, &application, "offer.pdf", "application/pdf", &pdf_bytes(), None).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    assert!(!body.to_string().contains(BUCKET), "no internals in the answer: {body}");
    let mut conn = app.owner_connection().await;
    let rows: i64 = sqlx::query_scalar("select count(*) from artifacts").fetch_one(&mut conn).await.expect("count");
    assert_eq!(rows, 0);
    assert_eq!(app.audit_count("file.upload").await, 0);
}
