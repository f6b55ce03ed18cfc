//! `/searches`: the user's saved searches: a list with their schedules and last runs, a form to
//! add or edit one, and delete. Plain post/redirect forms.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use uuid::Uuid;

use super::errors::PageResult;
use super::form::{FormErrors, bad_form};
use super::layout::{Layout, render};
use super::searches_form::{SearchForm, form_field};
use super::session::PageUser;
use crate::app::AppState;
use crate::db::search_prefs::SavedSearch;
use crate::error::AppError;
use crate::services::saved_searches;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/searches", get(list).post(create))
        .route("/searches/{id}", get(edit).post(update))
        .route("/searches/{id}/delete", post(delete))
}

/// A saved search as the list shows it.
struct Row {
    id: Uuid,
    name: String,
    summary: String,
    schedule: String,
    enabled: bool,
    last_run: String,
    next_run: String,
    matched: String,
}

impl Row {
    fn new(s: SavedSearch) -> Row {
        let f = &s.filters;
        let mut parts: Vec<String> = Vec::new();
        if !f.titles.is_empty() {
            parts.push(f.titles.join(", "));
        }
        if !f.skills.is_empty() {
            parts.push(format!("skills: {}", f.skills.join(", ")));
        }
        if f.remote_only {
            parts.push("remote only".into());
        }
        if !f.geo.is_empty() {
            parts.push(format!("in {}", f.geo.join(", ")));
        }
        // Shown on the search's own wall clock, as its schedule is written.
        let zone: chrono_tz::Tz = s.timezone.parse().unwrap_or(chrono_tz::UTC);
        let when = |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| t.with_timezone(&zone).format("%a %-d %b %H:%M %Z").to_string());
        Row {
            id: s.id,
            summary: if parts.is_empty() { "no titles or skills yet".into() } else { parts.join(" · ") },
            schedule: format!("{} ({})", s.schedule_cron, s.timezone),
            enabled: s.enabled,
            last_run: when(s.last_run_at).unwrap_or_else(|| "not yet".into()),
            next_run: if s.enabled { when(s.next_run_at).unwrap_or_else(|| "—".into()) } else { "off".into() },
            matched: s.last_stats["matched"].as_u64().map_or("—".into(), |n| n.to_string()),
            name: s.name,
        }
    }
}

#[derive(Template)]
#[template(path = "searches/page.html")]
struct SearchesPage {
    layout: Layout,
    rows: Vec<Row>,
    /// The form: a new search, or the one being edited (`editing`).
    form: SearchForm,
    editing: Option<Uuid>,
    errors: FormErrors,
    csrf_token: String,
}

async fn page(app: &AppState, user: &PageUser, form: SearchForm, editing: Option<Uuid>, errors: FormErrors) -> PageResult {
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let rows = saved_searches::list(&app.db, user.user_id).await?.into_iter().map(Row::new).collect();
    let csrf_token = user.csrf_token().await?;
    let layout = Layout::for_user("Saved searches", user, csrf_token.clone(), "searches");
    render(status, &SearchesPage { layout, rows, form, editing, errors, csrf_token })
}

fn search_id(raw: &str) -> Result<Uuid, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

#[tracing::instrument(skip_all)]
async fn list(State(app): State<AppState>, user: PageUser) -> PageResult {
    page(&app, &user, SearchForm::blank(), None, FormErrors::default()).await
}

#[tracing::instrument(skip_all)]
async fn edit(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    let id = search_id(&raw)?;
    let search = saved_searches::get(&app.db, user.user_id, id).await?;
    page(&app, &user, SearchForm::from_search(&search), Some(id), FormErrors::default()).await
}

/// Saves the form (new when `id` is `None`); invalid input shows the form again with each
/// problem next to its field.
async fn save(app: &AppState, user: &PageUser, id: Option<Uuid>, form: SearchForm) -> PageResult {
    let input = match form.to_input() {
        Ok(input) => input,
        Err(errors) => return page(app, user, form, id, errors).await,
    };
    let saved = match id {
        Some(id) => saved_searches::update(&app.db, user.caller(), id, input).await,
        None => saved_searches::create(&app.db, user.caller(), input).await,
    };
    match saved {
        Ok(_) => Ok(Redirect::to("/searches").into_response()),
        Err(AppError::Validation(errors)) => page(app, user, form, id, FormErrors::from_field_errors(errors, form_field)).await,
        Err(AppError::Conflict(error)) => page(app, user, form, id, FormErrors::from_field_errors(vec![error], form_field)).await,
        Err(other) => Err(other.into()),
    }
}

#[tracing::instrument(skip_all)]
async fn create(State(app): State<AppState>, user: PageUser, form: Result<Form<SearchForm>, FormRejection>) -> PageResult {
    let Form(form) = form.map_err(bad_form)?;
    save(&app, &user, None, form).await
}

#[tracing::instrument(skip_all)]
async fn update(
    State(app): State<AppState>,
    user: PageUser,
    Path(raw): Path<String>,
    form: Result<Form<SearchForm>, FormRejection>,
) -> PageResult {
    let id = search_id(&raw)?;
    let Form(form) = form.map_err(bad_form)?;
    save(&app, &user, Some(id), form).await
}

#[tracing::instrument(skip_all)]
async fn delete(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    let id = search_id(&raw)?;
    saved_searches::delete(&app.db, user.caller(), id).await?;
    Ok(Redirect::to("/searches").into_response())
}
