//! `/settings/ai`: which engine answers the agents (never its key), the user's recent model runs
//! with engine, model, tool, latency and outcome, and `/settings/ai/runs/{id}` with a run's
//! messages as exchanged.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use chrono_tz::Tz;
use uuid::Uuid;

use super::errors::PageResult;
use super::layout::{Layout, render};
use super::local_time;
use super::session::PageUser;
use crate::app::AppState;
use crate::db::model_runs::RunSummary;
use crate::error::AppError;
use crate::services::model_runs;

/// Runs the page lists; the API pages through all of them.
const SHOWN: i64 = 50;

pub fn router() -> Router<AppState> {
    Router::new().route("/settings/ai", get(show)).route("/settings/ai/runs/{id}", get(show_run))
}

/// One run as a table row.
struct Row {
    id: Uuid,
    when: String,
    agent: String,
    tool: String,
    engine: String,
    model: String,
    tokens: String,
    latency: String,
    success: bool,
    error: String,
}

impl Row {
    fn new(run: RunSummary, zone: Tz) -> Self {
        let tokens = match (run.tokens_in, run.tokens_out) {
            (None, None) => String::new(),
            (i, o) => format!("{} in / {} out", i.unwrap_or(0), o.unwrap_or(0)),
        };
        Self {
            id: run.id,
            when: local_time::show(run.created_at, zone),
            agent: run.agent,
            tool: run.tool.unwrap_or_default(),
            engine: run.engine,
            model: run.model.unwrap_or_default(),
            tokens,
            latency: run.latency_ms.map(|ms| format!("{ms} ms")).unwrap_or_default(),
            success: run.success,
            error: run.error.unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "settings/ai.html")]
struct AiPage {
    layout: Layout,
    engine: &'static str,
    describe: String,
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "settings/ai_run.html")]
struct RunPage {
    layout: Layout,
    row: Row,
    input_ref: String,
    messages: Vec<(String, String)>,
}

async fn zone(app: &AppState, user: &PageUser) -> PageResult<Tz> {
    let mut conn = crate::db::begin_for_user(&app.db, user.user_id).await.map_err(AppError::from)?;
    let zone = crate::db::profiles::time_zone(&mut conn, user.user_id).await.map_err(AppError::from)?;
    crate::db::end_read(conn);
    Ok(zone)
}

#[tracing::instrument(skip_all)]
async fn show(State(app): State<AppState>, user: PageUser) -> PageResult {
    let zone = zone(&app, &user).await?;
    let runs = model_runs::list(&app.db, user.user_id, None, SHOWN).await?;
    let layout = Layout::for_user("AI engine", &user, user.csrf_token().await?, "settings");
    let rows = runs.into_iter().map(|run| Row::new(run, zone)).collect();
    render(StatusCode::OK, &AiPage { layout, engine: app.models.engine(), describe: app.models.describe(), rows })
}

#[tracing::instrument(skip_all)]
async fn show_run(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    let id: Uuid = raw.parse().map_err(|_| AppError::NotFound)?;
    let zone = zone(&app, &user).await?;
    let detail = model_runs::get(&app.db, user.user_id, id).await?;
    let input_ref = detail.run.input_ref.clone().unwrap_or_default();
    let messages = detail.io.into_iter().map(|m| (m.role, readable(&m.content))).collect();
    let layout = Layout::for_user("Model run", &user, user.csrf_token().await?, "settings");
    render(StatusCode::OK, &RunPage { layout, row: Row::new(detail.run, zone), input_ref, messages })
}

/// A message as text: strings as written (a model's raw reply), anything else pretty-printed.
fn readable(content: &serde_json::Value) -> String {
    match content {
        serde_json::Value::String(text) => text.clone(),
        other => serde_json::to_string_pretty(other).unwrap_or_default(),
    }
}
