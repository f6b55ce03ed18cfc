//! The `api_tokens` table: bearer tokens for API clients, stored only as SHA-256 hashes.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

/// A token as its owner sees it in listings: never the secret, which is shown once at creation.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct ApiToken {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

macro_rules! token_columns {
    () => {
        "id, name, created_at, last_used_at, expires_at, revoked_at"
    };
}

/// Stores a new token's hash for the current user.
pub async fn insert(
    conn: &mut PgConnection,
    user_id: Uuid,
    name: &str,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> sqlx::Result<ApiToken> {
    sqlx::query_as(concat!("insert into api_tokens (user_id, name, token_hash, expires_at)
         values ($1, $2, $3, $4) returning ", token_columns!()))
    .bind(user_id)
    .bind(name)
    .bind(token_hash)
    .bind(expires_at)
    .fetch_one(conn)
    .await
}

/// The live token with this hash, as (token id, user id, expiry); looked up before any user is current.
pub async fn find_active(
    conn: &mut PgConnection,
    token_hash: &[u8],
) -> sqlx::Result<Option<(Uuid, Uuid, Option<DateTime<Utc>>)>> {
    sqlx::query_as("select token_id, user_id, expires_at from auth_find_token($1)")
        .bind(token_hash)
        .fetch_optional(conn)
        .await
}

/// One page of the user's tokens, newest first, after the keyset cursor if given.
pub async fn list(
    conn: &mut PgConnection,
    user_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> sqlx::Result<Vec<ApiToken>> {
    let (after_time, after_id) = after.unzip();
    sqlx::query_as(concat!("select ", token_columns!(), " from api_tokens
         where user_id = $4 and ($1::timestamptz is null or (created_at, id) < ($1, $2))
         order by created_at desc, id desc limit $3"))
    .bind(after_time)
    .bind(after_id)
    .bind(limit)
    .bind(user_id)
    .fetch_all(conn)
    .await
}

/// Marks a token revoked; `None` when the user has no live token with this id.
pub async fn revoke(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<ApiToken>> {
    sqlx::query_as(concat!("update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning ", token_columns!()))
    .bind(id)
    .bind(user_id)
    .fetch_optional(conn)
    .await
}
