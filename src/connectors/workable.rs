//! Workable connector: reads the public job widget
//! (`apply.workable.com/api/v1/widget/accounts/{account}?details=true`).
//!
//! The widget repeats a job once per location (same `shortcode`, same URL, another `country`),
//! so entries are merged into one posting per shortcode carrying every location.

use serde::Deserialize;
use serde_json::Value;

use super::values::{self, clean};
use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, PostingDraft, SourceKind};

#[derive(Deserialize)]
struct Response {
    /// The account's company name.
    name: Option<String>,
    jobs: Vec<Value>,
}

#[derive(Deserialize)]
struct Job {
    title: Option<String>,
    shortcode: Option<String>,
    url: Option<String>,
    shortlink: Option<String>,
    telecommuting: Option<bool>,
    department: Option<String>,
    employment_type: Option<String>,
    description: Option<String>,
    published_on: Option<String>,
    city: Option<String>,
    state: Option<String>,
    country: Option<String>,
    #[serde(default)]
    locations: Vec<Place>,
}

#[derive(Deserialize)]
struct Place {
    city: Option<String>,
    region: Option<String>,
    country: Option<String>,
    #[serde(default)]
    hidden: bool,
}

pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let response: Response = values::decode(payload, "Workable widget")?;
    let company = clean(response.name.as_deref());
    let mut board = values::collect(response.jobs, "shortcode", |job: Job| {
        let mut draft = to_draft(job)?;
        draft.company = values::company(context, company.clone());
        Ok(draft)
    });
    board.postings = values::merge_by_id(board.postings);
    Ok(board)
}

fn to_draft(job: Job) -> Result<PostingDraft, String> {
    let title = clean(job.title.as_deref()).ok_or("job has no title")?;
    let url = clean(job.url.as_deref())
        .or_else(|| clean(job.shortlink.as_deref()))
        .ok_or("job has no url or shortlink")?;
    let mut draft = values::blank(SourceKind::Workable, title, url);
    draft.board_id = clean(job.shortcode.as_deref());
    draft.description_raw = clean(job.description.as_deref());
    draft.locations = locations(&job);
    draft.remote = job.telecommuting;
    draft.department = clean(job.department.as_deref());
    draft.employment_type = clean(job.employment_type.as_deref());
    draft.posted_at = job.published_on.as_deref().and_then(values::date);
    Ok(draft)
}

/// The visible entries of `locations`, else the job's own city/state/country.
fn locations(job: &Job) -> Vec<String> {
    let listed: Vec<String> = job
        .locations
        .iter()
        .filter(|p| !p.hidden)
        .filter_map(|p| {
            values::join_parts([p.city.as_deref(), p.region.as_deref(), p.country.as_deref()])
        })
        .collect();
    if !listed.is_empty() {
        return listed;
    }
    values::join_parts([job.city.as_deref(), job.state.as_deref(), job.country.as_deref()])
        .into_iter()
        .collect()
}
