//! One schema.org `JobPosting` object as a [`PostingDraft`]. Shared with Teamtailor, whose feed
//! embeds the same object. schema.org lets most properties be a string, an object or an array,
//! so every reader below accepts each form it has been seen in.

use serde_json::Value;

use crate::connectors::values::{self, clean};
use crate::connectors::BoardContext;
use crate::domain::posting::{CompanyDraft, PostingDraft, Salary, SourceKind};

/// Profile sites a `sameAs` often points to: their host is not the employer's domain.
const PROFILE_HOSTS: [&str; 9] = [
    "linkedin.com",
    "twitter.com",
    "x.com",
    "facebook.com",
    "instagram.com",
    "wikipedia.org",
    "glassdoor.com",
    "github.com",
    "youtube.com",
];

/// Reads a JobPosting. `page_url` is used when the object has no `url` of its own (the page
/// that carries the JSON-LD is the posting's page).
pub(crate) fn draft_from_node(
    node: &Value,
    source: SourceKind,
    page_url: Option<&str>,
    context: &BoardContext,
) -> Result<PostingDraft, String> {
    let title = plain(node.get("title")).ok_or("JobPosting has no title")?;
    let url = values::text(node.get("url"))
        .or_else(|| clean(page_url))
        .ok_or("JobPosting has no url and no page URL is known")?;
    let mut draft = values::blank(source, title, url);
    draft.board_id = identifier(node);
    draft.company = organization(node.get("hiringOrganization"), context);
    draft.description_raw = values::text(node.get("description"));
    draft.locations = many(node.get("jobLocation")).filter_map(place).collect();
    draft.remote = many(node.get("jobLocationType"))
        .any(|t| t.as_str().is_some_and(|t| t.eq_ignore_ascii_case("TELECOMMUTE")))
        .then_some(true);
    draft.salary = node.get("baseSalary").and_then(salary);
    let types: Vec<String> = many(node.get("employmentType")).filter_map(|t| plain(Some(t))).collect();
    draft.employment_type = (!types.is_empty()).then(|| types.join(", "));
    draft.posted_at = values::text(node.get("datePosted")).and_then(|d| values::date(&d));
    Ok(draft)
}

/// `identifier` as a PropertyValue (`{"value": …}`), a bare string or a number.
pub(crate) fn identifier(node: &Value) -> Option<String> {
    let id = node.get("identifier")?;
    values::text(id.get("value")).or_else(|| values::text(Some(id)))
}

/// A value or each element of an array, so single and repeated properties read alike.
fn many(value: Option<&Value>) -> Box<dyn Iterator<Item = &Value> + '_> {
    match value {
        Some(Value::Array(items)) => Box::new(items.iter()),
        Some(v) => Box::new(std::iter::once(v)),
        None => Box::new(std::iter::empty()),
    }
}

/// Text fields of JSON-LD are often written from HTML templates with entities left in
/// ("R&amp;D"); names and titles are plain text, so those entities are decoded.
fn plain(value: Option<&Value>) -> Option<String> {
    values::text(value).map(|s| html_escape::decode_html_entities(&s).into_owned())
}

fn organization(org: Option<&Value>, context: &BoardContext) -> CompanyDraft {
    let (name, domain) = match org {
        Some(Value::String(name)) => (clean(Some(name)), None),
        Some(org) => (plain(org.get("name")), organization_domain(org)),
        None => (None, None),
    };
    CompanyDraft {
        domain,
        ..values::company(context, name)
    }
}

/// The organisation's own site: `url` first, then the first `sameAs` that is not a profile page.
fn organization_domain(org: &Value) -> Option<String> {
    let own = values::text(org.get("url")).and_then(|u| values::domain(&u));
    own.or_else(|| {
        many(org.get("sameAs"))
            .filter_map(|u| values::text(Some(u)).and_then(|u| values::domain(&u)))
            .find(|host| !PROFILE_HOSTS.iter().any(|p| host == p || host.ends_with(&format!(".{p}"))))
    })
}

/// A Place as "locality, region, country", or its address text, or its name.
fn place(place: &Value) -> Option<String> {
    let address = place.get("address");
    if let Some(text @ Value::String(_)) = address {
        return plain(Some(text));
    }
    let part = |key: &str| {
        let value = address?.get(key)?;
        plain(value.get("name")).or_else(|| plain(Some(value)))
    };
    let parts = [part("addressLocality"), part("addressRegion"), part("addressCountry")];
    values::join_parts(parts.iter().map(Option::as_deref)).or_else(|| plain(place.get("name")))
}

/// `baseSalary` as a MonetaryAmount whose `value` is a QuantitativeValue (`minValue`,
/// `maxValue` or a single `value`, with `unitText`) or a bare amount.
fn salary(amount: &Value) -> Option<Salary> {
    let value = amount.get("value")?;
    let (min, max) = match value {
        Value::Object(_) => {
            let single = value.get("value");
            let min = values::cents(value.get("minValue")).or_else(|| values::cents(single));
            let max = values::cents(value.get("maxValue")).or_else(|| values::cents(single));
            (min, max)
        }
        _ => (values::cents(Some(value)), values::cents(Some(value))),
    };
    let unit = values::text(value.get("unitText")).or_else(|| values::text(amount.get("unitText")));
    let currency = values::text(amount.get("currency"));
    values::salary(min, max, currency, unit.as_deref().and_then(values::period))
}
