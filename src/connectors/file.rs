//! File connector: postings a user exported from elsewhere, as CSV or JSON (sniffed from the
//! first non-blank byte: `{` or `[` is JSON, anything else CSV).
//!
//! CSV needs a header row; names are matched case-insensitively, unknown columns are ignored,
//! and a file without a `title` or `url` column is refused. The columns:
//!
//! | column | meaning |
//! |---|---|
//! | `title` (required) | the posting's title |
//! | `url` (required) | where to read and apply |
//! | `id` | the source's own id |
//! | `company` | company name (else the context's) |
//! | `company_domain` | company host or site URL, e.g. `acme.com` |
//! | `location` | one place, or several separated by `;` |
//! | `remote` | `true`/`false`, `yes`/`no`, `1`/`0` (blank: unknown) |
//! | `salary_min`, `salary_max` | amounts in major units (`85000`, `85,000.50`) |
//! | `currency` | ISO 4217 code |
//! | `salary_period` | `hour`, `day`, `week`, `month` or `year` |
//! | `posted_at` | `YYYY-MM-DD` or RFC 3339 |
//! | `description` | text, Markdown or HTML, kept as given |
//! | `department`, `employment_type` | as given |
//!
//! JSON is either an array of objects with the same field names (numbers and booleans may be
//! JSON-typed, `locations` may be an array), or a scraped board export shaped
//! `{"name": company, "jobs": [...]}` whose jobs also use `creation_date` for `posted_at` and
//! `time_type` for `employment_type` (the uber_jobs.json shape; its `team` and `level` have no
//! field here and are dropped). A row missing its title or url, or with a value that cannot be
//! read, is skipped with its CSV line or JSON entry number.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::values::{self, clean};
use super::{BoardContext, ParseError};
use crate::domain::posting::{NameSource, ParsedBoard, PostingDraft, Salary, SkippedPosting, SourceKind};

/// One row from any of the accepted shapes; values stay loosely typed until [`to_draft`].
#[derive(Deserialize)]
struct Row {
    id: Option<Value>,
    title: Option<String>,
    url: Option<String>,
    company: Option<String>,
    company_domain: Option<String>,
    location: Option<String>,
    #[serde(default)]
    locations: Vec<String>,
    remote: Option<Value>,
    salary_min: Option<Value>,
    salary_max: Option<Value>,
    currency: Option<String>,
    salary_period: Option<String>,
    #[serde(alias = "creation_date")]
    posted_at: Option<String>,
    description: Option<String>,
    department: Option<String>,
    #[serde(alias = "time_type")]
    employment_type: Option<String>,
}

/// A raw row with the words that locate it in the file ("CSV line 7", "JSON entry 3").
struct Raw {
    place: String,
    fields: Result<Value, String>,
}

pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let body = payload.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(payload);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    let (rows, file_company) = match first {
        Some(b'{' | b'[') => json_rows(body)?,
        Some(_) => (csv_rows(body)?, None),
        None => return Err(ParseError("the file is empty".into())),
    };
    let mut board = ParsedBoard::default();
    for (index, raw) in rows.into_iter().enumerate() {
        let board_id = raw.fields.as_ref().ok().and_then(|f| values::text(f.get("id")));
        let result = raw
            .fields
            .and_then(|f| serde_json::from_value::<Row>(f).map_err(|e| e.to_string()))
            .and_then(|row| to_draft(row, file_company.as_deref(), context));
        match result {
            Ok(draft) => board.postings.push(draft),
            Err(reason) => board.skipped.push(SkippedPosting {
                index,
                board_id,
                reason: format!("{}: {reason}", raw.place),
            }),
        }
    }
    Ok(board)
}

/// JSON rows and, for the `{"name", "jobs"}` export, the company the file is about.
fn json_rows(body: &[u8]) -> Result<(Vec<Raw>, Option<String>), ParseError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ParseError(format!("the file is not valid JSON: {e}")))?;
    let (entries, company) = match value {
        Value::Array(entries) => (entries, None),
        Value::Object(mut map) => match map.remove("jobs") {
            Some(Value::Array(entries)) => (entries, values::text(map.get("name"))),
            _ => return Err(unknown_shape()),
        },
        _ => return Err(unknown_shape()),
    };
    let rows = entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| Raw {
            place: format!("JSON entry {}", i + 1),
            fields: match entry {
                Value::Object(_) => Ok(entry),
                _ => Err("not an object".into()),
            },
        })
        .collect();
    Ok((rows, company))
}

fn unknown_shape() -> ParseError {
    ParseError("JSON file is neither an array of postings nor an object with a `jobs` array".into())
}

