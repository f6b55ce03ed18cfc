//! `digest_unsubscribe_tokens`: the one-click unsubscribe links of digest emails (system only:
//! the link is followed without logging in). Only the token's SHA-256 is stored.

use sqlx::PgConnection;
use uuid::Uuid;

pub async fn insert(conn: &mut PgConnection, token_hash: &[u8], user_id: Uuid, search_pref_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("insert into digest_unsubscribe_tokens (token_hash, user_id, search_pref_id) values ($1, $2, $3)")
        .bind(token_hash)
        .bind(user_id)
        .bind(search_pref_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The user and saved search a token unsubscribes from, marking the token used.
pub async fn redeem(conn: &mut PgConnection, token_hash: &[u8]) -> sqlx::Result<Option<(Uuid, Option<Uuid>)>> {
    sqlx::query_as(
        "update digest_unsubscribe_tokens set used_at = coalesce(used_at, now())
         where token_hash = $1 returning user_id, search_pref_id",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}
