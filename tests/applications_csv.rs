//! CSV in and out through the JSON API over real HTTP and PostgreSQL: a dry run that stores
//! nothing, an import where the good rows land and each bad one is reported by line, the
//! fixtures shaped like other trackers' exports, the limits, and an export that only holds the
//! caller's applications and imports back into an empty account as the same applications.

mod support;

use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use support::{TestApp, spawn_app};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

/// Posts a CSV body to the import; returns the status and the JSON answer.
async fn import(app: &TestApp, token: &str, query: &str, body: Vec<u8>, content_type: &str) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url(&format!("/api/v1/applications/import?{query}")))
        .bearer_auth(token)
        .header(CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .expect("import");
    let status = response.status();
    (status, response.json().await.expect("json"))
}

async fn count(app: &TestApp, token: &str) -> usize {
    let (_, page) = app.send(Method::GET, token, "/api/v1/applications?limit=100", None).await;
    page["items"].as_array().expect("items").len()
}

fn lines(report: &Value, list: &str) -> Vec<u64> {
    report[list].as_array().expect(list).iter().map(|r| r["line"].as_u64().expect("line")).collect()
}

fn reason(report: &Value, list: &str, line: u64) -> String {
    let rows = report[list].as_array().expect(list);
    let row = rows.iter().find(|r| r["line"] == line).unwrap_or_else(|| panic!("no {list} row for line {line}: {report}"));
    row["reason"].as_str().expect("reason").to_string()
}

async fn export(app: &TestApp, token: &str) -> reqwest::Response {
    app.client.get(app.url("/api/v1/applications/export.csv")).bearer_auth(token).send().await.expect("export")
}

/// The rows of an exported file, without the columns a new account cannot share (ids, times
/// of creation), sorted.
fn comparable(csv_text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_string).collect();
    let keep = ["company", "title", "url", "stage", "applied_at", "source", "notes"];
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            keep.iter().map(|k| r[header.iter().position(|h| h == k).expect(k)].to_string()).collect()
        })
        .collect();
    rows.sort();
    rows
}

#[tokio::test]
async fn a_dry_run_reports_what_each_row_would_do_and_creates_nothing() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let (status, report) = import(&app, &token, "dry_run=true", fixture("google_sheets.csv"), "text/csv").await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(lines(&report, "created"), [2, 3, 8, 11]);
    assert!(report["created"].as_array().expect("created").iter().all(|r| r["application_id"].is_null()), "{report}");
    assert_eq!(lines(&report, "skipped"), [4]);
    assert_eq!(reason(&report, "skipped", 4), "the same posting as line 2");
    assert_eq!(lines(&report, "errors"), [5, 6, 7]);
    assert!(reason(&report, "errors", 5).contains("13/45/2024"));
    assert!(reason(&report, "errors", 6).contains("\"Dreaming\"") && reason(&report, "errors", 6).contains("prospect, applied"));
    assert_eq!(reason(&report, "errors", 7), "title is empty");
    assert_eq!(report["ignored_columns"], serde_json::json!(["Salary"]));
    assert_eq!(count(&app, &token).await, 0, "a dry run stores nothing");
    assert_eq!(app.audit_count("application.track").await, 0);
}

