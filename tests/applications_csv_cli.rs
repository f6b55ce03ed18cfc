//! `jobpilot applications import|export` as a user runs it against a real database: a dry run
//! that stores nothing, an import that reports bad rows by line and exits non-zero, a file
//! refused whole, and an export written to a file.

mod support;

use std::process::{Command, Output};

use reqwest::Method;
use support::{TestApp, spawn_app};

fn jobpilot(app: &TestApp, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jobpilot"))
        .args(args)
        .env("DATABASE_URL", &app.db_url)
        .env("JOBPILOT_LOG", "warn")
        .output()
        .expect("run jobpilot")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"))
}

async fn count(app: &TestApp, token: &str) -> usize {
    let (_, page) = app.send(Method::GET, token, "/api/v1/applications?limit=100", None).await;
    page["items"].as_array().expect("items").len()
}

#[tokio::test]
async fn the_command_line_imports_reporting_bad_rows_by_line_and_exports_to_a_file() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let sheet = fixture("google_sheets.csv");

    let dry = jobpilot(&app, &["applications", "import", "--user", "ada@example.org", &sheet, "--dry-run"]);
    let stdout = String::from_utf8_lossy(&dry.stdout);
    assert!(stdout.contains("4 would create, 1 skipped, 3 with errors"), "{stdout}");
    assert!(!dry.status.success(), "rows in error fail the run");
    assert_eq!(count(&app, &token).await, 0, "a dry run stores nothing");

    let real = jobpilot(&app, &["applications", "import", "--user", "ada@example.org", &sheet]);
    let stdout = String::from_utf8_lossy(&real.stdout);
    assert!(stdout.contains("line     7  error    title is empty"), "{stdout}");
    assert!(String::from_utf8_lossy(&real.stderr).contains("3 rows had errors"));
    assert_eq!(count(&app, &token).await, 4);

    let clean = jobpilot(&app, &["applications", "import", "--user", "ada@example.org", &fixture("european.csv"), "--date-order", "dmy"]);
    assert!(clean.status.success(), "{}", String::from_utf8_lossy(&clean.stderr));
    assert_eq!(count(&app, &token).await, 7);

    let out = std::env::temp_dir().join(format!("jobpilot-export-{}.csv", uuid::Uuid::new_v4().simple()));
    let export = jobpilot(&app, &["applications", "export", "--user", "ada@example.org", "-o", out.to_str().expect("path")]);
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    let text = std::fs::read_to_string(&out).expect("exported file");
    assert!(text.starts_with("id,company,title,url,stage"), "{text}");
    assert_eq!(csv::Reader::from_reader(text.as_bytes()).records().count(), 7);
    let _ = std::fs::remove_file(out);
}

#[tokio::test]
async fn a_file_without_a_title_column_or_an_unknown_user_fails_with_one_message() {
    let app = spawn_app().await;
    app.sign_up("ada@example.org").await;
    let bad = std::env::temp_dir().join(format!("jobpilot-bad-{}.csv", uuid::Uuid::new_v4().simple()));
    std::fs::write(&bad, "Company,Link\nAcme,https://acme.example/1\n").expect("write");
    let output = jobpilot(&app, &["applications", "import", "--user", "ada@example.org", bad.to_str().expect("path")]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no title column"), "{}", String::from_utf8_lossy(&output.stderr));
    let output = jobpilot(&app, &["applications", "export", "--user", "nobody@example.org"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no user with email"));
    let _ = std::fs::remove_file(bad);
}
