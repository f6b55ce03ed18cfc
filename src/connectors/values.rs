//! Readers for loosely typed JSON values, shared by the JSON-LD connector and the board and file
//! connectors beside it: ids that are numbers or strings, money as numbers or strings, dates in
//! the handful of formats boards really send, and the skip-one-keep-the-rest posting loop.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use crate::connectors::{BoardContext, ParseError};
use crate::domain::posting::{
    CompanyDraft, NameSource, ParsedBoard, PayPeriod, PostingDraft, Salary, SkippedPosting, SourceKind,
};

/// Decodes a whole payload, naming the board and the JSON path on failure so a user can tell
/// "not JSON" from "JSON of another board".
pub(crate) fn decode<T: DeserializeOwned>(payload: &[u8], board: &str) -> Result<T, ParseError> {
    let mut de = serde_json::Deserializer::from_slice(payload);
    serde_path_to_error::deserialize(&mut de)
        .map_err(|e| ParseError(format!("not a {board} payload: {} at `{}`", e.inner(), e.path())))
}

/// The payload as untyped JSON, for the connectors that walk it by hand; the error says what
/// was `expected` and that the payload is not JSON at all.
pub(crate) fn json(payload: &[u8], expected: &str) -> Result<Value, ParseError> {
    serde_json::from_slice(payload)
        .map_err(|error| ParseError(format!("{expected}; the payload is not JSON: {error}")))
}

/// The `key` array of a JSON object payload (Greenhouse's and Ashby's `jobs`); anything else
/// is an error saying what was `expected`.
pub(crate) fn json_array(
    payload: &[u8],
    key: &str,
    expected: &str,
) -> Result<Vec<Value>, ParseError> {
    match json(payload, expected)?.get_mut(key).map(Value::take) {
        Some(Value::Array(items)) => Ok(items),
        _ => Err(ParseError(expected.to_string())),
    }
}

