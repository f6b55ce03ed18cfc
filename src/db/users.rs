//! The `users` table.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

/// A user as clients see it: never the password hash.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    #[schema(example = "free")]
    pub plan_tier: String,
    #[schema(example = "active")]
    pub status: String,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// What login needs to know about an email, looked up before any user is current.
/// No `Debug`: it holds the password hash.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: Uuid,
    pub password_hash: Option<String>,
    pub status: String,
}

macro_rules! user_columns {
    () => {
        "id, email::text as email, plan_tier::text as plan_tier, status::text as status, last_login_at, created_at"
    };
}

/// Inserts a user; `id` must already be the transaction's current user (row-level security).
pub async fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    email: &str,
    password_hash: &str,
) -> sqlx::Result<User> {
    sqlx::query_as(concat!("insert into users (id, email, password_hash) values ($1, $2, $3) returning ", user_columns!()))
    .bind(id)
    .bind(email)
    .bind(password_hash)
    .fetch_one(conn)
    .await
}

/// The current user (row-level security hides everyone else).
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<User>> {
    sqlx::query_as(concat!("select ", user_columns!(), " from users where id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The current user and how many of their notifications are unread, in one statement: every
/// page loads the user anyway, and the header shows the count.
pub async fn find_with_unread(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<(User, i64)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: User,
        unread: i64,
    }
    let row: Option<Row> = sqlx::query_as(concat!(
        "select ", user_columns!(), ",
                (select count(*) from notifications n where n.user_id = users.id and n.read_at is null) as unread
           from users where id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.user, r.unread)))
}

/// Looks up login credentials by email through the security-definer function.
pub async fn find_credentials(conn: &mut PgConnection, email: &str) -> sqlx::Result<Option<Credentials>> {
    sqlx::query_as(
        "select id, password_hash, status::text as status from auth_find_user_by_email($1::citext)",
    )
    .bind(email)
    .fetch_optional(conn)
    .await
}

/// Stamps a successful login and returns the updated user.
pub async fn touch_last_login(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<User> {
    sqlx::query_as(concat!("update users set last_login_at = now() where id = $1 returning ", user_columns!()))
    .bind(id)
    .fetch_one(conn)
    .await
}

/// A user's id by email (system: operator commands name users by email).
pub async fn id_by_email(conn: &mut PgConnection, email: &str) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar("select id from users where email = $1::citext").bind(email).fetch_optional(conn).await
}
