//! Files on an application's page over real HTTP and PostgreSQL: a plain multipart upload
//! (CSRF token in the form) and an htmx one (token in the header), the Files list and the
//! timeline, refused files shown next to the form, download, delete, another user's file.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;
#[allow(dead_code)]
#[path = "pages/helpers.rs"]
mod helpers;
#[path = "support/files.rs"]
mod files_support;

use files_support::{ELF, Part, multipart_body, pdf_bytes};
use helpers::{csrf_token, log_in_with_form};
use reqwest::{Client, StatusCode};
use support::{STRONG_PASSWORD, TestApp, spawn_app};

async fn logged_in(app: &TestApp, email: &str) -> (Client, String) {
    let (_, application) = catalog::applicant(app, email).await;
    let client = app.browser_client();
    let response = log_in_with_form(app, &client, email, STRONG_PASSWORD, "/pipeline").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "logged in");
    (client, application)
}

async fn page(app: &TestApp, client: &Client, application: &str) -> String {
    client.get(app.url(&format!("/applications/{application}"))).send().await.expect("page").text().await.expect("html")
}

async fn post_multipart(app: &TestApp, client: &Client, path: &str, parts: &[Part<'_>], htmx_token: Option<&str>) -> reqwest::Response {
    let (content_type, body) = multipart_body(parts);
    let mut request = client.post(app.url(path)).header("content-type", content_type).body(body);
    if let Some(token) = htmx_token {
        request = request.header("HX-Request", "true").header("X-CSRF-Token", token);
    }
    request.send().await.expect("post")
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).expect("selector");
    scraper::Html::parse_document(html).select(&selector).map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

#[tokio::test]
async fn a_file_uploaded_without_javascript_is_listed_on_the_timeline_downloaded_and_deleted() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (client, application) = logged_in(&app, "ada@example.org").await;
    let token = csrf_token(&page(&app, &client, &application).await);
    let pdf = pdf_bytes();
    let path = format!("/applications/{application}/files");

    let parts: [Part<'_>; 3] = [("csrf_token", None, "text/plain", token.as_bytes()), ("file", Some("offer.pdf"), "application/pdf", &pdf),
        ("kind", None, "text/plain", b"offer_letter")];
    let response = post_multipart(&app, &client, &path, &parts, None).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "a plain post is redirected back");

    let html = page(&app, &client, &application).await;
    let rows = texts(&html, "#files li");
    assert_eq!(rows.len(), 1, "{rows:?}");
    let size = format!("{:.1} KiB", pdf.len() as f64 / 1024.0);
    assert!(rows[0].starts_with(&format!("offer.pdf · Offer letter · {size} · uploaded")), "{}", rows[0]);
    assert!(texts(&html, "#timeline li").iter().any(|t| t.ends_with("File uploaded: offer.pdf")), "on the timeline");

    let href = helpers::attr_of(&html, "#files a[download]", "href").expect("download link");
    let download = client.get(app.url(&href)).send().await.expect("download");
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.headers()["content-disposition"], "attachment; filename=\"offer.pdf\"; filename*=UTF-8''offer.pdf");
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    assert_eq!(download.bytes().await.expect("bytes").as_ref(), pdf.as_slice());

    let (bob, _) = logged_in(&app, "bob@example.org").await;
    assert_eq!(bob.get(app.url(&href)).send().await.expect("get").status(), StatusCode::NOT_FOUND, "another user's file");

    let delete = format!("{href}/delete");
    let response = client.post(app.url(&delete)).form(&[("csrf_token", token.as_str())]).send().await.expect("delete");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(texts(&page(&app, &client, &application).await, "#files li").is_empty());
    assert_eq!(app.audit_count("file.delete").await, 1);
}

#[tokio::test]
async fn a_refused_file_is_explained_next_to_the_form_and_a_missing_token_is_refused() {
    let app = support::spawn_app_with(|config| config.upload_max_bytes = 100_000).await;
    catalog::load(&app).await;
    let (client, application) = logged_in(&app, "ada@example.org").await;
    let token = csrf_token(&page(&app, &client, &application).await);
    let path = format!("/applications/{application}/files");

    let response = post_multipart(&app, &client, &path, &[("file", Some("offer.pdf"), "application/pdf", ELF)], Some(&token)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errors = texts(&response.text().await.expect("html"), "#new-file .field-error");
    assert!(errors.iter().any(|e| e.contains("application/x-executable") && e.contains("not accepted")), "{errors:?}");

    let pdf = pdf_bytes();
    let response = post_multipart(&app, &client, &path, &[("file", Some("offer.pdf"), "application/pdf", &pdf)], Some(&token)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errors = texts(&response.text().await.expect("html"), "#new-file .field-error");
    assert!(errors.iter().any(|e| e.contains("at most 97.7 KiB")), "{errors:?}");

    let response = post_multipart(&app, &client, &path, &[("file", Some("notes.txt"), "text/plain", b"hello")], None).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "no CSRF token in the form or header");
    assert!(texts(&page(&app, &client, &application).await, "#files li").is_empty(), "nothing was kept");
}
