//! Catalog ingest against a real database, fed by real board payloads from `shared/testdata`.

#[path = "../support/mod.rs"]
mod support;

mod board_figures;
mod cross_source;
mod merge_migration;
mod salary_estimates;

use chrono::{DateTime, Utc};
use jobpilot::connectors::{BoardContext, ParseFn, ashby, greenhouse, lever};
use jobpilot::domain::posting::ParsedBoard;
use jobpilot::domain::skills::SkillMatcher;
use jobpilot::services::catalog::{IngestSummary, ingest};
use sqlx::PgPool;

const JOB_BOARDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata/job_boards/");

/// Replit's "Software Engineer, Product Infrastructure (TypeScript DevEx)".
const TYPESCRIPT_DEVEX: &str = "34afefd8-f698-4c46-a517-9ced6695b59b";

fn parse(parse: ParseFn, file: &str, company: &str, slug: &str) -> ParsedBoard {
    let bytes = std::fs::read(format!("{JOB_BOARDS}{file}")).expect("read test payload");
    let context = BoardContext {
        company_name: Some(company.to_string()),
        board_slug: Some(slug.to_string()),
        source_url: None,
    };
    parse(&bytes, &context).expect("payload parses")
}

fn replit() -> ParsedBoard {
    parse(ashby::parse, "ashby/replit.json", "Replit", "replit")
}

async fn pool() -> PgPool {
    jobpilot::db::connect_owner_pool(&support::fresh_database().await, 2)
        .await
        .expect("connect")
}

async fn run(pool: &PgPool, board: ParsedBoard, full_board: bool) -> IngestSummary {
    ingest(pool, board, SkillMatcher::builtin(), full_board)
        .await
        .expect("ingest")
}

async fn count(pool: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.expect("count")
}

async fn updated_ats(pool: &PgPool) -> Vec<(String, DateTime<Utc>)> {
    sqlx::query_as("select source_id, updated_at from job_postings order by source_id")
        .fetch_all(pool)
        .await
        .expect("read updated_at")
}

#[tokio::test]
async fn the_first_ingest_of_a_board_inserts_every_posting_under_one_company() {
    let pool = pool().await;
    let summary = run(&pool, replit(), true).await;
    assert_eq!((summary.inserted, summary.updated, summary.unchanged), (37, 0, 0));
    assert_eq!((summary.closed, summary.skipped), (0, vec![]));
    let companies: Vec<(String, Option<String>)> = sqlx::query_as("select name, board_slug from companies")
        .fetch_all(&pool)
        .await
        .expect("companies");
    assert_eq!(companies, vec![("Replit".to_string(), Some("replit".to_string()))]);
    let unowned = count(&pool, "select count(*) from job_postings where company_id is null").await;
    assert_eq!((count(&pool, "select count(*) from job_postings").await, unowned), (37, 0));
    let audits: Vec<serde_json::Value> =
        sqlx::query_scalar("select diff from audit_logs where action = 'catalog.ingest' and actor_type = 'system'")
            .fetch_all(&pool)
            .await
            .expect("audit rows");
    let expected = serde_json::json!({"inserted": 37, "updated": 0, "unchanged": 0, "closed": 0,
        "skipped": 0, "source": "ashby"});
    assert_eq!(audits, vec![expected]);
}

#[tokio::test]
async fn re_ingesting_the_same_payload_changes_no_row_and_writes_no_audit_row() {
    let pool = pool().await;
    run(&pool, replit(), true).await;
    let before = updated_ats(&pool).await;
    let companies_before = count(&pool, "select count(*) from companies where updated_at = created_at").await;
    let summary = run(&pool, replit(), true).await;
    assert_eq!((summary.inserted, summary.updated, summary.unchanged, summary.closed), (0, 0, 37, 0));
    assert_eq!(updated_ats(&pool).await, before);
    assert_eq!(count(&pool, "select count(*) from companies where updated_at = created_at").await, companies_before);
    assert_eq!(count(&pool, "select count(*) from audit_logs where action = 'catalog.ingest'").await, 1);
}

