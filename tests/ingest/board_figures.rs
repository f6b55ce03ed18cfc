//! Every board payload we have, the shared ones and the real ones from other companies in
//! `tests/fixtures/external` (see its PROVENANCE.md), ingested as a user would with no
//! `--company`: every posting gets a company, and the per-board figures are printed
//! (`cargo nextest run --test ingest board_figures --no-capture`).

use std::path::{Path, PathBuf};

use jobpilot::connectors::{self, BoardContext};
use sqlx::PgPool;

use super::{pool, run};

pub(super) fn payloads() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "../shared/testdata/job_boards/ashby",
        "../shared/testdata/job_boards/recruitai",
        "../shared/testdata/job_boards/careerkit",
        "../shared/testdata/postings",
        "tests/fixtures/external",
    ] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|entry| entry.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "csv"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

/// (structured, summary, description) salaries and tagged postings among a board's rows.
async fn stored_figures(pool: &PgPool, source_ids: &[String]) -> (i64, i64, i64, i64) {
    sqlx::query_as(
        "select count(*) filter (where salary_source = 'structured'),
                count(*) filter (where salary_source = 'summary'),
                count(*) filter (where salary_source = 'description'),
                count(*) filter (where normalized_tags <> '{}')
         from job_postings where source_id = any($1)",
    )
    .bind(source_ids)
    .fetch_one(pool)
    .await
    .expect("figures")
}

/// The URL a payload was fetched from, for the boards whose postings carry no URL of their own
/// (`--source-url` on the command line; careerkit's PROVENANCE.txt names the endpoints).
pub(super) fn fetched_from(name: &str) -> BoardContext {
    let source_url = match name {
        "workday.json" => Some("https://salesforce.wd12.myworkdayjobs.com/en-US/External_Career_Site/"),
        "bamboohr.json" => Some("https://acme.bamboohr.com/careers/list"),
        "oracle_orc.json" => Some("https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX/"),
        _ => None,
    };
    // Oracle's payload and URL (a pod id, a site code) name no company: the user says which.
    let company_name = (name == "oracle_orc.json").then(|| "Oracle customer".to_string());
    BoardContext { source_url: source_url.map(str::to_string), company_name, board_slug: None }
}

#[tokio::test]
async fn every_board_we_have_stores_each_posting_with_a_company() {
    let pool = pool().await;
    println!("board | postings | with company | salary structured / summary / text | tagged");
    let mut without_company = Vec::new();
    for path in payloads() {
        let name = path.file_name().expect("file name").to_string_lossy().to_string();
        let bytes = std::fs::read(&path).expect("read payload");
        let board = connectors::parse(None, &bytes, &fetched_from(&name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let source_ids: Vec<String> = board
            .postings
            .iter()
            .filter_map(|d| d.board_id.as_ref().map(|id| d.source.source_id(id)))
            .collect();
        let summary = run(&pool, board, false).await;
        let stored = summary.stored();
        assert!(stored > 0, "{name}: nothing stored ({summary:?})");
        if summary.without_company > 0 {
            without_company.push((name.clone(), summary.without_company));
        }
        let (structured, from_summary, from_text, _) = stored_figures(&pool, &source_ids).await;
        println!(
            "{name} | {stored} | {} | {structured} / {from_summary} / {from_text} | {}%",
            stored - summary.without_company,
            summary.tagged_percent().unwrap_or(0)
        );
    }
    assert_eq!(without_company, vec![], "boards with postings stored without a company");
}
