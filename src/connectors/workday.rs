//! Workday CXS connector: reads `POST {host}/wday/cxs/{tenant}/{site}/jobs` responses.
//!
//! The list response carries only a title, a site-relative `externalPath`, a location summary
//! and a "Posted N Days Ago" label, so the public URL is built from the board URL the caller
//! fetched (`context.source_url`) and everything the list does not carry stays empty.

use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::values::{self, clean};
use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, PostingDraft, SourceKind};
use crate::domain::posting_url;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Response {
    job_postings: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Posting {
    title: Option<String>,
    external_path: Option<String>,
    locations_text: Option<String>,
    #[serde(default)]
    bullet_fields: Vec<Value>,
}

pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let response: Response = values::decode(payload, "Workday CXS jobs")?;
    let site = context.source_url.as_deref().and_then(site_base);
    let tenant = context
        .source_url
        .as_deref()
        .and_then(|url| cxs_tenant(url).or_else(|| posting_url::company_subdomain(url, "myworkdayjobs.com")));
    let mut company = values::company(context, None);
    company.board_slug = company.board_slug.or(tenant);
    Ok(values::collect(response.job_postings, "externalPath", |posting: Posting| {
        let mut draft = to_draft(posting, site.as_ref())?;
        draft.company = company.clone();
        Ok(draft)
    }))
}

fn to_draft(posting: Posting, site: Option<&Url>) -> Result<PostingDraft, String> {
    let title = clean(posting.title.as_deref()).ok_or("posting has no title")?;
    let path = clean(posting.external_path.as_deref()).ok_or("posting has no externalPath")?;
    let site = site.ok_or("no board URL in the context to join externalPath to")?;
    let url = join(site, &path);
    let mut draft = values::blank(SourceKind::Workday, title, url);
    draft.board_id = Some(requisition_id(&path, &posting.bullet_fields));
    draft.locations = posting.locations_text.as_deref().and_then(place).into_iter().collect();
    // `postedOn` is a relative label ("Posted Yesterday", "Posted 30+ Days Ago") measured from
    // an unknown fetch time, not a date, so `posted_at` stays None rather than being guessed.
    Ok(draft)
}

/// The requisition id (`JR354232`) when a bullet field is the suffix Workday appends to the
/// path; otherwise the path itself, which is unique per posting on a site.
fn requisition_id(path: &str, bullets: &[Value]) -> String {
    bullets
        .iter()
        .filter_map(|b| values::text(Some(b)))
        .find(|id| path.ends_with(&format!("_{id}")))
        .unwrap_or_else(|| path.to_string())
}

/// `locationsText` names the place when there is one, but only counts them ("3 Locations")
/// when there are several; a count is not a location.
fn place(text: &str) -> Option<String> {
    let text = text.trim();
    let is_count = text
        .split_once(' ')
        .is_some_and(|(n, word)| n.parse::<u32>().is_ok() && word.starts_with("Location"));
    (!text.is_empty() && !is_count).then(|| text.to_string())
}

/// The public site a posting's `externalPath` is relative to. From the CXS API URL
/// `https://host/wday/cxs/{tenant}/{site}/jobs` that is `https://host/{site}`; a URL of the
/// public board itself (`https://host/en-US/{site}`) is used as it is.
fn site_base(source_url: &str) -> Option<Url> {
    let mut url = Url::parse(source_url.trim()).ok()?;
    url.set_query(None);
    url.set_fragment(None);
    let segments: Vec<String> = url.path_segments()?.map(str::to_string).collect();
    if let [wday, cxs, _tenant, site, ..] = segments.as_slice()
        && wday == "wday"
        && cxs == "cxs"
    {
        url.set_path(&format!("/{site}"));
    }
    Some(url)
}

/// The tenant from a CXS API URL, which is the board's company slug.
fn cxs_tenant(source_url: &str) -> Option<String> {
    let url = Url::parse(source_url.trim()).ok()?;
    let segments: Vec<&str> = url.path_segments()?.collect();
    match segments[..] {
        ["wday", "cxs", tenant, ..] => clean(Some(tenant)),
        _ => None,
    }
}

fn join(site: &Url, path: &str) -> String {
    let base = site.as_str().trim_end_matches('/');
    format!("{base}/{}", path.trim_start_matches('/'))
}
