//! The `auth_throttle` table: login attempts per client address and per account.
//!
//! Kept in PostgreSQL, not in memory, so that every app server behind a load balancer sees the
//! same counts. Keys are SHA-256 hashes, so the table holds no email addresses or IPs. Attempts
//! are counted *before* the password is checked, in one atomic statement, so a burst of parallel
//! guesses cannot all pass the check while the first ones are still being verified; a successful
//! login then takes its attempt back.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// The window attempts are counted over, and how long a key stays locked once over the limit.
pub const WINDOW_MINUTES: i32 = 15;

/// Counts one attempt for `key`. Returns when the key is locked until, if this attempt is refused:
/// it was already locked, or this attempt is the one past `max_failures` (which locks it).
pub async fn count_attempt(
    conn: &mut PgConnection,
    key: &[u8],
    max_failures: i32,
) -> sqlx::Result<Option<DateTime<Utc>>> {
    let (failures, locked_until): (i32, Option<DateTime<Utc>>) = sqlx::query_as(
        "insert into auth_throttle as t (key, failures, window_started_at) values ($1, 1, now())
         on conflict (key) do update set
           failures = case when t.window_started_at < now() - make_interval(mins => $2)
                            and (t.locked_until is null or t.locked_until < now())
                           then 1 else t.failures + 1 end,
           window_started_at = case when t.window_started_at < now() - make_interval(mins => $2)
                            and (t.locked_until is null or t.locked_until < now())
                           then now() else t.window_started_at end
         returning failures, locked_until",
    )
    .bind(hex::encode(key))
    .bind(WINDOW_MINUTES)
    .fetch_one(&mut *conn)
    .await?;
    if let Some(until) = locked_until.filter(|until| *until > Utc::now()) {
        return Ok(Some(until));
    }
    if failures <= max_failures {
        return Ok(None);
    }
    let until = sqlx::query_scalar(
        "update auth_throttle set locked_until = now() + make_interval(mins => $2)
         where key = $1 returning locked_until",
    )
    .bind(hex::encode(key))
    .bind(WINDOW_MINUTES)
    .fetch_one(conn)
    .await?;
    Ok(Some(until))
}

/// Takes back the attempt of a successful login, so only failures count against a key.
pub async fn forgive_attempt(conn: &mut PgConnection, key: &[u8]) -> sqlx::Result<()> {
    sqlx::query("update auth_throttle set failures = greatest(failures - 1, 0) where key = $1")
        .bind(hex::encode(key))
        .execute(conn)
        .await?;
    Ok(())
}

/// Forgets a key's failures (an account after a successful login).
pub async fn clear(conn: &mut PgConnection, key: &[u8]) -> sqlx::Result<()> {
    sqlx::query("delete from auth_throttle where key = $1")
        .bind(hex::encode(key))
        .execute(conn)
        .await?;
    Ok(())
}
