//! Rippling connector: reads the public ATS board API
//! (`api.rippling.com/platform/api/ats/v1/board/{company}/jobs`), a bare array of jobs.
//!
//! Rippling lists a job once per work location (same `uuid`, same `url`), so entries are merged
//! into one posting per uuid carrying every location. The board has no remote flag: a label
//! like "Remote (New Jersey, US)" is kept as a location and `remote` stays None.

use serde::Deserialize;
use serde_json::Value;

use super::values::{self, clean};
use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, PostingDraft, SourceKind};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Job {
    uuid: Option<String>,
    name: Option<String>,
    url: Option<String>,
    department: Option<Labelled>,
    work_location: Option<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    label: Option<String>,
}

pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let jobs: Vec<Value> = values::decode(payload, "Rippling board")?;
    let mut board = values::collect(jobs, "uuid", |job: Job| {
        let mut draft = to_draft(job)?;
        draft.company = values::board_company(context, None, &draft.url, slug_from_url);
        Ok(draft)
    });
    board.postings = values::merge_by_id(board.postings);
    Ok(board)
}

fn to_draft(job: Job) -> Result<PostingDraft, String> {
    let title = clean(job.name.as_deref()).ok_or("job has no name")?;
    let url = clean(job.url.as_deref()).ok_or("job has no url")?;
    let mut draft = values::blank(SourceKind::Rippling, title, url);
    draft.board_id = clean(job.uuid.as_deref());
    draft.department = job.department.and_then(|d| clean(d.label.as_deref()));
    draft.locations = job
        .work_location
        .and_then(|l| clean(l.label.as_deref()))
        .into_iter()
        .collect();
    Ok(draft)
}

/// The board slug in a Rippling posting URL, `ats.rippling.com/SLUG/jobs/ID` (the host may be the
/// company's own when it maps the board to its domain; the path is the board's).
fn slug_from_url(raw: &str) -> Option<String> {
    let url = url::Url::parse(raw).ok()?;
    match values::segments(&url).as_slice() {
        [slug, "jobs", ..] => Some(slug.to_string()),
        _ => None,
    }
}
