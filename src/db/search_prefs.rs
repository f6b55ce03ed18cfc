//! The `search_prefs` table: a user's saved searches, their schedules and their last run.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::PgConnection;
use sqlx::types::Json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::search_filters::{SavedSearchInput, SearchFilters};

/// A saved search as stored.
#[derive(Clone, Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct SavedSearch {
    pub id: Uuid,
    #[serde(skip)]
    pub user_id: Uuid,
    pub name: String,
    #[sqlx(json)]
    pub filters: SearchFilters,
    pub schedule_cron: String,
    pub timezone: String,
    pub enabled: bool,
    pub email_digest: bool,
    pub last_run_at: Option<DateTime<Utc>>,
    pub next_run_at: Option<DateTime<Utc>>,
    /// What the last scoring saw: `scanned`, `matched`, and `excluded` per filter.
    #[schema(value_type = Object)]
    pub last_stats: Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, user_id, name, filters, coalesce(schedule_cron, '0 7 * * *') as schedule_cron,
    coalesce(timezone, 'UTC') as timezone, enabled, email_digest, last_run_at, next_run_at, last_stats,
    created_at, updated_at";

/// Inserts a saved search and returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    user_id: Uuid,
    name: &str,
    filters: &Value,
    schedule_cron: &str,
    timezone: &str,
    next_run_at: Option<DateTime<Utc>>,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into search_prefs (user_id, name, filters, schedule_cron, timezone, next_run_at)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(user_id)
    .bind(name)
    .bind(filters)
    .bind(schedule_cron)
    .bind(timezone)
    .bind(next_run_at)
    .fetch_one(conn)
    .await
}

/// Inserts a validated saved search with its first run time.
pub async fn create(
    conn: &mut PgConnection,
    user_id: Uuid,
    input: &SavedSearchInput,
    next_run_at: Option<DateTime<Utc>>,
) -> sqlx::Result<SavedSearch> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "insert into search_prefs (user_id, name, filters, schedule_cron, timezone, enabled, next_run_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning {COLUMNS}"
    )))
    .bind(user_id)
    .bind(&input.name)
    .bind(Json(&input.filters))
    .bind(&input.schedule_cron)
    .bind(input.zone())
    .bind(input.enabled)
    .bind(next_run_at)
    .fetch_one(conn)
    .await
}

/// Replaces a saved search's fields; `None` when it is not the user's.
pub async fn update(
    conn: &mut PgConnection,
    user_id: Uuid,
    id: Uuid,
    input: &SavedSearchInput,
    next_run_at: Option<DateTime<Utc>>,
) -> sqlx::Result<Option<SavedSearch>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "update search_prefs set name = $3, filters = $4, schedule_cron = $5, timezone = $6, enabled = $7,
            next_run_at = $8
         where user_id = $1 and id = $2 returning {COLUMNS}"
    )))
    .bind(user_id)
    .bind(id)
    .bind(&input.name)
    .bind(Json(&input.filters))
    .bind(&input.schedule_cron)
    .bind(input.zone())
    .bind(input.enabled)
    .bind(next_run_at)
    .fetch_optional(conn)
    .await
}

/// One of the user's saved searches, locked when `lock` is set.
pub async fn find(conn: &mut PgConnection, user_id: Uuid, id: Uuid, lock: bool) -> sqlx::Result<Option<SavedSearch>> {
    let lock = if lock { " for update" } else { "" };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from search_prefs where user_id = $1 and id = $2{lock}"
    )))
    .bind(user_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The user's saved searches by name (a user has a handful).
pub async fn list(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<Vec<SavedSearch>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from search_prefs where user_id = $1 order by lower(name), id"
    )))
    .bind(user_id)
    .fetch_all(conn)
    .await
}

/// Every enabled saved search of these users, or of everyone when `users` is `None` (system).
pub async fn enabled_of(conn: &mut PgConnection, users: Option<&[Uuid]>) -> sqlx::Result<Vec<SavedSearch>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from search_prefs
         where enabled and ($1::uuid[] is null or user_id = any($1)) order by user_id, id"
    )))
    .bind(users)
    .fetch_all(conn)
    .await
}

pub async fn delete(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<SavedSearch>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "delete from search_prefs where user_id = $1 and id = $2 returning {COLUMNS}"
    )))
    .bind(user_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Searches whose run is due, oldest first (system).
pub async fn due(conn: &mut PgConnection, now: DateTime<Utc>, limit: i64) -> sqlx::Result<Vec<(Uuid, DateTime<Utc>)>> {
    sqlx::query_as(
        "select id, next_run_at from search_prefs
         where enabled and next_run_at <= $1 order by next_run_at limit $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// A saved search by id alone (system: the job runner acts for its owner).
pub async fn find_any(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<SavedSearch>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select {COLUMNS} from search_prefs where id = $1 for update")))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Records a finished run: when it ran, when it runs next, what it saw.
pub async fn record_run(
    conn: &mut PgConnection,
    id: Uuid,
    ran_at: DateTime<Utc>,
    next_run_at: Option<DateTime<Utc>>,
    stats: &Value,
) -> sqlx::Result<()> {
    sqlx::query("update search_prefs set last_run_at = $2, next_run_at = $3, last_stats = $4 where id = $1")
        .bind(id)
        .bind(ran_at)
        .bind(next_run_at)
        .bind(stats)
        .execute(conn)
        .await?;
    Ok(())
}

/// Stores what scoring saw for each search (a user's rescoring, or the nightly backfill).
pub async fn record_stats(conn: &mut PgConnection, stats: &[(Uuid, Value)]) -> sqlx::Result<()> {
    let (ids, values): (Vec<Uuid>, Vec<Value>) = stats.iter().cloned().unzip();
    sqlx::query(
        "update search_prefs s set last_stats = v.stats
         from unnest($1::uuid[], $2::jsonb[]) as v(id, stats)
         where s.id = v.id and s.last_stats is distinct from v.stats",
    )
    .bind(ids)
    .bind(values)
    .execute(conn)
    .await?;
    Ok(())
}

/// Turns a search's digest email on or off.
pub async fn set_email_digest(conn: &mut PgConnection, id: Uuid, on: bool) -> sqlx::Result<bool> {
    let done = sqlx::query("update search_prefs set email_digest = $2 where id = $1 and email_digest <> $2")
        .bind(id)
        .bind(on)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// How many saved searches the current user has.
pub async fn count(conn: &mut PgConnection) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from search_prefs").fetch_one(conn).await
}