#[tokio::test]
async fn an_import_creates_the_good_rows_reports_the_bad_ones_and_skips_them_the_second_time() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let (status, report) = import(&app, &token, "dry_run=false", fixture("google_sheets.csv"), "text/csv").await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!((lines(&report, "created"), lines(&report, "skipped"), lines(&report, "errors")), (vec![2, 3, 8, 11], vec![4], vec![5, 6, 7]));
    assert_eq!(count(&app, &token).await, 4);
    assert_eq!(app.audit_count("application.track").await, 4, "each created row is audited as a typed-in job is");

    let created = report["created"].as_array().expect("created");
    let panel = created.iter().find(|r| r["line"] == 8).expect("line 8");
    let (_, detail) = app.send(Method::GET, &token, &format!("/api/v1/applications/{}", panel["application_id"].as_str().expect("id")), None).await;
    assert_eq!(detail["stage"], "interview");
    assert_eq!(detail["status_notes"], "Panel with:\n- CTO\n- two seniors");
    assert_eq!(detail["applied_at"], "2024-03-08T12:00:00Z", "a date alone is noon UTC");
    assert_eq!(detail["source_label"], "CSV import");
    let undated = created.iter().find(|r| r["line"] == 11).expect("line 11");
    assert_eq!(undated["stage"], "applied", "an empty stage with a date is applied");

    let (_, again) = import(&app, &token, "dry_run=false", fixture("google_sheets.csv"), "text/csv").await;
    assert_eq!(lines(&again, "created"), Vec::<u64>::new());
    assert_eq!(lines(&again, "skipped"), [2, 3, 4, 8, 11]);
    assert_eq!(reason(&again, "skipped", 2), "already in your pipeline (same posting)");
    assert_eq!(count(&app, &token).await, 4);
}

#[tokio::test]
async fn files_shaped_like_other_trackers_exports_import_without_errors() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let mut stages = Vec::new();
    for (file, query, rows) in [
        ("huntr.csv", "dry_run=false", 4),
        ("teal.csv", "dry_run=false", 4),
        ("notion.csv", "dry_run=false", 3),
        ("european.csv", "dry_run=false&date_order=dmy", 3),
    ] {
        let (status, report) = import(&app, &token, query, fixture(file), "text/csv; charset=utf-8").await;
        assert_eq!(status, StatusCode::OK, "{file}: {report}");
        assert_eq!((report["created"].as_array().expect("created").len(), report["errors"].clone()), (rows, serde_json::json!([])), "{file}: {report}");
        stages.extend(report["created"].as_array().expect("created").iter().map(|r| r["stage"].as_str().expect("stage").to_string()));
    }
    assert_eq!(stages, [
        "applied", "prospect", "interview", "offer", // Huntr's lists
        "prospect", "applied", "screen", "rejected", // Teal's statuses
        "applied", "prospect", "rejected", // Notion
        "applied", "interview", "offer", // European
    ]);
    let (_, page) = app.send(Method::GET, &token, "/api/v1/applications?company=Orison", None).await;
    assert_eq!(page["items"][0]["status_notes"], "Rejected after\r\ntake-home");
    let (_, page) = app.send(Method::GET, &token, "/api/v1/applications?company=Vogelsang", None).await;
    assert_eq!(page["items"][0]["applied_at"], "2024-02-28T12:00:00Z", "day first with date_order=dmy");
}

