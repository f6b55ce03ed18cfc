//! The CSV import page and the board's export link over real HTTP and PostgreSQL: upload or
//! paste, a preview that stores nothing, a confirm that re-reads the carried file and imports,
//! the board's one-time summary, and the CSRF token a multipart form must carry.

mod support;

#[allow(dead_code)]
#[path = "pages/helpers.rs"]
mod helpers;

use helpers::{csrf_token, location, log_in_with_form};
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::{Client, StatusCode};
use scraper::{Html, Selector};
use support::{STRONG_PASSWORD, TestApp, spawn_app};

const BOUNDARY: &str = "jobpilot-test-boundary-7f3a";

/// A multipart/form-data body as a browser sends it; `file` parts carry a file name.
fn multipart(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        if *name == "file" {
            body.extend_from_slice(b"Content-Disposition: form-data; name=\"file\"; filename=\"tracker.csv\"\r\nContent-Type: text/csv\r\n\r\n");
        } else {
            body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn logged_in(app: &TestApp, email: &str) -> (Client, String) {
    let token = app.sign_up(email).await;
    let client = app.browser_client();
    let response = log_in_with_form(app, &client, email, STRONG_PASSWORD, "/pipeline").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "logged in");
    (client, token)
}

async fn page(client: &Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.expect("get");
    (response.status(), response.text().await.expect("body"))
}

async fn post(client: &Client, app: &TestApp, path: &str, body: Vec<u8>) -> reqwest::Response {
    client
        .post(app.url(path))
        .header(CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(body)
        .send()
        .await
        .expect("post")
}

fn cells(html: &str, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("selector");
    Html::parse_document(html).select(&selector).map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

fn value_of(html: &str, css: &str) -> String {
    let selector = Selector::parse(css).expect("selector");
    let document = Html::parse_document(html);
    document.select(&selector).next().and_then(|e| e.value().attr("value")).expect(css).to_string()
}

async fn count(app: &TestApp, token: &str) -> usize {
    let (_, page) = app.send(reqwest::Method::GET, token, "/api/v1/applications?limit=100", None).await;
    page["items"].as_array().expect("items").len()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

#[tokio::test]
async fn an_uploaded_file_is_previewed_row_by_row_then_imported_on_confirm_and_the_board_says_so_once() {
    let app = spawn_app().await;
    let (client, token) = logged_in(&app, "ada@example.org").await;
    let (status, form) = page(&client, &app, "/pipeline/import").await;
    assert_eq!(status, StatusCode::OK);
    assert!(cells(&form, "#import-columns code").contains(&"company".to_string()), "documented columns listed");
    let csrf = csrf_token(&form);

    let file = fixture("google_sheets.csv");
    let response = post(&client, &app, "/pipeline/import?step=preview", multipart(&[("csrf_token", csrf.as_bytes()), ("file", &file), ("date_order", b"mdy")])).await;
    assert_eq!(response.status(), StatusCode::OK);
    let preview = response.text().await.expect("body");
    assert_eq!(cells(&preview, "#import-created tbody tr td:first-child"), ["2", "3", "8", "11"]);
    assert_eq!(cells(&preview, "#import-skipped tbody tr td"), ["4", "the same posting as line 2"]);
    assert_eq!(cells(&preview, "#import-errors tbody tr td:first-child"), ["5", "6", "7"]);
    assert!(cells(&preview, "#import-errors tbody tr td").contains(&"title is empty".to_string()));
    assert_eq!(count(&app, &token).await, 0, "a preview stores nothing");

    let carried = value_of(&preview, "#import-confirm input[name=carried]");
    let response = post(&client, &app, "/pipeline/import?step=confirm", multipart(&[("csrf_token", csrf.as_bytes()), ("date_order", b"mdy"), ("carried", carried.as_bytes())])).await;
    assert_eq!((response.status(), location(&response)), (StatusCode::SEE_OTHER, "/pipeline".to_string()));
    assert_eq!(count(&app, &token).await, 4);

    let (_, board) = page(&client, &app, "/pipeline").await;
    let summary = cells(&board, "#import-summary");
    assert_eq!(summary.len(), 1, "{board}");
    assert!(summary[0].starts_with("Imported 4 applications; 3 rows had errors; 1 skipped"), "{summary:?}");
    let (_, again) = page(&client, &app, "/pipeline").await;
    assert!(cells(&again, "#import-summary").is_empty(), "shown once");
}

#[tokio::test]
async fn pasted_text_is_read_with_the_chosen_date_order_and_a_file_without_a_title_column_is_refused() {
    let app = spawn_app().await;
    let (client, token) = logged_in(&app, "ada@example.org").await;
    let (_, form) = page(&client, &app, "/pipeline/import").await;
    let csrf = csrf_token(&form);
    let pasted = "Company;Title;URL;Date Applied\nBrisa Energia;Data Engineer;https://brisa-energia.example/empleo/datos;28/02/2024\n";
    let response = post(&client, &app, "/pipeline/import?step=preview", multipart(&[("csrf_token", csrf.as_bytes()), ("csv", pasted.as_bytes()), ("date_order", b"dmy")])).await;
    let preview = response.text().await.expect("body");
    assert_eq!(cells(&preview, "#import-created tbody tr td"), ["2", "Brisa Energia", "Data Engineer", "applied"]);
    assert!(cells(&preview, "#import-errors").is_empty(), "28/02/2024 read day first");

    let response = post(&client, &app, "/pipeline/import?step=preview", multipart(&[("csrf_token", csrf.as_bytes()), ("csv", b"Company,Link\nAcme,https://a.example/1\n")])).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = response.text().await.expect("body");
    assert!(cells(&refused, "#import-problem")[0].contains("no title column"), "{refused}");

    let response = post(&client, &app, "/pipeline/import?step=confirm", multipart(&[("csrf_token", csrf.as_bytes()), ("carried", b"%%% not base64")])).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, &token).await, 0);
}

#[tokio::test]
async fn an_upload_without_the_sessions_csrf_token_is_refused_and_imports_nothing() {
    let app = spawn_app().await;
    let (client, token) = logged_in(&app, "ada@example.org").await;
    let file = fixture("huntr.csv");
    let carried = base64_of(&file);
    for body in [
        multipart(&[("file", &file)]),
        multipart(&[("csrf_token", b"not-the-token"), ("file", &file)]),
        multipart(&[("csrf_token", b"not-the-token"), ("carried", carried.as_bytes())]),
    ] {
        let response = post(&client, &app, "/pipeline/import?step=confirm", body).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(count(&app, &token).await, 0);
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Imports a fixture through the API, as another client of the same user would.
async fn api_import(app: &TestApp, token: &str, name: &str) {
    let response = app
        .client
        .post(app.url("/api/v1/applications/import?dry_run=false"))
        .bearer_auth(token)
        .header(CONTENT_TYPE, "text/csv")
        .body(fixture(name))
        .send()
        .await
        .expect("import");
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_board_links_to_import_and_export_and_the_export_is_a_csv_download_of_ones_own_pipeline() {
    let app = spawn_app().await;
    let (client, token) = logged_in(&app, "ada@example.org").await;
    let bob = app.sign_up("bob@example.org").await;
    api_import(&app, &bob, "huntr.csv").await;
    api_import(&app, &token, "teal.csv").await;

    let (_, board) = page(&client, &app, "/pipeline").await;
    let links: Vec<String> = {
        let selector = Selector::parse("#import-link, #export-link").expect("selector");
        Html::parse_document(&board).select(&selector).filter_map(|e| e.value().attr("href").map(str::to_string)).collect()
    };
    assert_eq!(links, ["/pipeline/import", "/pipeline/export.csv"]);
    let response = client.get(app.url("/pipeline/export.csv")).send().await.expect("export");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[CONTENT_DISPOSITION].to_str().expect("ascii").starts_with("attachment; filename=\"jobpilot-applications-"));
    let text = response.text().await.expect("body");
    assert_eq!(text.lines().count(), 5, "a header and Ada's four rows, none of Bob's: {text}");
    assert!(text.contains("Larkspur Bio") && !text.contains("Kestrel Analytics"), "{text}");

    let anonymous = app.browser_client().get(app.url("/pipeline/import")).send().await.expect("get");
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER, "log in first");
}
