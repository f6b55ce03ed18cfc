//! `calendar_feed_tokens`: the secret in each user's calendar subscription URL (system only:
//! calendar apps fetch the feed without logging in). Only the secret's SHA-256 is stored.

use sqlx::PgConnection;
use uuid::Uuid;

/// Makes `token_hash` the user's only secret (the old URL stops working).
pub async fn replace(conn: &mut PgConnection, user_id: Uuid, token_hash: &[u8]) -> sqlx::Result<()> {
    sqlx::query(
        "insert into calendar_feed_tokens (user_id, token_hash) values ($1, $2)
         on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = now()",
    )
    .bind(user_id)
    .bind(token_hash)
    .execute(conn)
    .await?;
    Ok(())
}

/// Revokes the user's secret; false when there was none.
pub async fn remove(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from calendar_feed_tokens where user_id = $1").bind(user_id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// The user a secret belongs to.
pub async fn user_for(conn: &mut PgConnection, token_hash: &[u8]) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar("select user_id from calendar_feed_tokens where token_hash = $1")
        .bind(token_hash)
        .fetch_optional(conn)
        .await
}
