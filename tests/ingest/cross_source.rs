//! One posting, one row; one company, one row: a board payload, an export of the same postings
//! and their JSON-LD pages meet, in either order, and company names that differ only in case,
//! punctuation or a legal suffix are one company.

use jobpilot::connectors::{self, BoardContext};
use jobpilot::domain::posting::{ParsedBoard, SourceKind};
use serde_json::{Value, json};
use sqlx::PgPool;

use super::{JOB_BOARDS, count, pool, run};

/// Anthropic's Greenhouse board, read with no caller context: the payload names the company.
fn greenhouse_board() -> ParsedBoard {
    let bytes = std::fs::read(format!("{JOB_BOARDS}recruitai/greenhouse.json")).expect("payload");
    connectors::parse(Some(SourceKind::Greenhouse), &bytes, &BoardContext::default()).expect("parses")
}

fn board_jobs() -> Vec<Value> {
    let bytes = std::fs::read(format!("{JOB_BOARDS}recruitai/greenhouse.json")).expect("payload");
    let root: Value = serde_json::from_slice(&bytes).expect("json");
    root["jobs"].as_array().expect("jobs").clone()
}

fn text(job: &Value, key: &str) -> String {
    job[key].as_str().expect("text field").to_string()
}

/// An export of the same postings as a job map would give it: lower-case company, the posting's
/// board URL with a tracking parameter and a trailing slash, a location, no description.
fn csv_export(company: &str) -> ParsedBoard {
    let mut csv = String::from("title,url,company,location,salary_min,salary_max,currency\n");
    for job in board_jobs() {
        csv.push_str(&format!(
            "\"{}\",{}/?utm_source=jobmap,\"{company}\",Exported place,150000,190000,USD\n",
            text(&job, "title"),
            text(&job, "absolute_url")
        ));
    }
    connectors::parse(Some(SourceKind::File), csv.as_bytes(), &BoardContext::default()).expect("csv parses")
}

/// One JSON-LD page per posting, each naming the hiring organisation its own way.
fn jsonld_pages(organisation: &str) -> Vec<ParsedBoard> {
    board_jobs()
        .iter()
        .map(|job| {
            let posting = json!({
                "@context": "https://schema.org/",
                "@type": "JobPosting",
                "title": text(job, "title"),
                "url": text(job, "absolute_url"),
                "description": "<p>Posted on our careers site.</p>",
                "datePosted": "2026-07-01",
                "hiringOrganization": {"@type": "Organization", "name": organisation},
            });
            let page = format!(
                "<html><head><script type=\"application/ld+json\">{posting}</script></head></html>"
            );
            connectors::parse(Some(SourceKind::JsonLd), page.as_bytes(), &BoardContext::default())
                .expect("page parses")
        })
        .collect()
}

async fn postings_and_companies(pool: &PgPool) -> (i64, Vec<(String, Option<String>)>) {
    let postings = count(pool, "select count(*) from job_postings").await;
    let companies = sqlx::query_as("select name, board_slug from companies order by name")
        .fetch_all(pool)
        .await
        .expect("companies");
    (postings, companies)
}

fn anthropic() -> Vec<(String, Option<String>)> {
    vec![("Anthropic".to_string(), Some("anthropic".to_string()))]
}

#[tokio::test]
async fn a_board_then_its_export_then_its_pages_store_each_posting_once() {
    let pool = pool().await;
    let board = run(&pool, greenhouse_board(), true).await;
    assert_eq!(board.inserted, 4);
    let export = run(&pool, csv_export("anthropic"), true).await;
    assert_eq!((export.inserted, export.without_company), (0, 0), "{export:?}");
    for page in jsonld_pages("Anthropic, PBC") {
        assert_eq!(run(&pool, page, false).await.inserted, 0);
    }
    assert_eq!(postings_and_companies(&pool).await, (4, anthropic()));
    // The board's record wins; the export filled only what the board lacks (its pay columns).
    type Row = (String, String, Option<String>, Option<i32>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "select record_source, location, closed_at::text, salary_min_cents, salary_source
         from job_postings order by source_id",
    )
    .fetch_all(&pool)
    .await
    .expect("rows");
    for (record, location, closed, salary, origin) in rows {
        assert_eq!(record, "greenhouse");
        assert_ne!(location, "Exported place", "the board's places are kept");
        assert_eq!(closed, None, "the export is not the board's list: nothing is closed");
        assert_eq!((salary, origin.as_deref()), (Some(15_000_000), Some("structured")));
    }
}

