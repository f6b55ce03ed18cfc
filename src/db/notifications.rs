//! `notifications`: in-app messages (a digest of new matches, a task coming due, an event coming up).

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Clone, Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct Notification {
    pub id: Uuid,
    pub kind: String,
    #[schema(value_type = Object)]
    pub payload: Value,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(conn: &mut PgConnection, user_id: Uuid, kind: &str, payload: &Value) -> sqlx::Result<Uuid> {
    sqlx::query_scalar("insert into notifications (user_id, kind, payload) values ($1, $2, $3) returning id")
        .bind(user_id)
        .bind(kind)
        .bind(payload)
        .fetch_one(conn)
        .await
}

/// The user's latest notifications, newest first.
pub async fn recent(conn: &mut PgConnection, user_id: Uuid, limit: i64) -> sqlx::Result<Vec<Notification>> {
    sqlx::query_as(
        "select id, kind, payload, read_at, created_at from notifications
         where user_id = $1 order by created_at desc, id desc limit $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// How many of the user's notifications are unread.
pub async fn unread_count(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from notifications where user_id = $1 and read_at is null")
        .bind(user_id)
        .fetch_one(conn)
        .await
}

/// A notification by id alone (system: the digest mailer reads what it sends).
pub async fn find_any(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<(Uuid, Notification)>> {
    #[derive(sqlx::FromRow)]
    struct Owned {
        user_id: Uuid,
        #[sqlx(flatten)]
        notification: Notification,
    }
    let row: Option<Owned> =
        sqlx::query_as("select user_id, id, kind, payload, read_at, created_at from notifications where id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|r| (r.user_id, r.notification)))
}

/// Notes in the payload that the digest was emailed (so a retry does not send it again).
pub async fn mark_emailed(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("update notifications set payload = payload || jsonb_build_object('emailed_at', now()) where id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// How many of `ids` are the user's notifications (each counted once).
pub async fn count_owned(conn: &mut PgConnection, user_id: Uuid, ids: &[Uuid]) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from notifications where user_id = $1 and id = any($2)")
        .bind(user_id)
        .bind(ids)
        .fetch_one(conn)
        .await
}

/// Marks the user's notifications read (all, or those in `ids`, optionally of one `kind`).
/// Returns how many changed.
pub async fn mark_read(conn: &mut PgConnection, user_id: Uuid, ids: Option<&[Uuid]>, kind: Option<&str>) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "update notifications set read_at = now()
         where user_id = $1 and read_at is null and ($2::uuid[] is null or id = any($2))
           and ($3::text is null or kind = $3)",
    )
    .bind(user_id)
    .bind(ids)
    .bind(kind)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
