//! Sources: boards a user registers for the job runner to refresh on a schedule, and the
//! refresh itself (fetch, ingest, record the outcome, back off on failure).

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use crate::connectors::fetch::{BoardRef, Fetcher, Origin};
use crate::db::{self, audit, sources::Source};
use crate::domain::skills::SkillMatcher;
use crate::error::{AppError, AppResult, FieldError};
use crate::jobs::{self, refresh::RefreshSource};
use crate::services::catalog;

pub const DEFAULT_REFRESH_MINUTES: i32 = 360;
pub const MIN_REFRESH_MINUTES: i32 = 15;
pub const MAX_REFRESH_MINUTES: i32 = 7 * 24 * 60;

/// How long a claimed source stays out of the scheduler's scans while its refresh is queued or
/// running: longer than the longest fetch (600 s) plus an ingest, short enough that a refresh
/// lost with a crashed worker is retried the same hour.
pub const CLAIM_LEASE: Duration = Duration::from_secs(20 * 60);

/// After the n-th failure in a row the next try waits 5 min × 2^(n−1), at most a day: a board
/// that is briefly down is retried soon, one that is gone is asked about once a day.
pub fn retry_delay(consecutive_failures: i32) -> Duration {
    let exponent = consecutive_failures.clamp(1, 20) as u32 - 1;
    let minutes = 5u64.saturating_mul(1u64 << exponent).min(24 * 60);
    Duration::from_secs(minutes * 60)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSource {
    /// `greenhouse:SLUG`, `lever:SLUG`, `ashby:SLUG`, or an http(s) URL of a board or careers page.
    #[schema(example = "greenhouse:anthropic")]
    pub board: String,
    /// Minutes between refreshes, 15 to 10080 (default 360).
    pub refresh_minutes: Option<i32>,
}

/// Registers a board and queues its first fetch, in one transaction with its audit row.
pub async fn register(pool: &PgPool, caller: Caller, input: NewSource, allow_private: bool) -> AppResult<Source> {
    let (board, refresh_minutes) = validate(&input, allow_private)?;
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let lease = CLAIM_LEASE.as_secs() as i64;
    let inserted =
        db::sources::insert(&mut tx, caller.user_id, board.kind_name(), &board.key(), refresh_minutes, lease).await;
    let source = inserted.map_err(|error| match error.as_database_error().and_then(|e| e.constraint()) {
        Some("uq_sources_user_board") => AppError::Conflict(FieldError::new("board", "this board is already registered")),
        _ => AppError::from(error),
    })?;
    // Claimed at birth (next_run_at = now + lease) and queued now, so the first fetch does not
    // wait for the scheduler and the scheduler does not queue it a second time.
    jobs::enqueue(&mut tx, &RefreshSource { source_id: source.id }).await?;
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::User(caller.user_id),
        action: "source.create",
        entity: "sources",
        entity_id: source.id,
        diff: Some(serde_json::json!({ "after": { "board": source.board, "refresh_minutes": refresh_minutes } })),
        ip: caller.ip,
    })
    .await?;
    tx.commit().await?;
    Ok(source)
}

