//! Ashby posting API (`/posting-api/job-board/{org}?includeCompensation=true`): four whole boards
//! (decagon, replit, suno, zapier) plus recruitai (ramp) and careerkit (HighlightTA).

use jobpilot::connectors::ashby;
use jobpilot::domain::posting::{PayPeriod, Salary, SourceKind};

use crate::{assert_all_read, at, parse_file, posting, raw_field};

fn salary(min: i64, max: i64, currency: &str, period: PayPeriod) -> Option<Salary> {
    Some(Salary {
        min_cents: Some(min),
        max_cents: Some(max),
        currency: Some(currency.to_string()),
        period: Some(period),
    })
}

#[test]
fn every_ashby_file_is_read_whole() {
    // Counted with `jq '.jobs | length'`; the four boards match the testdata README.
    let files = [
        ("ashby/decagon.json", 62),
        ("ashby/replit.json", 37),
        ("ashby/suno.json", 52),
        ("ashby/zapier.json", 33),
        ("recruitai/ashby.json", 4),
        ("careerkit/ashby.json", 2),
    ];
    for (name, count) in files {
        assert_all_read(&parse_file(ashby::parse, name), count, name);
    }
}

#[test]
fn an_hourly_salary_is_per_hour_and_the_tier_summary_is_the_text_fallback() {
    let name = "ashby/decagon.json";
    let board = parse_file(ashby::parse, name);
    // Source: "id": "413cbd5a-d5bf-46b5-95e6-2453b7f548df", "title": "AI Tutor",
    // "location": "San Francisco", "secondaryLocations": [], "isRemote": false,
    // "publishedAt": "2025-10-09T20:47:27.754+00:00", "department": "Engineering, Product & Design",
    // "employmentType": "FullTime", compensation: "scrapeableCompensationSalarySummary": null,
    // "compensationTierSummary": "$40.00 – $45.00 per hour • Offers Equity", summaryComponents
    // Salary {"interval": "1 HOUR", "currencyCode": "USD", "minValue": 40, "maxValue": 45}.
    let id = "413cbd5a-d5bf-46b5-95e6-2453b7f548df";
    let tutor = posting(&board, id);
    assert_eq!(tutor.source, SourceKind::Ashby);
    assert_eq!(tutor.title, "AI Tutor");
    assert_eq!(tutor.url, format!("https://jobs.ashbyhq.com/decagon/{id}"));
    assert_eq!(tutor.locations, ["San Francisco"]);
    assert_eq!(tutor.remote, Some(false));
    assert_eq!(tutor.salary, salary(4_000, 4_500, "USD", PayPeriod::Hour));
    assert_eq!(
        tutor.salary_text.as_deref(),
        Some("$40.00 – $45.00 per hour • Offers Equity")
    );
    assert_eq!(tutor.posted_at, at("2025-10-09T20:47:27.754Z"));
    assert_eq!(tutor.company.name, None, "Ashby's payload names no company");
    assert_eq!(tutor.company.board_slug.as_deref(), Some("decagon"));
    assert_eq!(
        tutor.department.as_deref(),
        Some("Engineering, Product & Design")
    );
    assert_eq!(tutor.employment_type.as_deref(), Some("FullTime"));
    let html = raw_field(name, Some("jobs"), id, "descriptionHtml");
    assert_eq!(tutor.description_raw.as_deref(), Some(html.as_str()));
}

#[test]
fn weekly_pay_pounds_and_secondary_locations_are_read() {
    let board = parse_file(ashby::parse, "ashby/decagon.json");
    // Source: "aa9c9d2a-…" "Agent Software Engineer - Intern (Summer 2026)": Salary
    // {"interval": "1 WEEK", "currencyCode": "USD", "minValue": 2400, "maxValue": 2400}.
    let intern = posting(&board, "aa9c9d2a-aba9-429e-bf91-8303247fbcd6");
    assert_eq!(
        intern.salary,
        salary(240_000, 240_000, "USD", PayPeriod::Week)
    );
    // Source: "28366d07-…" "Agent Software Engineer", "location": "London", Salary
    // {"interval": "1 YEAR", "currencyCode": "GBP", "minValue": 150000, "maxValue": 260000},
    // "scrapeableCompensationSalarySummary": "£150K - £260K".
    let london = posting(&board, "28366d07-ae89-428c-8593-1840591bfc18");
    assert_eq!(
        london.salary,
        salary(15_000_000, 26_000_000, "GBP", PayPeriod::Year)
    );
    assert_eq!(london.salary_text.as_deref(), Some("£150K - £260K"));
    // Source: "f42e38fc-…" "Account Executive, Strategic Accounts", "location": "Remote",
    // "secondaryLocations": [{"location": "London", …}], "isRemote": true.
    let remote = posting(&board, "f42e38fc-aa61-44c2-8e04-3e6d0ae5a7a3");
    assert_eq!(remote.locations, ["Remote", "London"]);
    assert_eq!(remote.remote, Some(true));
}

