//! Recruitee connector: reads the public careers API (`{company}.recruitee.com/api/offers/`).
//!
//! Offers carry a structured `salary` (amounts as strings), explicit `remote`/`hybrid`/`on_site`
//! flags, and split the text into `description` and `requirements`, which are kept together.

use serde::Deserialize;
use serde_json::Value;

use super::values::{self, clean};
use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, PostingDraft, Salary, SourceKind};

#[derive(Deserialize)]
struct Response {
    offers: Vec<Value>,
}

#[derive(Deserialize)]
struct Offer {
    id: Option<Value>,
    title: Option<String>,
    careers_url: Option<String>,
    company_name: Option<String>,
    description: Option<String>,
    requirements: Option<String>,
    location: Option<String>,
    #[serde(default)]
    locations: Vec<Place>,
    remote: Option<bool>,
    salary: Option<Pay>,
    department: Option<String>,
    employment_type_code: Option<String>,
    published_at: Option<String>,
}

#[derive(Deserialize)]
struct Place {
    city: Option<String>,
    state: Option<String>,
    country: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize)]
struct Pay {
    min: Option<Value>,
    max: Option<Value>,
    currency: Option<String>,
    period: Option<String>,
}

pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let response: Response = values::decode(payload, "Recruitee offers")?;
    Ok(values::collect(response.offers, "id", |offer: Offer| to_draft(offer, context)))
}

fn to_draft(offer: Offer, context: &BoardContext) -> Result<PostingDraft, String> {
    let title = clean(offer.title.as_deref()).ok_or("offer has no title")?;
    let url = clean(offer.careers_url.as_deref()).ok_or("offer has no careers_url")?;
    let mut draft = values::blank(SourceKind::Recruitee, title, url);
    draft.board_id = values::text(offer.id.as_ref());
    draft.company = values::company(context, clean(offer.company_name.as_deref()));
    draft.description_raw = description(offer.description, offer.requirements);
    draft.locations = locations(&offer.locations, offer.location.as_deref());
    draft.remote = offer.remote;
    draft.salary = offer.salary.as_ref().and_then(salary);
    draft.department = clean(offer.department.as_deref());
    // The board's own code ("fulltime_permanent"); normalising it is not the connector's job.
    draft.employment_type = clean(offer.employment_type_code.as_deref());
    draft.posted_at = offer.published_at.as_deref().and_then(values::date);
    Ok(draft)
}

/// Recruitee shows the requirements under the description on the posting page, so both
/// belong to the description as received.
fn description(description: Option<String>, requirements: Option<String>) -> Option<String> {
    let parts: Vec<String> = [description, requirements]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// Each location as "city, state, country" (the form of the offer's own `location`), falling
/// back to the location's name and then to the offer's single `location` string.
fn locations(places: &[Place], single: Option<&str>) -> Vec<String> {
    let mut found: Vec<String> = places
        .iter()
        .filter_map(|p| {
            values::join_parts([p.city.as_deref(), p.state.as_deref(), p.country.as_deref()])
                .or_else(|| clean(p.name.as_deref()))
        })
        .collect();
    found.dedup();
    if found.is_empty() {
        found.extend(clean(single));
    }
    found
}

fn salary(pay: &Pay) -> Option<Salary> {
    values::salary(
        values::cents(pay.min.as_ref()),
        values::cents(pay.max.as_ref()),
        clean(pay.currency.as_deref()),
        pay.period.as_deref().and_then(values::period),
    )
}
