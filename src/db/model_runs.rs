//! `model_runs`: one row per agent call (agent, engine, latency, what went in and came out).

use sqlx::PgConnection;
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
