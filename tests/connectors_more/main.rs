//! The connectors for the enterprise boards, JSON-LD pages and user files, run against real
//! payloads from `../shared/testdata` and small hand-written fixtures.

mod bad_input;
mod boards;
mod boards_more;
mod file;
mod jsonld;

use chrono::{DateTime, Utc};
use jobpilot::connectors::{BoardContext, ParseFn};
use jobpilot::domain::posting::ParsedBoard;

/// Reads a file under `../shared/testdata/`.
fn testdata(relative: &str) -> Vec<u8> {
    let path = format!("{}/../shared/testdata/{relative}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

/// Reads a file of this test binary's own fixtures.
fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/connectors_more/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

/// Parses a careerkit payload, failing the test on a parse error.
fn careerkit(parse: ParseFn, file: &str, context: &BoardContext) -> ParsedBoard {
    let payload = testdata(&format!("job_boards/careerkit/{file}"));
    parse(&payload, context).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn source(url: &str) -> BoardContext {
    BoardContext { source_url: Some(url.to_string()), ..BoardContext::default() }
}

fn at(rfc3339: &str) -> Option<DateTime<Utc>> {
    Some(DateTime::parse_from_rfc3339(rfc3339).expect("test date").with_timezone(&Utc))
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}
