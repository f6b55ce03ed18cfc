//! The `jobpilot` binary as an operator runs it: exit codes, messages, start and clean stop.

#[path = "../support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

const BINARY: &str = env!("CARGO_BIN_EXE_jobpilot");

/// A scratch folder the `postgres` user can reach (tests run as root here).
fn scratch_dir() -> PathBuf {
    let dir = PathBuf::from(format!("/tmp/jobpilot-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    dir
}

fn jobpilot() -> Command {
    let mut command = Command::new(BINARY);
    command.env_remove("DATABASE_URL").env("JOBPILOT_LOG", "warn");
    command
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

#[tokio::test]
async fn migrate_against_a_database_url_reports_the_schema_version() {
    let admin = support::admin_url();
    let name = format!("jp_t_cli_{}", uuid::Uuid::new_v4().simple());
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await.expect("connect");
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}"))).execute(&mut conn).await.expect("create");
    let output = jobpilot().arg("migrate").env("DATABASE_URL", support::url_for(&name)).output().expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let expected = jobpilot::db::latest_migration_version();
    assert!(stdout.contains(&format!("database is at migration {expected}")), "{stdout}");
}

#[test]
fn missing_postgres_binaries_give_one_clear_line_and_a_failing_exit() {
    let dir = scratch_dir();
    let output = jobpilot()
        .args(["migrate"])
        .env("JOBPILOT_DATA_DIR", &dir)
        .env("PG_BIN_DIR", dir.join("no-such-bin"))
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("apt-get install postgresql"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_malformed_bind_address_is_refused_before_anything_starts() {
    let output = jobpilot().args(["serve", "--bind", "not-an-address"]).output().expect("run");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--bind"));
}

#[tokio::test]
async fn serve_on_the_embedded_database_answers_then_stops_cleanly_on_sigterm() {
    let dir = scratch_dir();
    let port = free_port();
    let mut child = jobpilot()
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("JOBPILOT_DATA_DIR", &dir)
        .stdout(Stdio::null())
        .spawn()
        .expect("start serve");
    let ready = format!("http://127.0.0.1:{port}/readyz");
    let mut answered = false;
    for _ in 0..150 {
        if reqwest::get(&ready).await.is_ok_and(|r| r.status().is_success()) {
            answered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(answered, "server never became ready");
    assert!(dir.join("postgres/PG_VERSION").exists(), "cluster initialised in the data dir");

    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), nix::sys::signal::Signal::SIGTERM)
        .expect("signal");
    let status = tokio::task::spawn_blocking(move || child.wait()).await.expect("join").expect("wait");
    assert!(status.success(), "clean exit after SIGTERM: {status:?}");
    assert!(!dir.join("postgres/postmaster.pid").exists(), "embedded PostgreSQL stopped with it");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_invalid_purge_schedule_stops_serve_before_it_starts() {
    let dir = scratch_dir();
    let output = jobpilot()
        .args(["serve", "--bind", &format!("127.0.0.1:{}", free_port())])
        .env("JOBPILOT_DATA_DIR", &dir)
        .env("JOBPILOT_PURGE_CRON", "every other tuesday")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("JOBPILOT_PURGE_CRON"), "{stderr}");
    assert!(!dir.join("postgres").exists(), "refused before starting a database");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn out_of_range_settings_are_refused_with_the_variable_named() {
    let output = jobpilot().args(["migrate"]).env("JOBPILOT_TOKEN_TTL_DAYS", "999999999999").output().expect("run");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("token-ttl-days"));
}

#[tokio::test]
async fn json_logs_carry_the_request_id_of_each_request() {
    let dir = scratch_dir();
    let port = free_port();
    let mut child = jobpilot()
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--no-worker"])
        .env("JOBPILOT_DATA_DIR", &dir)
        .env("JOBPILOT_LOG", "info")
        .env("JOBPILOT_LOG_FORMAT", "json")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let client = reqwest::Client::new();
    let mut answered = false;
    for _ in 0..150 {
        let sent = client.get(format!("http://127.0.0.1:{port}/healthz")).header("x-request-id", "trace-me-42").send();
        if sent.await.is_ok_and(|r| r.status().is_success()) {
            answered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(answered, "server never answered");
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), nix::sys::signal::Signal::SIGTERM)
        .expect("signal");
    let output = tokio::task::spawn_blocking(move || {
        let _ = child.wait();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut text).expect("read");
        text
    })
    .await
    .expect("join");
    let line = output
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["span"]["request_id"] == "trace-me-42")
        .unwrap_or_else(|| panic!("no JSON log line with the request id in:\n{output}"));
    assert_eq!(line["span"]["path"], "/healthz");
    assert_eq!(line["level"], "INFO");
    let _ = std::fs::remove_dir_all(dir);
}

/// A fresh migrated database for one CLI test.
async fn database_url() -> String {
    support::fresh_database().await
}

fn testdata(path: &str) -> String {
    format!("{}/../shared/testdata/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn ingest(url: &str, args: &[&str]) -> (bool, String, String) {
    let output = jobpilot().arg("ingest").args(args).env("DATABASE_URL", url).output().expect("run");
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into(), String::from_utf8_lossy(&output.stderr).into())
}

#[tokio::test]
async fn ingesting_a_board_twice_inserts_then_changes_nothing() {
    let url = database_url().await;
    let file = testdata("job_boards/ashby/replit.json");
    let (ok, stdout, stderr) = ingest(&url, &[&file, "--company", "Replit"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("inserted 37, updated 0, unchanged 0, skipped 0"), "{stdout}");
    let (ok, stdout, _) = ingest(&url, &[&file, "--company", "Replit"]);
    assert!(ok);
    assert!(stdout.contains("inserted 0, updated 0, unchanged 37, skipped 0"), "{stdout}");
}

#[tokio::test]
async fn many_files_go_in_together_and_report_in_the_order_given() {
    let url = database_url().await;
    // Two inputs are stored at once, so a small file can finish before a large one given first.
    let files = [
        ("job_boards/ashby/zapier.json", 33),
        ("job_boards/careerkit/greenhouse.json", 2),
        ("job_boards/ashby/suno.json", 52),
        ("job_boards/careerkit/lever.json", 2),
    ]
    .map(|(file, postings)| (testdata(file), postings));
    let args: Vec<&str> = files.iter().map(|(file, _)| file.as_str()).collect();
    let (ok, stdout, stderr) = ingest(&url, &args);
    assert!(ok, "{stderr}");
    let lines: Vec<&str> = stdout.lines().filter(|line| !line.starts_with(' ')).collect();
    assert_eq!(lines.len(), files.len() + 1, "{stdout}");
    for ((file, postings), line) in files.iter().zip(&lines) {
        assert!(line.starts_with(&format!("{file}: inserted {postings}, ")), "{line} in {stdout}");
    }
    assert!(lines[files.len()].starts_with("inserted 89, updated 0, unchanged 0"), "{stdout}");
}

#[tokio::test]
async fn a_broken_file_is_reported_and_the_others_still_go_in() {
    let url = database_url().await;
    let dir = scratch_dir();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, br#"{"jobs": [{"absolute_url": "https://x"#).expect("write");
    let good = testdata("job_boards/careerkit/greenhouse.json");
    let (ok, stdout, stderr) = ingest(&url, &[broken.to_str().expect("path"), &good]);
    assert!(!ok, "a failed input makes the exit code non-zero");
    assert!(stdout.contains("broken.json: not ingested"), "{stdout}");
    assert!(stdout.contains("inserted 2,"), "the good file still went in: {stdout}");
    assert!(stderr.contains("1 of 2 inputs"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn an_unknown_format_a_url_and_an_oversized_file_get_clear_errors() {
    let url = database_url().await;
    let (ok, _, stderr) = ingest(&url, &["--format", "monster", "x.json"]);
    assert!(!ok && stderr.contains("unknown format 'monster'"), "{stderr}");

    let (ok, stdout, _) = ingest(&url, &["http://127.0.0.1:9/jobs.json"]);
    assert!(!ok && stdout.contains("http://127.0.0.1:9/jobs.json: not ingested: cannot reach"), "{stdout}");

    let dir = scratch_dir();
    let huge = dir.join("huge.json");
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(jobpilot::cli::ingest::MAX_FILE_BYTES + 1).expect("grow");
    let (ok, stdout, _) = ingest(&url, &[huge.to_str().expect("path")]);
    assert!(!ok && stdout.contains("split it"), "{stdout}");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_workday_export_needs_and_uses_the_url_it_came_from() {
    let url = database_url().await;
    let file = testdata("job_boards/careerkit/workday.json");
    let (_, stdout, _) = ingest(&url, &[&file, "--company", "Salesforce"]);
    assert!(stdout.contains("skipped 2") && stdout.contains("no board URL"), "{stdout}");
    let board = "https://salesforce.wd12.myworkdayjobs.com/wday/cxs/salesforce/External_Career_Site/jobs";
    let (ok, stdout, stderr) = ingest(&url, &[&file, "--company", "Salesforce", "--source-url", board]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("inserted 2, updated 0, unchanged 0, skipped 0"), "{stdout}");
}

#[test]
fn an_invalid_sources_schedule_or_board_api_url_stops_serve_before_it_starts() {
    for (setting, value) in [("JOBPILOT_SOURCES_CRON", "hourly-ish"), ("JOBPILOT_LEVER_API_URL", "ftp://lever")] {
        let dir = scratch_dir();
        let output = jobpilot()
            .args(["serve", "--bind", &format!("127.0.0.1:{}", free_port())])
            .env("JOBPILOT_DATA_DIR", &dir)
            .env(setting, value)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{setting}");
        assert!(stderr.contains(setting), "{stderr}");
        assert!(!dir.join("postgres").exists(), "refused before starting a database");
        let _ = std::fs::remove_dir_all(dir);
    }
}
