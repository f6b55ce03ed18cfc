//! `ingest --format auto`: every real payload is recognised as the board it came from.

use jobpilot::connectors::{BoardContext, detect, parse};
use jobpilot::domain::posting::SourceKind;

fn payload(path: &str) -> Vec<u8> {
    let full = format!("{}/../shared/testdata/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn every_real_payload_is_recognised_as_its_board() {
    let expected = [
        ("job_boards/ashby/replit.json", SourceKind::Ashby),
        ("job_boards/ashby/zapier.json", SourceKind::Ashby),
        ("job_boards/recruitai/ashby.json", SourceKind::Ashby),
        ("job_boards/recruitai/greenhouse.json", SourceKind::Greenhouse),
        ("job_boards/recruitai/lever.json", SourceKind::Lever),
        ("job_boards/careerkit/greenhouse.json", SourceKind::Greenhouse),
        ("job_boards/careerkit/lever.json", SourceKind::Lever),
        ("job_boards/careerkit/ashby.json", SourceKind::Ashby),
        ("job_boards/careerkit/workday.json", SourceKind::Workday),
        ("job_boards/careerkit/smartrecruiters.json", SourceKind::SmartRecruiters),
        ("job_boards/careerkit/recruitee.json", SourceKind::Recruitee),
        ("job_boards/careerkit/workable.json", SourceKind::Workable),
        ("job_boards/careerkit/teamtailor.json", SourceKind::Teamtailor),
        ("job_boards/careerkit/bamboohr.json", SourceKind::BambooHr),
        ("job_boards/careerkit/rippling.json", SourceKind::Rippling),
        ("job_boards/careerkit/eightfold.json", SourceKind::Eightfold),
        ("job_boards/careerkit/oracle_orc.json", SourceKind::OracleOrc),
        ("postings/uber_jobs.json", SourceKind::File),
    ];
    for (path, kind) in expected {
        assert_eq!(detect(&payload(path)), Some(kind), "{path}");
    }
}

#[test]
fn html_pages_and_csv_files_are_recognised() {
    assert_eq!(detect(b"  <!doctype html><html></html>"), Some(SourceKind::JsonLd));
    assert_eq!(detect(b"title,url\nEngineer,https://example.org/1\n"), Some(SourceKind::File));
}

#[test]
fn an_unrecognisable_or_truncated_payload_asks_for_a_format() {
    assert_eq!(detect(br#"{"something": "else"}"#), None);
    assert_eq!(detect(br#"{"jobs": [{"absolute_url": "#), None);
    let error = parse(None, br#"{"something": "else"}"#, &BoardContext::default()).expect_err("unknown");
    assert!(error.to_string().contains("--format"), "{error}");
}

#[test]
fn auto_detection_parses_like_the_named_connector() {
    let bytes = payload("job_boards/ashby/replit.json");
    let context = BoardContext { company_name: Some("Replit".into()), board_slug: Some("replit".into()), source_url: None };
    let auto = parse(None, &bytes, &context).expect("auto");
    let named = parse(Some(SourceKind::Ashby), &bytes, &context).expect("named");
    assert_eq!(auto, named);
    assert_eq!(auto.postings.len(), 37);
}

#[test]
fn format_names_round_trip() {
    for kind in SourceKind::ALL {
        assert_eq!(SourceKind::from_name(kind.name()), Some(kind));
    }
    assert_eq!(SourceKind::from_name("Greenhouse"), Some(SourceKind::Greenhouse));
    assert_eq!(SourceKind::from_name("monster"), None);
}
