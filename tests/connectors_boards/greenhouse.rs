//! Greenhouse boards API (`/v1/boards/{slug}/jobs?content=true`): recruitai (Anthropic, 4 jobs)
//! and careerkit (Amplitude, 2 jobs, trimmed: `meta.total` still says 37).

use jobpilot::connectors::{BoardContext, greenhouse};
use jobpilot::domain::posting::SourceKind;

use crate::{assert_all_read, at, load, parse_file, posting, raw_field};

#[test]
fn every_greenhouse_file_is_read_whole() {
    // Counted with `jq '.jobs | length'`.
    for (name, count) in [
        ("recruitai/greenhouse.json", 4),
        ("careerkit/greenhouse.json", 2),
    ] {
        assert_all_read(&parse_file(greenhouse::parse, name), count, name);
    }
}

#[test]
fn a_posting_with_several_places_lists_each_once_primary_first() {
    let board = parse_file(greenhouse::parse, "recruitai/greenhouse.json");
    // Source: "id": 5023394008, "title": "Anthropic Fellows Program",
    // "location": {"name": "London, UK; Ontario, CAN; Remote-Friendly, United States; San Francisco, CA"},
    // offices[].name: "British Columbia, CA", "London, UK", "Ontario, CA",
    // "Remote-Friendly US (Travel Required)", "San Francisco, CA",
    // "first_published": "2025-12-11T12:27:23-05:00", "company_name": "Anthropic",
    // departments[0].name: "AI Research & Engineering", metadata: only "Location Type".
    let fellows = posting(&board, "5023394008");
    assert_eq!(fellows.source, SourceKind::Greenhouse);
    assert_eq!(fellows.title, "Anthropic Fellows Program");
    assert_eq!(
        fellows.url,
        "https://job-boards.greenhouse.io/anthropic/jobs/5023394008"
    );
    let expected = [
        "London, UK",
        "Ontario, CAN",
        "Remote-Friendly, United States",
        "San Francisco, CA",
        "British Columbia, CA",
        "Ontario, CA",
        "Remote-Friendly US (Travel Required)",
    ];
    assert_eq!(fellows.locations, expected);
    assert_eq!(
        fellows.remote,
        Some(false),
        "the board's own \"Location Type: On-Site\" wins over \"Remote-Friendly\" places"
    );
    assert_eq!(fellows.salary, None);
    assert_eq!(fellows.salary_text, None);
    assert_eq!(fellows.posted_at, at("2025-12-11T17:27:23Z"));
    assert_eq!(fellows.company.name.as_deref(), Some("Anthropic"));
    assert_eq!(fellows.company.board_slug.as_deref(), Some("anthropic"));
    assert_eq!(fellows.company.domain, None);
    assert_eq!(
        fellows.department.as_deref(),
        Some("AI Research & Engineering")
    );
    assert_eq!(fellows.employment_type, None);
}

#[test]
fn the_description_stays_entity_encoded_as_received() {
    let name = "recruitai/greenhouse.json";
    let board = parse_file(greenhouse::parse, name);
    // Source: "id": 5215052008, "title": "Amazon GTM Partnership, Startups",
    // "location": {"name": "San Francisco, CA | New York City, NY | Seattle, WA"},
    // offices[].name: "San Francisco, CA", "first_published": "2026-05-11T17:58:31-04:00",
    // "content": "&lt;div class=&quot;content-intro&quot;&gt;…".
    let gtm = posting(&board, "5215052008");
    assert_eq!(gtm.title, "Amazon GTM Partnership, Startups");
    assert_eq!(
        gtm.locations,
        ["San Francisco, CA", "New York City, NY", "Seattle, WA"]
    );
    assert_eq!(gtm.posted_at, at("2026-05-11T21:58:31Z"));
    let description = gtm.description_raw.as_deref().unwrap_or_default();
    assert!(description.starts_with("&lt;div class=&quot;content-intro&quot;&gt;"));
    assert_eq!(
        description,
        raw_field(name, Some("jobs"), "5215052008", "content")
    );
}

#[test]
fn the_company_name_is_trimmed_and_an_employment_type_field_is_read() {
    let board = parse_file(greenhouse::parse, "careerkit/greenhouse.json");
    // Source: "id": 8651132002, "title": "Emerging Account Executive (India)",
    // "absolute_url": "https://job-boards.greenhouse.io/amplitude/jobs/8651132002",
    // "location": {"name": "Bangalore, India"}, offices[].name: "Remote-India (PEO)",
    // "company_name": "Amplitude " (trailing space), "first_published": "2026-07-27T02:52:26-04:00",
    // departments[0].name: "Account Executives", metadata "Employment Type": "Regular".
    let india = posting(&board, "8651132002");
    assert_eq!(india.title, "Emerging Account Executive (India)");
    assert_eq!(
        india.url,
        "https://job-boards.greenhouse.io/amplitude/jobs/8651132002"
    );
    assert_eq!(india.locations, ["Bangalore, India", "Remote-India (PEO)"]);
    assert_eq!(
        india.remote, None,
        "an office called Remote is text, judged later"
    );
    assert_eq!(india.company.name.as_deref(), Some("Amplitude"));
    assert_eq!(india.company.board_slug.as_deref(), Some("amplitude"));
    assert_eq!(india.posted_at, at("2026-07-27T06:52:26Z"));
    assert_eq!(india.department.as_deref(), Some("Account Executives"));
    assert_eq!(india.employment_type.as_deref(), Some("Regular"));
    assert_eq!(india.salary, None);
}

