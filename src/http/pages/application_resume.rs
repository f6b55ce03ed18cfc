//! The Resume and Cover letter cards of an application's page: the version used, Tailor, the
//! base's and the tailored version's scores side by side with their breakdown, keywords,
//! suggestions and the changes from the base; a cover-letter draft to edit, save and download.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use super::application::{Typed, answer, parse_id};
use super::errors::PageResult;
use super::form::{FormErrors, bad_form};
use super::session::PageUser;
use crate::app::AppState;
use crate::domain::resume_fit::{self, AtsReport, PostingText};
use crate::error::AppError;
use crate::services::cover_letters::{self, Export};
use crate::services::tailoring::{self, Tailored};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/applications/{id}/tailor", post(tailor))
        .route("/applications/{id}/cover-letter", post(draft_letter))
        .route("/cover-letters/{id}", post(save_letter))
        .route("/cover-letters/{id}/export", get(export_letter))
}

/// One line of the breakdown: a part, its weight, the base's and the tailored version's points.
pub(super) struct PartRow {
    pub name: String,
    pub before: String,
    pub after: String,
    pub weight: String,
}

/// One change from the base, in words.
pub(super) struct ChangeRow {
    pub what: &'static str,
    pub path: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "applications/resume_cards.html")]
struct Cards {
    id: Uuid,
    csrf_token: String,
    has_posting: bool,
    has_base: bool,
    version_id: Option<Uuid>,
    tailored: bool,
    before: Option<AtsReport>,
    after: Option<AtsReport>,
    parts: Vec<PartRow>,
    changes: Vec<ChangeRow>,
    letter_id: Option<Uuid>,
    letter_text: String,
    letter_name: String,
}

/// The two cards' HTML, for the application page's body.
pub(super) async fn cards(app: &AppState, user_id: Uuid, id: Uuid, version_id: Option<Uuid>, csrf_token: &str) -> PageResult<String> {
    let current = tailoring::current(&app.db, user_id, id).await?;
    let (has_posting, has_base, base_report) = match &current {
        Some(_) => (true, true, None),
        None => base_state(app, user_id, id).await?,
    };
    // A letter whose bytes cannot be read must not take the whole application page down.
    let letter = cover_letters::latest(&app.db, &app.storage, user_id, id).await.unwrap_or_else(|error| {
        tracing::error!(%error, application_id = %id, "could not read the cover letter");
        None
    });
    let (before, after) = match &current {
        Some(t) => (Some(t.before.clone()), Some(t.after.clone())),
        None => (base_report, None),
    };
    let cards = Cards {
        id,
        csrf_token: csrf_token.to_string(),
        has_posting,
        has_base,
        version_id,
        tailored: current.is_some(),
        parts: current.as_ref().map(parts).unwrap_or_default(),
        changes: current.as_ref().map(|t| changes(&t.patch)).unwrap_or_default(),
        before,
        after,
        letter_id: letter.as_ref().map(|l| l.file.id),
        letter_name: letter.as_ref().map(|l| l.file.file_name.clone()).unwrap_or_default(),
        letter_text: letter.map(|l| l.text).unwrap_or_default(),
    };
    Ok(cards.render()?)
}

/// Without a tailored version: whether the application has a posting and the user a base, and
/// the base's score against the posting when both exist.
async fn base_state(app: &AppState, user_id: Uuid, id: Uuid) -> PageResult<(bool, bool, Option<AtsReport>)> {
    let mut tx = crate::db::begin_for_user(&app.db, user_id).await.map_err(AppError::from)?;
    let target = crate::db::resume_tailoring::application_target(&mut tx, user_id, id).await.map_err(AppError::from)?;
    let base = crate::db::resume_versions::base(&mut tx, user_id).await.map_err(AppError::from)?;
    crate::db::end_read(tx);
    let Some(target) = target.filter(|t| t.job_posting_id.is_some()) else { return Ok((false, base.is_some(), None)) };
    let Some(base) = base else { return Ok((true, false, None)) };
    let posting = PostingText { title: target.title.unwrap_or_default(), company: target.company, description: target.description.unwrap_or_default() };
    let report = Some(resume_fit::score(&base.sections, &posting));
    Ok((true, true, report))
}

