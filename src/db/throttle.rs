//! The `auth_throttle` table: failed-login counters per client address and per account.
//!
//! Kept in PostgreSQL, not in memory, so that every app server behind a load balancer sees the
//! same counts. Keys are SHA-256 hashes, so the table holds no email addresses or IPs.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// The window failures are counted over, and how long a key stays locked once over the limit.
pub const WINDOW_MINUTES: i32 = 15;

/// When the key is locked until, if it is locked now.
pub async fn locked_until(conn: &mut PgConnection, key: &[u8]) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar(
        "select locked_until from auth_throttle where key = $1 and locked_until > now()",
    )
    .bind(hex::encode(key))
    .fetch_optional(conn)
    .await
    .map(Option::flatten)
}

/// Counts one failure; locks the key once `max_failures` land within the window.
pub async fn record_failure(conn: &mut PgConnection, key: &[u8], max_failures: i32) -> sqlx::Result<()> {
    sqlx::query(
        "insert into auth_throttle as t (key, failures, window_started_at) values ($1, 1, now())
         on conflict (key) do update set
           failures = case when t.window_started_at < now() - make_interval(mins => $2)
                           then 1 else t.failures + 1 end,
           window_started_at = case when t.window_started_at < now() - make_interval(mins => $2)
                           then now() else t.window_started_at end",
    )
    .bind(hex::encode(key))
    .bind(WINDOW_MINUTES)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "update auth_throttle set locked_until = now() + make_interval(mins => $2)
         where key = $1 and failures >= $3 and (locked_until is null or locked_until < now())",
    )
    .bind(hex::encode(key))
    .bind(WINDOW_MINUTES)
    .bind(max_failures)
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets a key's failures (after a successful login).
pub async fn clear(conn: &mut PgConnection, key: &[u8]) -> sqlx::Result<()> {
    sqlx::query("delete from auth_throttle where key = $1")
        .bind(hex::encode(key))
        .execute(conn)
        .await?;
    Ok(())
}