#[test]
fn the_payload_company_wins_over_the_callers_and_the_callers_slug_over_the_url() {
    let context = BoardContext {
        company_name: Some("Someone Else".to_string()),
        board_slug: Some("amplitude-eu".to_string()),
        source_url: None,
    };
    let board = greenhouse::parse(&load("careerkit/greenhouse.json"), &context)
        .unwrap_or_else(|error| panic!("should parse: {error}"));
    let first = posting(&board, "8636903002");
    assert_eq!(first.company.name.as_deref(), Some("Amplitude"));
    assert_eq!(first.company.board_slug.as_deref(), Some("amplitude-eu"));
}

#[test]
fn without_content_and_company_the_callers_name_and_updated_at_are_used() {
    // The shape of the list without `content=true`, older boards without `first_published`.
    let payload = br#"{"jobs":[{"id":42,"title":"Welder","updated_at":"2026-01-02T03:04:05-05:00",
        "absolute_url":"https://boards.greenhouse.io/acme/jobs/42","location":{"name":"Ohio"}}],
        "meta":{"total":1}}"#;
    let context = BoardContext {
        company_name: Some("Acme".to_string()),
        ..BoardContext::default()
    };
    let board = greenhouse::parse(payload, &context)
        .unwrap_or_else(|error| panic!("should parse: {error}"));
    let welder = posting(&board, "42");
    assert_eq!(welder.company.name.as_deref(), Some("Acme"));
    assert_eq!(welder.company.board_slug.as_deref(), Some("acme"));
    assert_eq!(welder.posted_at, at("2026-01-02T08:04:05Z"));
    assert_eq!(welder.description_raw, None);
    assert_eq!(welder.locations, ["Ohio"]);
}

/// Greenhouse boards name their workplace field their own way; the board's word wins over the
/// location text, and a field that says nothing leaves the question to the text.
#[test]
fn a_boards_own_workplace_field_decides_remote() {
    let job = |id: u32, location: &str, metadata: &str| {
        format!(
            r#"{{"id": {id}, "title": "Role {id}", "absolute_url": "https://job-boards.greenhouse.io/acme/jobs/{id}",
                "location": {{"name": "{location}"}}, "metadata": {metadata}}}"#
        )
    };
    let jobs = [
        job(1, "Remote-Friendly (Travel-Required)", r#"[{"name": "Location Type", "value": "On-Site", "value_type": "single_select"}]"#),
        job(2, "New York", r#"[{"name": "Workplace Type", "value": "Remote", "value_type": "single_select"}]"#),
        job(3, "Remote, US", r#"[{"name": "Work Arrangement", "value": "Hybrid", "value_type": "single_select"}]"#),
        job(4, "Berlin", r#"[{"name": "Remote", "value": "Yes", "value_type": "yes_no"}]"#),
        job(5, "Berlin", r#"[{"name": "Workplace", "value": ["On-site", "Remote"], "value_type": "multi_select"}]"#),
        job(6, "Remote", r#"[{"name": "Location Type", "value": null, "value_type": "single_select"}]"#),
        job(7, "Remote", r#"[{"name": "Employment Type", "value": "Remote contractor", "value_type": "single_select"}]"#),
        job(8, "Paris", "null"),
    ];
    let payload = format!(r#"{{"jobs": [{}]}}"#, jobs.join(","));
    let board = greenhouse::parse(payload.as_bytes(), &BoardContext::default()).expect("parses");
    let remote: Vec<Option<bool>> = board.postings.iter().map(|p| p.remote).collect();
    assert_eq!(
        remote,
        [Some(false), Some(true), Some(false), Some(true), Some(true), None, None, None],
        "On-Site beats a remote-sounding place; hybrid is not remote; a remote option counts; \
         an empty or unrelated field says nothing"
    );
}

/// A listing that names no company and no board slug still belongs to the company whose own
/// careers site shows the posting; a Greenhouse-hosted URL gives no such domain.
#[test]
fn a_posting_on_the_companys_own_site_names_its_domain_when_nothing_else_does() {
    let payload = r#"{"jobs": [
        {"id": 7978019, "title": "Account Executive", "absolute_url": "https://stripe.com/jobs/search?gh_jid=7978019"},
        {"id": 8029988, "title": "Recruiter", "absolute_url": "https://careers.datadoghq.com/detail/8029988/?gh_jid=8029988"},
        {"id": 42, "title": "Named", "company_name": "Acme", "absolute_url": "https://acme.example/jobs?gh_jid=42"}
    ]}"#;
    let board = greenhouse::parse(payload.as_bytes(), &BoardContext::default()).expect("parses");
    let domains: Vec<Option<&str>> = board.postings.iter().map(|p| p.company.domain.as_deref()).collect();
    assert_eq!(domains, [Some("stripe.com"), Some("datadoghq.com"), None]);
}