fn validate(input: &NewSource, allow_private: bool) -> AppResult<(BoardRef, i32)> {
    let mut errors = Vec::new();
    let board = BoardRef::parse(&input.board).map_err(|error| errors.push(FieldError::new("board", error.to_string())));
    if let Ok(BoardRef::Url(url)) = &board
        && !allow_private
        && crate::connectors::fetch::is_private_url(url)
    {
        errors.push(FieldError::new("board", "must be a public address, not a private or local one"));
    }
    let refresh_minutes = input.refresh_minutes.unwrap_or(DEFAULT_REFRESH_MINUTES);
    if !(MIN_REFRESH_MINUTES..=MAX_REFRESH_MINUTES).contains(&refresh_minutes) {
        let detail = format!("must be between {MIN_REFRESH_MINUTES} and {MAX_REFRESH_MINUTES}");
        errors.push(FieldError::new("refresh_minutes", detail));
    }
    match board {
        Ok(board) if errors.is_empty() => Ok((board, refresh_minutes)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// One page of the caller's sources, newest first.
pub async fn list(pool: &PgPool, user_id: Uuid, after: Option<(DateTime<Utc>, Uuid)>, limit: i64) -> AppResult<Vec<Source>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let sources = db::sources::list(&mut tx, user_id, after, limit).await?;
    db::end_read(tx);
    Ok(sources)
}

/// One of the caller's sources; another user's is simply not found.
pub async fn get(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<Source> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let source = db::sources::find(&mut tx, user_id, id).await?.ok_or(AppError::NotFound)?;
    db::end_read(tx);
    Ok(source)
}

/// Stops refreshing a source (soft delete: its postings stay in the catalog).
pub async fn delete(pool: &PgPool, caller: Caller, id: Uuid) -> AppResult<()> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let source = db::sources::soft_delete(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::User(caller.user_id),
        action: "source.delete",
        entity: "sources",
        entity_id: id,
        diff: Some(serde_json::json!({ "before": { "board": source.board } })),
        ip: caller.ip,
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What one refresh did, kept as the job's result.
#[derive(Debug, PartialEq, Eq)]
pub enum Refreshed {
    Ok,
    Failed(String),
    /// Deleted (or never existed) by the time the job ran.
    Gone,
}

/// Fetches and ingests one source as a full board, then records the outcome on its row with
/// one `source.refresh` audit row. Runs on the owner pool: the catalog is global and the job
/// acts for the system, not for the user who registered the board.
///
/// A board that cannot be fetched or read is a recorded failure, not an error: the row's backoff
/// decides when to try again. Only database trouble is an `Err`, for the job runner to retry.
#[tracing::instrument(skip(system_db, fetcher), err)]
pub async fn refresh(system_db: &PgPool, fetcher: &Fetcher, id: Uuid) -> anyhow::Result<Refreshed> {
    let mut conn = system_db.acquire().await?;
    let Some(target) = db::sources::refresh_target(&mut conn, id).await? else {
        return Ok(Refreshed::Gone);
    };
    drop(conn);
    let outcome = match BoardRef::from_parts(&target.kind, &target.board) {
        Ok(board) => fetch_and_ingest(system_db, fetcher, &board).await?,
        Err(error) => Err(error.to_string()),
    };
    let (error, summary, next) = match &outcome {
        Ok(summary) => (None, Some(summary.clone()), Duration::from_secs(target.refresh_minutes as u64 * 60)),
        Err(error) => (Some(truncate(error)), None, retry_delay(target.consecutive_failures + 1)),
    };
    let mut tx = system_db.begin().await?;
    if db::sources::record_fetch(&mut tx, id, error, summary.clone(), next.as_secs() as i64).await?.is_none() {
        return Ok(Refreshed::Gone);
    }
    let diff = match (&summary, error) {
        (Some(summary), _) => serde_json::json!({ "status": "ok", "summary": summary }),
        (None, error) => serde_json::json!({ "status": "failed", "error": error }),
    };
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::System,
        action: "source.refresh",
        entity: "sources",
        entity_id: id,
        diff: Some(diff),
        ip: None,
    })
    .await?;
    tx.commit().await?;
    Ok(match outcome {
        Ok(_) => Refreshed::Ok,
        Err(error) => Refreshed::Failed(error),
    })
}

/// An error as stored on the row: parse errors can quote a lot of payload.
fn truncate(error: &str) -> &str {
    match error.char_indices().nth(MAX_ERROR_CHARS) {
        Some((end, _)) => &error[..end],
        None => error,
    }
}

const MAX_ERROR_CHARS: usize = 1000;

/// The counts of the ingest, or why the board could not be read or stored; `Err` only for
/// database trouble around the host's turn.
async fn fetch_and_ingest(
    system_db: &PgPool,
    fetcher: &Fetcher,
    board: &BoardRef,
) -> anyhow::Result<Result<serde_json::Value, String>> {
    let url = match fetcher.url_for(board) {
        Ok(url) => url,
        Err(error) => return Ok(Err(error.to_string())),
    };
    let fetch = fetcher.fetch_board(board, Origin::User, None, None);
    let parsed = match jobs::refresh_hosts::with_turn(system_db, &url, fetcher.settings(), fetch).await? {
        Ok(parsed) => parsed,
        Err(error) => return Ok(Err(error.to_string())),
    };
    let Ok(summary) = catalog::ingest(system_db, parsed, SkillMatcher::builtin(), true).await.inspect_err(|error| {
        // The row is shown to the user: the database's own words stay in the log.
        tracing::error!(error = format!("{error:#}"), "storing a fetched board failed");
    }) else {
        return Ok(Err("the board was read but its postings could not be stored; the server log has the cause".into()));
    };
    Ok(Ok(serde_json::json!({
        "inserted": summary.inserted,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "skipped": summary.skipped.len(),
        "closed": summary.closed,
        "tagged_percent": summary.tagged_percent(),
        "without_company": summary.without_company,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_a_day() {
        let minutes: Vec<u64> = (1..=11).map(|n| retry_delay(n).as_secs() / 60).collect();
        assert_eq!(minutes, [5, 10, 20, 40, 80, 160, 320, 640, 1280, 1440, 1440]);
    }
}
