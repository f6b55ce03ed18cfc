//! What a live board can send besides a clean list: cut-off bodies, error objects, odd postings.

use jobpilot::connectors::{BoardContext, ParseFn, ashby, greenhouse, lever};

use crate::load;

const ALL: [(&str, ParseFn, &str); 3] = [
    ("greenhouse", greenhouse::parse, "recruitai/greenhouse.json"),
    ("lever", lever::parse, "recruitai/lever.json"),
    ("ashby", ashby::parse, "recruitai/ashby.json"),
];

fn rejected(parse: ParseFn, payload: &[u8]) -> String {
    match parse(payload, &BoardContext::default()) {
        Ok(board) => panic!("should be rejected, got {} postings", board.postings.len()),
        Err(error) => error.to_string(),
    }
}

#[test]
fn a_truncated_payload_is_an_error_not_a_panic() {
    for (board, parse, name) in ALL {
        let whole = load(name);
        // The last cut drops the closing bracket (the file may end in a newline, which is not).
        let end = whole.trim_ascii_end().len();
        for cut in [1, end / 3, end / 2, end - 1] {
            let message = rejected(parse, &whole[..cut]);
            assert!(
                message.contains("not JSON"),
                "{board}, cut at {cut}: {message}"
            );
        }
    }
}

#[test]
fn an_html_error_page_is_an_error_saying_what_was_expected() {
    for (board, parse, _) in ALL {
        let message = rejected(parse, b"<html><body>502 Bad Gateway</body></html>");
        assert!(message.contains("expected"), "{board}: {message}");
    }
}

#[test]
fn jobs_that_are_not_a_list_are_an_error() {
    for (board, parse) in [
        ("greenhouse", greenhouse::parse as ParseFn),
        ("ashby", ashby::parse),
    ] {
        let message = rejected(parse, br#"{"jobs": "nope"}"#);
        assert!(message.contains("\"jobs\" array"), "{board}: {message}");
        rejected(parse, b"[]");
    }
}

#[test]
fn a_lever_error_object_is_an_error_that_quotes_it() {
    let message = rejected(
        lever::parse,
        br#"{"ok":false,"error":"Document not found"}"#,
    );
    assert!(
        message.contains("array") && message.contains("Document not found"),
        "{message}"
    );
}

#[test]
fn an_empty_board_is_no_postings_and_no_error() {
    for (board, parse, payload) in [
        (
            "greenhouse",
            greenhouse::parse as ParseFn,
            &br#"{"jobs":[],"meta":{"total":0}}"#[..],
        ),
        ("lever", lever::parse, b"[]"),
        ("ashby", ashby::parse, br#"{"jobs":[],"apiVersion":"1"}"#),
    ] {
        let parsed = parse(payload, &BoardContext::default());
        let parsed = parsed.unwrap_or_else(|error| panic!("{board}: {error}"));
        assert!(
            parsed.postings.is_empty() && parsed.skipped.is_empty(),
            "{board}"
        );
    }
}

#[test]
fn a_greenhouse_posting_without_title_is_skipped_and_the_others_kept() {
    let payload = br#"{"jobs":[
        {"id":1,"title":"Welder","absolute_url":"https://boards.greenhouse.io/acme/jobs/1"},
        {"id":2,"title":"  ","absolute_url":"https://boards.greenhouse.io/acme/jobs/2"},
        {"id":3,"title":"Baker"},
        "not a posting",
        {"id":5,"title":"Cook","absolute_url":"https://boards.greenhouse.io/acme/jobs/5"}]}"#;
    let board = greenhouse::parse(payload, &BoardContext::default())
        .unwrap_or_else(|error| panic!("should parse: {error}"));
    let titles: Vec<&str> = board.postings.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["Welder", "Cook"]);
    let skipped: Vec<(usize, Option<&str>)> = board
        .skipped
        .iter()
        .map(|s| (s.index, s.board_id.as_deref()))
        .collect();
    assert_eq!(skipped, [(1, Some("2")), (2, Some("3")), (3, None)]);
    assert!(
        board.skipped[0].reason.contains("title"),
        "{}",
        board.skipped[0].reason
    );
    assert!(
        board.skipped[1].reason.contains("absolute_url"),
        "{}",
        board.skipped[1].reason
    );
}

#[test]
fn a_lever_posting_without_title_or_id_is_skipped_and_the_others_kept() {
    let payload = br#"[
        {"id":"a","hostedUrl":"https://jobs.lever.co/acme/a"},
        {"text":"Nameless","hostedUrl":"https://jobs.lever.co/acme/x"},
        {"id":"c","text":"Cook","hostedUrl":"https://jobs.lever.co/acme/c","createdAt":"soon"}]"#;
    let board = lever::parse(payload, &BoardContext::default())
        .unwrap_or_else(|error| panic!("should parse: {error}"));
    assert_eq!(board.postings.len(), 1);
    assert_eq!(
        board.postings[0].posted_at, None,
        "an unreadable date is left out"
    );
    assert_eq!(
        (board.skipped[0].index, board.skipped[0].board_id.as_deref()),
        (0, Some("a"))
    );
    assert!(
        board.skipped[0].reason.contains("title"),
        "{}",
        board.skipped[0].reason
    );
    assert_eq!(
        (board.skipped[1].index, board.skipped[1].board_id.as_deref()),
        (1, None)
    );
    assert!(
        board.skipped[1].reason.contains("id"),
        "{}",
        board.skipped[1].reason
    );
}

#[test]
fn an_ashby_posting_without_title_is_skipped_and_odd_fields_do_not_sink_the_rest() {
    let payload = br#"{"jobs":[
        {"id":"a","jobUrl":"https://jobs.ashbyhq.com/acme/a"},
        {"id":"b","title":"Cook","jobUrl":"https://jobs.ashbyhq.com/acme/b","isRemote":"yes",
         "secondaryLocations":null,"publishedAt":12,
         "compensation":{"summaryComponents":[{"compensationType":"Salary","minValue":"lots"}]}}]}"#;
    let board = ashby::parse(payload, &BoardContext::default())
        .unwrap_or_else(|error| panic!("should parse: {error}"));
    assert_eq!(board.skipped.len(), 1);
    assert_eq!(
        (board.skipped[0].index, board.skipped[0].board_id.as_deref()),
        (0, Some("a"))
    );
    assert!(
        board.skipped[0].reason.contains("title"),
        "{}",
        board.skipped[0].reason
    );
    let cook = &board.postings[0];
    assert_eq!(
        (cook.title.as_str(), cook.remote, &cook.salary),
        ("Cook", None, &None)
    );
    assert_eq!(cook.posted_at, None);
}
