//! Background jobs (being written).

use tokio::sync::watch;

use crate::app::AppState;

/// Runs the job runner until `stop` turns true.
pub async fn run(_state: AppState, mut stop: watch::Receiver<bool>) -> anyhow::Result<()> {
    let _ = stop.wait_for(|stopped| *stopped).await;
    Ok(())
}

/// `jobpilot worker`: the job runner alone, until Ctrl-C or SIGTERM.
pub async fn run_standalone(config: crate::config::Config) -> anyhow::Result<()> {
    let database = crate::runtime::Database::open(&config).await?;
    let state = AppState {
        db: database.app.clone(),
        system_db: database.system.clone(),
        config: std::sync::Arc::new(config),
    };
    let (stop, stopped) = watch::channel(false);
    let runner = tokio::spawn(run(state, stopped));
    crate::server::shutdown_signal().await;
    let _ = stop.send(true);
    runner.await??;
    database.close().await
}
