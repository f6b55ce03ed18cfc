//! `/pipeline`: the board — a column per stage with its count and cards — filtered in place
//! with htmx, and moving a card to another stage by drag and drop or with its own select.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use uuid::Uuid;

use super::errors::PageResult;
use super::form::{FormErrors, bad_form};
use super::layout::{Layout, is_htmx, render};
use super::pipeline_view::{ColumnView, Filters};
use super::session::PageUser;
use crate::app::AppState;
use crate::error::AppError;
use crate::services::applications::{self, ApplicationChange};
use crate::services::manual_applications::{self, ManualApplication};
use crate::services::pipeline;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pipeline", get(show))
        .route("/pipeline/move", post(move_card))
        .route("/pipeline/add", post(add))
        .route("/pipeline/export.csv", get(export))
}

/// The columns, swapped in place after a filter or a move.
#[derive(Template)]
#[template(path = "pipeline/columns.html")]
struct Columns {
    columns: Vec<ColumnView>,
    total: i64,
    filters: Filters,
    /// (value, label) of every stage, for each card's move select.
    stages: Vec<(&'static str, &'static str)>,
    csrf_token: String,
    problem: Option<String>,
}

#[derive(Template)]
#[template(path = "pipeline/board.html")]
struct BoardPage {
    layout: Layout,
    filters: Filters,
    columns: Columns,
    /// The "Add an application" form: blank, or as typed when it was refused.
    add: AddForm,
    errors: FormErrors,
    /// What the last CSV import did, shown once after it.
    import_summary: Option<String>,
}

/// A job typed in by hand, added to the board.
#[derive(Clone, Debug, Default, Deserialize)]
struct AddForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    stage: String,
}

async fn columns(app: &AppState, user: &PageUser, filters: Filters, problem: Option<String>) -> PageResult<Columns> {
    let board = pipeline::board(&app.db, user.user_id, &filters.to_filter(), chrono::Utc::now()).await?;
    let total = board.total();
    Ok(Columns { columns: ColumnView::all(board), total, filters, stages: ColumnView::stage_options(), csrf_token: user.csrf_token().await?, problem })
}

#[tracing::instrument(skip_all)]
async fn show(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Query(filters): Query<Filters>) -> PageResult {
    let filters = filters.cleaned();
    let columns = columns(&app, &user, filters.clone(), None).await?;
    if is_htmx(&headers) {
        return Ok(Html(columns.render()?).into_response());
    }
    let import_summary = user.session.remove::<String>(super::pipeline_import::SUMMARY_KEY).await?;
    board_page(&user, filters, columns, AddForm::default(), FormErrors::default(), import_summary)
}

fn board_page(user: &PageUser, filters: Filters, columns: Columns, add: AddForm, errors: FormErrors, import_summary: Option<String>) -> PageResult {
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let layout = Layout::for_user("Pipeline", user, columns.csrf_token.clone(), "pipeline");
    render(status, &BoardPage { layout, filters, columns, add, errors, import_summary })
}

/// Adds a job typed in by hand (through the same path as the API: de-duplicated like ingest)
/// and opens its page; a refusal shows the board with the form as typed.
#[tracing::instrument(skip_all)]
async fn add(State(app): State<AppState>, user: PageUser, form: Result<Form<AddForm>, FormRejection>) -> PageResult {
    let Form(form) = form.map_err(bad_form)?;
    let optional = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    let input = ManualApplication {
        title: form.title.clone(),
        company: form.company.clone(),
        url: form.url.clone(),
        location: optional(&form.location),
        stage: optional(&form.stage),
        status_notes: None,
    };
    match manual_applications::add(&app.db, &app.system_db, user.caller(), &input).await {
        Ok((_, detail)) => Ok(Redirect::to(&format!("/applications/{}", detail.application.id)).into_response()),
        Err(AppError::Validation(errors)) => {
            let columns = columns(&app, &user, Filters::default(), None).await?;
            board_page(&user, Filters::default(), columns, form, FormErrors::from_field_errors(errors, |f| f), None)
        }
        Err(other) => Err(other.into()),
    }
}

/// The whole pipeline as a CSV download (the same file as the API's export).
#[tracing::instrument(skip_all)]
async fn export(State(app): State<AppState>, user: PageUser) -> axum::response::Response {
    crate::http::api::applications_csv::export_response(&app, user.user_id)
}

/// A card moved: its id and new stage, and the filters the board had (so it re-renders alike).
#[derive(Debug, Deserialize)]
struct Move {
    application_id: String,
    stage: String,
    #[serde(flatten)]
    filters: Filters,
}

#[tracing::instrument(skip_all)]
async fn move_card(State(app): State<AppState>, user: PageUser, headers: HeaderMap, form: Result<Form<Move>, FormRejection>) -> PageResult {
    let Form(form) = form.map_err(bad_form)?;
    let id: Uuid = form.application_id.trim().parse().map_err(|_| AppError::NotFound)?;
    let change = ApplicationChange { stage: Some(form.stage.clone()), ..ApplicationChange::default() };
    let problem = match applications::update(&app.db, user.caller(), id, &change).await {
        Ok(_) => None,
        // A stage the board does not know (a hand-made request): the board says so, unchanged.
        Err(AppError::Validation(errors)) => Some(errors.into_iter().map(|e| e.detail).collect::<Vec<_>>().join("; ")),
        Err(other) => return Err(other.into()),
    };
    if !is_htmx(&headers) {
        return match problem {
            None => Ok(Redirect::to(&form.filters.cleaned().board_url()).into_response()),
            Some(problem) => Err(AppError::invalid("stage", problem).into()),
        };
    }
    let status = if problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let columns = columns(&app, &user, form.filters.cleaned(), problem).await?;
    Ok((status, Html(columns.render()?)).into_response())
}
