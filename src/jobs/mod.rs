//! Background jobs: an apalis worker on PostgreSQL plus a cron scheduler, stopped together.

pub mod digest;
pub mod enrich;
pub mod purge;
pub mod queue;
pub mod refresh;
pub mod reminders;
pub mod refresh_hosts;
pub mod schedule;
pub mod scout;
mod worker;

use tokio::sync::watch;

use crate::app::AppState;

pub use purge::PurgeExpiredAuth;
pub use queue::{Job, enqueue, enqueue_once, setup_queue};

/// Connections of the job runner's pool: one per queue worker and scheduler, plus room for
/// the jobs' own transactions.
const JOB_RUNNER_CONNECTIONS: u32 = 16;

/// Checks the job settings, so `serve` and `worker` refuse to start with a broken schedule
/// instead of serving for hours with no job runner.
pub fn check_config(config: &crate::config::Config) -> anyhow::Result<()> {
    schedule::parse(&config.purge_cron, "JOBPILOT_PURGE_CRON")?;
    schedule::parse(&config.sources_cron, "JOBPILOT_SOURCES_CRON")?;
    schedule::parse(&config.scout_cron, "JOBPILOT_SCOUT_CRON")?;
    schedule::parse(&config.backfill_cron, "JOBPILOT_BACKFILL_CRON")?;
    schedule::parse(&config.reminders_cron, "JOBPILOT_REMINDERS_CRON")?;
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
    let reminders_cron = schedule::parse(&state.config.reminders_cron, "JOBPILOT_REMINDERS_CRON")?;
    let mailer = crate::mail::Mailer::from_config(&state.config)?;
    let public_url = digest::PublicUrl(state.config.public_url.clone());
    // One fetcher per process, so its per-host turns cover every refresh this worker runs.
    let fetcher = std::sync::Arc::new(crate::connectors::fetch::Fetcher::from_config(&state.config)?);
    // Its own pool: each queue's worker polls on its own connection, and sharing the server's
    // few system connections made polls time out under load.
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(JOB_RUNNER_CONNECTIONS)
        .acquire_timeout(std::time::Duration::from_secs(30))
        .connect_with(state.system_db.connect_options().as_ref().clone())
        .await?;
    let scheduler = schedule::run::<PurgeExpiredAuth>(pool.clone(), purge_cron, stop.clone());
    let sources = schedule::run::<refresh::QueueDueSources>(pool.clone(), sources_cron, stop.clone());
    let scout = schedule::run::<scout::QueueDueSearches>(pool.clone(), scout_cron, stop.clone());
    let backfill = schedule::run::<enrich::NightlyBackfill>(pool.clone(), backfill_cron, stop.clone());
    let reminders = schedule::run::<reminders::CreateReminders>(pool.clone(), reminders_cron, stop.clone());
    let worker = worker::run(pool, state.storage.clone(), fetcher, worker::Mail { mailer, public_url }, stop);
    tracing::info!(purge_cron = %state.config.purge_cron, sources_cron = %state.config.sources_cron,
        scout_cron = %state.config.scout_cron, backfill_cron = %state.config.backfill_cron,
        reminders_cron = %state.config.reminders_cron, "job runner started");
    tokio::try_join!(scheduler, sources, scout, backfill, reminders, worker)?;
    tracing::info!("job runner stopped");
    Ok(())
}

/// `jobpilot worker`: the job runner alone, until Ctrl-C or SIGTERM.
pub async fn run_standalone(config: crate::config::Config) -> anyhow::Result<()> {
    let database = crate::runtime::Database::open(&config).await?;
    let state = AppState::new(database.app.clone(), database.system.clone(), config)?;
    let (stop, stopped) = watch::channel(false);
    let runner = tokio::spawn(run(state, stopped));
    crate::server::shutdown_signal().await;
    let _ = stop.send(true);
    runner.await??;
    database.close().await
}
