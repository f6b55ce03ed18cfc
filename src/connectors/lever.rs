//! Lever job board connector: reads the public postings API `GET /v0/postings/{slug}?mode=json`.

use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;

use super::values::{self, raw_at, text_at};
use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, PayPeriod, PostingDraft, Salary, SourceKind};

const EXPECTED: &str = "expected a Lever postings API response: a JSON array of postings";

/// Reads a postings API response. A posting without id, title or URL is skipped; the rest go on.
pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let root = values::json(payload, EXPECTED)?;
    let Some(postings) = root.as_array() else {
        // Lever answers an unknown slug with `{"ok":false,"error":"Document not found"}`.
        let said = root
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or("no error message");
        return Err(ParseError(format!("{EXPECTED}, got an object ({said})")));
    };
    // Skipped postings are reported by a string `id` only, as Lever sends it.
    let id = |posting: &Value| text_at(posting, "id");
    Ok(values::read_each(postings, id, |posting| {
        read_posting(posting, context)
    }))
}

fn read_posting(posting: &Value, context: &BoardContext) -> Result<PostingDraft, String> {
    let board_id = text_at(posting, "id").ok_or("posting has no id")?;
    let title = text_at(posting, "text").ok_or("posting has no title (\"text\")")?;
    let url = text_at(posting, "hostedUrl")
        .or_else(|| text_at(posting, "applyUrl"))
        .ok_or("posting has no hostedUrl or applyUrl")?;
    let categories = posting.get("categories").unwrap_or(&Value::Null);
    Ok(PostingDraft {
        source: SourceKind::Lever,
        // The payload names no company: the name comes from the caller, the slug from the
        // caller, the API URL or the posting's URL (`jobs.lever.co/SLUG/ID`).
        // No website, so no domain.
        company: values::board_company(context, None, &url, slug_from_url),
        board_id: Some(board_id),
        title,
        description_raw: description(posting),
        locations: locations(categories),
        remote: remote(posting),
        salary: posting.get("salaryRange").and_then(salary),
        // Lever has no compensation summary; `salaryDescription` is free prose (often the company
        // blurb), so it stays in the description instead.
        salary_text: None,
        // The boards in our test data fill only `team`, Lever's main grouping; `department`, an
        // optional extra level, wins when present.
        department: text_at(categories, "department").or_else(|| text_at(categories, "team")),
        employment_type: text_at(categories, "commitment"),
        posted_at: posting
            .get("createdAt")
            .and_then(Value::as_i64)
            .and_then(from_millis),
        url,
    })
}

/// The posting as Lever's hosted page shows it: `description`, then each of `lists` (a heading
/// and bare `<li>` items), `salaryDescription`, `additional`. Each part is kept as received;
/// `description` alone would drop the requirements, which Lever keeps in `lists`.
fn description(posting: &Value) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(raw_at(posting, "description"));
    for list in posting
        .get("lists")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        // The heading is plain text ("Benefits & Perks"), so it is escaped to sit inside HTML.
        let heading = text_at(list, "text")
            .map(|t| format!("<h3>{}</h3>", html_escape::encode_text(&t)))
            .unwrap_or_default();
        if let Some(items) = raw_at(list, "content") {
            parts.push(format!("{heading}<ul>{items}</ul>"));
        }
    }
    parts.extend(raw_at(posting, "salaryDescription"));
    parts.extend(raw_at(posting, "additional"));
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// `categories.location` is the primary place; `allLocations` repeats it among the others.
fn locations(categories: &Value) -> Vec<String> {
    let all = categories
        .get("allLocations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    let candidates = text_at(categories, "location")
        .into_iter()
        .chain(all.filter_map(|v| v.as_str().map(str::to_string)));
    values::distinct(candidates)
}

/// Lever's `workplaceType`; "unspecified" (or no field) leaves the question to the text.
fn remote(posting: &Value) -> Option<bool> {
    values::workplace_remote(&text_at(posting, "workplaceType")?)
}

/// `salaryRange`: amounts in major units of `currency`, `interval` like "per-year-salary".
fn salary(range: &Value) -> Option<Salary> {
    let period = match text_at(range, "interval").as_deref().unwrap_or_default() {
        "per-year-salary" => Some(PayPeriod::Year),
        "per-month-salary" => Some(PayPeriod::Month),
        "per-week-salary" => Some(PayPeriod::Week),
        "per-day-wage" => Some(PayPeriod::Day),
        "per-hour-wage" => Some(PayPeriod::Hour),
        // "one-time" and anything new: not a rate we can name.
        _ => None,
    };
    let amount = |key: &str| range.get(key).and_then(cents);
    values::salary(
        amount("min"),
        amount("max"),
        text_at(range, "currency"),
        period,
    )
}

/// A major-unit amount (number, or numeric string) in cents; nonsense gives `None`, not a panic.
/// Kept apart from `values::cents`: a quoted amount is a plain float, without thousands groups.
fn cents(amount: &Value) -> Option<i64> {
    match amount {
        Value::String(s) => values::float_cents(s.trim().parse().ok()?),
        other => values::number_cents(other),
    }
}

fn from_millis(millis: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_millis_opt(millis).single()
}

/// `jobs.lever.co/SLUG/…` or `api.lever.co/v0/postings/SLUG` (also the `.eu.` hosts).
fn slug_from_url(raw: &str) -> Option<String> {
    let url = values::url_on(raw, "lever.co")?;
    let jobs_host = url.host_str().is_some_and(|host| host.starts_with("jobs."));
    match values::segments(&url).as_slice() {
        ["v0", "postings", slug, ..] => Some(slug.to_string()),
        [slug, ..] if jobs_host => Some(slug.to_string()),
        _ => None,
    }
}
