//! Search parameters as a client sends them (strings), and their validation into filters.
//!
//! Every value arrives as text and is checked here, so each malformed one is reported with its
//! own name (`{"field": "salary_min", …}`) and all of them at once, instead of one opaque
//! "bad query string". A blank value means "not given", as an empty HTML form field does.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::cursor::{self, PageRequest};
use crate::db::catalog_search::Filters;
use crate::error::{AppError, FieldError};

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;
const MAX_TAGS: usize = 20;
const MAX_TEXT: usize = 200;

/// Query parameters of `GET /api/v1/postings`.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words matched by trigram similarity against the title and the company name; tolerates
    /// typos ("sofware enginer"). Results are then ordered best match first.
    #[param(example = "sofware enginer")]
    pub q: Option<String>,
    /// Comma-separated skill tags; a posting matches when it has at least one of them.
    #[param(example = "rust,postgresql")]
    pub tags: Option<String>,
    /// `true` for remote postings only, `false` for on-site/hybrid only.
    #[param(value_type = Option<bool>)]
    pub remote: Option<String>,
    /// Case-insensitive part of the location ("berlin").
    pub location: Option<String>,
    /// Minimum yearly-or-per-period pay in whole currency units (`120000`), compared with the
    /// top of the posting's range in its own currency. Postings without a salary are excluded.
    #[param(value_type = Option<i64>, minimum = 0)]
    pub salary_min: Option<String>,
    /// A company id (as returned in `company.id`).
    #[param(value_type = Option<Uuid>)]
    pub company: Option<String>,
    /// Only postings posted at or after this RFC 3339 date-time (or `YYYY-MM-DD`, midnight UTC).
    #[param(value_type = Option<String>, example = "2025-01-31T00:00:00Z")]
    pub posted_after: Option<String>,
    /// `true` to include postings closed on their board (excluded by default).
    #[param(value_type = Option<bool>)]
    pub include_closed: Option<String>,
    /// Items per page, 1 to 100 (default 20).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    pub limit: Option<String>,
    /// The `next_cursor` of the previous page, with the same filters.
    pub cursor: Option<String>,
}

impl SearchParams {
    /// Reads raw `(name, value)` pairs; an unknown or repeated parameter is a 422 naming it, so
    /// a typo (`?remot=true`) is not silently ignored.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Result<Self, AppError> {
        let mut params = Self::default();
        let mut errors = Vec::new();
        for (name, value) in pairs {
            let Some(slot) = params.slot(&name) else {
                errors.push(FieldError::new(name, "is not a search parameter"));
                continue;
            };
            if slot.replace(value).is_some() {
                errors.push(FieldError::new(name, "is given more than once"));
            }
        }
        if errors.is_empty() { Ok(params) } else { Err(AppError::Validation(errors)) }
    }

    fn slot(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "q" => &mut self.q,
            "tags" => &mut self.tags,
            "remote" => &mut self.remote,
            "location" => &mut self.location,
            "salary_min" => &mut self.salary_min,
            "company" => &mut self.company,
            "posted_after" => &mut self.posted_after,
            "include_closed" => &mut self.include_closed,
            "limit" => &mut self.limit,
            "cursor" => &mut self.cursor,
            _ => return None,
        })
    }

    /// The filters and page to run, or every problem found, each naming its parameter.
    pub fn validate(&self) -> Result<(Filters, PageRequest), AppError> {
        let mut c = Checker::default();
        let q = c.field("q", &self.q, parse_q);
        let filters = Filters {
            tags: c.field("tags", &self.tags, parse_tags).unwrap_or_default(),
            remote: c.field("remote", &self.remote, parse_bool),
            location: c.field("location", &self.location, parse_text),
            salary_min_cents: c.field("salary_min", &self.salary_min, parse_salary_min),
            company_id: c.field("company", &self.company, parse_uuid),
            posted_after: c.field("posted_after", &self.posted_after, parse_time),
            include_closed: c.field("include_closed", &self.include_closed, parse_bool).unwrap_or(false),
            q,
        };
        let has_q = filters.q.is_some() || given(&self.q).is_some();
        let page = PageRequest {
            limit: c.field("limit", &self.limit, parse_limit).unwrap_or(DEFAULT_LIMIT),
            after: c.field("cursor", &self.cursor, |t| cursor::decode(t, has_q)),
        };
        if c.errors.is_empty() { Ok((filters, page)) } else { Err(AppError::Validation(c.errors)) }
    }
}

/// Collects every parameter's problem instead of stopping at the first.
#[derive(Default)]
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn field<T>(&mut self, name: &str, value: &Option<String>, parse: impl Fn(&str) -> Result<T, String>) -> Option<T> {
        match parse(given(value)?) {
            Ok(parsed) => Some(parsed),
            Err(detail) => {
                self.errors.push(FieldError::new(name, detail));
                None
            }
        }
    }
}

/// A value that is present and not blank.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn parse_text(text: &str) -> Result<String, String> {
    if text.chars().count() > MAX_TEXT {
        return Err(format!("must be at most {MAX_TEXT} characters"));
    }
    if text.chars().any(char::is_control) {
        return Err("must not contain control characters".into());
    }
    Ok(text.to_string())
}

fn parse_q(text: &str) -> Result<String, String> {
    let text = parse_text(text)?;
    // Fewer than two letters or digits give the trigram index nothing selective to look up.
    if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return Err("must contain at least 2 letters or digits".into());
    }
    Ok(text)
}

fn parse_tags(text: &str) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let tag = parse_text(tag)?.to_lowercase();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(format!("at most {MAX_TAGS} tags"));
    }
    Ok(tags)
}

fn parse_bool(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "1" | "on" => Ok(true),
        "false" | "0" | "off" => Ok(false),
        _ => Err("must be true or false".into()),
    }
}

/// Whole units to cents; the bound is what an `int4` cents column can hold.
fn parse_salary_min(text: &str) -> Result<i32, String> {
    let units: i64 = text.parse().map_err(|_| "must be a whole number of currency units, like 120000".to_string())?;
    let max = i64::from(i32::MAX) / 100;
    if !(0..=max).contains(&units) {
        return Err(format!("must be between 0 and {max}"));
    }
    i32::try_from(units * 100).map_err(|_| format!("must be between 0 and {max}"))
}

fn parse_uuid(text: &str) -> Result<Uuid, String> {
    text.parse().map_err(|_| "must be a company id (a UUID)".to_string())
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| "must be an RFC 3339 date-time (2025-01-31T09:00:00Z) or a date (2025-01-31)".to_string())
}

fn parse_limit(text: &str) -> Result<i64, String> {
    text.parse::<i64>()
        .ok()
        .filter(|n| (1..=MAX_LIMIT).contains(n))
        .ok_or_else(|| format!("must be a number between 1 and {MAX_LIMIT}"))
}
