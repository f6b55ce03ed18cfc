//! The `search_prefs` table: a user's saved searches and their schedules.

use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

/// Inserts a saved search and returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    user_id: Uuid,
    name: &str,
    filters: &Value,
    schedule_cron: &str,
    timezone: &str,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into search_prefs (user_id, name, filters, schedule_cron, timezone)
         values ($1, $2, $3, $4, $5) returning id",
    )
    .bind(user_id)
    .bind(name)
    .bind(filters)
    .bind(schedule_cron)
    .bind(timezone)
    .fetch_one(conn)
    .await
}

/// How many saved searches the current user has.
pub async fn count(conn: &mut PgConnection) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from search_prefs").fetch_one(conn).await
}
