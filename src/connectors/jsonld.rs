//! JSON-LD connector: reads schema.org `JobPosting` objects from the
//! `<script type="application/ld+json">` blocks of any HTML page (or from a bare JSON-LD
//! document). A page may carry several blocks, each an object, an array or an `@graph`; a
//! block that is not valid JSON is reported as skipped and the others are still read.

mod posting;

use scraper::{ElementRef, Html};
use serde_json::Value;

pub(crate) use posting::draft_from_node;

use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, SkippedPosting, SourceKind};

pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let text = String::from_utf8_lossy(payload);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let blocks = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        vec![trimmed.to_string()]
    } else {
        script_blocks(trimmed)
    };
    if blocks.is_empty() {
        return Err(ParseError("no <script type=\"application/ld+json\"> block on the page".into()));
    }
    let mut board = ParsedBoard::default();
    let mut nodes = Vec::new();
    for (number, block) in blocks.iter().enumerate() {
        match read_block(block) {
            Ok(value) => nodes.push(value),
            Err(e) => board.skipped.push(SkippedPosting {
                index: number,
                board_id: None,
                reason: format!("JSON-LD block #{} is not valid JSON: {e}", number + 1),
            }),
        }
    }
    let mut postings = Vec::new();
    for value in &nodes {
        job_postings(value, &mut postings);
    }
    if postings.is_empty() && board.skipped.is_empty() {
        return Err(ParseError("the page's JSON-LD has no schema.org JobPosting".into()));
    }
    for (index, node) in postings.into_iter().enumerate() {
        match draft_from_node(node, SourceKind::JsonLd, context.source_url.as_deref(), context) {
            Ok(draft) => board.postings.push(draft),
            Err(reason) => board.skipped.push(SkippedPosting {
                index,
                board_id: posting::identifier(node),
                reason,
            }),
        }
    }
    Ok(board)
}

/// The text of every `<script>` whose type is JSON-LD, in page order.
fn script_blocks(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    document
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|el| el.value().name() == "script")
        .filter(|el| {
            el.value()
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .map(|el| el.text().collect::<String>())
        .collect()
}

/// Parses one block. Pages often put raw line breaks inside JSON-LD strings, which JSON
/// forbids; as a second try those are read as spaces, which changes no meaning in HTML text.
fn read_block(block: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(block.trim()).or_else(|first| {
        let relaxed: String = block
            .chars()
            .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
            .collect();
        serde_json::from_str(relaxed.trim()).map_err(|_| first)
    })
}

/// Every JobPosting in a block: at the top, in arrays, in `@graph`, and under the containers
/// pages wrap them in (`mainEntity` of a WebPage, `itemListElement`/`item` of an ItemList).
fn job_postings<'a>(value: &'a Value, found: &mut Vec<&'a Value>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| job_postings(v, found)),
        Value::Object(map) => {
            if is_job_posting(value) {
                found.push(value);
                return;
            }
            for key in ["@graph", "mainEntity", "itemListElement", "item"] {
                if let Some(inner) = map.get(key) {
                    job_postings(inner, found);
                }
            }
        }
        _ => {}
    }
}

fn is_job_posting(value: &Value) -> bool {
    let named = |t: &Value| {
        t.as_str().is_some_and(|t| {
            t == "JobPosting" || t == "schema:JobPosting" || t.ends_with("schema.org/JobPosting")
        })
    };
    match value.get("@type") {
        Some(Value::Array(types)) => types.iter().any(named),
        Some(t) => named(t),
        None => false,
    }
}
