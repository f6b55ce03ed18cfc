//! A user's in-app notifications: the latest, the unread count, marking read.

use std::collections::HashSet;

use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use super::Caller;
use crate::db::{self, audit, notifications::Notification};
use crate::error::{AppError, AppResult};

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

/// Marks the user's notifications read (all, or `ids`; optionally only those of `kind`);
/// audited when anything changed. An id that is not one of the user's notifications is a 404
/// and nothing changes.
pub async fn mark_read(pool: &PgPool, caller: Caller, ids: Option<&[Uuid]>, kind: Option<&str>) -> AppResult<u64> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    if let Some(ids) = ids {
        let distinct: HashSet<&Uuid> = ids.iter().collect();
        if db::notifications::count_owned(&mut tx, caller.user_id, ids).await? < distinct.len() as i64 {
            return Err(AppError::NotFound);
        }
    }
    let changed = db::notifications::mark_read(&mut tx, caller.user_id, ids, kind).await?;
    if changed > 0 {
        audit::record(&mut tx, audit::AuditEntry {
            actor: audit::Actor::User(caller.user_id),
            action: "notifications.read",
            entity: "users",
            entity_id: caller.user_id,
            diff: Some(json!({ "marked_read": changed, "ids": ids, "kind": kind })),
            ip: caller.ip,
        })
        .await?;
    }
    tx.commit().await?;
    Ok(changed)
}
