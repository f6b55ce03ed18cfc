//! `jobpilot ingest URL…` and `--board KIND:SLUG` against a local server that speaks the boards'
//! public APIs with real recorded payloads: what is stored, what is said, and every way a fetch
//! can go wrong.

#[path = "support/mod.rs"]
mod support;

use std::process::Command;

use support::boards::BoardServer;

const BINARY: &str = env!("CARGO_BIN_EXE_jobpilot");

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// Runs `jobpilot ingest ARGS` against `db_url` with the board APIs pointed at `server`.
async fn ingest(server: &BoardServer, db_url: &str, args: &[&str], extra_env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(BINARY);
    command.arg("ingest").args(args).env("DATABASE_URL", db_url).env("JOBPILOT_LOG", "warn");
    for (name, value) in server.api_urls() {
        command.env(name, value);
    }
    for (name, value) in extra_env {
        command.env(name, value);
    }
    // The board server runs on this test's runtime: wait for the child off it.
    let output = tokio::task::spawn_blocking(move || command.output().expect("run jobpilot")).await.expect("join");
    Run {
        ok: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into(),
        stderr: String::from_utf8_lossy(&output.stderr).into(),
    }
}

async fn query_pairs(db_url: &str, sql: &'static str) -> Vec<(String, i64)> {
    let pool = jobpilot::db::connect_owner_pool(db_url, 1).await.expect("connect");
    sqlx::query_as(sql).fetch_all(&pool).await.expect("query")
}

#[tokio::test]
async fn live_boards_are_fetched_from_their_public_apis_and_ingested() {
    let server = BoardServer::start().await;
    let db_url = support::fresh_database().await;
    let args = ["--board", "greenhouse:anthropic", "--board", "lever:people-ai", "--board", "ashby:replit"];
    let run = ingest(&server, &db_url, &args, &[]).await;
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    for line in [
        "greenhouse:anthropic: inserted 4, updated 0, unchanged 0, skipped 0, closed 0",
        "lever:people-ai: inserted 4, updated 0, unchanged 0, skipped 0, closed 0",
        "ashby:replit: inserted 37, updated 0, unchanged 0, skipped 0, closed 0",
        "inserted 45, updated 0, unchanged 0, skipped 0, closed 0",
    ] {
        // Then the share tagged (the taxonomy's business, not this test's) and no posting
        // without a company: every board names one, by its payload or its slug.
        let full = |l: &str| {
            l.strip_prefix(line)
                .and_then(|rest| rest.strip_prefix(", tagged "))
                .is_some_and(|rest| rest.ends_with("%, without company 0"))
        };
        assert!(run.stdout.lines().any(full), "missing {line:?} in:\n{}", run.stdout);
    }

    let per_source = query_pairs(&db_url, "select source::text, count(*) from job_postings group by 1 order by 1").await;
    let expected = [("ashby", 37), ("greenhouse", 4), ("lever", 4)].map(|(s, n)| (s.to_string(), n));
    assert_eq!(per_source, expected);
    // Greenhouse names its company; Lever and Ashby do not, so the slug stands in.
    let companies = query_pairs(
        &db_url,
        "select c.name, count(*) from job_postings p join companies c on c.id = p.company_id group by 1 order by 1",
    )
    .await;
    let expected = [("Anthropic", 4), ("people-ai", 4), ("replit", 37)].map(|(s, n)| (s.to_string(), n));
    assert_eq!(companies, expected);

    let seen = server.seen();
    let queries: Vec<(String, Option<String>)> = seen.iter().map(|s| (s.path.clone(), s.query.clone())).collect();
    assert_eq!(queries, [
        ("/gh/v1/boards/anthropic/jobs".to_string(), Some("content=true".to_string())),
        ("/lever/v0/postings/people-ai".to_string(), Some("mode=json".to_string())),
        ("/ashby/posting-api/job-board/replit".to_string(), Some("includeCompensation=true".to_string())),
    ]);
    assert!(seen.iter().all(|s| s.user_agent.starts_with("Jobpilot/")), "{seen:?}");
}

