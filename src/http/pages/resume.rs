//! `/resume`, the Resume Studio: upload a resume, see the base version's sections as cards and
//! edit each in place (htmx swaps the card for its form and back; without JavaScript the Edit
//! link opens the page with that card's form), what the parser did not find, and the versions
//! list with delete, restore and make-base. `/resume/versions/{id}` shows one version.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect};
use axum::routing::{get, post};
use uuid::Uuid;

use super::errors::PageResult;
use super::form::FormErrors;
use super::layout::{Layout, is_htmx, render};
use super::resume_cards::{self as cards, Card, CardKey, Posted};
use super::resume_view::{self, VersionRow};
use super::session::PageUser;
use crate::app::AppState;
use crate::db::resume_versions::Version;
use crate::error::AppError;
use crate::http::upload;
use crate::services::resumes;

pub fn router() -> Router<AppState> {
    Router::new()
        // The upload is read within the configured file limit, not the 1 MiB form limit.
        .route("/resume", get(studio).post(upload_resume).layer(DefaultBodyLimit::disable()))
        .route("/resume/versions/{id}", get(version_page))
        .route("/resume/versions/{id}/cards/{card}", get(show_card).post(save_card))
        .route("/resume/versions/{id}/cards/{card}/edit", get(edit_card))
        .route("/resume/versions/{id}/delete", post(delete_version))
        .route("/resume/versions/{id}/restore", post(restore_version))
        .route("/resume/versions/{id}/base", post(make_base))
}

/// The cards of one version, one of them possibly in edit mode.
#[derive(Template)]
#[template(path = "resume/cards.html")]
pub struct Cards {
    pub version_id: Uuid,
    pub cards: Vec<Card>,
    pub csrf_token: String,
}

#[derive(Template)]
#[template(path = "resume/card.html")]
struct OneCard {
    version_id: Uuid,
    card: Card,
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "resume/studio.html")]
struct StudioPage {
    layout: Layout,
    base: Option<Cards>,
    not_found: Vec<String>,
    notes: Vec<String>,
    versions: Vec<VersionRow>,
    upload_errors: FormErrors,
    upload_limit: String,
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "resume/version.html")]
struct VersionPage {
    layout: Layout,
    name: String,
    base_flag: bool,
    not_found: Vec<String>,
    cards_list: Cards,
    /// Render to PDF/DOCX and the files already rendered.
    render_card: Option<super::resume_render::RenderCard>,
    csrf_token: String,
}

fn parse_id(raw: &str) -> Result<Uuid, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

fn card_key(raw: &str) -> Result<CardKey, AppError> {
    CardKey::parse(raw).ok_or(AppError::NotFound)
}

/// Every card in view mode, except `editing`, which shows `editing_card` instead.
fn all_cards(version: &Version, editing: Option<Card>, csrf_token: &str) -> Cards {
    let mut editing = editing;
    let cards = CardKey::all(&version.sections)
        .into_iter()
        .map(|key| match editing.take_if(|card| card.slug == key.slug()) {
            Some(card) => card,
            None => cards::view(key, &version.sections),
        })
        .collect();
    Cards { version_id: version.id, cards, csrf_token: csrf_token.to_string() }
}

async fn studio_page(app: &AppState, user: &PageUser, editing: Option<Card>, upload_errors: FormErrors) -> PageResult {
    let status = if upload_errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let csrf_token = user.csrf_token().await?;
    let base = resumes::base(&app.db, user.user_id).await?;
    let versions = resumes::list(&app.db, user.user_id, true).await?;
    let page = StudioPage {
        layout: Layout::for_user("Resume Studio", user, csrf_token.clone(), "resume"),
        not_found: base.as_ref().map(resume_view::still_missing).unwrap_or_default(),
        notes: base.as_ref().map(|b| b.parse_report.notes.clone()).unwrap_or_default(),
        base: base.as_ref().map(|b| all_cards(b, editing, &csrf_token)),
        versions: versions.into_iter().map(VersionRow::new).collect(),
        upload_errors,
        upload_limit: crate::domain::upload::human_size(app.config.upload_max_bytes as i64),
        csrf_token,
    };
    render(status, &page)
}

async fn one_version_page(app: &AppState, user: &PageUser, version: &Version, editing: Option<Card>, status: StatusCode) -> PageResult {
    let csrf_token = user.csrf_token().await?;
    // A deleted version can be restored but not rendered.
    let render_card = match version.deleted_at {
        None => Some(super::resume_render::card(app, user, version.id).await?),
        Some(_) => None,
    };
    let name = version.name.clone().unwrap_or_else(|| "Resume version".into());
    let page = VersionPage {
        layout: Layout::for_user(&name, user, csrf_token.clone(), "resume"),
        base_flag: version.base_flag,
        not_found: resume_view::still_missing(version),
        cards_list: all_cards(version, editing, &csrf_token),
        render_card,
        name,
        csrf_token,
    };
    render(status, &page)
}

#[tracing::instrument(skip_all)]
async fn studio(State(app): State<AppState>, user: PageUser) -> PageResult {
    studio_page(&app, &user, None, FormErrors::default()).await
}

