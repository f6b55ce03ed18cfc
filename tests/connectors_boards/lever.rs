//! Lever postings API (`/v0/postings/{slug}?mode=json`): recruitai (people-ai, 4 postings) and
//! careerkit (idealistconsulting, 2 postings).

use jobpilot::connectors::{BoardContext, lever};
use jobpilot::domain::posting::{PayPeriod, Salary, SourceKind};

use crate::{assert_all_read, at, load, parse_file, posting, raw_field};

#[test]
fn every_lever_file_is_read_whole() {
    // Counted with `jq 'length'`.
    for (name, count) in [("recruitai/lever.json", 4), ("careerkit/lever.json", 2)] {
        assert_all_read(&parse_file(lever::parse, name), count, name);
    }
}

#[test]
fn a_salary_range_becomes_cents_per_year_and_workplace_type_sets_remote() {
    let name = "recruitai/lever.json";
    let board = parse_file(lever::parse, name);
    // Source: "id": "d6d4ddcc-1d05-433f-8777-e803665e219a", "text": "Director of IT",
    // "hostedUrl": "https://jobs.lever.co/people-ai/d6d4ddcc-…", "workplaceType": "remote",
    // "categories": {"commitment": "Full-Time", "location": "United States", "team": "G&A",
    // "allLocations": ["United States"]}, "createdAt": 1777410676083 (2026-04-28T21:11:16.083Z),
    // "salaryRange": {"min": 200000, "max": 270000, "currency": "USD", "interval": "per-year-salary"}.
    let id = "d6d4ddcc-1d05-433f-8777-e803665e219a";
    let director = posting(&board, id);
    assert_eq!(director.source, SourceKind::Lever);
    assert_eq!(director.title, "Director of IT");
    assert_eq!(
        director.url,
        format!("https://jobs.lever.co/people-ai/{id}")
    );
    assert_eq!(director.locations, ["United States"]);
    assert_eq!(director.remote, Some(true));
    let salary = Salary {
        min_cents: Some(20_000_000),
        max_cents: Some(27_000_000),
        currency: Some("USD".to_string()),
        period: Some(PayPeriod::Year),
    };
    assert_eq!(director.salary, Some(salary));
    assert_eq!(director.salary_text, None);
    assert_eq!(director.posted_at, at("2026-04-28T21:11:16.083Z"));
    assert_eq!(
        director.company.name, None,
        "Lever's payload names no company"
    );
    assert_eq!(director.company.board_slug.as_deref(), Some("people-ai"));
    assert_eq!(director.department.as_deref(), Some("G&A"));
    assert_eq!(director.employment_type.as_deref(), Some("Full-Time"));
    let description = director.description_raw.as_deref().unwrap_or_default();
    assert!(description.starts_with(&raw_field(name, None, id, "description")));
    assert!(
        description.contains("<h3>Responsibilities</h3><ul>"),
        "lists are kept"
    );
}

#[test]
fn a_posting_without_salary_range_has_no_salary() {
    let board = parse_file(lever::parse, "recruitai/lever.json");
    // Source: "id": "bb0e548d-48e5-4154-8931-a0c2a944c068",
    // "text": "Principal Customer Success Manager", no "salaryRange", "workplaceType": "remote",
    // "categories": {"location": "Remote", "team": "Customer Success", "allLocations": ["Remote"]},
    // "createdAt": 1783449863804 (2026-07-07T18:44:23.804Z).
    let manager = posting(&board, "bb0e548d-48e5-4154-8931-a0c2a944c068");
    assert_eq!(manager.title, "Principal Customer Success Manager");
    assert_eq!(manager.locations, ["Remote"]);
    assert_eq!(manager.remote, Some(true));
    assert_eq!(manager.salary, None);
    assert_eq!(manager.posted_at, at("2026-07-07T18:44:23.804Z"));
}

#[test]
fn the_callers_company_name_fills_in_for_lever() {
    let context = BoardContext {
        company_name: Some("Idealist Consulting".to_string()),
        ..BoardContext::default()
    };
    let board = lever::parse(&load("careerkit/lever.json"), &context)
        .unwrap_or_else(|error| panic!("should parse: {error}"));
    // Source: "id": "5d54d69b-e940-452e-b892-1170aa60f095",
    // "text": "(1099 Contract) Salesforce for Nonprofits: Solution Architect",
    // "categories": {"commitment": "Contract", "location": "Washington, D.C.",
    // "team": "Services Team", "allLocations": ["Washington, D.C."]},
    // "createdAt": 1674959303769 (2023-01-29T02:28:23.769Z), "workplaceType": "remote", no salaryRange.
    let architect = posting(&board, "5d54d69b-e940-452e-b892-1170aa60f095");
    assert_eq!(
        architect.title,
        "(1099 Contract) Salesforce for Nonprofits: Solution Architect"
    );
    assert_eq!(
        architect.url,
        "https://jobs.lever.co/idealistconsulting/5d54d69b-e940-452e-b892-1170aa60f095"
    );
    assert_eq!(architect.locations, ["Washington, D.C."]);
    assert_eq!(architect.remote, Some(true));
    assert_eq!(architect.salary, None);
    assert_eq!(architect.posted_at, at("2023-01-29T02:28:23.769Z"));
    assert_eq!(
        architect.company.name.as_deref(),
        Some("Idealist Consulting")
    );
    assert_eq!(
        architect.company.board_slug.as_deref(),
        Some("idealistconsulting")
    );
    assert_eq!(architect.employment_type.as_deref(), Some("Contract"));
    assert_eq!(architect.department.as_deref(), Some("Services Team"));
}

#[test]
fn hybrid_is_not_remote_unspecified_is_unknown_and_hourly_pay_is_per_hour() {
    let payload = br#"[
        {"id":"a","text":"Nurse","hostedUrl":"https://jobs.lever.co/acme/a","workplaceType":"hybrid",
         "salaryRange":{"min":45.5,"max":60,"currency":"usd","interval":"per-hour-wage"}},
        {"id":"b","text":"Cook","hostedUrl":"https://jobs.lever.co/acme/b","workplaceType":"unspecified",
         "salaryRange":{"min":1000,"max":2000,"currency":"EUR","interval":"one-time"}}]"#;
    let board = lever::parse(payload, &BoardContext::default())
        .unwrap_or_else(|error| panic!("should parse: {error}"));
    let nurse = posting(&board, "a");
    assert_eq!(nurse.remote, Some(false));
    let hourly = Salary {
        min_cents: Some(4550),
        max_cents: Some(6000),
        currency: Some("USD".to_string()),
        period: Some(PayPeriod::Hour),
    };
    assert_eq!(nurse.salary, Some(hourly));
    let cook = posting(&board, "b");
    assert_eq!(cook.remote, None);
    assert_eq!(
        cook.salary.as_ref().and_then(|s| s.period),
        None,
        "a one-time sum is no pay rate"
    );
}
