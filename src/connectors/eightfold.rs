//! Eightfold connector: reads the public apply API (`{company}.eightfold.ai/api/apply/v2/jobs`).
//!
//! The response names the employer's `domain` (the same one the request passes as `?domain=`),
//! dates postings with `t_create` in Unix seconds, and links each position with
//! `canonicalPositionUrl`.

use chrono::DateTime;
use serde::Deserialize;
use serde_json::Value;

use super::values::{self, clean};
use super::{BoardContext, ParseError};
use crate::domain::posting::{ParsedBoard, PostingDraft, SourceKind};

#[derive(Deserialize)]
struct Response {
    domain: Option<String>,
    positions: Vec<Value>,
}

#[derive(Deserialize)]
struct Position {
    id: Option<Value>,
    name: Option<String>,
    #[serde(rename = "canonicalPositionUrl")]
    canonical_position_url: Option<String>,
    location: Option<String>,
    #[serde(default)]
    locations: Vec<String>,
    job_description: Option<String>,
    t_create: Option<i64>,
    department: Option<String>,
    /// "remote", "onsite" or "hybrid" where the tenant sets it (absent in the sample).
    work_location_option: Option<String>,
}

pub fn parse(payload: &[u8], context: &BoardContext) -> Result<ParsedBoard, ParseError> {
    let response: Response = values::decode(payload, "Eightfold jobs")?;
    let mut company = values::company(context, None);
    company.domain = clean(response.domain.as_deref()).map(|d| d.to_ascii_lowercase());
    Ok(values::collect(response.positions, "id", |position: Position| {
        let mut draft = to_draft(position)?;
        draft.company = company.clone();
        Ok(draft)
    }))
}

fn to_draft(position: Position) -> Result<PostingDraft, String> {
    let title = clean(position.name.as_deref()).ok_or("position has no name")?;
    let url = clean(position.canonical_position_url.as_deref())
        .ok_or("position has no canonicalPositionUrl")?;
    let mut draft = values::blank(SourceKind::Eightfold, title, url);
    draft.board_id = values::text(position.id.as_ref());
    draft.description_raw = clean(position.job_description.as_deref());
    draft.locations = position.locations.iter().filter_map(|l| clean(Some(l))).collect();
    if draft.locations.is_empty() {
        draft.locations.extend(clean(position.location.as_deref()));
    }
    // Hybrid is not remote; any other value is not understood and so not read.
    draft.remote = position.work_location_option.as_deref().and_then(values::workplace_remote);
    draft.department = clean(position.department.as_deref());
    draft.posted_at = position.t_create.and_then(|secs| DateTime::from_timestamp(secs, 0));
    Ok(draft)
}
