//! The database schema against its contract (`shared/spec/data-model.md`): the catalog checks live
//! in `catalog.rs`, row-level security, constraints and auth functions at work in `behaviour.rs`.

#[path = "../support/mod.rs"]
mod support;

mod behaviour;
mod catalog;

use sqlx::{AssertSqlSafe, Connection, Executor, PgConnection, Postgres, Transaction};
use uuid::Uuid;

/// Tables whose rows belong to one user: row-level security is enabled and forced on each.
pub const USER_OWNED_TABLES: &[&str] = &[
    "users",
    "profiles",
    "integration_accounts",
    "posting_enrichments",
    "feed_dismissals",
    "applications",
    "application_stage_changes",
    "resume_versions",
    "outreach",
    "events",
    "tasks",
    "artifacts",
    "search_prefs",
    "notifications",
    "model_runs",
    "model_io",
    "audit_logs",
    "user_events",
    "subscriptions",
    "api_tokens",
    "sources",
];

/// The shared catalog and the auth tables read before any user is known: no row-level security.
pub const UNRESTRICTED_TABLES: &[&str] =
    &["companies", "job_postings", "sessions", "auth_throttle"];

/// A connection, as the schema owner, to a new migrated database.
pub async fn connect() -> PgConnection {
    let url = support::fresh_database().await;
    PgConnection::connect(&url)
        .await
        .expect("connect to the test database")
}

/// Runs dynamic SQL built by the test itself (never from input).
pub async fn run(db: &mut PgConnection, sql: String) -> Result<u64, sqlx::Error> {
    Ok(sqlx::raw_sql(AssertSqlSafe(sql))
        .execute(db)
        .await?
        .rows_affected())
}

/// Counts the rows of `table` that the connection can see.
pub async fn count(db: &mut PgConnection, table: &str) -> i64 {
    sqlx::query_scalar(AssertSqlSafe(format!("select count(*) from {table}")))
        .fetch_one(db)
        .await
        .expect("count rows")
}

/// Begins a transaction running as the app role, with `user` as the current user if given.
pub async fn begin_as_app(db: &mut PgConnection, user: Option<Uuid>) -> Transaction<'_, Postgres> {
    let mut tx = db.begin().await.expect("begin");
    tx.execute("set local role jobpilot_app")
        .await
        .expect("set role");
    if let Some(user) = user {
        sqlx::query("select set_config('app.user_id', $1, true)")
            .bind(user.to_string())
            .execute(&mut *tx)
            .await
            .expect("set app.user_id");
    }
    tx
}

/// Runs `sql` as the app role (as `user`) and rolls back; returns how it went.
pub async fn as_app(
    db: &mut PgConnection,
    user: Option<Uuid>,
    sql: String,
) -> Result<u64, sqlx::Error> {
    let mut tx = begin_as_app(db, user).await;
    let result = run(&mut tx, sql).await;
    tx.rollback().await.expect("rollback");
    result
}

/// The SQLSTATE and constraint name of a statement that must have failed.
pub fn failure<T: std::fmt::Debug>(result: Result<T, sqlx::Error>) -> (String, String) {
    let error = result.expect_err("the statement should have failed");
    let db_error = error
        .as_database_error()
        .unwrap_or_else(|| panic!("expected a database error, got {error}"));
    let code = db_error.code().map(|c| c.into_owned()).unwrap_or_default();
    (code, db_error.constraint().unwrap_or_default().to_owned())
}
