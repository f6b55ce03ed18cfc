//! `/applications/{id}`: one application's page — stage, notes, its timeline, interviews (with
//! `.ics` downloads), messages, tasks, files — every part editable in place. Forms post with htmx and
//! get the page body back (422 with the problems next to their fields); without JavaScript they
//! post and redirect.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use uuid::Uuid;

use super::application_forms::{EventForm, OutreachForm, StatusForm, SummaryForm, TaskForm};
use super::application_view::{self, Entry, EventRow, FileRow, MessageRow, TaskRow};
use super::errors::PageResult;
use super::form::{FormErrors, bad_form};
use super::layout::{Layout, is_htmx, render};
use super::pipeline_view::{ColumnView, stage_label};
use super::session::PageUser;
use crate::app::AppState;
use crate::domain::stage::Stage;
use crate::error::AppError;
use crate::services::outreach::StatusChange;
use crate::services::{applications, calendar, outreach, pipeline, pipeline_events, tasks};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/applications/{id}", get(show).post(update_summary))
        .route("/applications/{id}/delete", post(delete))
        .route("/applications/{id}/restore", post(restore))
        .route("/applications/{id}/events", post(add_event))
        .route("/applications/{id}/tasks", post(add_task))
        .route("/applications/{id}/outreach", post(add_message))
        .route("/events/{id}", post(update_event))
        .route("/events/{id}/delete", post(delete_event))
        .route("/events/{id}/ics", get(event_ics))
        .route("/tasks/{id}/done", post(complete_task))
        .route("/tasks/{id}/reopen", post(reopen_task))
        .route("/tasks/{id}/delete", post(delete_task))
        .route("/outreach/{id}/status", post(move_message))
        .route("/outreach/{id}/delete", post(delete_message))
}

/// What the user typed into the form that failed, and where it failed.
#[derive(Default)]
pub(super) struct Typed {
    /// Which form the errors belong to: summary, event, task, outreach or file.
    form: &'static str,
    errors: FormErrors,
    summary: Option<SummaryForm>,
    event: EventForm,
    task: TaskForm,
    message: OutreachForm,
}

impl Typed {
    /// Errors of a form that keeps nothing typed (a file input cannot be refilled).
    pub(super) fn errors_of(form: &'static str, errors: FormErrors) -> Self {
        Self { form, errors, ..Self::default() }
    }
}

/// The page body, swapped whole after each change.
#[derive(Template)]
#[template(path = "applications/body.html")]
struct Body {
    id: Uuid,
    title: String,
    company: String,
    stage_label: &'static str,
    days_in_stage: i64,
    applied: String,
    summary: SummaryForm,
    stages: Vec<(&'static str, &'static str)>,
    timeline: Vec<Entry>,
    events: Vec<EventRow>,
    tasks: Vec<TaskRow>,
    messages: Vec<MessageRow>,
    files: Vec<FileRow>,
    upload_limit: String,
    funnel: Vec<(String, usize)>,
    /// The Resume and Cover letter cards, rendered by `application_resume`.
    resume_cards: String,
    zone: String,
    typed: Typed,
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "applications/page.html")]
struct ApplicationPage {
    layout: Layout,
    body: Body,
}

#[derive(Template)]
#[template(path = "applications/deleted.html")]
struct DeletedPage {
    layout: Layout,
    id: Uuid,
    csrf_token: String,
}

pub(super) fn parse_id(raw: &str) -> Result<Uuid, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

async fn body(app: &AppState, user: &PageUser, id: Uuid, typed: Typed) -> PageResult<Body> {
    let view = pipeline::application(&app.db, user.user_id, id).await?;
    let a = &view.detail.application;
    let summary = typed.summary.clone().unwrap_or_else(|| SummaryForm {
        stage: a.stage.clone(),
        status_notes: a.status_notes.clone().unwrap_or_default(),
        source_label: a.source_label.clone().unwrap_or_default(),
    });
    let csrf_token = user.csrf_token().await?;
    let resume_cards = super::application_resume::cards(app, user.user_id, id, a.resume_version_id, &csrf_token).await?;
    Ok(Body {
        id,
        title: a.posting_title.clone().unwrap_or_else(|| "Untitled".into()),
        company: a.company_name.clone().unwrap_or_default(),
        stage_label: a.stage.parse::<Stage>().map(stage_label).unwrap_or("Unknown"),
        days_in_stage: super::local_time::days_between(a.stage_since, chrono::Utc::now()),
        applied: a.applied_at.map(|t| super::local_time::show(t, view.zone)).unwrap_or_default(),
        summary,
        stages: ColumnView::stage_options(),
        timeline: application_view::timeline(&view),
        events: application_view::event_rows(&view),
        tasks: application_view::task_rows(&view),
        messages: application_view::message_rows(&view),
        files: application_view::file_rows(&view),
        upload_limit: crate::domain::upload::human_size(app.config.upload_max_bytes as i64),
        funnel: view.outreach.funnel.iter().map(|(s, n)| (s.clone(), *n)).collect(),
        zone: view.zone.name().to_string(),
        typed,
        resume_cards,
        csrf_token,
    })
}

