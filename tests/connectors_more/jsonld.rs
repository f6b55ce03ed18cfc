//! JSON-LD pages: single postings, arrays and `@graph`, and broken blocks that must not sink
//! the rest of the page.

use jobpilot::connectors::{BoardContext, jsonld};
use jobpilot::domain::posting::{PayPeriod, Salary, SourceKind};

use crate::{at, fixture, source, strings};

#[test]
fn a_single_job_posting_reads_every_mapped_field() {
    let board = jsonld::parse(&fixture("jsonld_single.html"), &BoardContext::default())
        .expect("page parses");
    assert_eq!(board.postings.len(), 1, "the Organization block is not a posting");
    let p = &board.postings[0];
    assert_eq!(p.source, SourceKind::JsonLd);
    assert_eq!(p.title, "Senior Rust Engineer, R&D");
    assert_eq!(p.url, "https://careers.northwind-robotics.example/jobs/4711-senior-rust-engineer");
    assert_eq!(p.board_id.as_deref(), Some("NW-4711"));
    assert_eq!(p.company.name.as_deref(), Some("Northwind Robotics"));
    assert_eq!(p.company.domain.as_deref(), Some("northwind-robotics.example"), "LinkedIn skipped");
    assert_eq!(p.locations, strings(&["Hamburg, HH, DE"]));
    assert_eq!(p.remote, Some(true));
    let expected = Salary {
        min_cents: Some(8_500_000),
        max_cents: Some(10_500_050),
        currency: Some("EUR".into()),
        period: Some(PayPeriod::Year),
    };
    assert_eq!(p.salary, Some(expected));
    assert_eq!(p.employment_type.as_deref(), Some("FULL_TIME, CONTRACTOR"));
    assert_eq!(p.posted_at, at("2026-07-14T00:00:00Z"));
    assert!(p.description_raw.as_deref().unwrap_or_default().starts_with("<p>Build the control"));
}

#[test]
fn postings_in_arrays_and_graphs_are_all_found() {
    let context = source("https://contoso-coffee.example/careers");
    let board = jsonld::parse(&fixture("jsonld_graph.html"), &context).expect("page parses");
    let titles: Vec<&str> = board.postings.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["Barista (Part-time)", "Roastery Shift Lead", "Coffee Equipment Technician"]);
    let barista = &board.postings[0];
    assert_eq!(barista.locations, strings(&["Seattle, WA, US", "Tacoma, WA, US"]));
    assert_eq!(barista.company.domain.as_deref(), Some("contoso-coffee.example"));
    assert_eq!(barista.posted_at, at("2026-08-01T15:30:00Z"));
    let hourly = Salary {
        min_cents: Some(1975),
        max_cents: Some(1975),
        currency: Some("USD".into()),
        period: Some(PayPeriod::Hour),
    };
    assert_eq!(barista.salary, Some(hourly));
    assert_eq!(barista.remote, None);
    let lead = &board.postings[1];
    assert_eq!(lead.url, "https://contoso-coffee.example/careers", "page URL when no url");
    assert_eq!(lead.board_id.as_deref(), Some("88231"));
    assert_eq!(lead.company.name.as_deref(), Some("Contoso Coffee"));
    assert_eq!(lead.locations, strings(&["1200 Industrial Way, Kent, WA"]));
    assert_eq!(lead.salary.as_ref().and_then(|s| s.period), Some(PayPeriod::Month));
    assert_eq!(board.postings[2].remote, Some(true));
}

#[test]
fn a_posting_without_url_on_an_unknown_page_is_skipped() {
    let board = jsonld::parse(&fixture("jsonld_graph.html"), &BoardContext::default())
        .expect("page parses");
    assert_eq!(board.postings.len(), 2);
    assert_eq!(board.skipped.len(), 1);
    assert_eq!(board.skipped[0].board_id.as_deref(), Some("88231"));
    assert!(board.skipped[0].reason.contains("no url"), "{}", board.skipped[0].reason);
}

#[test]
fn a_malformed_block_is_skipped_and_the_others_are_read() {
    let board = jsonld::parse(&fixture("jsonld_malformed.html"), &BoardContext::default())
        .expect("a broken block is not fatal");
    assert_eq!(board.postings.len(), 1);
    let p = &board.postings[0];
    assert_eq!(p.title, "Delivery Driver");
    assert_eq!(p.company.domain, None, "a LinkedIn profile is not the employer's domain");
    assert_eq!(p.locations, strings(&["Rotterdam, NL"]));
    assert!(p.description_raw.as_deref().unwrap_or_default().contains("Rotterdam area"));
    let reasons: Vec<&str> = board.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].contains("block #1 is not valid JSON"), "{}", reasons[0]);
    assert!(reasons[1].contains("no title"), "{}", reasons[1]);
    assert_eq!(board.skipped[1].board_id.as_deref(), Some("FAB-3"));
}

#[test]
fn a_page_without_json_ld_is_an_error() {
    let page = b"<html><head><title>Jobs</title></head><body><p>No data</p></body></html>";
    let error = jsonld::parse(page, &BoardContext::default()).expect_err("no JSON-LD");
    assert!(error.0.contains("ld+json"), "{error}");
}
