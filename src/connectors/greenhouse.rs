//! Greenhouse job board connector: reads the public boards API `GET /v1/boards/{slug}/jobs`,
//! with or without `content=true`.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::values::{self, text_at};
use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, PostingDraft, SourceKind};

const EXPECTED: &str = "expected a Greenhouse boards API response: an object with a \"jobs\" array";

/// Reads a boards API response. A posting without id, title or URL is skipped; the rest go on.
pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let jobs = values::json_array(payload, "jobs", EXPECTED)?;
    Ok(values::read_each(&jobs, id_of, |job| {
        read_posting(job, context)
    }))
}

fn read_posting(job: &Value, context: &BoardContext) -> Result<PostingDraft, String> {
    let board_id = id_of(job).ok_or("posting has no id")?;
    let title = text_at(job, "title").ok_or("posting has no title")?;
    let url = text_at(job, "absolute_url").ok_or("posting has no absolute_url")?;
    let mut company = values::board_company(context, text_at(job, "company_name"), &url, slug_from_url);
    if company.name.is_none() && company.board_slug.is_none() {
        // Nothing else names the company; a posting shown on the company's own careers site
        // (`stripe.com/jobs/search?gh_jid=…`) is on its website. Only then: a careers page hosted
        // by a third party would otherwise merge unrelated companies by that host.
        company.domain = values::careers_site_domain(&url, "greenhouse.io");
    }
    Ok(PostingDraft {
        source: SourceKind::Greenhouse,
        // The slug from the caller, the API URL or the posting's URL.
        company,
        board_id: Some(board_id),
        title,
        // Kept entity-encoded, exactly as the API sends it; decoding belongs to normalisation.
        // Unlike `values::raw_at`, whitespace-only content is kept: only "" counts as absent.
        description_raw: job
            .get("content")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        locations: locations(job),
        // Greenhouse has no remote flag of its own, but many boards define a custom field for it
        // ("Location Type": "On-Site"); without one the text is searched later, not here.
        remote: remote_from_metadata(job),
        salary: None,
        salary_text: None,
        department: first_name(job.get("departments")),
        employment_type: metadata_text(job, "employment type"),
        posted_at: posted_at(job),
        url,
    })
}

/// `first_published` is when the posting went live; `updated_at` moves on every edit, so it is
/// only the fallback for a response that lacks `first_published`.
fn posted_at(job: &Value) -> Option<DateTime<Utc>> {
    ["first_published", "updated_at"]
        .iter()
        .find_map(|key| values::rfc3339(job.get(*key)?.as_str()?))
}

/// `location.name` first, then each office's name. Boards put several places into one
/// `location.name` joined by `;` or `|` (Anthropic: "San Francisco, CA | New York City, NY"); those
/// are split, but commas are not, as they belong to the place ("London, UK").
fn locations(job: &Value) -> Vec<String> {
    let primary = job.get("location").and_then(|l| text_at(l, "name"));
    let offices = job
        .get("offices")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    let candidates = primary
        .iter()
        .flat_map(|name| {
            name.split([';', '|'])
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .chain(offices.filter_map(|office| text_at(office, "name")));
    values::distinct(candidates)
}

/// The board slug in a Greenhouse URL: `boards-api.greenhouse.io/v1/boards/SLUG/jobs`,
/// `(job-)boards.greenhouse.io/SLUG/jobs/ID`, or the embed form `…/embed/job_app?for=SLUG`.
/// A company's own careers page (`absolute_url` can point there) names no slug.
fn slug_from_url(raw: &str) -> Option<String> {
    let url = values::url_on(raw, "greenhouse.io")?;
    let slug = match values::segments(&url).as_slice() {
        ["v1", "boards", slug, ..] => Some(slug.to_string()),
        ["embed", ..] => url
            .query_pairs()
            .find(|(key, _)| key == "for")
            .map(|(_, v)| v.into_owned()),
        [slug, ..] => Some(slug.to_string()),
        [] => None,
    };
    slug.filter(|s| !s.is_empty())
}

/// The board's own word on where the work is done, from a custom field named like "Location
/// Type", "Workplace Type", "Work Arrangement" or "Remote" (values such as "Remote", "Hybrid",
/// "On-Site", or yes/no for a field named "Remote"). A multi-select listing remote among its
/// options means remote is possible. Anything else leaves the question to the text.
fn remote_from_metadata(job: &Value) -> Option<bool> {
    let fields = job.get("metadata")?.as_array()?;
    fields.iter().find_map(|field| {
        let name = field.get("name")?.as_str()?.trim().to_ascii_lowercase();
        let about_place = ["workplace", "location type", "work location", "work arrangement", "work model", "work setting", "working model", "remote"]
            .iter()
            .any(|word| name.contains(word));
        if !about_place {
            return None;
        }
        let answers: Vec<Option<bool>> = match field.get("value")? {
            Value::Array(items) => items.iter().filter_map(Value::as_str).map(|v| workplace_word(v, &name)).collect(),
            Value::String(v) => vec![workplace_word(v, &name)],
            Value::Bool(flag) if name.contains("remote") => vec![Some(*flag)],
            _ => return None,
        };
        if answers.contains(&Some(true)) {
            Some(true)
        } else {
            answers.into_iter().flatten().next()
        }
    })
}

/// One value of a workplace field: remote (true), on-site or hybrid (false), or not understood.
fn workplace_word(value: &str, field_name: &str) -> Option<bool> {
    let value = value.trim().to_ascii_lowercase().replace(['-', '_'], " ");
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| value.starts_with(p));
    if starts(&["remote", "fully remote", "100% remote", "work from home", "wfh", "distributed"]) {
        return Some(true);
    }
    if starts(&["hybrid", "on site", "onsite", "in office", "in person", "office"]) {
        return Some(false);
    }
    if field_name.contains("remote") {
        return match value.as_str() {
            "yes" | "true" => Some(true),
            "no" | "false" => Some(false),
            _ => None,
        };
    }
    None
}

/// A custom field's value when it is plain text, e.g. the "Employment Type" some boards define.
fn metadata_text(job: &Value, wanted: &str) -> Option<String> {
    let fields = job.get("metadata")?.as_array()?;
    let field = fields.iter().find(|f| {
        f.get("name")
            .and_then(Value::as_str)
            .is_some_and(|n| n.trim().eq_ignore_ascii_case(wanted))
    })?;
    text_at(field, "value")
}

fn first_name(list: Option<&Value>) -> Option<String> {
    list?
        .as_array()?
        .iter()
        .find_map(|item| text_at(item, "name"))
}

/// Greenhouse ids are JSON numbers; a string id is accepted too rather than losing the posting.
fn id_of(job: &Value) -> Option<String> {
    values::text(job.get("id"))
}
