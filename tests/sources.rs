//! Sources on a schedule: the `/api/v1/sources` API (validation, isolation, audit) and the job
//! runner refreshing registered boards from a local server that speaks the boards' APIs with
//! real recorded payloads (success, backoff after failures, per-host politeness).

#[path = "support/mod.rs"]
mod support;

use std::time::Duration;

use chrono::{DateTime, Utc};
use jobpilot::connectors::fetch::{FetchSettings, Fetcher};
use jobpilot::services::sources::{Refreshed, refresh};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;
use support::TestApp;
use support::boards::BoardServer;
use tokio::sync::watch;
use uuid::Uuid;

/// An app whose board APIs point at `server`, with the given gap between requests to one host.
async fn app_for(server: &BoardServer, gap: Duration) -> TestApp {
    let urls = server.api_urls();
    support::spawn_app_with(|config| {
        config.greenhouse_api_url = urls[0].1.clone();
        config.lever_api_url = urls[1].1.clone();
        config.ashby_api_url = urls[2].1.clone();
        config.fetch_host_gap_ms = gap.as_millis() as u64;
        config.sources_cron = "* * * * * *".to_string();
    })
    .await
}

async fn post_source(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    let response =
        app.client.post(app.url("/api/v1/sources")).bearer_auth(token).json(&body).send().await.expect("request");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn register(app: &TestApp, token: &str, board: &str) -> Uuid {
    let (status, body) = post_source(app, token, json!({ "board": board, "refresh_minutes": 60 })).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_str().expect("id").parse().expect("uuid")
}

async fn get(app: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    let response = app.client.get(app.url(path)).bearer_auth(token).send().await.expect("request");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn owner_pool(app: &TestApp) -> PgPool {
    jobpilot::db::connect_owner_pool(&app.db_url, 2).await.expect("owner pool")
}

#[derive(Debug, sqlx::FromRow)]
struct Row {
    last_status: Option<String>,
    last_error: Option<String>,
    last_summary: Option<Value>,
    consecutive_failures: i32,
    next_run_at: DateTime<Utc>,
    last_fetched_at: Option<DateTime<Utc>>,
}

async fn row(pool: &PgPool, id: Uuid) -> Row {
    sqlx::query_as(
        "select last_status, last_error, last_summary, consecutive_failures, next_run_at, last_fetched_at
         from sources where id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .expect("source row")
}

/// Minutes from the last fetch to the next one.
fn wait_minutes(row: &Row) -> i64 {
    (row.next_run_at - row.last_fetched_at.expect("fetched")).num_minutes()
}

fn field_of(body: &Value) -> Option<&str> {
    body["errors"][0]["field"].as_str()
}

#[tokio::test]
async fn a_registered_board_is_listed_shown_and_deleted_with_one_audit_row_each() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let (status, created) = post_source(&app, &token, json!({ "board": "Greenhouse:anthropic" })).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!((created["board"].as_str(), created["kind"].as_str()), (Some("greenhouse:anthropic"), Some("greenhouse")));
    assert_eq!((created["refresh_minutes"].as_i64(), created["consecutive_failures"].as_i64()), (Some(360), Some(0)));
    assert!(created["last_status"].is_null() && created["last_fetched_at"].is_null());
    let id = created["id"].as_str().expect("id");

    let (status, shown) = get(&app, &token, &format!("/api/v1/sources/{id}")).await;
    assert_eq!((status, shown["board"].as_str()), (StatusCode::OK, Some("greenhouse:anthropic")));
    let pool = owner_pool(&app).await;
    let queued: i64 = sqlx::query_scalar("select count(*) from apalis.jobs where job_type = 'jobpilot.refresh_source'")
        .fetch_one(&pool)
        .await
        .expect("queued jobs");
    assert_eq!(queued, 1, "the first fetch is queued with the registration");

    let deleted = app.client.delete(app.url(&format!("/api/v1/sources/{id}"))).bearer_auth(&token).send().await;
    assert_eq!(deleted.expect("delete").status(), StatusCode::NO_CONTENT);
    assert_eq!(get(&app, &token, &format!("/api/v1/sources/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &token, "/api/v1/sources").await.1["items"], json!([]));
    assert_eq!((app.audit_count("source.create").await, app.audit_count("source.delete").await), (1, 1));
    // Deleted, the board may be registered again.
    register(&app, &token, "greenhouse:anthropic").await;
}

#[tokio::test]
async fn sources_are_listed_newest_first_page_by_page() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    for board in ["greenhouse:a", "lever:b", "ashby:c"] {
        register(&app, &token, board).await;
    }
    let (_, first) = get(&app, &token, "/api/v1/sources?limit=2").await;
    let boards = |page: &Value| -> Vec<String> {
        page["items"].as_array().expect("items").iter().map(|s| s["board"].as_str().expect("board").to_string()).collect()
    };
    assert_eq!(boards(&first), ["ashby:c", "lever:b"]);
    let cursor = first["next_cursor"].as_str().expect("cursor");
    let (_, second) = get(&app, &token, &format!("/api/v1/sources?limit=2&cursor={cursor}")).await;
    assert_eq!(boards(&second), ["greenhouse:a"]);
    assert!(second["next_cursor"].is_null());
}

#[tokio::test]
async fn bad_boards_and_intervals_are_refused_naming_the_field_and_change_nothing() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    for (body, field, detail) in [
        (json!({ "board": "monster:acme" }), "board", "unknown board 'monster'"),
        (json!({ "board": "lever:../admin" }), "board", "may hold only"),
        (json!({ "board": "ftp://example.org/jobs" }), "board", "unknown board 'ftp'"),
        (json!({ "board": "http://127.0.0.1:8080/jobs" }), "board", "public address"),
        (json!({ "board": "http://169.254.169.254/latest" }), "board", "public address"),
        (json!({ "board": "greenhouse:acme", "refresh_minutes": 5 }), "refresh_minutes", "between 15 and 10080"),
        (json!({ "refresh_minutes": 60 }), "board", "missing field"),
        (json!({ "board": "greenhouse:acme", "url": "x" }), "url", "unknown field"),
    ] {
        let (status, answer) = post_source(&app, &token, body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
        assert_eq!(field_of(&answer), Some(field), "{body}: {answer}");
        let detail_text = answer["errors"][0]["detail"].as_str().unwrap_or_default();
        assert!(detail_text.contains(detail), "{body}: {answer}");
    }
    register(&app, &token, "greenhouse:acme").await;
    let (status, answer) = post_source(&app, &token, json!({ "board": "greenhouse:acme" })).await;
    assert_eq!((status, field_of(&answer)), (StatusCode::CONFLICT, Some("board")), "{answer}");
    assert_eq!(app.audit_count("source.create").await, 1, "only the one registration");
}

#[tokio::test]
async fn another_users_source_can_be_neither_seen_nor_deleted() {
    let app = support::spawn_app().await;
    let ada = app.sign_up("ada@example.org").await;
    let bob = app.sign_up("bob@example.org").await;
    let id = register(&app, &ada, "lever:people-ai").await;
    assert_eq!(get(&app, &bob, &format!("/api/v1/sources/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &bob, "/api/v1/sources").await.1["items"], json!([]));
    let deleted = app.client.delete(app.url(&format!("/api/v1/sources/{id}"))).bearer_auth(&bob).send().await;
    assert_eq!(deleted.expect("delete").status(), StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &ada, &format!("/api/v1/sources/{id}")).await.0, StatusCode::OK);
    // Bob may register the same board for himself.
    register(&app, &bob, "lever:people-ai").await;
    assert_eq!(app.audit_count("source.delete").await, 0);
}

/// Starts the job runner on the app's state; stop it with the returned sender.
fn start_runner(app: &TestApp) -> (watch::Sender<bool>, tokio::task::JoinHandle<anyhow::Result<()>>) {
    let (stop, stopped) = watch::channel(false);
    (stop, tokio::spawn(jobpilot::jobs::run(app.state.clone(), stopped)))
}

async fn stop_runner(stop: watch::Sender<bool>, runner: tokio::task::JoinHandle<anyhow::Result<()>>) {
    stop.send(true).expect("runner listens");
    runner.await.expect("no panic").expect("runner stops cleanly");
}

/// Waits (up to a generous minute) until every source has been fetched.
async fn until_fetched(pool: &PgPool, ids: &[Uuid]) {
    for _ in 0..300 {
        let fetched: i64 = sqlx::query_scalar("select count(*) from sources where id = any($1) and last_fetched_at is not null")
            .bind(ids)
            .fetch_one(pool)
            .await
            .expect("count");
        if fetched == ids.len() as i64 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("sources never fetched");
}

#[tokio::test]
async fn the_job_runner_fetches_a_registered_board_stores_its_postings_and_records_the_result() {
    let server = BoardServer::start().await;
    let app = app_for(&server, Duration::from_millis(10)).await;
    let token = app.sign_up("ada@example.org").await;
    let id = register(&app, &token, "greenhouse:anthropic").await;
    let (stop, runner) = start_runner(&app);
    let pool = owner_pool(&app).await;
    until_fetched(&pool, &[id]).await;
    stop_runner(stop, runner).await;

    let source = row(&pool, id).await;
    assert_eq!((source.last_status.as_deref(), source.last_error.as_deref()), (Some("ok"), None));
    assert_eq!(source.consecutive_failures, 0);
    assert_eq!(wait_minutes(&source), 60, "next refresh one interval later");
    let mut summary = source.last_summary.clone().expect("a summary is recorded");
    let tagged = summary.as_object_mut().and_then(|s| s.remove("tagged_percent"));
    assert!(tagged.as_ref().and_then(|t| t.as_u64()).is_some_and(|t| t <= 100), "{tagged:?}");
    let counts = json!({ "inserted": 4, "updated": 0, "unchanged": 0, "skipped": 0, "closed": 0, "without_company": 0 });
    assert_eq!(summary, counts);
    let titles: Vec<String> =
        sqlx::query_scalar("select title from job_postings where source = 'greenhouse' and closed_at is null order by title")
            .fetch_all(&pool)
            .await
            .expect("postings");
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert!(titles.contains(&"Anthropic Fellows Program".to_string()), "{titles:?}");
    let audits: Vec<Value> = sqlx::query_scalar("select diff from audit_logs where action = 'source.refresh' and actor_type = 'system'")
        .fetch_all(&pool)
        .await
        .expect("audits");
    assert_eq!(audits, [json!({ "status": "ok", "summary": source.last_summary })]);
    let (_, shown) = get(&app, &token, &format!("/api/v1/sources/{id}")).await;
    assert_eq!(shown["last_status"], "ok");
}

#[tokio::test]
async fn a_failing_source_backs_off_further_each_time_and_a_success_resets_it() {
    let server = BoardServer::start().await;
    let app = app_for(&server, Duration::ZERO).await;
    let token = app.sign_up("ada@example.org").await;
    let id = register(&app, &token, "lever:people-ai").await;
    let pool = owner_pool(&app).await;
    let fetcher = Fetcher::new(FetchSettings::from_config(&app.state.config)).expect("fetcher");

    server.set_failing(true);
    let mut waits = Vec::new();
    for failures in 1..=3 {
        let outcome = refresh(&pool, &fetcher, id).await.expect("refresh runs");
        assert!(matches!(&outcome, Refreshed::Failed(e) if e.contains("503")), "{outcome:?}");
        let source = row(&pool, id).await;
        assert_eq!((source.last_status.as_deref(), source.consecutive_failures), (Some("failed"), failures));
        assert!(source.last_error.as_deref().is_some_and(|e| e.contains("answered 503")), "{source:?}");
        waits.push(wait_minutes(&source));
    }
    assert_eq!(waits, [5, 10, 20], "each failure doubles the wait");

    server.set_failing(false);
    assert_eq!(refresh(&pool, &fetcher, id).await.expect("refresh runs"), Refreshed::Ok);
    let source = row(&pool, id).await;
    assert_eq!((source.last_status.as_deref(), source.last_error.as_deref(), source.consecutive_failures), (Some("ok"), None, 0));
    assert_eq!(wait_minutes(&source), 60, "back to its own interval");
    assert_eq!(app.audit_count("source.refresh").await, 4);
}

#[tokio::test]
async fn the_scan_claims_only_due_sources_once_and_a_deleted_source_is_not_fetched() {
    let server = BoardServer::start().await;
    let app = app_for(&server, Duration::ZERO).await;
    let token = app.sign_up("ada@example.org").await;
    let due = register(&app, &token, "greenhouse:anthropic").await;
    let later = register(&app, &token, "ashby:replit").await;
    let pool = owner_pool(&app).await;
    sqlx::query("update sources set next_run_at = now() - interval '1 minute' where id = $1")
        .bind(due)
        .execute(&pool)
        .await
        .expect("make due");
    assert_eq!(jobpilot::jobs::refresh::queue_due(&pool).await.expect("scan"), 1);
    assert_eq!(jobpilot::jobs::refresh::queue_due(&pool).await.expect("scan"), 0, "claimed sources wait for their refresh");
    assert!(row(&pool, due).await.next_run_at > Utc::now(), "the claim moved it ahead");

    let deleted = app.client.delete(app.url(&format!("/api/v1/sources/{later}"))).bearer_auth(&token).send().await;
    assert_eq!(deleted.expect("delete").status(), StatusCode::NO_CONTENT);
    let fetcher = Fetcher::new(FetchSettings::from_config(&app.state.config)).expect("fetcher");
    assert_eq!(refresh(&pool, &fetcher, later).await.expect("refresh runs"), Refreshed::Gone);
    assert!(server.seen().is_empty(), "nothing fetched for a deleted source");
}

#[tokio::test]
async fn two_sources_on_one_host_are_fetched_one_at_a_time_with_the_configured_gap() {
    let server = BoardServer::start().await;
    // Each answer takes a while, so overlapping requests would show in the server's log.
    server.set_delay(Duration::from_millis(300));
    let gap = Duration::from_millis(800);
    let app = app_for(&server, gap).await;
    let token = app.sign_up("ada@example.org").await;
    let ids = [register(&app, &token, "greenhouse:anthropic").await, register(&app, &token, "lever:people-ai").await];
    let (stop, runner) = start_runner(&app);
    let pool = owner_pool(&app).await;
    until_fetched(&pool, &ids).await;
    stop_runner(stop, runner).await;

    let mut seen = server.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    seen.sort_by_key(|s| s.started);
    let first_done = seen[0].finished.expect("first answered");
    assert!(seen[1].started >= first_done + gap, "second request {:?} after the first ended", seen[1].started - first_done);
    for id in ids {
        assert_eq!(row(&pool, id).await.last_status.as_deref(), Some("ok"));
    }
}


#[tokio::test]
async fn a_url_source_is_read_by_detection_and_private_addresses_need_the_operators_consent() {
    let server = BoardServer::start().await;
    let app = app_for(&server, Duration::ZERO).await;
    let token = app.sign_up("ada@example.org").await;
    let url = format!("{}/files/ashby/replit.json", server.address);
    let (status, answer) = post_source(&app, &token, json!({ "board": url })).await;
    assert_eq!((status, field_of(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, Some("board")), "{answer}");

    // Should such a row exist anyway (registered while allowed), the fetch refuses it too.
    let pool = owner_pool(&app).await;
    let id: Uuid = sqlx::query_scalar(
        "insert into sources (user_id, kind, board) select id, 'url', $1 from users returning id",
    )
    .bind(&url)
    .fetch_one(&pool)
    .await
    .expect("insert source");
    let strict = Fetcher::new(FetchSettings::from_config(&app.state.config)).expect("fetcher");
    let outcome = refresh(&pool, &strict, id).await.expect("refresh runs");
    assert!(matches!(&outcome, Refreshed::Failed(e) if e.contains("private or local address")), "{outcome:?}");
    assert!(server.seen().is_empty(), "nothing was requested");

    let mut settings = FetchSettings::from_config(&app.state.config);
    settings.allow_private = true;
    let open = Fetcher::new(settings).expect("fetcher");
    assert_eq!(refresh(&pool, &open, id).await.expect("refresh runs"), Refreshed::Ok);
    let summary = row(&pool, id).await.last_summary.expect("summary");
    assert_eq!(summary["inserted"], 37, "{summary}");
}

#[tokio::test]
async fn two_worker_processes_take_turns_on_one_host_too() {
    let server = BoardServer::start().await;
    server.set_delay(Duration::from_millis(300));
    let gap = Duration::from_millis(600);
    let app = app_for(&server, gap).await;
    let token = app.sign_up("ada@example.org").await;
    let ids = [register(&app, &token, "greenhouse:anthropic").await, register(&app, &token, "ashby:replit").await];
    let pool = owner_pool(&app).await;
    // Two fetchers are two processes' worth of in-process gates: only the database can space them.
    let settings = FetchSettings::from_config(&app.state.config);
    let (one, two) = (Fetcher::new(settings.clone()).expect("fetcher"), Fetcher::new(settings).expect("fetcher"));
    let (a, b) = tokio::join!(refresh(&pool, &one, ids[0]), refresh(&pool, &two, ids[1]));
    assert_eq!((a.expect("refresh"), b.expect("refresh")), (Refreshed::Ok, Refreshed::Ok));

    let mut seen = server.seen();
    seen.sort_by_key(|s| s.started);
    assert_eq!(seen.len(), 2, "{seen:?}");
    let first_done = seen[0].finished.expect("first answered");
    assert!(seen[1].started >= first_done + gap, "second request {:?} after the first ended", seen[1].started - first_done);
}

#[tokio::test]
async fn the_openapi_document_lists_the_source_paths() {
    let app = support::spawn_app().await;
    let doc: Value =
        app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("get").json().await.expect("json");
    for (path, method) in [
        ("/api/v1/sources", "post"),
        ("/api/v1/sources", "get"),
        ("/api/v1/sources/{id}", "get"),
        ("/api/v1/sources/{id}", "delete"),
    ] {
        let operation = &doc["paths"][path][method];
        assert_eq!(operation["tags"][0], "sources", "{method} {path}: {operation}");
    }
}