#[tokio::test]
async fn an_edited_title_updates_exactly_that_posting() {
    let pool = pool().await;
    run(&pool, replit(), true).await;
    let mut edited = replit();
    let draft = edited.postings.iter_mut().find(|d| d.board_id.as_deref() == Some(TYPESCRIPT_DEVEX));
    draft.expect("posting in payload").title = "Staff TypeScript Engineer".to_string();
    let summary = run(&pool, edited, true).await;
    assert_eq!((summary.inserted, summary.updated, summary.unchanged), (0, 1, 36));
    let title: String = sqlx::query_scalar("select title from job_postings where source_id = $1")
        .bind(TYPESCRIPT_DEVEX)
        .fetch_one(&pool)
        .await
        .expect("title");
    assert_eq!(title, "Staff TypeScript Engineer");
    assert_eq!(count(&pool, "select count(*) from audit_logs where action = 'catalog.ingest'").await, 2);
}

#[tokio::test]
async fn a_posting_gone_from_its_full_board_is_closed_not_deleted_and_reopens_when_listed_again() {
    let pool = pool().await;
    run(&pool, replit(), true).await;
    let mut shorter = replit();
    shorter.postings.retain(|d| d.board_id.as_deref() != Some(TYPESCRIPT_DEVEX));
    let partial = run(&pool, shorter.clone(), false).await;
    assert_eq!((partial.unchanged, partial.closed), (36, 0), "a partial list closes nothing");
    let summary = run(&pool, shorter, true).await;
    assert_eq!((summary.unchanged, summary.closed), (36, 1));
    let closed: Vec<String> = sqlx::query_scalar("select source_id from job_postings where closed_at is not null")
        .fetch_all(&pool)
        .await
        .expect("closed");
    assert_eq!(closed, vec![TYPESCRIPT_DEVEX.to_string()]);
    assert_eq!(count(&pool, "select count(*) from job_postings").await, 37, "closed, not deleted");
    let reopened = run(&pool, replit(), true).await;
    assert_eq!((reopened.updated, reopened.unchanged, reopened.closed), (1, 36, 0));
    assert_eq!(count(&pool, "select count(*) from job_postings where closed_at is not null").await, 0);
}

#[tokio::test]
async fn unsafe_urls_and_empty_titles_are_skipped_with_their_reason_and_the_rest_stored() {
    let pool = pool().await;
    let mut board = replit();
    board.postings[0].url = "javascript:alert(document.cookie)".to_string();
    board.postings[1].title = "   ".to_string();
    let (script, blank) = (board.postings[0].board_id.clone(), board.postings[1].board_id.clone());
    let summary = run(&pool, board, true).await;
    assert_eq!(summary.inserted, 35);
    assert_eq!(summary.skipped.len(), 2);
    assert_eq!(summary.skipped[0].0, script);
    assert!(summary.skipped[0].1.contains("http(s)"), "{}", summary.skipped[0].1);
    assert_eq!(summary.skipped[1], (blank, "posting has an empty title".to_string()));
    assert_eq!(count(&pool, "select count(*) from job_postings where url like 'javascript:%'").await, 0);
}

#[tokio::test]
async fn a_stored_posting_keeps_its_title_remote_flag_salary_tags_and_clean_text() {
    let pool = pool().await;
    run(&pool, replit(), true).await;
    type Row = (String, bool, Option<i32>, Option<i32>, String, Option<String>, Vec<String>, String, String);
    let row: Row = sqlx::query_as(
        "select title, remote_flag, salary_min_cents, salary_max_cents, currency::text, salary_period,
                normalized_tags, jd_clean, source::text from job_postings where source_id = $1",
    )
    .bind(TYPESCRIPT_DEVEX)
    .fetch_one(&pool)
    .await
    .expect("row");
    let (title, remote, min, max, currency, period, tags, jd_clean, source) = row;
    assert_eq!(title, "Software Engineer, Product Infrastructure (TypeScript DevEx)");
    assert!(!remote, "Ashby says isRemote: false");
    // Ashby summaryComponents: Salary, 1 YEAR, USD, 180000–250000.
    assert_eq!((min, max), (Some(18_000_000), Some(25_000_000)));
    assert_eq!((currency.as_str(), period.as_deref(), source.as_str()), ("USD", Some("year"), "ashby"));
    assert!(tags.contains(&"typescript".to_string()), "{tags:?}");
    assert!(jd_clean.contains("TypeScript") && !jd_clean.contains('<'), "{jd_clean}");
}