/// The answer to a form: the body (htmx) or the whole page, with 422 when something was wrong;
/// a plain post that worked is redirected so a reload does not send it again.
pub(super) async fn answer(app: &AppState, user: &PageUser, headers: &HeaderMap, id: Uuid, typed: Option<Typed>) -> PageResult {
    let htmx = is_htmx(headers);
    let Some(typed) = typed else {
        if !htmx {
            return Ok(Redirect::to(&format!("/applications/{id}")).into_response());
        }
        return Ok(Html(body(app, user, id, Typed::default()).await?.render()?).into_response());
    };
    let body = body(app, user, id, typed).await?;
    if htmx {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body.render()?)).into_response());
    }
    let layout = Layout::for_user(&body.title, user, body.csrf_token.clone(), "pipeline");
    render(StatusCode::UNPROCESSABLE_ENTITY, &ApplicationPage { layout, body })
}

/// Turns a service's refusal into the form's errors; anything else is the page's error.
fn refused(form: &'static str, error: AppError, rename: impl Fn(&str) -> &str) -> PageResult<Typed> {
    let errors = match error {
        AppError::Validation(errors) => FormErrors::from_field_errors(errors, rename),
        AppError::Conflict(error) => FormErrors::from_field_errors(vec![error], rename),
        other => return Err(other.into()),
    };
    Ok(Typed { form, errors, ..Typed::default() })
}

fn same(field: &str) -> &str {
    field
}

#[tracing::instrument(skip_all)]
async fn show(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    let id = parse_id(&raw)?;
    let body = body(&app, &user, id, Typed::default()).await?;
    let layout = Layout::for_user(&body.title, &user, body.csrf_token.clone(), "pipeline");
    render(StatusCode::OK, &ApplicationPage { layout, body })
}

#[tracing::instrument(skip_all)]
async fn update_summary(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<SummaryForm>, FormRejection>,
) -> PageResult {
    let id = parse_id(&raw)?;
    let Form(form) = form.map_err(bad_form)?;
    let typed = match applications::update(&app.db, user.caller(), id, &form.to_change()).await {
        Ok(_) => None,
        Err(error) => Some(Typed { summary: Some(form), ..refused("summary", error, same)? }),
    };
    answer(&app, &user, &headers, id, typed).await
}

#[tracing::instrument(skip_all)]
async fn delete(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    let id = parse_id(&raw)?;
    applications::delete(&app.db, user.caller(), id).await?;
    let csrf_token = user.csrf_token().await?;
    let layout = Layout::for_user("Application deleted", &user, csrf_token.clone(), "pipeline");
    render(StatusCode::OK, &DeletedPage { layout, id, csrf_token })
}

#[tracing::instrument(skip_all)]
async fn restore(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    let id = parse_id(&raw)?;
    applications::restore(&app.db, user.caller(), id).await?;
    Ok(Redirect::to(&format!("/applications/{id}")).into_response())
}

/// The user's zone, read once for a form with times in it.
async fn zone(app: &AppState, user: &PageUser) -> PageResult<chrono_tz::Tz> {
    let mut conn = crate::db::begin_for_user(&app.db, user.user_id).await.map_err(AppError::from)?;
    let zone = crate::db::profiles::time_zone(&mut conn, user.user_id).await.map_err(AppError::from)?;
    crate::db::end_read(conn);
    Ok(zone)
}

#[tracing::instrument(skip_all)]
async fn add_event(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<EventForm>, FormRejection>,
) -> PageResult {
    let id = parse_id(&raw)?;
    let Form(form) = form.map_err(bad_form)?;
    let typed = match form.to_input(zone(&app, &user).await?) {
        Err(errors) => Some(Typed { form: "event", errors, event: form, ..Typed::default() }),
        Ok(input) => match pipeline_events::create(&app.db, user.caller(), id, input).await {
            Ok(_) => None,
            Err(error) => Some(Typed { event: form, ..refused("event", error, same)? }),
        },
    };
    answer(&app, &user, &headers, id, typed).await
}

