//! Background jobs: an apalis worker on PostgreSQL plus a cron scheduler, stopped together.

pub mod digest;
pub mod enrich;
pub mod purge;
pub mod queue;
pub mod refresh;
pub mod refresh_hosts;
pub mod schedule;
pub mod scout;
mod worker;

use tokio::sync::watch;

use crate::app::AppState;

pub use purge::PurgeExpiredAuth;
pub use queue::{Job, enqueue, enqueue_once, setup_queue};

/// Checks the job settings, so `serve` and `worker` refuse to start with a broken schedule
/// instead of serving for hours with no job runner.
pub fn check_config(config: &crate::config::Config) -> anyhow::Result<()> {
    schedule::parse(&config.purge_cron, "JOBPILOT_PURGE_CRON")?;
    schedule::parse(&config.sources_cron, "JOBPILOT_SOURCES_CRON")?;
    schedule::parse(&config.scout_cron, "JOBPILOT_SCOUT_CRON")?;
    schedule::parse(&config.backfill_cron, "JOBPILOT_BACKFILL_CRON")?;
    crate::mail::Mailer::from_config(config)?;
    crate::connectors::fetch::FetchSettings::from_config(config).check()?;
    Ok(())
}

/// Runs the job runner until `stop` turns true, then lets the job in progress finish.
///
/// Fails at once, before touching the database, when a schedule in the configuration is invalid.
pub async fn run(state: AppState, stop: watch::Receiver<bool>) -> anyhow::Result<()> {
    let purge_cron = schedule::parse(&state.config.purge_cron, "JOBPILOT_PURGE_CRON")?;
    let sources_cron = schedule::parse(&state.config.sources_cron, "JOBPILOT_SOURCES_CRON")?;
    let scout_cron = schedule::parse(&state.config.scout_cron, "JOBPILOT_SCOUT_CRON")?;
    let backfill_cron = schedule::parse(&state.config.backfill_cron, "JOBPILOT_BACKFILL_CRON")?;
    let mailer = crate::mail::Mailer::from_config(&state.config)?;
    let public_url = digest::PublicUrl(state.config.public_url.clone());
    // One fetcher per process, so its per-host turns cover every refresh this worker runs.
    let fetcher = std::sync::Arc::new(crate::connectors::fetch::Fetcher::from_config(&state.config)?);
    let pool = state.system_db;
    let scheduler = schedule::run::<PurgeExpiredAuth>(pool.clone(), purge_cron, stop.clone());
    let sources = schedule::run::<refresh::QueueDueSources>(pool.clone(), sources_cron, stop.clone());
    let scout = schedule::run::<scout::QueueDueSearches>(pool.clone(), scout_cron, stop.clone());
    let backfill = schedule::run::<enrich::NightlyBackfill>(pool.clone(), backfill_cron, stop.clone());
    let worker = worker::run(pool, fetcher, worker::Mail { mailer, public_url }, stop);
    tracing::info!(purge_cron = %state.config.purge_cron, sources_cron = %state.config.sources_cron,
        scout_cron = %state.config.scout_cron, backfill_cron = %state.config.backfill_cron, "job runner started");
    tokio::try_join!(scheduler, sources, scout, backfill, worker)?;
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
