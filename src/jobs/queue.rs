//! The job queue: apalis' PostgreSQL storage, its schema, and enqueueing from any transaction.

use anyhow::Context;
use apalis::prelude::TaskBuilder;
use apalis_postgres::{Config, PgTask, PostgresStorage};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::{Acquire, Executor, PgConnection, PgPool};

/// Runs a job gets (the first plus retries) before it stays `Failed` in the queue.
pub const MAX_ATTEMPTS: usize = 3;

/// A job payload and the queue it travels on.
pub trait Job: Serialize + DeserializeOwned + Clone + Send + Sync + Unpin + 'static {
    /// Fixed text rather than apalis' default (the Rust type path), so moving the type to another
    /// module never strands jobs already queued under the old name.
    const QUEUE: &'static str;
}

/// Privileges `jobpilot_app` needs to enqueue (and inspect) jobs inside a user's transaction.
/// The migration history stays out of its reach.
const GRANTS: &[&str] = &[
    "grant usage on schema apalis to jobpilot_app",
    "grant select, insert, update, delete on all tables in schema apalis to jobpilot_app",
    "revoke all on apalis._sqlx_migrations from jobpilot_app",
    "grant usage, select on all sequences in schema apalis to jobpilot_app",
    "grant execute on all functions in schema apalis to jobpilot_app",
];

/// Creates or upgrades apalis' `apalis` schema and lets the app role use it. Idempotent.
pub async fn setup_queue(owner: &PgPool) -> anyhow::Result<()> {
    // apalis keeps its own migration history (apalis._sqlx_migrations) under sqlx's per-database
    // migration lock, so concurrent starts on one database apply each migration once.
    PostgresStorage::setup(owner)
        .await
        .context("setting up the job queue schema")?;
    let mut tx = owner.begin().await?;
    // Concurrent GRANTs on the same object can fail with "tuple concurrently updated".
    // Advisory locks are per database, so test databases on one cluster never wait on each other.
    tx.execute("select pg_advisory_xact_lock(hashtext('jobpilot.setup_queue'))")
        .await?;
    for grant in GRANTS {
        tx.execute(*grant)
            .await
            .with_context(|| format!("job queue setup: {grant}"))?;
    }
    tx.commit().await?;
    Ok(())
}

/// The storage a worker for `J` polls.
pub fn storage<J: Job>(pool: &PgPool) -> PostgresStorage<J> {
    PostgresStorage::new(pool).with_config(Config::default().queue(J::QUEUE))
}

/// Queues `job` on `conn`; inside a transaction it becomes visible to workers only on commit.
pub async fn enqueue<J: Job>(conn: &mut PgConnection, job: &J) -> anyhow::Result<()> {
    let task = task(job)?.build();
    push::<J>(conn, task).await?;
    Ok(())
}

/// Queues `job` unless a `J` job with the same `key` was queued before. Returns whether it queued.
///
/// Works inside the caller's transaction: a duplicate only rolls back a savepoint.
pub async fn enqueue_once<J: Job>(
    conn: &mut PgConnection,
    job: &J,
    key: &str,
) -> anyhow::Result<bool> {
    let task = task(job)?.idempotency_key(key).build();
    let mut savepoint = conn.begin().await?;
    match push::<J>(&mut savepoint, task).await {
        Ok(()) => {
            savepoint.commit().await?;
            Ok(true)
        }
        Err(error) if is_duplicate_key(&error) => {
            savepoint.rollback().await?;
            Ok(false)
        }
        Err(error) => Err(error.into()),
    }
}

fn task<J: Job>(job: &J) -> anyhow::Result<TaskBuilder<Vec<u8>>> {
    // The same encoding as the storage's JsonCodec, so the worker decodes it back into `J`.
    let payload = serde_json::to_vec(job).context("encoding a job")?;
    Ok(TaskBuilder::new(payload).max_attempts(MAX_ATTEMPTS))
}

async fn push<J: Job>(conn: &mut PgConnection, task: PgTask) -> Result<(), apalis_postgres::Error> {
    apalis_postgres::queries::push_tasks(conn, J::QUEUE, vec![task]).await
}

/// apalis enforces idempotency keys with a unique index on (job_type, idempotency_key).
fn is_duplicate_key(error: &apalis_postgres::Error) -> bool {
    let apalis_postgres::Error::Database(error) = error else {
        return false;
    };
    error
        .as_database_error()
        .is_some_and(|db| db.is_unique_violation())
}
