//! `model_runs` and `model_io`: one row per agent call (agent, engine, model, tokens, latency,
//! success) and its messages in order; row-level security shows each user only their own.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

/// One agent call to record.
pub struct ModelRun<'a> {
    pub user_id: Uuid,
    pub agent: &'a str,
    pub engine: &'a str,
    pub model: Option<&'a str>,
    pub tool: &'a str,
    pub input_ref: String,
    pub output_ref: String,
    pub latency_ms: i32,
    pub success: bool,
}

pub async fn record(conn: &mut PgConnection, run: &ModelRun<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into model_runs (user_id, agent, engine, model, tool, input_ref, output_ref, latency_ms, success_flag)
         values ($1, $2::agent_enum, $3, $4, $5, $6, $7, $8, $9) returning id",
    )
    .bind(run.user_id)
    .bind(run.agent)
    .bind(run.engine)
    .bind(run.model)
    .bind(run.tool)
    .bind(&run.input_ref)
    .bind(&run.output_ref)
    .bind(run.latency_ms)
    .bind(run.success)
    .fetch_one(conn)
    .await
}

/// Token counts reported by a model service, and why the configured engine failed when the
/// deterministic one answered instead. Nothing to write when all are empty.
pub async fn set_usage(
    conn: &mut PgConnection,
    id: Uuid,
    tokens_in: Option<i32>,
    tokens_out: Option<i32>,
    error: Option<&str>,
) -> sqlx::Result<()> {
    if tokens_in.is_none() && tokens_out.is_none() && error.is_none() {
        return Ok(());
    }
    sqlx::query("update model_runs set tokens_in = $2, tokens_out = $3, error = $4 where id = $1")
        .bind(id)
        .bind(tokens_in)
        .bind(tokens_out)
        .bind(error)
        .execute(conn)
        .await?;
    Ok(())
}

/// One message of a run (`model_io`): role `system`, `user`, `assistant`, or `input`/`output`
/// for the deterministic engine. Appended after the run's other messages.
pub async fn record_io(conn: &mut PgConnection, model_run_id: Uuid, role: &str, content: &Value) -> sqlx::Result<()> {
    sqlx::query(
        "insert into model_io (model_run_id, role, content, seq)
         values ($1, $2, $3, (select coalesce(max(seq), -1) + 1 from model_io where model_run_id = $1))",
    )
    .bind(model_run_id)
    .bind(role)
    .bind(content)
    .execute(conn)
    .await?;
    Ok(())
}

/// All messages of a new run, numbered in the order given, in one statement.
pub async fn record_transcript(conn: &mut PgConnection, model_run_id: Uuid, transcript: &[(String, Value)]) -> sqlx::Result<()> {
    if transcript.is_empty() {
        return Ok(());
    }
    let roles: Vec<&str> = transcript.iter().map(|(role, _)| role.as_str()).collect();
    let contents: Vec<&Value> = transcript.iter().map(|(_, content)| content).collect();
    sqlx::query(
        "insert into model_io (model_run_id, role, content, seq)
         select $1, m.role, m.content, (m.n - 1)::int from unnest($2::text[], $3::jsonb[]) with ordinality as m(role, content, n)",
    )
    .bind(model_run_id)
    .bind(&roles)
    .bind(&contents)
    .execute(conn)
    .await?;
    Ok(())
}

/// A run as its user sees it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct RunSummary {
    pub id: Uuid,
    /// orchestrator, job_scout, resume_tailor, optimizer, outreach or tracker_coach.
    pub agent: String,
    pub tool: Option<String>,
    /// The engine that answered: `openai_compatible` or `deterministic`.
    pub engine: String,
    /// The language model asked, if any (with engine `deterministic`, the one that failed).
    pub model: Option<String>,
    pub tokens_in: Option<i32>,
    pub tokens_out: Option<i32>,
    pub latency_ms: Option<i32>,
    /// True when the engine first asked gave the answer; false when it failed and the
    /// deterministic engine answered instead.
    pub success: bool,
    /// Why the configured engine gave no usable answer.
    pub error: Option<String>,
    /// What went in (`resume_versions/<id>`, …).
    pub input_ref: Option<String>,
    /// A short summary of what came out; the whole answer is in the run's messages.
    pub output_ref: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// One message of a run.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct RunMessage {
    /// system, user, assistant, validation_error, error, fallback, input or output.
    pub role: String,
    pub content: Value,
    pub created_at: DateTime<Utc>,
}

macro_rules! run_columns {
    () => {
        "id, agent::text as agent, tool, engine, model, tokens_in, tokens_out, latency_ms, success_flag as success, error,
         input_ref, output_ref, created_at"
    };
}

/// One page of the user's runs, newest first, after the keyset cursor if given.
pub async fn list(conn: &mut PgConnection, user_id: Uuid, after: Option<(DateTime<Utc>, Uuid)>, limit: i64) -> sqlx::Result<Vec<RunSummary>> {
    let (after_time, after_id) = after.unzip();
    sqlx::query_as(concat!("select ", run_columns!(), " from model_runs
         where user_id = $4 and ($1::timestamptz is null or (created_at, id) < ($1, $2))
         order by created_at desc, id desc limit $3"))
    .bind(after_time)
    .bind(after_id)
    .bind(limit)
    .bind(user_id)
    .fetch_all(conn)
    .await
}

/// One of the user's runs.
pub async fn find(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<RunSummary>> {
    sqlx::query_as(concat!("select ", run_columns!(), " from model_runs where id = $1 and user_id = $2"))
        .bind(id)
        .bind(user_id)
        .fetch_optional(conn)
        .await
}

/// A run's messages in the order they were exchanged.
pub async fn messages(conn: &mut PgConnection, model_run_id: Uuid) -> sqlx::Result<Vec<RunMessage>> {
    sqlx::query_as("select role, content, created_at from model_io where model_run_id = $1 order by seq, created_at, id")
        .bind(model_run_id)
        .fetch_all(conn)
        .await
}