#[tokio::test]
async fn a_url_is_fetched_gzipped_its_format_detected_and_a_rerun_changes_nothing() {
    let server = BoardServer::start().await;
    let db_url = support::fresh_database().await;
    let url = format!("{}/files/ashby/replit.json", server.address);
    let run = ingest(&server, &db_url, &[&url, "--company", "Replit"], &[]).await;
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains(&format!("{url}: inserted 37, updated 0, unchanged 0")), "{}", run.stdout);
    assert!(server.seen()[0].accept_encoding.contains("gzip"), "asks for compression");

    let run = ingest(&server, &db_url, &[&url, "--company", "Replit"], &[]).await;
    assert!(run.stdout.contains("inserted 0, updated 0, unchanged 37, skipped 0, closed 0"), "{}", run.stdout);
    let companies = query_pairs(&db_url, "select name, count(*) from companies group by 1").await;
    assert_eq!(companies, [("Replit".to_string(), 1)]);
}

#[tokio::test]
async fn a_posting_gone_from_a_live_board_is_closed() {
    let server = BoardServer::start().await;
    let db_url = support::fresh_database().await;
    let first = ingest(&server, &db_url, &["--board", "greenhouse:shrinking"], &[]).await;
    assert!(first.stdout.contains("inserted 4,"), "{}", first.stdout);
    let second = ingest(&server, &db_url, &["--board", "greenhouse:shrinking"], &[]).await;
    assert!(second.stdout.contains("inserted 0, updated 0, unchanged 3, skipped 0, closed 1"), "{}", second.stdout);
    let open = query_pairs(&db_url, "select 'open', count(*) from job_postings where closed_at is null").await;
    assert_eq!(open, [("open".to_string(), 3)]);
}

#[tokio::test]
async fn boards_that_fail_are_reported_one_by_one_and_the_others_still_go_in() {
    let server = BoardServer::start().await;
    let db_url = support::fresh_database().await;
    // A port nothing listens on: bound, then released.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let unreachable = format!("http://127.0.0.1:{closed}/jobs.json");
    let args = [
        unreachable.as_str(),
        "--board", "greenhouse:missing",
        "--board", "greenhouse:htmlpage",
        "--board", "greenhouse:huge",
        "--board", "ashby:replit",
    ];
    let run = ingest(&server, &db_url, &args, &[]).await;
    assert!(!run.ok, "a failed input makes the exit code non-zero");
    let gh = format!("{}/gh/v1/boards", server.address);
    for expected in [
        format!("{unreachable}: not ingested: cannot reach {unreachable}"),
        format!("greenhouse:missing: not ingested: {gh}/missing/jobs?content=true answered 404 Not Found (is the board's name right?)"),
        format!("greenhouse:htmlpage: not ingested: {gh}/htmlpage/jobs?content=true did not answer with JSON (content type text/html)"),
        format!("greenhouse:huge: not ingested: {gh}/huge/jobs?content=true sent more than 32 MiB; the limit is 32 MiB"),
        "ashby:replit: inserted 37, updated 0, unchanged 0, skipped 0, closed 0".to_string(),
    ] {
        assert!(run.stdout.contains(&expected), "missing {expected:?} in:\n{}", run.stdout);
    }
    assert!(run.stderr.contains("4 of 5 inputs could not be ingested"), "{}", run.stderr);
    let stored = query_pairs(&db_url, "select source::text, count(*) from job_postings group by 1").await;
    assert_eq!(stored, [("ashby".to_string(), 37)], "nothing half-written from the failures");
}

#[tokio::test]
async fn a_board_slower_than_the_timeout_is_reported_as_such() {
    let server = BoardServer::start().await;
    let db_url = support::fresh_database().await;
    let run = ingest(&server, &db_url, &["--board", "greenhouse:slow"], &[("JOBPILOT_FETCH_TIMEOUT_SECS", "1")]).await;
    assert!(!run.ok);
    assert!(run.stdout.contains("/gh/v1/boards/slow/jobs?content=true did not answer within 1 s"), "{}", run.stdout);
}

#[tokio::test]
async fn a_malformed_board_reference_is_refused_before_anything_runs() {
    let server = BoardServer::start().await;
    let db_url = support::fresh_database().await;
    for (board, expected) in [
        ("monster:acme", "unknown board 'monster'; use greenhouse:SLUG, lever:SLUG, ashby:SLUG"),
        ("lever:../admin", "may hold only letters, digits"),
        ("https://example.org/jobs", "give URLs as plain inputs"),
    ] {
        let run = ingest(&server, &db_url, &["--board", board], &[]).await;
        assert!(!run.ok, "{board}");
        assert!(run.stderr.contains(expected), "{board}: {}", run.stderr);
    }
    assert!(server.seen().is_empty(), "no request was made");
}
