//! Database access: connection pools, migrations and the per-user (tenant) transaction.
//!
//! Two pools reach the same server. The *owner* pool runs migrations and system jobs; the *app*
//! pool switches every connection to `jobpilot_app`, a role that owns nothing and cannot bypass
//! row-level security, so a forgotten `where user_id = …` can never leak another user's rows.

pub mod api_tokens;
pub mod applications;
pub mod applications_export;
pub mod artifacts;
pub mod audit;
pub mod calendar_feed_tokens;
pub mod catalog_read;
pub mod catalog_search;
pub mod companies;
pub mod constraints;
pub mod cover_letters;
pub mod embedded;
pub mod enrichment_runs;
pub mod enrichments;
pub mod events;
pub mod job_postings;
pub mod matching;
pub mod model_runs;
pub mod outreach;
pub mod pipeline_board;
pub mod notifications;
pub mod profiles;
pub mod reminders;
pub mod resume_versions;
pub mod resume_versions_list;
pub mod resume_tailoring;
pub mod resume_render;
pub mod salary_benchmarks;
pub mod search_prefs;
pub mod sessions;
pub mod sources;
pub mod tasks;
pub mod throttle;
pub mod unsubscribe_tokens;
pub mod user_events;
pub mod users;

use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Executor, PgPool, Postgres, Transaction};
use uuid::Uuid;

/// Every schema change, forward-only, embedded in the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// The role the web app and API run as (created by the first migration).
pub const APP_ROLE: &str = "jobpilot_app";

/// Opens a pool as the connection string's own user (the schema owner).
pub async fn connect_owner_pool(url: &str, max_connections: u32) -> anyhow::Result<PgPool> {
    let options: PgConnectOptions = url.parse()?;
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await?;
    Ok(pool)
}

/// Opens a pool whose every connection runs as [`APP_ROLE`], so row-level security applies.
pub async fn connect_app_pool(url: &str, max_connections: u32) -> anyhow::Result<PgPool> {
    let options: PgConnectOptions = url.parse()?;
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                conn.execute("set role jobpilot_app").await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?;
    Ok(pool)
}

/// Applies every pending migration. Runs as the owner; safe to call on every start.
pub async fn migrate(owner: &PgPool) -> anyhow::Result<()> {
    let (role, can_bypass): (String, bool) = sqlx::query_as(
        "select rolname::text, rolsuper or rolbypassrls from pg_roles where rolname = current_user",
    )
    .fetch_one(owner)
    .await?;
    anyhow::ensure!(
        can_bypass,
        "the database user {role} must be a superuser or have BYPASSRLS (alter role {role} bypassrls): \
         row-level security is forced on every user table, and migrations and system jobs run as this user"
    );
    MIGRATOR.run(owner).await?;
    // The job queue's tables live in apalis' own schema, with apalis' own migration history.
    crate::jobs::setup_queue(owner).await?;
    Ok(())
}

/// Begins a transaction in which row-level security sees `user_id` as the current user.
///
/// `set local` is transaction-local, so the setting can never leak to the next
/// request that borrows the same pooled connection.
///
/// `begin` and the setting travel in one round trip; interpolating is safe because a `Uuid`
/// only ever formats as hex digits and dashes.
pub async fn begin_for_user(
    pool: &PgPool,
    user_id: Uuid,
) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
    // The role is set per transaction too, not only per connection, so isolation holds even
    // behind a transaction-pooling proxy that hands out connections whose session role differs.
    let statement = format!("begin; set local role jobpilot_app; set local app.user_id = '{user_id}'");
    pool.begin_with(sqlx::AssertSqlSafe(statement)).await
}

/// Ends a transaction that only read.
///
/// Dropping it rolls back, and sqlx sends that `ROLLBACK` together with the check it runs on every
/// connection returning to the pool: a read costs one round trip less than with `COMMIT`.
/// Only for transactions that wrote nothing: a write would be lost.
pub fn end_read(tx: Transaction<'static, Postgres>) {
    drop(tx);
}

/// The newest migration this binary knows.
pub fn latest_migration_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The newest migration applied to the database, if any.
pub async fn applied_migration_version(owner: &PgPool) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("select max(version) from _sqlx_migrations where success")
        .fetch_one(owner)
        .await
}

/// `%`, `_` and `\` in user text are literal characters, not patterns.
pub(crate) fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    escaped
}
