//! Recognises a payload's format from its shape, for `ingest --format auto`, and dispatches to
//! the connector that reads it.

use serde_json::{Map, Value};

use super::{BoardContext, ParseError, ParseFn};
use crate::domain::posting::{ParsedBoard, SourceKind};

/// The connector for a format.
pub fn parser(kind: SourceKind) -> ParseFn {
    use super::*;
    match kind {
        SourceKind::Greenhouse => greenhouse::parse,
        SourceKind::Lever => lever::parse,
        SourceKind::Ashby => ashby::parse,
        SourceKind::Workday => workday::parse,
        SourceKind::SmartRecruiters => smartrecruiters::parse,
        SourceKind::Recruitee => recruitee::parse,
        SourceKind::Workable => workable::parse,
        SourceKind::Teamtailor => teamtailor::parse,
        SourceKind::BambooHr => bamboohr::parse,
        SourceKind::Rippling => rippling::parse,
        SourceKind::Eightfold => eightfold::parse,
        SourceKind::OracleOrc => oracle_orc::parse,
        SourceKind::JsonLd => jsonld::parse,
        SourceKind::File => file::parse,
    }
}

/// Reads a payload in a known format, or detects the format first when `kind` is `None`.
pub fn parse(kind: Option<SourceKind>, payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let kind = match kind {
        Some(kind) => kind,
        None => detect(payload).ok_or_else(|| {
            ParseError("cannot tell the payload's format from its content; name it with --format".into())
        })?,
    };
    parser(kind)(payload, context)
}

/// The format a payload looks like, from the fields each board's public API is known to send.
pub fn detect(payload: &[u8]) -> Option<SourceKind> {
    let text = std::str::from_utf8(payload).ok()?.trim_start_matches('\u{feff}').trim_start();
    match text.chars().next()? {
        '<' => Some(SourceKind::JsonLd),
        '{' | '[' => match serde_json::from_str::<Value>(text).ok()? {
            Value::Array(items) => detect_list(first_object(&items)?),
            Value::Object(object) => detect_object(&object),
            _ => None,
        },
        // Anything else can only be one of the files a user exports: CSV with a header row.
        _ => Some(SourceKind::File),
    }
}

fn first_object(items: &[Value]) -> Option<&Map<String, Value>> {
    items.first()?.as_object()
}

fn list_head<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Map<String, Value>> {
    first_object(object.get(key)?.as_array()?)
}

/// A bare array: Lever's postings, Rippling's board, or a user's own JSON export.
fn detect_list(first: &Map<String, Value>) -> Option<SourceKind> {
    if first.contains_key("hostedUrl") || first.contains_key("categories") {
        Some(SourceKind::Lever)
    } else if first.contains_key("uuid") && first.contains_key("workLocation") {
        Some(SourceKind::Rippling)
    } else if first.contains_key("title") {
        Some(SourceKind::File)
    } else {
        None
    }
}

fn detect_object(object: &Map<String, Value>) -> Option<SourceKind> {
    if let Some(job) = list_head(object, "jobs") {
        return detect_jobs_list(job);
    }
    let has = |key: &str| object.contains_key(key);
    if has("jobPostings") {
        Some(SourceKind::Workday)
    } else if has("offers") {
        Some(SourceKind::Recruitee)
    } else if has("positions") {
        Some(SourceKind::Eightfold)
    } else if has("totalFound") || list_head(object, "content").is_some_and(|j| j.contains_key("jobAdId")) {
        Some(SourceKind::SmartRecruiters)
    } else if list_head(object, "result").is_some_and(|j| j.contains_key("jobOpeningName")) {
        Some(SourceKind::BambooHr)
    } else if let Some(item) = list_head(object, "items") {
        if item.contains_key("requisitionList") {
            Some(SourceKind::OracleOrc)
        } else if item.contains_key("_jobposting") {
            Some(SourceKind::Teamtailor)
        } else {
            None
        }
    } else {
        None
    }
}

/// Several boards wrap their postings in `{"jobs": [...]}`; the postings' fields tell them apart.
fn detect_jobs_list(job: &Map<String, Value>) -> Option<SourceKind> {
    let has = |key: &str| job.contains_key(key);
    if has("absolute_url") {
        Some(SourceKind::Greenhouse)
    } else if has("jobUrl") || has("descriptionHtml") {
        Some(SourceKind::Ashby)
    } else if has("shortcode") {
        Some(SourceKind::Workable)
    } else if has("title") {
        // A scraped export such as `{"name": …, "jobs": [{title, description, …}]}`.
        Some(SourceKind::File)
    } else {
        None
    }
}