#[tokio::test]
async fn unreadable_files_and_wrong_requests_are_refused_naming_what_is_wrong() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let mut big = b"Company,Title,URL\n".to_vec();
    big.resize(2 * 1024 * 1024 + 1, b'a');
    let (status, body) = import(&app, &token, "", big, "text/csv").await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (StatusCode::PAYLOAD_TOO_LARGE, "file".into()), "{body}");
    assert!(body["errors"][0]["detail"].as_str().expect("detail").contains("2 MiB"));

    let (status, body) = import(&app, &token, "", fixture("huntr.csv"), "application/json").await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "content-type".into()), "{body}");

    let (status, body) = import(&app, &token, "", b"Company,URL\nAcme,https://acme.example/1\n".to_vec(), "text/csv").await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, "file".into()), "{body}");
    assert!(body["errors"][0]["detail"].as_str().expect("detail").contains("no title column"));

    let (status, body) = import(&app, &token, "date_order=ymd", fixture("huntr.csv"), "text/csv").await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, "date_order".into()), "{body}");
    assert_eq!(count(&app, &token).await, 0);

    let anonymous = app.client.post(app.url("/api/v1/applications/import")).header(CONTENT_TYPE, "text/csv").body(fixture("huntr.csv")).send().await.expect("post");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let anonymous = app.client.get(app.url("/api/v1/applications/export.csv")).send().await.expect("get");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_export_holds_only_the_callers_applications_with_formulas_made_inert() {
    let app = spawn_app().await;
    let ada = app.sign_up("ada@example.org").await;
    let bob = app.sign_up("bob@example.org").await;
    import(&app, &ada, "dry_run=false", fixture("google_sheets.csv"), "text/csv").await;
    import(&app, &bob, "dry_run=false", fixture("teal.csv"), "text/csv").await;

    let response = export(&app, &ada).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
    let today = chrono::Utc::now().format("%Y-%m-%d");
    assert_eq!(response.headers()[CONTENT_DISPOSITION].to_str().expect("ascii"), format!("attachment; filename=\"jobpilot-applications-{today}.csv\""));
    let text = response.text().await.expect("body");
    assert!(text.starts_with("id,company,title,url,stage,applied_at,stage_entered_at,source,notes,resume_version_id,created_at,updated_at\r\n"), "{text}");
    let rows = comparable(&text);
    let companies: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(companies.len(), 4, "{text}");
    assert!(!companies.iter().any(|c| c.contains("Larkspur") || c.contains("Oriel")), "no row of another user: {text}");
    assert!(companies.contains(&"'=HYPERLINK(\"http://evil.example\")"), "{companies:?}");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for record in reader.records() {
        for cell in record.expect("record").iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "a cell a spreadsheet would run: {cell:?}");
        }
    }
}

#[tokio::test]
async fn an_exported_file_imports_into_an_empty_account_as_the_same_applications() {
    let app = spawn_app().await;
    let ada = app.sign_up("ada@example.org").await;
    for (file, query) in [("google_sheets.csv", "dry_run=false"), ("notion.csv", "dry_run=false"), ("european.csv", "dry_run=false&date_order=dmy")] {
        import(&app, &ada, query, fixture(file), "text/csv").await;
    }
    let exported = export(&app, &ada).await.text().await.expect("body");

    let eve = app.sign_up("eve@example.org").await;
    let (status, report) = import(&app, &eve, "dry_run=false", exported.clone().into_bytes(), "text/csv").await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!((report["errors"].clone(), report["skipped"].clone()), (serde_json::json!([]), serde_json::json!([])), "{report}");
    assert_eq!(report["ignored_columns"], serde_json::json!(["id", "stage_entered_at", "resume_version_id", "created_at", "updated_at"]));
    let again = export(&app, &eve).await.text().await.expect("body");
    assert_eq!(comparable(&again), comparable(&exported));
    assert_eq!(comparable(&again).len(), 10);
}

#[tokio::test]
async fn both_routes_are_in_the_openapi_document() {
    let app = spawn_app().await;
    let spec: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("get").json().await.expect("json");
    assert!(spec["paths"]["/api/v1/applications/import"]["post"].is_object());
    assert!(spec["paths"]["/api/v1/applications/export.csv"]["get"].is_object());
}

#[tokio::test]
async fn a_pipeline_larger_than_one_export_page_is_exported_whole_and_in_order() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    // Two files, as one file holds at most 500 rows.
    for half in [0..260, 260..520] {
        let mut file = String::from("Company,Title,URL\n");
        for n in half {
            file.push_str(&format!("Company {n:03},Engineer {n},https://jobs.company{n}.example/openings/{n}\n"));
        }
        let (status, report) = import(&app, &token, "dry_run=false", file.into_bytes(), "text/csv").await;
        assert_eq!((status, report["created"].as_array().expect("created").len()), (StatusCode::OK, 260));
    }
    let text = export(&app, &token).await.text().await.expect("body");
    let companies: Vec<String> = csv::Reader::from_reader(text.as_bytes()).records().map(|r| r.expect("record")[1].to_string()).collect();
    let expected: Vec<String> = (0..520).map(|n| format!("Company {n:03}")).collect();
    assert_eq!(companies, expected, "every row once, oldest first, across pages of 500");
}

