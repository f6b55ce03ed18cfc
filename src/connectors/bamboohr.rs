//! BambooHR connector: reads a company's public careers list (`{company}.bamboohr.com/careers/list`).
//!
//! The list has no URLs: the public page is `https://{company}.bamboohr.com/careers/{id}`, so
//! the company subdomain must come from the context (`board_slug`, or the host of
//! `source_url`); without it postings are skipped. Its `meta.totalCount` is not trusted as the
//! number of postings (the careerkit sample says 3 and lists 2); `result` is what is read.

use serde::Deserialize;
use serde_json::Value;

use super::values::{self, clean};
use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, PostingDraft, SourceKind};
use crate::domain::posting_url;

#[derive(Deserialize)]
struct Response {
    result: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Opening {
    id: Option<Value>,
    job_opening_name: Option<String>,
    department_label: Option<String>,
    employment_status_label: Option<String>,
    location: Option<Place>,
    ats_location: Option<Place>,
    is_remote: Option<bool>,
}

#[derive(Deserialize)]
struct Place {
    city: Option<String>,
    state: Option<String>,
    province: Option<String>,
    country: Option<String>,
}

pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let response: Response = values::decode(payload, "BambooHR careers list")?;
    let subdomain = subdomain(context);
    let mut company = values::company(context, None);
    company.board_slug = company.board_slug.or_else(|| subdomain.clone());
    Ok(values::collect(response.result, "id", |opening: Opening| {
        let mut draft = to_draft(opening, subdomain.as_deref())?;
        draft.company = company.clone();
        Ok(draft)
    }))
}

fn to_draft(opening: Opening, subdomain: Option<&str>) -> Result<PostingDraft, String> {
    let title = clean(opening.job_opening_name.as_deref()).ok_or("opening has no name")?;
    let id = values::text(opening.id.as_ref()).ok_or("opening has no id")?;
    let subdomain = subdomain.ok_or("no company subdomain in the context to build the URL")?;
    let url = format!("https://{subdomain}.bamboohr.com/careers/{id}");
    let mut draft = values::blank(SourceKind::BambooHr, title, url);
    draft.board_id = Some(id);
    draft.locations = [&opening.location, &opening.ats_location]
        .into_iter()
        .flatten()
        .find_map(place)
        .into_iter()
        .collect();
    // `isRemote` is the board's flag (null in the sample). `locationType` ("0") is a code whose
    // meanings BambooHR does not document, so it is not read as remote or on-site.
    draft.remote = opening.is_remote;
    draft.department = clean(opening.department_label.as_deref());
    draft.employment_type = clean(opening.employment_status_label.as_deref());
    // The list carries no date.
    Ok(draft)
}

fn place(place: &Place) -> Option<String> {
    let region = place.state.as_deref().or(place.province.as_deref());
    values::join_parts([place.city.as_deref(), region, place.country.as_deref()])
}

/// The company's BambooHR subdomain: the context's slug, else `acme` in `acme.bamboohr.com`.
fn subdomain(context: &BoardContext) -> Option<String> {
    let from_url = || posting_url::company_subdomain(context.source_url.as_deref()?, "bamboohr.com");
    clean(context.board_slug.as_deref()).or_else(from_url)
}
