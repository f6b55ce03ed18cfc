//! Rendering a resume version from the web pages: the render card (a form choosing template,
//! format and paper, and the version's files with their download links) and its own small
//! page, `/resume/versions/{id}/render`, for browsers without JavaScript.
//!
//! The studio's version page embeds the card: give its template a `render_card: RenderCard`
//! field (from [`card`]) and write `{{ render_card|safe }}` where it goes.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use uuid::Uuid;

use super::application::parse_id;
use super::errors::PageResult;
use super::form::{FormErrors, bad_form};
use super::layout::{Layout, is_htmx, render};
use super::session::PageUser;
use crate::app::AppState;
use crate::error::AppError;
use crate::services::resume_render::{self, RenderRequest};

pub fn router() -> Router<AppState> {
    Router::new().route("/resume/versions/{id}/render", get(show).post(render_version))
}

/// One rendered file in the card's list.
pub struct RenderedFile {
    pub id: Uuid,
    pub name: String,
    pub kind: &'static str,
    pub size: String,
    pub created: String,
    /// Just made by the render this page answers.
    pub fresh: bool,
}

#[derive(Template)]
#[template(path = "resume/render_card.html")]
pub struct RenderCard {
    pub version_id: Uuid,
    pub files: Vec<RenderedFile>,
    pub errors: FormErrors,
    pub choice: RenderForm,
    pub csrf_token: String,
}

#[derive(Template)]
#[template(path = "resume/render_page.html")]
struct RenderPage {
    layout: Layout,
    card: RenderCard,
}

/// The form as posted; names are checked by the service.
#[derive(Debug, Deserialize)]
pub struct RenderForm {
    pub template: String,
    pub format: String,
    #[serde(default)]
    pub paper: String,
}

impl RenderForm {
    /// Whether `value` is what the form holds for `field` (to keep the user's choice selected).
    pub fn picks(&self, field: &str, value: &str) -> bool {
        let chosen = match field {
            "template" => &self.template,
            "format" => &self.format,
            _ => &self.paper,
        };
        chosen.eq_ignore_ascii_case(value)
    }
}

impl Default for RenderForm {
    fn default() -> Self {
        Self { template: "classic".into(), format: "pdf".into(), paper: "a4".into() }
    }
}

/// The card for one of the user's versions (404 for anyone else's).
pub async fn card(app: &AppState, user: &PageUser, version_id: Uuid) -> PageResult<RenderCard> {
    let files = resume_render::files(&app.db, user.user_id, version_id).await?;
    Ok(RenderCard {
        version_id,
        files: files
            .into_iter()
            .map(|f| RenderedFile {
                id: f.id,
                kind: if f.kind == "resume_docx" { "DOCX" } else { "PDF" },
                name: f.file_name,
                size: crate::domain::upload::human_size(f.size_bytes),
                created: super::local_time::show(f.created_at, chrono_tz::UTC),
                fresh: false,
            })
            .collect(),
        errors: FormErrors::default(),
        choice: RenderForm::default(),
        csrf_token: user.csrf_token().await?,
    })
}

fn page(user: &PageUser, card: RenderCard, status: StatusCode) -> PageResult {
    let layout = Layout::for_user("Download resume", user, card.csrf_token.clone(), "resume");
    render(status, &RenderPage { layout, card })
}

#[tracing::instrument(skip_all)]
async fn show(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    let card = card(&app, &user, parse_id(&raw)?).await?;
    page(&user, card, StatusCode::OK)
}

#[tracing::instrument(skip_all)]
async fn render_version(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<RenderForm>, FormRejection>,
) -> PageResult {
    let id = parse_id(&raw)?;
    let Form(form) = form.map_err(bad_form)?;
    let outcome = match RenderRequest::parse(&form.template, &form.format, Some(&form.paper)) {
        Ok(req) => resume_render::render_version(&app.db, &app.storage, user.caller(), id, req).await,
        Err(error) => Err(error),
    };
    let htmx = is_htmx(&headers);
    let (fresh, errors) = match outcome {
        Ok(_) if !htmx => {
            // A plain post that worked goes to the page, so a reload does not render again.
            return Ok(Redirect::to(&format!("/resume/versions/{id}/render")).into_response());
        }
        Ok(info) => (Some(info.id), FormErrors::default()),
        Err(AppError::Validation(errors)) => (None, FormErrors::from_field_errors(errors, |f| f)),
        Err(other) => return Err(other.into()),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let mut card = card(&app, &user, id).await?;
    for file in &mut card.files {
        file.fresh = fresh == Some(file.id);
    }
    card.errors = errors;
    card.choice = form;
    if htmx {
        return Ok((status, Html(card.render()?)).into_response());
    }
    page(&user, card, status)
}
