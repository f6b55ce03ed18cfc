//! Ashby job board connector: reads the public posting API
//! `GET /posting-api/job-board/{org}?includeCompensation=true`.

use serde_json::Value;

use super::values::{self, raw_at, text_at};
use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, PayPeriod, PostingDraft, Salary, SourceKind};

const EXPECTED: &str = "expected an Ashby posting API response: an object with a \"jobs\" array";

/// Reads a posting API response. A posting without id, title or URL is skipped; the rest go on.
pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let jobs = values::json_array(payload, "jobs", EXPECTED)?;
    // Ashby ids are UUID strings, so skipped postings are reported by a string `id` only.
    let id = |job: &Value| text_at(job, "id");
    Ok(values::read_each(&jobs, id, |job| {
        read_posting(job, context)
    }))
}

fn read_posting(job: &Value, context: &BoardContext) -> Result<PostingDraft, String> {
    let board_id = text_at(job, "id").ok_or("posting has no id")?;
    // Ashby titles often carry stray spaces (" Sr. Product Manager, MCP"); `text_at` trims them.
    let title = text_at(job, "title").ok_or("posting has no title")?;
    let url = text_at(job, "jobUrl")
        .or_else(|| text_at(job, "applyUrl"))
        .ok_or("posting has no jobUrl or applyUrl")?;
    let compensation = job.get("compensation").unwrap_or(&Value::Null);
    Ok(PostingDraft {
        source: SourceKind::Ashby,
        // The payload names no company: the name comes from the caller, the slug from the
        // caller, the API URL or the posting's URL (`jobs.ashbyhq.com/SLUG/ID`).
        // No website, so no domain.
        company: values::board_company(context, None, &url, slug_from_url),
        board_id: Some(board_id),
        title,
        description_raw: raw_at(job, "descriptionHtml").or_else(|| raw_at(job, "descriptionPlain")),
        locations: locations(job),
        remote: remote(job),
        salary: salary(compensation),
        salary_text: text_at(compensation, "scrapeableCompensationSalarySummary")
            .or_else(|| text_at(compensation, "compensationTierSummary")),
        department: text_at(job, "department"),
        employment_type: text_at(job, "employmentType"),
        posted_at: text_at(job, "publishedAt").and_then(|at| values::rfc3339(&at)),
        url,
    })
}

/// `location` is the primary place; `secondaryLocations[].location` the others.
fn locations(job: &Value) -> Vec<String> {
    let secondary = job
        .get("secondaryLocations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    let candidates = text_at(job, "location")
        .into_iter()
        .chain(secondary.filter_map(|s| text_at(s, "location")));
    values::distinct(candidates)
}

/// `isRemote` is the board's own flag and wins; `workplaceType` only fills in when it is null
/// (Ashby sends both, and they can disagree: `isRemote: true` with `workplaceType: "Hybrid"`
/// means remote is allowed, so the flag is the better answer).
fn remote(job: &Value) -> Option<bool> {
    if let Some(flag) = job.get("isRemote").and_then(Value::as_bool) {
        return Some(flag);
    }
    values::workplace_remote(&text_at(job, "workplaceType")?)
}

/// The `summaryComponents` entry of type "Salary" (the others are equity, bonus, commission).
/// Amounts are major units; a component with neither bound says nothing, so gives `None`.
fn salary(compensation: &Value) -> Option<Salary> {
    let components = compensation.get("summaryComponents")?.as_array()?;
    let component = components
        .iter()
        .find(|c| c.get("compensationType").and_then(Value::as_str) == Some("Salary"))?;
    let period = match text_at(component, "interval")
        .as_deref()
        .unwrap_or_default()
    {
        "1 YEAR" => Some(PayPeriod::Year),
        "1 MONTH" => Some(PayPeriod::Month),
        "1 WEEK" => Some(PayPeriod::Week),
        "1 DAY" => Some(PayPeriod::Day),
        "1 HOUR" => Some(PayPeriod::Hour),
        // "NONE", "6 MONTH" and the like name no rate we have.
        _ => None,
    };
    // Plain JSON numbers (an hourly rate may have decimals), so not `values::cents`'s string rules.
    let amount = |key: &str| component.get(key).and_then(values::number_cents);
    let currency = text_at(component, "currencyCode");
    values::salary(amount("minValue"), amount("maxValue"), currency, period)
}

/// `jobs.ashbyhq.com/SLUG/…` or `api.ashbyhq.com/posting-api/job-board/SLUG`. The slug keeps its
/// case ("HighlightTA"): Ashby's URLs are case-sensitive.
fn slug_from_url(raw: &str) -> Option<String> {
    let url = values::url_on(raw, "ashbyhq.com")?;
    let jobs_host = url.host_str().is_some_and(|host| host.starts_with("jobs."));
    match values::segments(&url).as_slice() {
        ["posting-api", "job-board", slug, ..] => Some(slug.to_string()),
        [slug, ..] if jobs_host => Some(slug.to_string()),
        _ => None,
    }
}
