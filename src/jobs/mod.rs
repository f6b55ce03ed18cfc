//! Background jobs: an apalis worker on PostgreSQL plus a cron scheduler, stopped together.

pub mod purge;
pub mod queue;
pub mod schedule;
mod worker;

use tokio::sync::watch;

use crate::app::AppState;

pub use purge::PurgeExpiredAuth;
pub use queue::{Job, enqueue, enqueue_once, setup_queue};

/// Checks the job settings, so `serve` and `worker` refuse to start with a broken schedule
/// instead of serving for hours with no job runner.
pub fn check_config(config: &crate::config::Config) -> anyhow::Result<()> {
    schedule::parse(&config.purge_cron, "JOBPILOT_PURGE_CRON")?;
    Ok(())
}

/// Runs the job runner until `stop` turns true, then lets the job in progress finish.
///
/// Fails at once, before touching the database, when a schedule in the configuration is invalid.
pub async fn run(state: AppState, stop: watch::Receiver<bool>) -> anyhow::Result<()> {
    let purge_cron = schedule::parse(&state.config.purge_cron, "JOBPILOT_PURGE_CRON")?;
    let pool = state.system_db;
    let scheduler = schedule::run::<PurgeExpiredAuth>(pool.clone(), purge_cron, stop.clone());
    let worker = worker::run(pool, stop);
    tracing::info!(purge_cron = %state.config.purge_cron, "job runner started");
    tokio::try_join!(scheduler, worker)?;
    tracing::info!("job runner stopped");
    Ok(())
}

/// `jobpilot worker`: the job runner alone, until Ctrl-C or SIGTERM.
pub async fn run_standalone(config: crate::config::Config) -> anyhow::Result<()> {
    let database = crate::runtime::Database::open(&config).await?;
    let state = AppState::new(database.app.clone(), database.system.clone(), config);
    let (stop, stopped) = watch::channel(false);
    let runner = tokio::spawn(run(state, stopped));
    crate::server::shutdown_signal().await;
    let _ = stop.send(true);
    runner.await??;
    database.close().await
}
