//! The user's interviews and deadlines in their own calendar: a subscription URL with its own
//! secret (made, replaced and revoked by the user), the feed it serves, and one event as a
//! `.ics` download.

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use uuid::Uuid;

use super::Caller;
use crate::db::{self, audit};
use crate::domain::calendar;
use crate::error::{AppError, AppResult};

/// Name calendar apps show for the subscription.
const FEED_NAME: &str = "Jobpilot interviews and deadlines";

fn audited_entry(caller: Caller, action: &'static str) -> audit::AuditEntry<'static> {
    audit::AuditEntry {
        actor: audit::Actor::User(caller.user_id),
        action,
        entity: "calendar_feed_tokens",
        entity_id: caller.user_id,
        // The secret itself never reaches the audit log.
        diff: Some(json!({ "after": { "subscribed": action == "calendar.subscribe" } })),
        ip: caller.ip,
    }
}

/// Makes a new subscription URL for the caller (an earlier one stops working) and returns it.
/// The secret is shown this once; only its hash is kept.
#[tracing::instrument(skip(system_db, public_url), fields(user_id = %caller.user_id))]
pub async fn subscribe(system_db: &PgPool, caller: Caller, public_url: &str) -> AppResult<String> {
    let secret = crate::domain::secret::url_safe();
    let mut tx = system_db.begin().await?;
    db::calendar_feed_tokens::replace(&mut tx, caller.user_id, &Sha256::digest(secret.as_bytes())).await?;
    audit::record(&mut tx, audited_entry(caller, "calendar.subscribe")).await?;
    tx.commit().await?;
    Ok(format!("{}/calendar/{secret}.ics", public_url.trim_end_matches('/')))
}

/// Revokes the caller's subscription URL; 404 when there is none.
#[tracing::instrument(skip(system_db), fields(user_id = %caller.user_id))]
pub async fn unsubscribe(system_db: &PgPool, caller: Caller) -> AppResult<()> {
    let mut tx = system_db.begin().await?;
    if !db::calendar_feed_tokens::remove(&mut tx, caller.user_id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(&mut tx, audited_entry(caller, "calendar.unsubscribe")).await?;
    tx.commit().await?;
    Ok(())
}

/// The feed for a subscription secret; `None` for a secret that is not (or no longer) issued.
pub async fn feed(system_db: &PgPool, secret: &str) -> AppResult<Option<String>> {
    let mut conn = system_db.acquire().await?;
    let Some(user_id) = db::calendar_feed_tokens::user_for(&mut conn, &Sha256::digest(secret.as_bytes())).await? else {
        return Ok(None);
    };
    let entries = db::events::calendar_of(&mut conn, user_id, None).await?;
    Ok(Some(calendar::render(FEED_NAME, &entries)))
}

/// One of the caller's live events as a calendar file.
pub async fn one_event(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<String> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let entries = db::events::calendar_of(&mut tx, user_id, Some(id)).await?;
    db::end_read(tx);
    let live: Vec<_> = entries.into_iter().filter(|e| !e.cancelled).collect();
    if live.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(calendar::render(FEED_NAME, &live))
}
