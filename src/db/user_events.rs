//! `user_events` (§12): product analytics, written in the same transaction as what they count.

use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

pub async fn record(conn: &mut PgConnection, user_id: Uuid, name: &str, props: &Value) -> sqlx::Result<()> {
    sqlx::query("insert into user_events (user_id, name, props) values ($1, $2, $3)")
        .bind(user_id)
        .bind(name)
        .bind(props)
        .execute(conn)
        .await?;
    Ok(())
}