#[tokio::test]
async fn boards_naming_one_company_in_any_case_or_slug_share_one_company_row() {
    let pool = pool().await;
    run(&pool, parse(greenhouse::parse, "recruitai/greenhouse.json", "Anthropic", "anthropic"), true).await;
    run(&pool, parse(lever::parse, "recruitai/lever.json", "ANTHROPIC", "anthropic"), true).await;
    run(&pool, parse(ashby::parse, "recruitai/ashby.json", "Anthropic", "anthropic-eu"), true).await;
    let companies: Vec<(String, Option<String>, i64)> = sqlx::query_as(
        "select c.name, c.board_slug, count(p.id) from companies c join job_postings p on p.company_id = c.id
         group by c.id order by c.board_slug",
    )
    .fetch_all(&pool)
    .await
    .expect("companies");
    // "ANTHROPIC" and "Anthropic" are one name; the first slug met stays the row's slug.
    assert_eq!(companies, vec![("Anthropic".to_string(), Some("anthropic".to_string()), 12)]);
    let closed = count(&pool, "select count(*) from job_postings where closed_at is not null").await;
    assert_eq!(closed, 0, "one board's full list never closes another board's postings");
}

#[tokio::test]
async fn a_company_with_a_known_domain_is_one_row_whatever_board_or_spelling_names_it() {
    // No stored payload carries a company website, so the domain is set on the drafts here.
    let pool = pool().await;
    let with_domain = |mut board: ParsedBoard, domain: &str| {
        board.postings.iter_mut().for_each(|d| d.company.domain = Some(domain.to_string()));
        board
    };
    run(&pool, with_domain(replit(), "replit.com"), true).await;
    let lever = parse(lever::parse, "recruitai/lever.json", "Replit, Inc.", "replit-inc");
    let summary = run(&pool, with_domain(lever, "REPLIT.com"), true).await;
    assert_eq!(summary.inserted, 4);
    let companies: Vec<(String, Option<String>, Option<String>)> =
        sqlx::query_as("select name, domain::text, board_slug from companies")
            .fetch_all(&pool)
            .await
            .expect("companies");
    let first = ("Replit".to_string(), Some("replit.com".to_string()), Some("replit".to_string()));
    assert_eq!(companies, vec![first], "the first name and slug seen are kept");
    let again = run(&pool, with_domain(replit(), "replit.com"), true).await;
    assert_eq!((again.unchanged, again.closed), (37, 0));
}

#[tokio::test]
async fn a_company_first_met_by_name_takes_its_domain_when_a_later_board_knows_it() {
    let pool = pool().await;
    run(&pool, replit(), true).await;
    let other = parse(greenhouse::parse, "recruitai/greenhouse.json", "Anthropic", "anthropic");
    run(&pool, other, true).await;
    let mut lever = parse(lever::parse, "recruitai/lever.json", "replit", "replit");
    lever.postings.iter_mut().for_each(|d| d.company.domain = Some("replit.com".to_string()));
    let summary = run(&pool, lever, true).await;
    assert_eq!(summary.inserted, 4);
    let companies: Vec<(String, Option<String>, i64)> = sqlx::query_as(
        "select c.name, c.domain::text, count(p.id) from companies c join job_postings p on p.company_id = c.id
         group by c.id order by c.name",
    )
    .fetch_all(&pool)
    .await
    .expect("companies");
    let anthropic_count = companies.iter().find(|c| c.0 == "Anthropic").map(|c| c.2);
    assert_eq!(companies.len(), 2, "Replit's name-only row took the domain: {companies:?}");
    assert_eq!(companies.iter().find(|c| c.0 == "Replit").map(|c| (c.1.clone(), c.2)), Some((Some("replit.com".to_string()), 37 + 4)));
    assert!(anthropic_count.is_some_and(|n| n > 0), "an unrelated name-only company is untouched");
    let again = run(&pool, replit(), true).await;
    assert_eq!((again.inserted, again.unchanged), (0, 37), "the name-only board still finds its row");
}

