//! The Greenhouse, Lever and Ashby connectors against real board payloads from
//! `../shared/testdata/job_boards`, plus the broken input a live board can send.

mod ashby;
mod bad_input;
mod greenhouse;
mod lever;

use chrono::{DateTime, Utc};
use jobpilot::connectors::{BoardContext, ParseFn};
use jobpilot::domain::posting::{ParsedBoard, PostingDraft};
use serde_json::Value;

const JOB_BOARDS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/testdata/job_boards/"
);

/// The bytes of a test data file, e.g. `ashby/replit.json`.
pub fn load(name: &str) -> Vec<u8> {
    let path = format!("{JOB_BOARDS}{name}");
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"))
}

/// The file parsed with no caller context; a file the connector rejects fails the test.
pub fn parse_file(parse: ParseFn, name: &str) -> ParsedBoard {
    parse(&load(name), &BoardContext::default())
        .unwrap_or_else(|error| panic!("{name} should parse: {error}"))
}

/// Every posting read and none skipped, with the count taken from the file itself.
pub fn assert_all_read(board: &ParsedBoard, expected: usize, name: &str) {
    assert_eq!(board.skipped, vec![], "{name}: nothing should be skipped");
    assert_eq!(board.postings.len(), expected, "{name}: postings read");
}

pub fn posting<'a>(board: &'a ParsedBoard, board_id: &str) -> &'a PostingDraft {
    board
        .postings
        .iter()
        .find(|p| p.board_id.as_deref() == Some(board_id))
        .unwrap_or_else(|| panic!("no posting {board_id}"))
}

pub fn at(rfc3339: &str) -> Option<DateTime<Utc>> {
    let parsed = DateTime::parse_from_rfc3339(rfc3339)
        .unwrap_or_else(|error| panic!("bad expected date {rfc3339}: {error}"));
    Some(parsed.with_timezone(&Utc))
}

/// A string field of one posting straight from the file, to compare "exactly as received".
pub fn raw_field(name: &str, list_key: Option<&str>, id: &str, field: &str) -> String {
    let root: Value = serde_json::from_slice(&load(name))
        .unwrap_or_else(|error| panic!("{name} is not JSON: {error}"));
    let list = match list_key {
        Some(key) => &root[key],
        None => &root,
    };
    let postings = list
        .as_array()
        .unwrap_or_else(|| panic!("{name}: no posting list"));
    let found = postings.iter().find(|p| match &p["id"] {
        Value::String(s) => s == id,
        other => other.as_u64().is_some_and(|n| id.parse() == Ok(n)),
    });
    let value = found.and_then(|p| p[field].as_str());
    value
        .unwrap_or_else(|| panic!("{name}: no {field} on {id}"))
        .to_string()
}
