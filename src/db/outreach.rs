//! The `outreach` table: messages to contacts about an application, soft-deletable. Owned
//! through the application; every read names the user.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

/// A message as its owner sees it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Outreach {
    pub id: Uuid,
    pub application_id: Uuid,
    pub contact_name: Option<String>,
    pub contact_role: Option<String>,
    pub contact_profile_url: Option<String>,
    /// linkedin or email.
    pub channel: String,
    /// draft, queued, sent, replied or bounced.
    pub status: String,
    pub message_body: Option<String>,
    pub queued_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    pub replied_at: Option<DateTime<Utc>>,
    pub bounced_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The contact and message a person writes.
pub struct OutreachFields<'a> {
    pub contact_name: Option<&'a str>,
    pub contact_role: Option<&'a str>,
    pub contact_profile_url: Option<&'a str>,
    pub channel: &'a str,
    pub message_body: Option<&'a str>,
}

const SELECT: &str = "select o.id, o.application_id, o.contact_name, o.contact_role, o.contact_profile_url, \
                      o.channel::text as channel, o.status::text as status, o.message_body, o.queued_at, o.sent_at, \
                      o.replied_at, o.bounced_at, o.created_at, o.updated_at \
                      from outreach o join applications a on a.id = o.application_id \
                      where a.user_id = $1 and a.deleted_at is null and o.deleted_at is null";

pub async fn insert(conn: &mut PgConnection, application_id: Uuid, f: &OutreachFields<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into outreach (application_id, contact_name, contact_role, contact_profile_url, channel, message_body)
         values ($1, $2, $3, $4, $5::outreach_channel_enum, $6) returning id",
    )
    .bind(application_id)
    .bind(f.contact_name)
    .bind(f.contact_role)
    .bind(f.contact_profile_url)
    .bind(f.channel)
    .bind(f.message_body)
    .fetch_one(conn)
    .await
}

pub async fn find(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<Outreach>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} and o.id = $2")))
        .bind(user_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn for_application(conn: &mut PgConnection, user_id: Uuid, application_id: Uuid) -> sqlx::Result<Vec<Outreach>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} and o.application_id = $2 order by o.created_at, o.id")))
        .bind(user_id)
        .bind(application_id)
        .fetch_all(conn)
        .await
}

pub async fn update_fields(conn: &mut PgConnection, id: Uuid, f: &OutreachFields<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "update outreach set contact_name = $2, contact_role = $3, contact_profile_url = $4,
                channel = $5::outreach_channel_enum, message_body = $6
          where id = $1 and deleted_at is null",
    )
    .bind(id)
    .bind(f.contact_name)
    .bind(f.contact_role)
    .bind(f.contact_profile_url)
    .bind(f.channel)
    .bind(f.message_body)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves a message from `from` to `to` and stamps the time of the new status; false when it is
/// no longer in `from` (a concurrent change won).
pub async fn set_status(conn: &mut PgConnection, id: Uuid, from: &str, to: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update outreach set status = $3::outreach_status_enum,
                queued_at = case when $3 = 'queued' then now() else queued_at end,
                sent_at = case when $3 = 'sent' then now() else sent_at end,
                replied_at = case when $3 = 'replied' then now() else replied_at end,
                bounced_at = case when $3 = 'bounced' then now() else bounced_at end
          where id = $1 and status = $2::outreach_status_enum and deleted_at is null",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn soft_delete(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("update outreach set deleted_at = now() where id = $1 and deleted_at is null").bind(id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}
