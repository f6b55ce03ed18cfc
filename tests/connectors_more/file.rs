//! User files: the real uber_jobs.json export, and CSV/JSON in the documented columns.

use jobpilot::connectors::{BoardContext, file};
use jobpilot::domain::posting::{PayPeriod, Salary, SourceKind};

use crate::{at, fixture, strings, testdata};

#[test]
fn the_uber_export_reads_all_776_postings() {
    let board = file::parse(&testdata("postings/uber_jobs.json"), &BoardContext::default())
        .expect("uber_jobs.json parses");
    assert_eq!(board.postings.len(), 776, "{:?}", board.skipped.first());
    assert!(board.skipped.is_empty());
    let first = &board.postings[0];
    // {"url": "https://www.uber.com/global/en/careers/list/150078/", "title": "Consumer Growth
    // Operations Manager", "locations": ["Mexico City, Mexico"], "description": "## About the
    // Role\n\n...", "id": 150078, "department": "Operations", "time_type": "Full-Time",
    // "creation_date": "2025-10-20T21:34:00.000Z"}; the file's "name" is "Uber".
    assert_eq!(first.source, SourceKind::File);
    assert_eq!(first.title, "Consumer Growth Operations Manager");
    assert_eq!(first.url, "https://www.uber.com/global/en/careers/list/150078/");
    assert_eq!(first.board_id.as_deref(), Some("150078"));
    assert_eq!(first.company.name.as_deref(), Some("Uber"));
    assert_eq!(first.locations, strings(&["Mexico City, Mexico"]));
    assert_eq!(first.department.as_deref(), Some("Operations"));
    assert_eq!(first.employment_type.as_deref(), Some("Full-Time"));
    assert_eq!(first.posted_at, at("2025-10-20T21:34:00Z"));
    assert!(first.description_raw.as_deref().unwrap_or_default().starts_with("## About the Role"));
    assert_eq!(first.salary, None);
    // Entry 7 (index 6) lists six cities, "Dallas, Texas, United States" first.
    let spread = &board.postings[6];
    assert_eq!(spread.locations.len(), 6);
    assert_eq!(spread.locations[0], "Dallas, Texas, United States");
}

#[test]
fn a_csv_export_reads_documented_columns_case_insensitively() {
    let board = file::parse(&fixture("jobs.csv"), &BoardContext::default()).expect("CSV parses");
    assert_eq!(board.postings.len(), 2, "{:?}", board.skipped);
    let p = &board.postings[0];
    assert_eq!(p.title, "Data Engineer");
    assert_eq!(p.url, "https://jobs.example.org/42");
    assert_eq!(p.board_id.as_deref(), Some("42"));
    assert_eq!(p.company.name.as_deref(), Some("Tailspin Toys"));
    assert_eq!(p.company.domain.as_deref(), Some("tailspin.example"));
    assert_eq!(p.locations, strings(&["Berlin", "Remote"]));
    assert_eq!(p.remote, Some(true));
    let expected = Salary {
        min_cents: Some(8_500_000),
        max_cents: Some(9_500_050),
        currency: Some("EUR".into()),
        period: Some(PayPeriod::Year),
    };
    assert_eq!(p.salary, Some(expected));
    assert_eq!(p.posted_at, at("2026-08-01T00:00:00Z"));
    assert_eq!(p.description_raw.as_deref(), Some("Build pipelines, own the warehouse."));
    assert_eq!(p.department.as_deref(), Some("Data"));
    assert_eq!(p.employment_type.as_deref(), Some("Full-time"));
    let second = &board.postings[1];
    assert_eq!(second.remote, Some(false));
    assert_eq!(second.salary, None);
    assert_eq!(second.posted_at, at("2026-07-30T09:15:00Z"));
}

#[test]
fn csv_rows_missing_title_or_url_or_with_unreadable_values_are_skipped_by_line() {
    let board = file::parse(&fixture("jobs.csv"), &BoardContext::default()).expect("CSV parses");
    let reasons: Vec<&str> = board.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert_eq!(reasons[0], "CSV line 4: no title");
    assert_eq!(reasons[1], "CSV line 5: no url");
    assert!(reasons[2].starts_with("CSV line 6: salary_min `1,5`"), "{}", reasons[2]);
    assert_eq!(board.skipped[0].index, 2);
    assert_eq!(board.skipped[1].board_id.as_deref(), Some("45"));
}

#[test]
fn a_json_array_export_reads_typed_values_and_skips_bad_entries() {
    let context = BoardContext { company_name: Some("Fallback Co".into()), ..BoardContext::default() };
    let board = file::parse(&fixture("jobs.json"), &context).expect("JSON parses");
    assert_eq!(board.postings.len(), 1);
    let p = &board.postings[0];
    assert_eq!(p.title, "Platform Engineer");
    assert_eq!(p.company.name.as_deref(), Some("Tailspin Toys"));
    assert_eq!(p.locations, strings(&["Amsterdam, NL", "Remote, EU"]));
    assert_eq!(p.remote, Some(true));
    assert_eq!(p.salary.as_ref().and_then(|s| s.max_cents), Some(9_000_000));
    let reasons: Vec<&str> = board.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(reasons, ["JSON entry 2: no url", "JSON entry 3: not an object"]);
}

#[test]
fn the_company_from_the_context_fills_a_file_that_names_none() {
    let csv = b"title,url\nWriter,https://example.org/w\n";
    let context = BoardContext { company_name: Some("Fallback Co".into()), ..BoardContext::default() };
    let board = file::parse(csv, &context).expect("CSV parses");
    assert_eq!(board.postings[0].company.name.as_deref(), Some("Fallback Co"));
}

#[test]
fn skipped_csv_rows_name_their_line_with_plain_line_ends_and_quoted_breaks() {
    let csv = b"title,url,description\nA,https://e.org/a,\"two\nlines\"\nB,,\n";
    let board = file::parse(csv, &BoardContext::default()).expect("CSV parses");
    assert_eq!(board.postings[0].description_raw.as_deref(), Some("two\nlines"));
    assert_eq!(board.skipped[0].reason, "CSV line 4: no url");
}