/// Replit's board repeated under new ids until it spans several batches, so batches are written
/// at once on several connections.
fn large_replit(copies: usize) -> ParsedBoard {
    let mut board = replit();
    let one = board.postings.clone();
    board.postings = (0..copies)
        .flat_map(|copy| {
            one.iter().cloned().map(move |mut draft| {
                draft.board_id = draft.board_id.map(|id| format!("{id}-{copy}"));
                draft
            })
        })
        .collect();
    board
}

#[tokio::test]
async fn a_board_of_many_batches_is_stored_whole_and_closes_only_what_it_no_longer_lists() {
    let pool = pool().await;
    let board = large_replit(30); // 1,110 postings: two batches
    let summary = run(&pool, board.clone(), true).await;
    assert_eq!((summary.inserted, summary.updated, summary.closed), (1_110, 0, 0));
    assert_eq!(count(&pool, "select count(*) from job_postings where company_id is not null").await, 1_110);
    assert_eq!(count(&pool, "select count(*) from companies").await, 1);
    let audited: i64 = sqlx::query_scalar(
        "select sum((diff->>'inserted')::bigint)::bigint from audit_logs where action = 'catalog.ingest'",
    )
    .fetch_one(&pool)
    .await
    .expect("audit sum");
    assert_eq!(audited, 1_110, "every batch's audit row counts its own postings");

    // Gone: the first posting of the first batch and the last of the last one.
    let mut shorter = board;
    let first = shorter.postings.remove(0).board_id.expect("id");
    let last = shorter.postings.pop().expect("last").board_id.expect("id");
    let summary = run(&pool, shorter, true).await;
    assert_eq!((summary.unchanged, summary.closed), (1_108, 2));
    let mut closed: Vec<String> =
        sqlx::query_scalar("select source_id from job_postings where closed_at is not null")
            .fetch_all(&pool)
            .await
            .expect("closed");
    closed.sort();
    let mut expected = vec![first, last];
    expected.sort();
    assert_eq!(closed, expected);
}

#[tokio::test]
async fn two_ingests_of_one_board_in_opposite_orders_both_finish() {
    // Batches lock their rows (and new titles) in one global order, whatever the payload's order;
    // without it these two meet each other's uncommitted rows from both ends and deadlock.
    let pool = jobpilot::db::connect_owner_pool(&support::fresh_database().await, 4)
        .await
        .expect("connect");
    let forward = large_replit(30);
    let mut backward = forward.clone();
    backward.postings.reverse();
    let (a, b) = tokio::join!(
        ingest(&pool, forward, SkillMatcher::builtin(), true),
        ingest(&pool, backward, SkillMatcher::builtin(), true),
    );
    let (a, b) = (a.expect("forward ingest"), b.expect("backward ingest"));
    assert_eq!(a.inserted + b.inserted, 1_110, "{a:?} {b:?}");
    assert_eq!(a.inserted + a.unchanged, 1_110);
    assert_eq!(b.inserted + b.unchanged, 1_110);
    assert_eq!((a.updated, b.updated, a.closed, b.closed), (0, 0, 0, 0));
    assert_eq!(count(&pool, "select count(*) from job_postings").await, 1_110);
}
