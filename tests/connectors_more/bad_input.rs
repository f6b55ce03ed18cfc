//! Payloads no connector can read fail whole; postings a connector cannot use are skipped
//! with a reason while the rest of the batch is kept.

use jobpilot::connectors::{
    BoardContext, ParseFn, bamboohr, eightfold, file, oracle_orc, recruitee, rippling,
    smartrecruiters, teamtailor, workable, workday,
};

use crate::testdata;

const BOARDS: [(&str, ParseFn); 9] = [
    ("workday.json", workday::parse),
    ("smartrecruiters.json", smartrecruiters::parse),
    ("recruitee.json", recruitee::parse),
    ("workable.json", workable::parse),
    ("teamtailor.json", teamtailor::parse),
    ("bamboohr.json", bamboohr::parse),
    ("rippling.json", rippling::parse),
    ("eightfold.json", eightfold::parse),
    ("oracle_orc.json", oracle_orc::parse),
];

#[test]
fn every_board_refuses_its_own_payload_truncated() {
    for (name, parse) in BOARDS {
        let payload = testdata(&format!("job_boards/careerkit/{name}"));
        let cut = &payload[..payload.len() / 2];
        assert!(parse(cut, &BoardContext::default()).is_err(), "{name} accepted a truncated payload");
    }
}

#[test]
fn every_board_refuses_json_of_an_unknown_shape() {
    for (name, parse) in BOARDS {
        let error = parse(br#"{"unexpected": [1, 2, 3]}"#, &BoardContext::default())
            .expect_err(name);
        assert!(error.0.starts_with("not a "), "{name}: {error}");
    }
}

#[test]
fn a_board_names_the_missing_list_in_its_error() {
    let error = workday::parse(br#"{"total": 0}"#, &BoardContext::default()).expect_err("no list");
    assert!(error.0.contains("jobPostings"), "{error}");
}

#[test]
fn postings_without_title_or_url_are_skipped_with_reasons() {
    let payload = br#"{"offers": [
        {"id": 1, "title": "Kept", "careers_url": "https://jobs.example.org/o/kept"},
        {"id": 2, "title": "  ", "careers_url": "https://jobs.example.org/o/blank"},
        {"id": 3, "title": "No link"},
        {"id": 4, "title": ["not", "a", "string"]}
    ]}"#;
    let board = recruitee::parse(payload, &BoardContext::default()).expect("list parses");
    assert_eq!(board.postings.len(), 1);
    let skipped: Vec<(usize, Option<&str>)> =
        board.skipped.iter().map(|s| (s.index, s.board_id.as_deref())).collect();
    assert_eq!(skipped, [(1, Some("2")), (2, Some("3")), (3, Some("4"))]);
    assert!(board.skipped[0].reason.contains("no title"));
    assert!(board.skipped[1].reason.contains("no careers_url"));
    assert!(board.skipped[2].reason.contains("unexpected posting shape"));
}

#[test]
fn an_eightfold_position_without_a_link_is_skipped() {
    let payload = br#"{"positions": [{"id": 7, "name": "Chemist"}]}"#;
    let board = eightfold::parse(payload, &BoardContext::default()).expect("list parses");
    assert_eq!(board.skipped[0].board_id.as_deref(), Some("7"));
    assert!(board.skipped[0].reason.contains("canonicalPositionUrl"));
}

#[test]
fn a_truncated_json_file_is_an_error() {
    let payload = testdata("postings/uber_jobs.json");
    let error = file::parse(&payload[..4096], &BoardContext::default()).expect_err("truncated");
    assert!(error.0.contains("not valid JSON"), "{error}");
}

#[test]
fn a_json_file_of_an_unknown_shape_is_an_error() {
    let error = file::parse(br#"{"postings": []}"#, &BoardContext::default()).expect_err("shape");
    assert!(error.0.contains("`jobs` array"), "{error}");
}

#[test]
fn a_csv_without_a_title_column_is_an_error_naming_it() {
    let csv = b"Name,URL\nWriter,https://example.org/w\n";
    let error = file::parse(csv, &BoardContext::default()).expect_err("no title column");
    assert!(error.0.contains("no `title` column"), "{error}");
}

#[test]
fn a_csv_without_a_url_column_is_an_error_naming_it() {
    let error = file::parse(b"title\nWriter\n", &BoardContext::default()).expect_err("no url");
    assert!(error.0.contains("no `url` column"), "{error}");
}