fn parts(t: &Tailored) -> Vec<PartRow> {
    let label = |name: &str| match name {
        "required_keywords" => "Required keywords",
        "preferred_keywords" => "Preferred keywords",
        "sections" => "Sections",
        "bullets" => "Bullet strength",
        _ => "Other",
    };
    t.after
        .breakdown
        .iter()
        .map(|a| {
            let before = t.before.breakdown.iter().find(|b| b.name == a.name).map_or(0.0, |b| b.points);
            PartRow { name: label(&a.name).to_string(), before: format!("{before:.1}"), after: format!("{:.1}", a.points), weight: format!("{:.0}", a.weight) }
        })
        .collect()
}

/// The patch's operations in words, leaving out the score fields the version carries.
fn changes(patch: &Value) -> Vec<ChangeRow> {
    let Some(ops) = patch.as_array() else { return Vec::new() };
    ops.iter()
        .filter_map(|op| {
            let path = op.get("path")?.as_str()?.to_string();
            if path.starts_with("/keywords_covered") || path.starts_with("/ats_score") {
                return None;
            }
            let what = match op.get("op")?.as_str()? {
                "add" => "Added",
                "remove" => "Left out",
                "replace" => "Changed",
                "move" => "Moved",
                "copy" => "Copied",
                _ => return None,
            };
            let value = match op.get("value") {
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => op.get("from").and_then(Value::as_str).map(|f| format!("from {f}")).unwrap_or_default(),
            };
            Some(ChangeRow { what, path: readable_path(&path), value })
        })
        .collect()
}

/// `/experience/0/bullets/2` → "experience 1 › bullets 3".
fn readable_path(path: &str) -> String {
    path.trim_start_matches('/')
        .split('/')
        .map(|part| part.parse::<usize>().map(|n| (n + 1).to_string()).unwrap_or_else(|_| part.replace('_', " ")))
        .collect::<Vec<_>>()
        .join(" › ")
}

/// A refusal shown above the page (no base resume, no posting, an empty letter…).
fn shown(error: AppError) -> PageResult<Typed> {
    let messages: Vec<String> = match error {
        AppError::Conflict(e) | AppError::BadRequest(e) => vec![e.detail],
        AppError::Validation(errors) => errors.into_iter().map(|e| e.detail).collect(),
        other => return Err(other.into()),
    };
    Ok(Typed::errors_of("resume", FormErrors::general(messages.join(" "))))
}

#[tracing::instrument(skip_all)]
async fn tailor(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let id = parse_id(&raw)?;
    let typed = match tailoring::tailor(&app.db, &app.models, user.caller(), id).await {
        Ok(_) => None,
        Err(AppError::NotFound) => return Err(AppError::NotFound.into()),
        Err(error) => Some(shown(error)?),
    };
    answer(&app, &user, &headers, id, typed).await
}

#[tracing::instrument(skip_all)]
async fn draft_letter(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let id = parse_id(&raw)?;
    let typed = match cover_letters::draft(&app.db, &app.storage, &app.models, user.caller(), id).await {
        Ok(_) => None,
        Err(AppError::NotFound) => return Err(AppError::NotFound.into()),
        Err(error) => Some(shown(error)?),
    };
    answer(&app, &user, &headers, id, typed).await
}

#[derive(Debug, Deserialize)]
struct LetterForm {
    #[serde(default)]
    text: String,
}

#[tracing::instrument(skip_all)]
async fn save_letter(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<LetterForm>, FormRejection>,
) -> PageResult {
    let letter_id = parse_id(&raw)?;
    let Form(form) = form.map_err(bad_form)?;
    let current = cover_letters::get(&app.db, &app.storage, user.user_id, letter_id).await?;
    let typed = match cover_letters::update(&app.db, &app.storage, user.caller(), letter_id, &form.text).await {
        Ok(_) => None,
        Err(AppError::NotFound) => return Err(AppError::NotFound.into()),
        Err(error) => Some(shown(error)?),
    };
    // A cover letter always belongs to an application.
    let application_id = current.file.application_id.ok_or(AppError::NotFound)?;
    answer(&app, &user, &headers, application_id, typed).await
}

#[derive(Debug, Deserialize)]
struct ExportQuery {
    format: Option<String>,
}

#[tracing::instrument(skip_all)]
async fn export_letter(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>, Query(query): Query<ExportQuery>) -> PageResult<Response> {
    let format = Export::parse(query.format.as_deref())?;
    let (content_type, name, bytes) = cover_letters::export(&app.db, &app.storage, user.user_id, parse_id(&raw)?, format).await?;
    Ok(crate::http::api::resume_fit::attachment(&content_type, &name, bytes)?)
}
