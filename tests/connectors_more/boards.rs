//! Workday, SmartRecruiters, Recruitee and Workable against their careerkit payloads.

use jobpilot::connectors::{BoardContext, recruitee, smartrecruiters, workable, workday};
use jobpilot::domain::posting::{PayPeriod, Salary, SourceKind};

use crate::{at, careerkit, source, strings};

const WORKDAY_CXS: &str =
    "https://salesforce.wd12.myworkdayjobs.com/wday/cxs/salesforce/External_Career_Site/jobs";

#[test]
fn workday_postings_get_public_urls_from_the_cxs_url_and_no_date() {
    let board = careerkit(workday::parse, "workday.json", &source(WORKDAY_CXS));
    assert_eq!(board.postings.len(), 2, "{:?}", board.skipped);
    let p = &board.postings[0];
    // "title": "Solution Architect / Senior Solution Architect - PubSec - SLED/NGO",
    // "externalPath": "/job/Virginia---Washington-DC-Metro---Remote/Solution-Architect-..._JR354232",
    // "locationsText": "3 Locations", "postedOn": "Posted Yesterday", "bulletFields": ["JR354232"]
    assert_eq!(p.source, SourceKind::Workday);
    assert_eq!(p.title, "Solution Architect / Senior Solution Architect - PubSec - SLED/NGO");
    assert_eq!(
        p.url,
        "https://salesforce.wd12.myworkdayjobs.com/External_Career_Site/job/Virginia---Washington-DC-Metro---Remote/Solution-Architect---Senior-Solution-Architect---PubSec---SLED-NGO_JR354232"
    );
    assert_eq!(p.board_id.as_deref(), Some("JR354232"));
    assert!(p.locations.is_empty(), "a count of locations is not a location");
    assert_eq!(p.posted_at, None);
    assert_eq!(p.remote, None);
    assert_eq!(p.company.board_slug.as_deref(), Some("salesforce"));
}

#[test]
fn workday_joins_paths_to_a_public_board_url_as_given() {
    let context = source("https://salesforce.wd12.myworkdayjobs.com/en-US/External_Career_Site/");
    let board = careerkit(workday::parse, "workday.json", &context);
    assert_eq!(
        board.postings[1].url,
        "https://salesforce.wd12.myworkdayjobs.com/en-US/External_Career_Site/job/Illinois---Chicago/Customer-Success-Manager---Global-Public-Sector--State---Local-Gov-_JR332446"
    );
}

#[test]
fn workday_without_a_board_url_skips_every_posting_with_the_reason() {
    let board = careerkit(workday::parse, "workday.json", &BoardContext::default());
    assert!(board.postings.is_empty());
    assert_eq!(board.skipped.len(), 2);
    assert!(board.skipped[0].reason.contains("no board URL"), "{}", board.skipped[0].reason);
    assert_eq!(board.skipped[1].index, 1);
}

#[test]
fn smartrecruiters_posting_reads_company_location_and_type() {
    let board = careerkit(smartrecruiters::parse, "smartrecruiters.json", &BoardContext::default());
    assert_eq!(board.postings.len(), 1, "{:?}", board.skipped);
    let p = &board.postings[0];
    // "id": "743999671674844", "name": "CNA  / LPN - Consistent Hours. Start Next Week.",
    // "company": {"identifier": "Knight", "name": "Knight Gayles"},
    // "releasedDate": "2018-06-08T02:11:28.000Z", "location": {..., "remote": false,
    // "fullLocation": "St. Louis, MO, United States"}, "industry": {"label": "Medical Practice"},
    // "department": {}, "typeOfEmployment": {"label": "Part-time"}
    assert_eq!(p.title, "CNA  / LPN - Consistent Hours. Start Next Week.");
    assert_eq!(p.board_id.as_deref(), Some("743999671674844"));
    assert_eq!(p.url, "https://jobs.smartrecruiters.com/Knight/743999671674844");
    assert_eq!(p.company.name.as_deref(), Some("Knight Gayles"));
    assert_eq!(p.company.board_slug.as_deref(), Some("Knight"));
    assert_eq!(p.company.industry.as_deref(), Some("Medical Practice"));
    assert_eq!(p.locations, strings(&["St. Louis, MO, United States"]));
    assert_eq!(p.remote, Some(false));
    assert_eq!(p.department, None);
    assert_eq!(p.employment_type.as_deref(), Some("Part-time"));
    assert_eq!(p.posted_at, at("2018-06-08T02:11:28Z"));
}

#[test]
fn recruitee_offer_reads_salary_flags_and_both_description_parts() {
    let board = careerkit(recruitee::parse, "recruitee.json", &BoardContext::default());
    assert_eq!(board.postings.len(), 2, "{:?}", board.skipped);
    let p = &board.postings[0];
    // "id": 2700825, "careers_url": "https://jobs.acme.com/o/senior-financial-accountant-...",
    // "salary": {"max": "75000", "min": "60000", "period": "year", "currency": "EUR"},
    // "remote": false, "hybrid": true, "department": "Finance", "company_name": "Acme",
    // "employment_type_code": "fulltime_permanent", "published_at": "2026-08-05 10:10:39 UTC",
    // "locations": [{"city": "Berlin", "state": "Berlin", "country": "Germany", ...}]
    assert_eq!(p.title, "(Senior) Financial Accountant (f/m/d) - Berlin/Brandenburg Region, Germany");
    assert_eq!(p.board_id.as_deref(), Some("2700825"));
    assert_eq!(
        p.url,
        "https://jobs.acme.com/o/senior-financial-accountant-fmd-berlinbrandenburg-region-germany"
    );
    let expected = Salary {
        min_cents: Some(6_000_000),
        max_cents: Some(7_500_000),
        currency: Some("EUR".into()),
        period: Some(PayPeriod::Year),
    };
    assert_eq!(p.salary, Some(expected));
    assert_eq!(p.remote, Some(false));
    assert_eq!(p.company.name.as_deref(), Some("Acme"));
    assert_eq!(p.department.as_deref(), Some("Finance"));
    assert_eq!(p.employment_type.as_deref(), Some("fulltime_permanent"));
    assert_eq!(p.locations, strings(&["Berlin, Berlin, Germany"]));
    assert_eq!(p.posted_at, at("2026-08-05T10:10:39Z"));
    let description = p.description_raw.as_deref().unwrap_or_default();
    assert!(description.starts_with("<p><strong>How you will make an impact</strong>"));
    assert!(description.contains("<strong>What we expect from you</strong>"), "requirements kept");
}

#[test]
fn workable_entries_repeated_per_country_become_one_posting() {
    let board = careerkit(workable::parse, "workable.json", &BoardContext::default());
    // Two widget entries share "shortcode": "DD136DD7E7"; one is Spain, the other Portugal.
    assert_eq!(board.postings.len(), 1, "{:?}", board.skipped);
    let p = &board.postings[0];
    assert_eq!(p.title, "Business Analyst - Spanish Speaking");
    assert_eq!(p.board_id.as_deref(), Some("DD136DD7E7"));
    assert_eq!(p.url, "https://apply.workable.com/j/DD136DD7E7");
    assert_eq!(p.locations, strings(&["Spain", "Portugal"]));
    assert_eq!(p.remote, Some(true), "\"telecommuting\": true");
    assert_eq!(p.department.as_deref(), Some("Business Consulting"));
    assert_eq!(p.company.name.as_deref(), Some("Zaelab"));
    assert_eq!(p.posted_at, at("2026-08-05T00:00:00Z"), "\"published_on\": \"2026-08-05\"");
}