/// CSV rows as JSON objects keyed by lower-cased header, blank cells left out.
fn csv_rows(body: &[u8]) -> Result<Vec<Raw>, ParseError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(body);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ParseError(format!("cannot read the CSV header row: {e}")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    for required in ["title", "url"] {
        if !headers.iter().any(|h| h == required) {
            return Err(ParseError(format!(
                "the CSV has no `{required}` column (found: {})",
                headers.join(", ")
            )));
        }
    }
    let rows = reader
        .records()
        .enumerate()
        .map(|(i, record)| match record {
            Ok(record) => Raw {
                place: format!("CSV line {}", line_of(body, &record, i)),
                fields: Ok(Value::Object(csv_fields(&headers, &record))),
            },
            Err(e) => Raw { place: format!("CSV record {}", i + 1), fields: Err(e.to_string()) },
        })
        .collect();
    Ok(rows)
}

/// The file line a record starts on. Counted from the record's byte offset because the csv
/// crate's own line count does not advance on CRLF line ends; with CRLF that offset points at
/// the previous line's `\n`, so line-end bytes at the offset are stepped over first.
fn line_of(body: &[u8], record: &csv::StringRecord, index: usize) -> usize {
    let Some(mut byte) = record.position().and_then(|p| usize::try_from(p.byte()).ok()) else {
        return index + 2;
    };
    while matches!(body.get(byte), Some(b'\r' | b'\n')) {
        byte += 1;
    }
    1 + body[..byte.min(body.len())].iter().filter(|&&b| b == b'\n').count()
}

fn csv_fields(headers: &[String], record: &csv::StringRecord) -> Map<String, Value> {
    headers
        .iter()
        .zip(record.iter())
        .filter(|(_, cell)| !cell.trim().is_empty())
        .map(|(header, cell)| (header.clone(), Value::String(cell.to_string())))
        .collect()
}

fn to_draft(
    row: Row,
    file_company: Option<&str>,
    context: &BoardContext,
) -> Result<PostingDraft, String> {
    let title = clean(row.title.as_deref()).ok_or("no title")?;
    let url = clean(row.url.as_deref()).ok_or("no url")?;
    let mut draft = values::blank(SourceKind::File, title, url);
    draft.board_id = values::text(row.id.as_ref());
    let company = clean(row.company.as_deref()).or_else(|| clean(file_company));
    draft.company = values::company(context, company);
    // An export's company column is someone's retyping, not the board's own word.
    draft.company.name_source = NameSource::Given;
    draft.company.domain = row.company_domain.as_deref().and_then(company_domain);
    draft.description_raw = clean(row.description.as_deref());
    draft.locations = locations(&row.locations, row.location.as_deref());
    draft.remote = row.remote.as_ref().map(remote).transpose()?;
    draft.salary = salary(&row)?;
    draft.department = clean(row.department.as_deref());
    draft.employment_type = clean(row.employment_type.as_deref());
    draft.posted_at = match clean(row.posted_at.as_deref()) {
        Some(text) => Some(values::date(&text).ok_or(format!("posted_at `{text}` is not a date"))?),
        None => None,
    };
    Ok(draft)
}

fn locations(listed: &[String], single: Option<&str>) -> Vec<String> {
    let from_list: Vec<String> = listed.iter().filter_map(|l| clean(Some(l))).collect();
    if !from_list.is_empty() {
        return from_list;
    }
    single.unwrap_or_default().split(';').filter_map(|l| clean(Some(l))).collect()
}

fn remote(value: &Value) -> Result<bool, String> {
    let text = match value {
        Value::Bool(b) => return Ok(*b),
        other => values::text(Some(other)).unwrap_or_default().to_ascii_lowercase(),
    };
    match text.as_str() {
        "true" | "yes" | "y" | "1" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(format!("remote `{text}` is not true/false or yes/no")),
    }
}

fn salary(row: &Row) -> Result<Option<Salary>, String> {
    let amount = |value: &Option<Value>, column: &str| match value {
        None => Ok(None),
        Some(v) => values::cents(Some(v))
            .map(Some)
            .ok_or(format!("{column} `{}` is not an amount", values::text(Some(v)).unwrap_or_default())),
    };
    let min_cents = amount(&row.salary_min, "salary_min")?;
    let max_cents = amount(&row.salary_max, "salary_max")?;
    let period = match clean(row.salary_period.as_deref()) {
        Some(p) => Some(values::period(&p).ok_or(format!("salary_period `{p}` is not a period"))?),
        None => None,
    };
    Ok(values::salary(min_cents, max_cents, clean(row.currency.as_deref()), period))
}

/// `acme.com`, `www.acme.com` or `https://acme.com/about` all give `acme.com`.
fn company_domain(text: &str) -> Option<String> {
    let text = text.trim();
    if text.contains("://") {
        return values::domain(text);
    }
    let host = text.split('/').next().unwrap_or_default().to_ascii_lowercase();
    clean(Some(host.strip_prefix("www.").unwrap_or(&host)))
}