/// A non-empty, trimmed string, or a number written out (boards send ids both ways).
pub(crate) fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A non-empty, trimmed copy of an optional string.
pub(crate) fn clean(value: Option<&str>) -> Option<String> {
    value.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// A string field, trimmed (boards send "Amplitude " with a trailing space); empty counts as
/// absent, and so does a non-string.
pub(crate) fn text_at(value: &Value, key: &str) -> Option<String> {
    clean(value.get(key)?.as_str())
}

/// A string field exactly as received, when not blank (descriptions keep their whitespace).
pub(crate) fn raw_at(value: &Value, key: &str) -> Option<String> {
    let s = value.get(key)?.as_str()?;
    (!s.trim().is_empty()).then(|| s.to_string())
}

/// Major currency units (a number or a numeric string) as cents; `None` for anything else,
/// including negative amounts, which no real pay range has.
pub(crate) fn cents(value: Option<&Value>) -> Option<i64> {
    let major = match value? {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => parse_amount(s.trim())?,
        _ => return None,
    };
    // The float is a whole number of cents after rounding; real salaries are far below 2^53.
    (major.is_finite() && major >= 0.0).then(|| (major * 100.0).round() as i64)
}

/// Accepts "60000", "60000.50" and thousands groups like "120,000"; a comma in any other place
/// ("1,5") is ambiguous between locales, so it is refused rather than guessed.
fn parse_amount(s: &str) -> Option<f64> {
    if !s.contains(',') {
        return s.parse().ok();
    }
    let (whole, fraction) = s.split_once('.').map_or((s, None), |(w, f)| (w, Some(f)));
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let grouped = (1..=3).contains(&first.len())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if !grouped {
        return None;
    }
    let digits = whole.replace(',', "");
    match fraction {
        Some(f) => format!("{digits}.{f}").parse().ok(),
        None => digits.parse().ok(),
    }
}

/// A JSON number of major units as cents, sign kept: whole numbers exactly, others rounded to
/// the cent; `None` for a non-number or past ±9e15 cents. For APIs that send bare numbers
/// (Ashby, Lever), which never went through `cents`'s string and sign rules.
pub(crate) fn number_cents(amount: &Value) -> Option<i64> {
    match amount.as_i64() {
        Some(whole) => whole.checked_mul(100),
        None => float_cents(amount.as_f64()?),
    }
}

/// Major units as cents, rounded, sign kept; `None` when not finite or past ±9e15 cents.
pub(crate) fn float_cents(major: f64) -> Option<i64> {
    let cents = (major * 100.0).round();
    (cents.is_finite() && cents.abs() < 9e15).then_some(cents as i64)
}

/// A pay range, or `None` when neither bound is known; the currency code is upper-cased.
pub(crate) fn salary(
    min_cents: Option<i64>,
    max_cents: Option<i64>,
    currency: Option<String>,
    period: Option<PayPeriod>,
) -> Option<Salary> {
    (min_cents.is_some() || max_cents.is_some()).then(|| Salary {
        min_cents,
        max_cents,
        currency: currency.map(|c| c.to_ascii_uppercase()),
        period,
    })
}

/// A pay period as boards and schema.org spell it (`year`, `YEAR`, `yearly`, `annual`, …).
pub(crate) fn period(value: &str) -> Option<PayPeriod> {
    match value.trim().to_ascii_lowercase().as_str() {
        "hour" | "hourly" | "per hour" => Some(PayPeriod::Hour),
        "day" | "daily" | "per day" => Some(PayPeriod::Day),
        "week" | "weekly" | "per week" => Some(PayPeriod::Week),
        "month" | "monthly" | "per month" => Some(PayPeriod::Month),
        "year" | "yearly" | "annual" | "annually" | "per year" => Some(PayPeriod::Year),
        _ => None,
    }
}

/// Dates in the forms boards send: RFC 3339, `2026-08-05 10:10:39 UTC`, a naive date-time or a
/// bare date. Values without an offset are taken as UTC, since no board documents another zone.
pub(crate) fn date(value: &str) -> Option<DateTime<Utc>> {
    let s = value.trim();
    if let Some(dt) = rfc3339(s) {
        return Some(dt);
    }
    let naive = s.strip_suffix(" UTC").unwrap_or(s);
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(naive, format) {
            return Some(dt.and_utc());
        }
    }
    let day = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

/// An RFC 3339 timestamp in UTC, the one form the JSON APIs (Greenhouse, Ashby) document.
pub(crate) fn rfc3339(value: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// A board's workplace setting ("Remote", "onsite", "Hybrid"): hybrid is not remote, and
/// anything else is not understood, so it leaves the question to the text.
pub(crate) fn workplace_remote(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "remote" => Some(true),
        "onsite" | "on-site" | "hybrid" => Some(false),
        _ => None,
    }
}

/// The bare host of a URL (`https://www.acme.com/about` → `acme.com`).
pub(crate) fn domain(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").map(str::to_string).unwrap_or(host))
}

/// The company's website behind a posting URL on its own careers site: the host without
/// `www.`, `career(s).`, `jobs.` or `boards.` (`careers.datadoghq.com` → `datadoghq.com`);
/// none on the board's own `ats_site`. Only for postings nothing else names a company for: a
/// careers page hosted by a third party would otherwise merge unrelated companies by that host.
pub(crate) fn careers_site_domain(raw: &str, ats_site: &str) -> Option<String> {
    let host = Url::parse(raw).ok()?.host_str()?.to_ascii_lowercase();
    if host == ats_site || host.ends_with(&format!(".{ats_site}")) || !host.contains('.') {
        return None;
    }
    let bare = ["www.", "careers.", "career.", "jobs.", "boards."]
        .iter()
        .find_map(|prefix| host.strip_prefix(prefix))
        .filter(|rest| rest.contains('.'))
        .unwrap_or(&host);
    Some(bare.to_string())
}

/// `raw` parsed, when its host is `site` or a subdomain of it (`jobs.lever.co` for `lever.co`).
pub(crate) fn url_on(raw: &str, site: &str) -> Option<Url> {
    let url = Url::parse(raw).ok()?;
    let host = url.host_str()?;
    (host == site || host.ends_with(&format!(".{site}"))).then_some(url)
}

/// A URL's non-empty path segments (`/v1/boards/acme/` → `["v1", "boards", "acme"]`).
pub(crate) fn segments(url: &Url) -> Vec<&str> {
    url.path_segments()
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect()
}

/// The company as `company` gives it, but with the board slug read by `from_url` from the
/// URL the payload came from, else from the posting's own URL, when the caller gave none.
pub(crate) fn board_company(
    context: &BoardContext,
    name: Option<String>,
    posting_url: &str,
    from_url: fn(&str) -> Option<String>,
) -> CompanyDraft {
    let board_slug = context.board_slug.clone().or_else(|| {
        let read = context.source_url.as_deref().and_then(from_url).or_else(|| from_url(posting_url));
        read.map(|slug| crate::domain::posting_url::decoded(&slug)).filter(|slug| !slug.is_empty())
    });
    CompanyDraft {
        board_slug,
        ..company(context, name)
    }
}

/// The company as the payload names it, with the caller's context filling only the gaps.
pub(crate) fn company(context: &BoardContext, name: Option<String>) -> CompanyDraft {
    let name_source = if name.is_some() { NameSource::Board } else { NameSource::Given };
    CompanyDraft {
        name: name.or_else(|| context.company_name.clone()),
        name_source,
        board_slug: context.board_slug.clone(),
        ..CompanyDraft::default()
    }
}

/// A draft with only the fields every posting has; connectors fill in the rest.
pub(crate) fn blank(source: SourceKind, title: String, url: String) -> PostingDraft {
    PostingDraft {
        source,
        board_id: None,
        url,
        title,
        company: CompanyDraft::default(),
        description_raw: None,
        locations: Vec::new(),
        remote: None,
        salary: None,
        salary_text: None,
        department: None,
        employment_type: None,
        posted_at: None,
    }
}

/// Reads each raw posting on its own, so one malformed entry is skipped with its reason
/// instead of failing the whole board. `id_key` names the field reported for skipped entries.
pub(crate) fn collect<T: DeserializeOwned>(
    items: Vec<Value>,
    id_key: &str,
    mut map: impl FnMut(T) -> Result<PostingDraft, String>,
) -> ParsedBoard {
    let mut board = ParsedBoard::default();
    for (index, item) in items.into_iter().enumerate() {
        let board_id = text(item.get(id_key));
        let result = serde_json::from_value::<T>(item)
            .map_err(|e| format!("unexpected posting shape: {e}"))
            .and_then(&mut map);
        match result {
            Ok(posting) => board.postings.push(posting),
            Err(reason) => board.skipped.push(SkippedPosting { index, board_id, reason }),
        }
    }
    board
}

/// Reads each raw JSON posting on its own, as `collect` does for connectors that walk the JSON
/// by hand: a non-object or a posting `read` refuses is skipped, reported under `id`.
pub(crate) fn read_each(
    items: &[Value],
    id: impl Fn(&Value) -> Option<String>,
    mut read: impl FnMut(&Value) -> Result<PostingDraft, String>,
) -> ParsedBoard {
    let mut board = ParsedBoard::default();
    for (index, item) in items.iter().enumerate() {
        let result = if item.is_object() {
            read(item)
        } else {
            Err("posting is not a JSON object".to_string())
        };
        match result {
            Ok(posting) => board.postings.push(posting),
            Err(reason) => board.skipped.push(SkippedPosting { index, board_id: id(item), reason }),
        }
    }
    board
}

/// Folds entries that repeat one posting per location (Workable's widget, Rippling) into one
/// posting carrying every location, first occurrence first.
pub(crate) fn merge_by_id(postings: Vec<PostingDraft>) -> Vec<PostingDraft> {
    let mut merged: Vec<PostingDraft> = Vec::with_capacity(postings.len());
    for posting in postings {
        let same = merged
            .iter_mut()
            .find(|p| p.board_id.is_some() && p.board_id == posting.board_id);
        match same {
            Some(existing) => {
                for location in posting.locations {
                    if !existing.locations.contains(&location) {
                        existing.locations.push(location);
                    }
                }
            }
            None => merged.push(posting),
        }
    }
    merged
}

/// Names trimmed, blanks dropped and repeats dropped regardless of ASCII case, first kept.
pub(crate) fn distinct(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for name in names {
        let name = name.trim();
        if !name.is_empty() && !kept.iter().any(|known| known.eq_ignore_ascii_case(name)) {
            kept.push(name.to_string());
        }
    }
    kept
}

/// Non-empty parts joined with ", " (address pieces, city/state/country).
pub(crate) fn join_parts<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    let kept: Vec<&str> = parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (!kept.is_empty()).then(|| kept.join(", "))
}
