//! API tokens: issue, list, revoke, and authenticate bearer requests.

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use super::token_cache::TokenCache;
use crate::db::{self, api_tokens::ApiToken, audit};
use crate::error::{AppError, AppResult};

/// Every token starts with this, so leaked tokens are easy to recognise and scan for.
pub const TOKEN_PREFIX: &str = "jp_";

/// A freshly issued token: the secret is shown this once and never stored (nor printable: no `Debug`).
#[derive(Serialize, ToSchema)]
pub struct IssuedToken {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    #[serde(flatten)]
    pub info: ApiToken,
}

fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{TOKEN_PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// Validates a token name given by a client.
pub fn clean_name(name: &str) -> AppResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid("name", "must be 1 to 100 characters"));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid("name", "must not contain control characters"));
    }
    Ok(name.to_string())
}

/// Inserts a token inside the caller's transaction (used by sign-up and login too).
pub async fn issue_in(
    conn: &mut PgConnection,
    user_id: Uuid,
    name: &str,
    ttl_days: i64,
) -> sqlx::Result<IssuedToken> {
    let token = new_secret();
    let expires_at = Utc::now() + Duration::days(ttl_days);
    let info = db::api_tokens::insert(conn, user_id, name, &hash_token(&token), expires_at).await?;
    Ok(IssuedToken { token, info })
}

/// Issues a token inside the caller's transaction when the client asked for one by name.
pub async fn issue_if_named(
    conn: &mut PgConnection,
    user_id: Uuid,
    name: Option<&str>,
    ttl_days: i64,
) -> sqlx::Result<Option<IssuedToken>> {
    match name {
        Some(name) => Ok(Some(issue_in(conn, user_id, name, ttl_days).await?)),
        None => Ok(None),
    }
}

/// Issues a named token for the caller.
pub async fn create(pool: &PgPool, caller: Caller, name: &str, ttl_days: i64) -> AppResult<IssuedToken> {
    let name = clean_name(name)?;
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let issued = issue_in(&mut tx, caller.user_id, &name, ttl_days).await?;
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::User(caller.user_id),
        action: "api_token.create",
        entity: "api_tokens",
        entity_id: issued.info.id,
        diff: Some(serde_json::json!({ "after": { "name": name, "expires_at": issued.info.expires_at } })),
        ip: caller.ip,
    })
    .await?;
    tx.commit().await?;
    Ok(issued)
}

/// One page of the caller's tokens, newest first.
pub async fn list(
    pool: &PgPool,
    user_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> AppResult<Vec<ApiToken>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let tokens = db::api_tokens::list(&mut tx, user_id, after, limit).await?;
    db::end_read(tx);
    Ok(tokens)
}

/// Revokes one of the caller's live tokens; another user's token is simply not found.
///
/// This process forgets the token at once; other app servers hear of it from the database trigger.
pub async fn revoke(pool: &PgPool, cache: &TokenCache, caller: Caller, id: Uuid) -> AppResult<ApiToken> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let revoked = db::api_tokens::revoke(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::User(caller.user_id),
        action: "api_token.revoke",
        entity: "api_tokens",
        entity_id: id,
        diff: Some(serde_json::json!({ "before": { "revoked_at": null }, "after": { "revoked_at": revoked.revoked_at } })),
        ip: caller.ip,
    })
    .await?;
    tx.commit().await?;
    cache.forget_token(id);
    Ok(revoked)
}

/// The (token id, user id) a bearer token stands for, if it is live.
pub async fn authenticate(pool: &PgPool, cache: &TokenCache, token: &str) -> AppResult<Option<(Uuid, Uuid)>> {
    if !token.starts_with(TOKEN_PREFIX) || token.len() > 128 {
        return Ok(None);
    }
    let hash = hash_token(token);
    if let Some(found) = cache.get(&hash) {
        return Ok(Some(found));
    }
    let generation = cache.generation();
    let mut conn = pool.acquire().await?;
    let Some((token_id, user_id, expires_at)) = db::api_tokens::find_active(&mut conn, &hash).await? else {
        return Ok(None);
    };
    cache.insert(generation, hash, token_id, user_id, expires_at);
    Ok(Some((token_id, user_id)))
}
