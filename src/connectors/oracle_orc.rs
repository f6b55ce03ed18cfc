//! Oracle Recruiting Cloud connector: reads the Candidate Experience search resource
//! (`{host}/hcmRestApi/resources/latest/recruitingCEJobRequisitions?…finder=findReqs;siteNumber=…`),
//! whose `items[].requisitionList[]` hold the postings.
//!
//! Requisitions carry no URL. The public page is
//! `{host}/hcmUI/CandidateExperience/{lang}/sites/{site}/job/{Id}`, built from the context's
//! `source_url`: either that site's own page (used as is) or the REST URL, whose `siteNumber`
//! names the site (its language is then `en`, the one the REST URL does not carry).

use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::values::{self, clean};
use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, PostingDraft, SourceKind};

#[derive(Deserialize)]
struct Response {
    items: Vec<Search>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Search {
    #[serde(default)]
    requisition_list: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Requisition {
    id: Option<Value>,
    title: Option<String>,
    posted_date: Option<String>,
    primary_location: Option<String>,
    short_description_str: Option<String>,
    #[serde(default, rename = "secondaryLocations")]
    secondary_locations: Vec<Secondary>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Secondary {
    name: Option<String>,
}

pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let response: Response = values::decode(payload, "Oracle Recruiting Cloud requisitions")?;
    let requisitions: Vec<Value> =
        response.items.into_iter().flat_map(|s| s.requisition_list).collect();
    let site = context.source_url.as_deref().and_then(site_base);
    Ok(values::collect(requisitions, "Id", |r: Requisition| {
        let mut draft = to_draft(r, site.as_deref())?;
        draft.company = values::company(context, None);
        Ok(draft)
    }))
}

fn to_draft(requisition: Requisition, site: Option<&str>) -> Result<PostingDraft, String> {
    let title = clean(requisition.title.as_deref()).ok_or("requisition has no Title")?;
    let id = values::text(requisition.id.as_ref()).ok_or("requisition has no Id")?;
    let site = site.ok_or("no Candidate Experience site URL in the context to build the URL")?;
    let mut draft = values::blank(SourceKind::OracleOrc, title, format!("{site}/job/{id}"));
    draft.board_id = Some(id);
    draft.description_raw = clean(requisition.short_description_str.as_deref());
    draft.locations = clean(requisition.primary_location.as_deref())
        .into_iter()
        .chain(requisition.secondary_locations.iter().filter_map(|s| clean(s.name.as_deref())))
        .collect();
    draft.posted_at = requisition.posted_date.as_deref().and_then(values::date);
    Ok(draft)
}

/// `https://host/hcmUI/CandidateExperience/{lang}/sites/{site}` from either URL form.
fn site_base(source_url: &str) -> Option<String> {
    let url = Url::parse(source_url.trim()).ok()?;
    let origin = url.origin().ascii_serialization();
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    if let ["hcmUI", "CandidateExperience", lang, "sites", site, ..] = segments[..] {
        return Some(format!("{origin}/hcmUI/CandidateExperience/{lang}/sites/{site}"));
    }
    // The REST finder looks like `findReqs;siteNumber=CX_1,facetsList=…;limit=25`.
    let finder = url.query_pairs().find(|(k, _)| k == "finder")?.1.into_owned();
    let site = finder
        .split([';', ','])
        .find_map(|part| part.trim().strip_prefix("siteNumber="))
        .and_then(|s| clean(Some(s)))?;
    Some(format!("{origin}/hcmUI/CandidateExperience/en/sites/{site}"))
}