#[tracing::instrument(skip_all)]
async fn upload_resume(State(app): State<AppState>, user: PageUser, multipart: Result<Multipart, MultipartRejection>) -> PageResult {
    let limit = app.config.upload_max_bytes;
    let outcome = match multipart {
        Err(_) => Err(upload::not_multipart()),
        Ok(multipart) => match upload::read(multipart, limit).await {
            Ok(form) => resumes::upload(&app.db, &app.storage, user.caller(), form, limit).await.map(|_| ()),
            Err(error) => Err(error),
        },
    };
    let errors = match outcome {
        Ok(()) => return Ok(Redirect::to("/resume").into_response()),
        Err(AppError::TooLarge(e) | AppError::WrongMediaType(e) | AppError::BadRequest(e)) => vec![e],
        Err(AppError::Validation(errors)) => errors,
        Err(other) => return Err(other.into()),
    };
    // The studio's upload form shows the problem next to the file input.
    studio_page(&app, &user, None, FormErrors::from_field_errors(errors, |f| f)).await
}

#[tracing::instrument(skip_all)]
async fn version_page(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    let version = resumes::get(&app.db, user.user_id, parse_id(&raw)?).await?;
    one_version_page(&app, &user, &version, None, StatusCode::OK).await
}

#[tracing::instrument(skip_all)]
async fn show_card(State(app): State<AppState>, user: PageUser, Path((raw, card)): Path<(String, String)>) -> PageResult {
    let version = resumes::get(&app.db, user.user_id, parse_id(&raw)?).await?;
    let card = cards::view(card_key(&card)?, &version.sections);
    let csrf_token = user.csrf_token().await?;
    Ok(Html(OneCard { version_id: version.id, card, csrf_token }.render()?).into_response())
}

/// The card's form: alone for htmx, or the whole page with that card open.
#[tracing::instrument(skip_all)]
async fn edit_card(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path((raw, card)): Path<(String, String)>) -> PageResult {
    let version = resumes::get(&app.db, user.user_id, parse_id(&raw)?).await?;
    let card = cards::edit(card_key(&card)?, &version.sections, None, FormErrors::default());
    if is_htmx(&headers) {
        let csrf_token = user.csrf_token().await?;
        return Ok(Html(OneCard { version_id: version.id, card, csrf_token }.render()?).into_response());
    }
    one_version_page(&app, &user, &version, Some(card), StatusCode::OK).await
}

/// Saves a card: htmx gets every card back (a job added or removed moves the others); a plain
/// post is redirected to the version's page. Problems re-show the form, 422, typed values kept.
#[tracing::instrument(skip_all)]
async fn save_card(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    Path((raw, card)): Path<(String, String)>,
    body: Bytes,
) -> PageResult {
    let key = card_key(&card)?;
    let version = resumes::get(&app.db, user.user_id, parse_id(&raw)?).await?;
    let form: Posted = form_urlencoded::parse(&body).into_owned().collect();
    let mut edited = version.sections.clone();
    let job_index = match key {
        CardKey::Job(i) => i,
        _ => edited.experience.len(),
    };
    if !cards::apply(key, &mut edited, &form) {
        return Err(AppError::NotFound.into());
    }
    let errors = match resumes::replace_sections(&app.db, user.caller(), version.id, edited.clone()).await {
        Ok(saved) => return saved_answer(&user, &headers, &saved).await,
        Err(AppError::Validation(errors)) => errors,
        Err(other) => return Err(other.into()),
    };
    let new_job = if key == CardKey::NewJob { edited.experience.get(job_index) } else { None };
    let card = cards::edit(key, &edited, new_job, cards::form_errors(key, errors, job_index));
    if is_htmx(&headers) {
        let csrf_token = user.csrf_token().await?;
        let mut response = (StatusCode::UNPROCESSABLE_ENTITY, Html(OneCard { version_id: version.id, card, csrf_token }.render()?)).into_response();
        // The form aimed at all the cards; its errors belong in the card alone.
        let target = HeaderValue::from_str(&format!("#card-{}", key.slug())).map_err(|e| AppError::Internal(e.into()))?;
        response.headers_mut().insert("hx-retarget", target);
        response.headers_mut().insert("hx-reswap", HeaderValue::from_static("outerHTML"));
        return Ok(response);
    }
    one_version_page(&app, &user, &version, Some(card), StatusCode::UNPROCESSABLE_ENTITY).await
}

async fn saved_answer(user: &PageUser, headers: &HeaderMap, saved: &Version) -> PageResult {
    if !is_htmx(headers) {
        let back = if saved.base_flag { "/resume".to_string() } else { format!("/resume/versions/{}", saved.id) };
        return Ok(Redirect::to(&back).into_response());
    }
    let csrf_token = user.csrf_token().await?;
    Ok(Html(all_cards(saved, None, &csrf_token).render()?).into_response())
}

#[tracing::instrument(skip_all)]
async fn delete_version(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    resumes::delete(&app.db, user.caller(), parse_id(&raw)?).await?;
    Ok(Redirect::to("/resume").into_response())
}

#[tracing::instrument(skip_all)]
async fn restore_version(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    resumes::restore(&app.db, user.caller(), parse_id(&raw)?).await?;
    Ok(Redirect::to("/resume").into_response())
}

#[tracing::instrument(skip_all)]
async fn make_base(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    match resumes::set_base(&app.db, user.caller(), parse_id(&raw)?).await {
        Ok(_) => Ok(Redirect::to("/resume").into_response()),
        Err(error) => Err(error.into()),
    }
}
