//! The one resume_versions read rendering needs: a user's live version's sections.

use sqlx::PgConnection;
use uuid::Uuid;

/// The version's `sections_json`, or None when it is not this user's or is deleted.
pub async fn sections(conn: &mut PgConnection, user_id: Uuid, version_id: Uuid) -> sqlx::Result<Option<serde_json::Value>> {
    sqlx::query_scalar("select sections_json from resume_versions where user_id = $1 and id = $2 and deleted_at is null")
        .bind(user_id)
        .bind(version_id)
        .fetch_optional(conn)
        .await
}
