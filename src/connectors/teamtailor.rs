//! Teamtailor connector: reads a career site's public JSON Feed (`{site}/jobs.json`, JSON Feed
//! 1.1). Each item embeds the posting's schema.org JobPosting under `_jobposting`, which is read
//! by the JSON-LD connector's reader; the item's own `id`, `url` and `title` take precedence.

use serde::Deserialize;
use serde_json::Value;

use super::values::{self, clean};
use super::jsonld::draft_from_node;
use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, PostingDraft, SourceKind};
use crate::domain::posting_url;

#[derive(Deserialize)]
struct Feed {
    items: Vec<Value>,
}

#[derive(Deserialize)]
struct Item {
    id: Option<Value>,
    title: Option<String>,
    url: Option<String>,
    content_html: Option<String>,
    date_published: Option<String>,
    #[serde(rename = "_jobposting")]
    job_posting: Option<Value>,
}

pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let feed: Feed = values::decode(payload, "Teamtailor JSON Feed")?;
    Ok(values::collect(feed.items, "id", |item: Item| to_draft(item, context)))
}

fn to_draft(item: Item, context: &BoardContext) -> Result<PostingDraft, String> {
    let url = clean(item.url.as_deref()).ok_or("feed item has no url")?;
    let title = clean(item.title.as_deref());
    // The embedded JobPosting can only fail for lack of a title, which the item may still have.
    let embedded = item
        .job_posting
        .as_ref()
        .and_then(|node| draft_from_node(node, SourceKind::Teamtailor, Some(&url), context).ok());
    let mut draft = match embedded {
        Some(draft) => draft,
        None => plain(title.clone().ok_or("feed item has no title")?, &url, context),
    };
    draft.url = url;
    if let Some(title) = title {
        draft.title = title;
    }
    // The feed item's `id` is the feed's stable key; the JobPosting's numeric `identifier`
    // (also in the URL) is only a fallback.
    draft.board_id = values::text(item.id.as_ref()).or(draft.board_id);
    if draft.company.name.is_none() && draft.company.board_slug.is_none() {
        // `acme.teamtailor.com` names its company; a careers site of the company's own names
        // its website (`career.teamtailor.com` is Teamtailor's own).
        draft.company.board_slug = posting_url::company_subdomain(&draft.url, "teamtailor.com");
        if draft.company.board_slug.is_none() && draft.company.domain.is_none() {
            draft.company.domain = if is_teamtailor_own(&draft.url) {
                Some("teamtailor.com".to_string())
            } else {
                values::careers_site_domain(&draft.url, "teamtailor.com")
            };
        }
    }
    draft.description_raw = clean(item.content_html.as_deref()).or(draft.description_raw);
    draft.posted_at = item.date_published.as_deref().and_then(values::date).or(draft.posted_at);
    Ok(draft)
}

/// A draft from the feed item alone, for items without a readable `_jobposting`.
fn plain(title: String, url: &str, context: &BoardContext) -> PostingDraft {
    let mut draft = values::blank(SourceKind::Teamtailor, title, url.to_string());
    draft.company = values::company(context, None);
    draft
}

/// Teamtailor's own careers site, whose postings are Teamtailor's.
fn is_teamtailor_own(raw: &str) -> bool {
    url::Url::parse(raw)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.eq_ignore_ascii_case("career.teamtailor.com")))
        .unwrap_or(false)
}
