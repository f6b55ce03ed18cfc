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

/// Token counts reported by a model service (the deterministic engine has none).
pub async fn set_tokens(conn: &mut PgConnection, id: Uuid, tokens_in: Option<i32>, tokens_out: Option<i32>) -> sqlx::Result<()> {
    if tokens_in.is_none() && tokens_out.is_none() {
        return Ok(());
    }
    sqlx::query("update model_runs set tokens_in = $2, tokens_out = $3 where id = $1")
        .bind(id)
        .bind(tokens_in)
        .bind(tokens_out)
        .execute(conn)
        .await?;
    Ok(())
}

/// One message of a run (`model_io`): role `system`, `user`, `assistant`, or `input`/`output`
/// for the deterministic engine.
pub async fn record_io(conn: &mut PgConnection, model_run_id: Uuid, role: &str, content: &serde_json::Value) -> sqlx::Result<()> {
    sqlx::query("insert into model_io (model_run_id, role, content) values ($1, $2, $3)")
        .bind(model_run_id)
        .bind(role)
        .bind(content)
        .execute(conn)
        .await?;
    Ok(())
}