#[test]
fn a_null_remote_flag_without_workplace_type_stays_unknown() {
    let board = parse_file(ashby::parse, "ashby/suno.json");
    // Source: "910d988d-…" "Senior Corporate Recruiter", "location": "Boston",
    // "secondaryLocations": [{"location": "NYC", …}], "isRemote": null, no "workplaceType",
    // "publishedAt": "2025-10-24T21:25:47.402+00:00", Salary USD 115000–165000 "1 YEAR".
    let recruiter = posting(&board, "910d988d-accd-4aff-a052-4a844d927c04");
    assert_eq!(recruiter.title, "Senior Corporate Recruiter");
    assert_eq!(recruiter.locations, ["Boston", "NYC"]);
    assert_eq!(recruiter.remote, None);
    assert_eq!(
        recruiter.salary,
        salary(11_500_000, 16_500_000, "USD", PayPeriod::Year)
    );
    assert_eq!(recruiter.posted_at, at("2025-10-24T21:25:47.402Z"));
}

#[test]
fn a_posting_without_compensation_has_no_salary_and_no_text() {
    let board = parse_file(ashby::parse, "ashby/replit.json");
    // Source: "12737078-…" "Software Engineering Intern (Summer 2026)", compensation summaries
    // null and summaryComponents [], "location": "Foster City, CA (Hybrid) In office M,W,F".
    let intern = posting(&board, "12737078-74c7-4e63-98a7-5e8da1e9deb1");
    assert_eq!(intern.salary, None);
    assert_eq!(intern.salary_text, None);
    assert_eq!(
        intern.locations,
        ["Foster City, CA (Hybrid) In office M,W,F"]
    );
    assert_eq!(intern.employment_type.as_deref(), Some("Intern"));
}

#[test]
fn stray_spaces_around_a_title_are_trimmed() {
    let board = parse_file(ashby::parse, "ashby/zapier.json");
    // Source: "9b18491f-…" "title": " Sr. Product Manager, MCP" (leading space), "location":
    // "NAMER", "isRemote": true, Salary USD 170700–256100 "1 YEAR", "$170.7K - $256.1K".
    let manager = posting(&board, "9b18491f-131d-4d93-b9ca-4a32820fa045");
    assert_eq!(manager.title, "Sr. Product Manager, MCP");
    assert_eq!(manager.locations, ["NAMER"]);
    assert_eq!(manager.remote, Some(true));
    assert_eq!(
        manager.salary,
        salary(17_070_000, 25_610_000, "USD", PayPeriod::Year)
    );
    assert_eq!(manager.salary_text.as_deref(), Some("$170.7K - $256.1K"));
    assert_eq!(manager.posted_at, at("2025-08-15T21:29:18.023Z"));
}

#[test]
fn the_remote_flag_wins_over_a_hybrid_workplace_type() {
    let board = parse_file(ashby::parse, "recruitai/ashby.json");
    // Source: "34413f8d-…" "title": " Security Engineer, Cloud", "location": "New York, NY (HQ)",
    // secondaryLocations: "Remote (Canada)", "Remote (US)", "Miami, FL", "isRemote": true,
    // "workplaceType": "Hybrid", Salary USD 211400–290600 "1 YEAR", "$211.4K - $290.6K".
    let engineer = posting(&board, "34413f8d-26bf-4bbc-8ade-eb309a0e2245");
    assert_eq!(engineer.title, "Security Engineer, Cloud");
    let places = [
        "New York, NY (HQ)",
        "Remote (Canada)",
        "Remote (US)",
        "Miami, FL",
    ];
    assert_eq!(engineer.locations, places);
    assert_eq!(engineer.remote, Some(true));
    assert_eq!(
        engineer.salary,
        salary(21_140_000, 29_060_000, "USD", PayPeriod::Year)
    );
    assert_eq!(engineer.salary_text.as_deref(), Some("$211.4K - $290.6K"));
    assert_eq!(engineer.company.board_slug.as_deref(), Some("ramp"));
    // Source: "6a20b3b8-…" "Office Coordinator, NYC", "isRemote": false, "workplaceType": "OnSite".
    let coordinator = posting(&board, "6a20b3b8-8111-4cbd-be4b-423b60660738");
    assert_eq!(coordinator.remote, Some(false));
}

#[test]
fn canadian_dollars_and_a_mixed_case_slug_are_kept() {
    let board = parse_file(ashby::parse, "careerkit/ashby.json");
    // Source: "fc2f1f85-…" "title": "Senior Site Reliability Engineer " (trailing space),
    // "jobUrl": "https://jobs.ashbyhq.com/HighlightTA/fc2f1f85-…", "location": "Toronto, Ontario",
    // "isRemote": true, "workplaceType": "Hybrid", Salary CAD 102800–137000 "1 YEAR",
    // "publishedAt": "2026-07-08T19:48:19.767+00:00".
    let sre = posting(&board, "fc2f1f85-46a0-4a31-b165-683e39c07c04");
    assert_eq!(sre.title, "Senior Site Reliability Engineer");
    assert_eq!(sre.locations, ["Toronto, Ontario"]);
    assert_eq!(sre.remote, Some(true));
    assert_eq!(
        sre.salary,
        salary(10_280_000, 13_700_000, "CAD", PayPeriod::Year)
    );
    assert_eq!(sre.salary_text.as_deref(), Some("CA$102.8K - CA$137K"));
    assert_eq!(sre.company.board_slug.as_deref(), Some("HighlightTA"));
    assert_eq!(sre.posted_at, at("2026-07-08T19:48:19.767Z"));
}
