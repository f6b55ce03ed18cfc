//! SmartRecruiters connector: reads the public Posting API list
//! (`api.smartrecruiters.com/v1/companies/{company}/postings`).
//!
//! The list's `ref` is an API address, not a page for people; the public page is
//! `jobs.smartrecruiters.com/{company.identifier}/{id}`, built from those two payload fields
//! (a `postingUrl`, which the single-posting endpoint sends, wins when present).

use serde::Deserialize;
use serde_json::Value;

use super::values::{self, clean};
use super::{BoardContext, ParseError};
use crate::domain::posting::{CompanyDraft, ParsedBoard, PostingDraft, SourceKind};

#[derive(Deserialize)]
struct Response {
    content: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Posting {
    id: Option<Value>,
    name: Option<String>,
    posting_url: Option<String>,
    #[serde(default)]
    company: Company,
    released_date: Option<String>,
    #[serde(default)]
    location: Location,
    #[serde(default)]
    industry: Labelled,
    #[serde(default)]
    department: Labelled,
    #[serde(default)]
    type_of_employment: Labelled,
}

#[derive(Default, Deserialize)]
struct Company {
    identifier: Option<String>,
    name: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    city: Option<String>,
    region: Option<String>,
    country: Option<String>,
    remote: Option<bool>,
    full_location: Option<String>,
}

/// SmartRecruiters' `{id, label}` pairs; an absent department is sent as `{}`.
#[derive(Default, Deserialize)]
struct Labelled {
    label: Option<String>,
}

pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let response: Response = values::decode(payload, "SmartRecruiters postings")?;
    Ok(values::collect(response.content, "id", |p: Posting| to_draft(p, context)))
}

fn to_draft(posting: Posting, context: &BoardContext) -> Result<PostingDraft, String> {
    let title = clean(posting.name.as_deref()).ok_or("posting has no name")?;
    let id = values::text(posting.id.as_ref()).ok_or("posting has no id")?;
    let identifier = clean(posting.company.identifier.as_deref());
    let url = match (clean(posting.posting_url.as_deref()), &identifier) {
        (Some(url), _) => url,
        (None, Some(company)) => format!("https://jobs.smartrecruiters.com/{company}/{id}"),
        (None, None) => return Err("no postingUrl and no company identifier to build one".into()),
    };
    let mut draft = values::blank(SourceKind::SmartRecruiters, title, url);
    draft.board_id = Some(id);
    draft.company = CompanyDraft {
        board_slug: identifier.or_else(|| context.board_slug.clone()),
        industry: clean(posting.industry.label.as_deref()),
        ..values::company(context, clean(posting.company.name.as_deref()))
    };
    draft.locations = location(&posting.location).into_iter().collect();
    // `location.remote` is the board's own flag; `hybrid` is not remote, so it is not folded in.
    draft.remote = posting.location.remote;
    draft.department = clean(posting.department.label.as_deref());
    draft.employment_type = clean(posting.type_of_employment.label.as_deref());
    draft.posted_at = posting.released_date.as_deref().and_then(values::date);
    Ok(draft)
}

fn location(location: &Location) -> Option<String> {
    clean(location.full_location.as_deref()).or_else(|| {
        values::join_parts([
            location.city.as_deref(),
            location.region.as_deref(),
            location.country.as_deref(),
        ])
    })
}
