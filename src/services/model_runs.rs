//! Reading back the agents' model runs: a user's own, newest first, and one with its messages.
//! Row-level security already hides other users' runs; the `user_id` filters say so too.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::{self, model_runs::{RunMessage, RunSummary}};
use crate::error::{AppError, AppResult};

/// A run and every message it exchanged, in order.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunDetail {
    #[serde(flatten)]
    pub run: RunSummary,
    pub io: Vec<RunMessage>,
}

/// One page of the user's runs, newest first.
pub async fn list(pool: &PgPool, user_id: Uuid, after: Option<(DateTime<Utc>, Uuid)>, limit: i64) -> AppResult<Vec<RunSummary>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let runs = db::model_runs::list(&mut tx, user_id, after, limit).await?;
    db::end_read(tx);
    Ok(runs)
}

/// One of the user's runs with its messages; another user's run is simply not found.
pub async fn get(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<RunDetail> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let run = db::model_runs::find(&mut tx, user_id, id).await?.ok_or(AppError::NotFound)?;
    let io = db::model_runs::messages(&mut tx, id).await?;
    db::end_read(tx);
    Ok(RunDetail { run, io })
}
