//! A user's in-app notifications: the latest, the unread count, marking read.

use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use super::Caller;
use crate::db::{self, audit, notifications::Notification};
use crate::error::AppResult;

/// Notifications a list shows.
const SHOWN: i64 = 50;

/// (unread count, latest notifications).
pub async fn recent(pool: &PgPool, user_id: Uuid) -> AppResult<(i64, Vec<Notification>)> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let unread = db::notifications::unread_count(&mut tx, user_id).await?;
    let items = db::notifications::recent(&mut tx, user_id, SHOWN).await?;
    db::end_read(tx);
    Ok((unread, items))
}

/// The unread count alone (the page header shows it).
pub async fn unread(pool: &PgPool, user_id: Uuid) -> AppResult<i64> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let unread = db::notifications::unread_count(&mut tx, user_id).await?;
    db::end_read(tx);
    Ok(unread)
}

/// Marks the user's notifications read (all, or `ids`); audited when anything changed.
pub async fn mark_read(pool: &PgPool, caller: Caller, ids: Option<&[Uuid]>) -> AppResult<u64> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let changed = db::notifications::mark_read(&mut tx, caller.user_id, ids).await?;
    if changed > 0 {
        audit::record(&mut tx, audit::AuditEntry {
            actor: audit::Actor::User(caller.user_id),
            action: "notifications.read",
            entity: "users",
            entity_id: caller.user_id,
            diff: Some(json!({ "marked_read": changed })),
            ip: caller.ip,
        })
        .await?;
    }
    tx.commit().await?;
    Ok(changed)
}
