//! `enrichment_runs`: each scoring run and how far it got, for the operator.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use uuid::Uuid;

/// A run as the operator sees it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct EnrichmentRun {
    pub id: Uuid,
    pub kind: String,
    pub user_id: Option<Uuid>,
    pub postings_total: i32,
    pub postings_done: i32,
    pub pairs_scored: i64,
    pub rows_written: i64,
    pub rows_removed: i64,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub error: Option<String>,
}

pub async fn start(conn: &mut PgConnection, kind: &str, user_id: Option<Uuid>, postings_total: usize) -> sqlx::Result<Uuid> {
    sqlx::query_scalar("insert into enrichment_runs (kind, user_id, postings_total) values ($1, $2, $3) returning id")
        .bind(kind)
        .bind(user_id)
        .bind(postings_total as i32)
        .fetch_one(conn)
        .await
}

/// Progress so far (called after each chunk, in its own statement so it shows while running).
pub async fn progress(
    conn: &mut PgConnection,
    id: Uuid,
    postings_done: usize,
    pairs_scored: u64,
    rows_written: u64,
    rows_removed: u64,
) -> sqlx::Result<()> {
    sqlx::query(
        "update enrichment_runs set postings_done = $2, pairs_scored = $3, rows_written = $4, rows_removed = $5,
           postings_total = greatest(postings_total, $2)
         where id = $1",
    )
    .bind(id)
    .bind(postings_done as i32)
    .bind(pairs_scored as i64)
    .bind(rows_written as i64)
    .bind(rows_removed as i64)
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a run finished, with the error that ended it if any.
pub async fn finish(conn: &mut PgConnection, id: Uuid, error: Option<&str>) -> sqlx::Result<()> {
    sqlx::query("update enrichment_runs set finished_at = now(), error = $2 where id = $1")
        .bind(id)
        .bind(error)
        .execute(conn)
        .await?;
    Ok(())
}

/// The latest runs, newest first.
pub async fn recent(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<EnrichmentRun>> {
    sqlx::query_as(
        "select id, kind, user_id, postings_total, postings_done, pairs_scored, rows_written, rows_removed,
                started_at, finished_at, error
         from enrichment_runs order by started_at desc limit $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await
}