/// An event edited in place; its problems show in the new-event form's place.
#[tracing::instrument(skip_all)]
async fn update_event(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<EventForm>, FormRejection>,
) -> PageResult {
    let event_id = parse_id(&raw)?;
    let Form(form) = form.map_err(bad_form)?;
    let current = pipeline_events::get(&app.db, user.user_id, event_id).await?;
    let typed = match form.to_input(zone(&app, &user).await?) {
        Err(errors) => Some(Typed { form: "event", errors, event: form, ..Typed::default() }),
        Ok(input) => match pipeline_events::update(&app.db, user.caller(), event_id, input).await {
            Ok(_) => None,
            Err(error) => Some(Typed { event: form, ..refused("event", error, same)? }),
        },
    };
    answer(&app, &user, &headers, current.application_id, typed).await
}

#[tracing::instrument(skip_all)]
async fn delete_event(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let event_id = parse_id(&raw)?;
    let current = pipeline_events::get(&app.db, user.user_id, event_id).await?;
    pipeline_events::delete(&app.db, user.caller(), event_id).await?;
    answer(&app, &user, &headers, current.application_id, None).await
}

/// One event as a calendar file, for the logged-in user (the API has the same for tokens).
#[tracing::instrument(skip_all)]
async fn event_ics(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    let event_id = parse_id(&raw)?;
    let body = calendar::one_event(&app.db, user.user_id, event_id).await?;
    Ok(crate::http::calendar::ics(body, Some(&format!("event-{event_id}.ics"))))
}

#[tracing::instrument(skip_all)]
async fn add_task(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<TaskForm>, FormRejection>,
) -> PageResult {
    let id = parse_id(&raw)?;
    let Form(form) = form.map_err(bad_form)?;
    let typed = match form.to_input(zone(&app, &user).await?, id) {
        Err(errors) => Some(Typed { form: "task", errors, task: form, ..Typed::default() }),
        Ok(input) => match tasks::create(&app.db, user.caller(), input).await {
            Ok(_) => None,
            Err(error) => Some(Typed { task: form, ..refused("task", error, same)? }),
        },
    };
    answer(&app, &user, &headers, id, typed).await
}

/// After a change to a task: its application's page, or the board for a task without one.
async fn after_task(app: &AppState, user: &PageUser, headers: &HeaderMap, application: Option<Uuid>) -> PageResult {
    match application {
        Some(id) => answer(app, user, headers, id, None).await,
        None => Ok(Redirect::to("/pipeline").into_response()),
    }
}

#[tracing::instrument(skip_all)]
async fn complete_task(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let task = tasks::set_done(&app.db, user.caller(), parse_id(&raw)?, true).await?;
    after_task(&app, &user, &headers, task.application_id).await
}

#[tracing::instrument(skip_all)]
async fn reopen_task(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let task = tasks::set_done(&app.db, user.caller(), parse_id(&raw)?, false).await?;
    after_task(&app, &user, &headers, task.application_id).await
}

#[tracing::instrument(skip_all)]
async fn delete_task(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let id = parse_id(&raw)?;
    let task = tasks::get(&app.db, user.user_id, id).await?;
    tasks::delete(&app.db, user.caller(), id).await?;
    after_task(&app, &user, &headers, task.application_id).await
}

#[tracing::instrument(skip_all)]
async fn add_message(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<OutreachForm>, FormRejection>,
) -> PageResult {
    let id = parse_id(&raw)?;
    let Form(form) = form.map_err(bad_form)?;
    let typed = match outreach::create(&app.db, user.caller(), id, &form.to_input()).await {
        Ok(_) => None,
        Err(error) => Some(Typed { message: form, ..refused("outreach", error, same)? }),
    };
    answer(&app, &user, &headers, id, typed).await
}

#[tracing::instrument(skip_all)]
async fn move_message(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<StatusForm>, FormRejection>,
) -> PageResult {
    let Form(form) = form.map_err(bad_form)?;
    let message = outreach::move_to(&app.db, user.caller(), parse_id(&raw)?, &StatusChange { status: form.status }).await?;
    answer(&app, &user, &headers, message.application_id, None).await
}

#[tracing::instrument(skip_all)]
async fn delete_message(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let id = parse_id(&raw)?;
    let message = outreach::get(&app.db, user.user_id, id).await?;
    outreach::delete(&app.db, user.caller(), id).await?;
    answer(&app, &user, &headers, message.application_id, None).await
}