#[tokio::test]
async fn an_export_then_the_board_meet_on_one_row_and_the_board_name_wins() {
    let pool = pool().await;
    let export = run(&pool, csv_export("Anthropic, PBC"), true).await;
    assert_eq!(export.inserted, 4);
    let board = run(&pool, greenhouse_board(), true).await;
    assert_eq!((board.inserted, board.updated), (0, 4), "{board:?}");
    assert_eq!(postings_and_companies(&pool).await, (4, anthropic()));
    let stored: Vec<(String, String, String)> =
        sqlx::query_as("select source::text, record_source, url from job_postings order by source_id")
            .fetch_all(&pool)
            .await
            .expect("rows");
    for (source, record, url) in stored {
        assert_eq!((source.as_str(), record.as_str()), ("greenhouse", "greenhouse"));
        assert!(!url.contains("utm_") && !url.ends_with('/'), "{url}");
    }
    // Re-reading the export changes nothing: it never overrides the board.
    let again = run(&pool, csv_export("anthropic"), true).await;
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 4));
}

#[tokio::test]
async fn pages_and_exports_without_a_board_id_meet_on_the_canonical_url() {
    let pool = pool().await;
    let csv = "title,url,company\n\
        Data Analyst,https://careers.acme.example/jobs/data-analyst/?utm_campaign=x,Acme Inc.\n";
    let export = connectors::parse(Some(SourceKind::File), csv.as_bytes(), &BoardContext::default())
        .expect("csv");
    assert_eq!(run(&pool, export, false).await.inserted, 1);
    let page = r#"<script type="application/ld+json">{"@type": "JobPosting", "title": "Data Analyst",
        "url": "https://Careers.Acme.example/jobs/data-analyst#apply",
        "description": "<p>SQL and Tableau every day.</p>",
        "hiringOrganization": {"@type": "Organization", "name": "ACME"}}</script>"#;
    let page = connectors::parse(Some(SourceKind::JsonLd), page.as_bytes(), &BoardContext::default())
        .expect("page");
    let summary = run(&pool, page, false).await;
    assert_eq!((summary.inserted, summary.updated), (0, 1), "{summary:?}");
    let (postings, companies) = postings_and_companies(&pool).await;
    assert_eq!(postings, 1);
    assert_eq!(companies.len(), 1, "Acme Inc. and ACME are one company: {companies:?}");
    let description: Option<String> = sqlx::query_scalar("select jd_clean from job_postings")
        .fetch_one(&pool)
        .await
        .expect("row");
    assert!(description.is_some_and(|d| d.contains("Tableau")), "the page filled the gap");
}

#[tokio::test]
async fn a_board_read_without_a_company_takes_its_slug_and_a_later_name_replaces_it() {
    let pool = pool().await;
    let bytes = std::fs::read(format!("{JOB_BOARDS}ashby/suno.json")).expect("payload");
    let board = connectors::parse(Some(SourceKind::Ashby), &bytes, &BoardContext::default()).expect("parses");
    let first = run(&pool, board, true).await;
    assert_eq!((first.inserted, first.without_company), (52, 0));
    let slug_only: Vec<(String, String)> = sqlx::query_as("select name, name_source from companies")
        .fetch_all(&pool)
        .await
        .expect("companies");
    assert_eq!(slug_only, vec![("suno".to_string(), "slug".to_string())]);
    // An export that names the company properly enriches the row instead of adding one.
    let url: String = sqlx::query_scalar("select url from job_postings limit 1")
        .fetch_one(&pool)
        .await
        .expect("url");
    let csv = format!("title,url,company\nSome role,{url},\"Suno, Inc.\"\n");
    let export = connectors::parse(Some(SourceKind::File), csv.as_bytes(), &BoardContext::default())
        .expect("csv");
    assert_eq!(run(&pool, export, false).await.inserted, 0);
    let named: Vec<(String, String, Option<String>)> =
        sqlx::query_as("select name, name_source, board_slug from companies")
            .fetch_all(&pool)
            .await
            .expect("companies");
    assert_eq!(named, vec![("Suno, Inc.".to_string(), "given".to_string(), Some("suno".to_string()))]);
}

#[tokio::test]
async fn postings_nothing_names_a_company_for_are_counted() {
    let pool = pool().await;
    let csv = "title,url\nOffice Manager,https://careers.example.org/jobs/1\n\
               Recruiter,https://jobs.lever.co/acme/0b8d6f1c-3f5e-4a8b-9c1d-2e3f4a5b6c7d\n";
    let export = connectors::parse(Some(SourceKind::File), csv.as_bytes(), &BoardContext::default())
        .expect("csv");
    let summary = run(&pool, export, false).await;
    assert_eq!(summary.inserted, 2);
    assert_eq!(summary.without_company, 1, "the Lever URL names its company by slug");
    let lever: (String, String) =
        sqlx::query_as("select p.source::text, c.name from job_postings p join companies c on c.id = p.company_id")
            .fetch_one(&pool)
            .await
            .expect("the Lever posting has a company");
    assert_eq!(lever, ("lever".to_string(), "acme".to_string()));
}
