//! Teamtailor, BambooHR, Rippling, Eightfold and Oracle Recruiting Cloud against their
//! careerkit payloads.

use jobpilot::connectors::{BoardContext, bamboohr, eightfold, oracle_orc, rippling, teamtailor};
use jobpilot::domain::posting::SourceKind;

use crate::{at, careerkit, source, strings};

#[test]
fn teamtailor_items_read_the_embedded_job_posting() {
    let board = careerkit(teamtailor::parse, "teamtailor.json", &BoardContext::default());
    assert_eq!(board.postings.len(), 2, "{:?}", board.skipped);
    let p = &board.postings[1];
    // "id": "a52c9a45-1132-44c9-9696-76974817ae6e",
    // "url": "https://career.teamtailor.com/jobs/7069633-mid-market-account-executive-copenhagen",
    // "date_published": "2026-01-18T19:35:57+01:00", "_jobposting": {"jobLocation": [
    //   {"addressLocality": "Stockholm", "addressRegion": "Sweden", "addressCountry": "SE"},
    //   {"addressLocality": "København", "addressRegion": "Europe", "addressCountry": "DK"}]}
    assert_eq!(p.source, SourceKind::Teamtailor);
    assert_eq!(p.title, "Mid-Market Account Executive - Copenhagen");
    assert_eq!(p.board_id.as_deref(), Some("a52c9a45-1132-44c9-9696-76974817ae6e"));
    assert_eq!(
        p.url,
        "https://career.teamtailor.com/jobs/7069633-mid-market-account-executive-copenhagen"
    );
    assert_eq!(p.locations, strings(&["Stockholm, Sweden, SE", "København, Europe, DK"]));
    assert_eq!(p.posted_at, at("2026-01-18T18:35:57Z"));
    assert_eq!(p.remote, None);
}

#[test]
fn bamboohr_builds_urls_from_the_company_subdomain() {
    let context = source("https://acme.bamboohr.com/careers/list");
    let board = careerkit(bamboohr::parse, "bamboohr.json", &context);
    // "meta": {"totalCount": 3} but "result" lists two openings.
    assert_eq!(board.postings.len(), 2, "{:?}", board.skipped);
    let p = &board.postings[1];
    // "id": "87", "jobOpeningName": "Marketing & Social Media Intern", "departmentLabel":
    // "Marketing ", "employmentStatusLabel": "Internship", "location": {"city": "Fort
    // Lauderdale", "state": "Florida"}, "isRemote": null
    assert_eq!(p.title, "Marketing & Social Media Intern");
    assert_eq!(p.board_id.as_deref(), Some("87"));
    assert_eq!(p.url, "https://acme.bamboohr.com/careers/87");
    assert_eq!(p.department.as_deref(), Some("Marketing"));
    assert_eq!(p.employment_type.as_deref(), Some("Internship"));
    assert_eq!(p.locations, strings(&["Fort Lauderdale, Florida"]));
    assert_eq!(p.remote, None);
    assert_eq!(p.company.board_slug.as_deref(), Some("acme"));
}

#[test]
fn bamboohr_without_a_subdomain_skips_postings_it_cannot_link() {
    let board = careerkit(bamboohr::parse, "bamboohr.json", &BoardContext::default());
    assert!(board.postings.is_empty());
    assert_eq!(board.skipped.len(), 2);
    assert_eq!(board.skipped[0].board_id.as_deref(), Some("86"));
    assert!(board.skipped[0].reason.contains("subdomain"), "{}", board.skipped[0].reason);
}

#[test]
fn rippling_entries_repeated_per_location_become_one_posting() {
    let board = careerkit(rippling::parse, "rippling.json", &BoardContext::default());
    // Both entries have "uuid": "2f0674e6-f01f-4ecd-b459-e947241c211f".
    assert_eq!(board.postings.len(), 1, "{:?}", board.skipped);
    let p = &board.postings[0];
    assert_eq!(p.title, "Account Executive - Accountants Channel (East Coast)");
    assert_eq!(p.board_id.as_deref(), Some("2f0674e6-f01f-4ecd-b459-e947241c211f"));
    assert_eq!(p.url, "https://ats.acme.com/acme/jobs/2f0674e6-f01f-4ecd-b459-e947241c211f");
    assert_eq!(p.department.as_deref(), Some("Sales"));
    assert_eq!(p.locations, strings(&["Remote (New Jersey, US)", "New York, NY"]));
    assert_eq!(p.remote, None, "a label is text, not the board's flag");
}

#[test]
fn eightfold_positions_carry_the_employer_domain_and_unix_dates() {
    let board = careerkit(eightfold::parse, "eightfold.json", &BoardContext::default());
    assert_eq!(board.postings.len(), 2, "{:?}", board.skipped);
    let p = &board.postings[0];
    // "domain": "albemarle.com", "id": 1099555326551, "name": "Supply Planner, Bromine S&OP",
    // "canonicalPositionUrl": "https://albemarle.eightfold.ai/careers/job/1099555326551",
    // "job_description": "", "t_create": 1785801600, "department": "Supply Chain"
    assert_eq!(p.title, "Supply Planner, Bromine S&OP");
    assert_eq!(p.board_id.as_deref(), Some("1099555326551"));
    assert_eq!(p.url, "https://albemarle.eightfold.ai/careers/job/1099555326551");
    assert_eq!(p.company.domain.as_deref(), Some("albemarle.com"));
    assert_eq!(
        p.locations,
        strings(&[
            "Charlotte, North Carolina, United States of America",
            "Magnolia, Arkansas, United States of America"
        ])
    );
    assert_eq!(p.description_raw, None);
    assert_eq!(p.department.as_deref(), Some("Supply Chain"));
    assert_eq!(p.posted_at, at("2026-08-04T00:00:00Z"));
}

#[test]
fn oracle_requisitions_link_to_the_candidate_experience_site() {
    let context = source("https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX/");
    let board = careerkit(oracle_orc::parse, "oracle_orc.json", &context);
    assert_eq!(board.postings.len(), 2, "{:?}", board.skipped);
    let p = &board.postings[1];
    // "Id": "26876", "Title": "Technology and Communications Sector Leader", "PostedDate":
    // "2026-08-07", "PrimaryLocation": "SAN FRANCISCO, CA, United States", and four
    // secondaryLocations starting with "HOUSTON, TX, United States".
    assert_eq!(p.title, "Technology and Communications Sector Leader");
    assert_eq!(p.board_id.as_deref(), Some("26876"));
    assert_eq!(
        p.url,
        "https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX/job/26876"
    );
    assert_eq!(p.locations.len(), 5);
    assert_eq!(p.locations[0], "SAN FRANCISCO, CA, United States");
    assert_eq!(p.locations[1], "HOUSTON, TX, United States");
    assert_eq!(p.posted_at, at("2026-08-07T00:00:00Z"));
}

#[test]
fn oracle_reads_the_site_from_a_rest_finder_url() {
    let context = source(
        "https://ejov.fa.ca2.oraclecloud.com/hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true&expand=requisitionList&finder=findReqs;siteNumber=CX,limit=25",
    );
    let board = careerkit(oracle_orc::parse, "oracle_orc.json", &context);
    assert_eq!(
        board.postings[0].url,
        "https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX/job/25587"
    );
}
