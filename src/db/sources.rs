//! The `sources` table: boards users registered for the job runner to refresh on a schedule.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

/// A registered board as its owner sees it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Source {
    pub id: Uuid,
    /// `greenhouse:SLUG`, `lever:SLUG`, `ashby:SLUG` or the URL, as registered.
    #[schema(example = "greenhouse:anthropic")]
    pub board: String,
    /// `greenhouse`, `lever`, `ashby` or `url`.
    pub kind: String,
    pub refresh_minutes: i32,
    /// When the job runner next fetches it (pushed out after failures).
    pub next_run_at: DateTime<Utc>,
    pub last_fetched_at: Option<DateTime<Utc>>,
    /// `ok` or `failed`; null before the first fetch.
    pub last_status: Option<String>,
    pub last_error: Option<String>,
    /// Counts of the last successful ingest: inserted, updated, unchanged, skipped, closed.
    #[schema(value_type = Option<Object>)]
    pub last_summary: Option<serde_json::Value>,
    pub consecutive_failures: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the refresh job needs to know about a source.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RefreshTarget {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub board: String,
    pub refresh_minutes: i32,
    pub consecutive_failures: i32,
}

// `board` is shown as the user wrote it: a URL alone, a slug with its board's name.
macro_rules! source_columns {
    () => {
        "id, case when kind = 'url' then board else kind || ':' || board end as board, kind,
         refresh_minutes, next_run_at, last_fetched_at, last_status, last_error, last_summary,
         consecutive_failures, created_at, updated_at"
    };
}

/// Registers a board for `user_id`; its first fetch is due after `first_run_in_secs`.
pub async fn insert(
    conn: &mut PgConnection,
    user_id: Uuid,
    kind: &str,
    board: &str,
    refresh_minutes: i32,
    first_run_in_secs: i64,
) -> sqlx::Result<Source> {
    sqlx::query_as(concat!(
        "insert into sources (user_id, kind, board, refresh_minutes, next_run_at)
         values ($1, $2, $3, $4, now() + $5 * interval '1 second') returning ",
        source_columns!()
    ))
    .bind(user_id)
    .bind(kind)
    .bind(board)
    .bind(refresh_minutes)
    .bind(first_run_in_secs)
    .fetch_one(conn)
    .await
}

/// One page of the user's live sources, newest first, after the keyset cursor if given.
pub async fn list(
    conn: &mut PgConnection,
    user_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> sqlx::Result<Vec<Source>> {
    let (after_time, after_id) = after.unzip();
    sqlx::query_as(concat!("select ", source_columns!(), " from sources
         where user_id = $4 and deleted_at is null
           and ($1::timestamptz is null or (created_at, id) < ($1, $2))
         order by created_at desc, id desc limit $3"))
    .bind(after_time)
    .bind(after_id)
    .bind(limit)
    .bind(user_id)
    .fetch_all(conn)
    .await
}

pub async fn find(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<Source>> {
    sqlx::query_as(concat!("select ", source_columns!(), " from sources
         where id = $1 and user_id = $2 and deleted_at is null"))
    .bind(id)
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

/// Marks a live source deleted; `None` when the user has no live source with this id.
pub async fn soft_delete(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<Source>> {
    sqlx::query_as(concat!("update sources set deleted_at = now()
         where id = $1 and user_id = $2 and deleted_at is null returning ", source_columns!()))
    .bind(id)
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

/// Claims up to `limit` due sources for a refresh: their `next_run_at` moves `lease_secs` ahead,
/// so later scans skip them while the refresh is queued or running, and pick them up again if
/// it never reports back. Run as the owner (every user's sources).
pub async fn claim_due(conn: &mut PgConnection, limit: i64, lease_secs: i64) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "update sources set next_run_at = now() + $2 * interval '1 second'
         where id in (select id from sources where deleted_at is null and next_run_at <= now()
                      order by next_run_at limit $1 for update skip locked)
         returning id",
    )
    .bind(limit)
    .bind(lease_secs)
    .fetch_all(conn)
    .await
}

/// A live source to refresh, whoever owns it.
pub async fn refresh_target(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<RefreshTarget>> {
    sqlx::query_as(
        "select id, user_id, kind, board, refresh_minutes, consecutive_failures
         from sources where id = $1 and deleted_at is null",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Records a fetch's outcome and when the next one is due. `error` is null on success, which
/// also clears the failure count; a failure keeps the last good summary.
pub async fn record_fetch(
    conn: &mut PgConnection,
    id: Uuid,
    error: Option<&str>,
    summary: Option<serde_json::Value>,
    next_run_in_secs: i64,
) -> sqlx::Result<Option<Source>> {
    sqlx::query_as(concat!("update sources set
           last_fetched_at = now(),
           last_status = case when $2::text is null then 'ok' else 'failed' end,
           last_error = $2,
           last_summary = coalesce($3, last_summary),
           consecutive_failures = case when $2::text is null then 0 else consecutive_failures + 1 end,
           next_run_at = now() + $4 * interval '1 second'
         where id = $1 and deleted_at is null returning ", source_columns!()))
    .bind(id)
    .bind(error)
    .bind(summary)
    .bind(next_run_in_secs)
    .fetch_optional(conn)
    .await
}

/// Takes `host`'s turn if it is free and its pause is over, for at most `lease_secs`. Returns
/// `None` when taken, else how long to wait before asking again (the pause left, or a short
/// poll while another worker's request is in flight). Run as the owner.
pub async fn claim_host(conn: &mut PgConnection, host: &str, lease_secs: i64) -> sqlx::Result<Option<f64>> {
    sqlx::query("insert into fetch_hosts (host) values ($1) on conflict do nothing")
        .bind(host)
        .execute(&mut *conn)
        .await?;
    let claimed: Option<String> = sqlx::query_scalar(
        "update fetch_hosts set busy_until = now() + $2 * interval '1 second'
         where host = $1 and (busy_until is null or busy_until < now()) and next_allowed_at <= now()
         returning host",
    )
    .bind(host)
    .bind(lease_secs)
    .fetch_optional(&mut *conn)
    .await?;
    if claimed.is_some() {
        return Ok(None);
    }
    let wait: f64 = sqlx::query_scalar(
        "select greatest(extract(epoch from next_allowed_at - now()),
                         case when busy_until > now() then 0.25 else 0 end)::float8
         from fetch_hosts where host = $1",
    )
    .bind(host)
    .fetch_one(conn)
    .await?;
    Ok(Some(wait))
}

/// Gives `host`'s turn back; the next request may start `gap_ms` from now.
pub async fn release_host(conn: &mut PgConnection, host: &str, gap_ms: i64) -> sqlx::Result<()> {
    sqlx::query(
        "update fetch_hosts set busy_until = null, next_allowed_at = now() + $2 * interval '1 millisecond'
         where host = $1",
    )
    .bind(host)
    .bind(gap_ms)
    .execute(conn)
    .await?;
    Ok(())
}
