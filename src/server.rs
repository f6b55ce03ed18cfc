//! Serving HTTP with graceful shutdown: on Ctrl-C or SIGTERM, in-flight requests finish first.

use std::net::SocketAddr;

use tokio::net::TcpListener;

use crate::app::{self, AppState};
use crate::config::Config;
use crate::services::token_cache;
use crate::runtime::Database;

/// Serves on an already-bound listener until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let invalidation = tokio::spawn(token_cache::listen(state.system_db.clone(), state.tokens.clone()));
    let service = app::router(state).into_make_service_with_connect_info::<SocketAddr>();
    let served = axum::serve(listener, service).with_graceful_shutdown(shutdown).await;
    invalidation.abort();
    Ok(served?)
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down: finishing in-flight requests");
}

/// Serves on `bind` with the job runner unless told not to, until a signal; then closes the database.
pub async fn run(config: Config, database: Database, bind: SocketAddr, with_worker: bool) -> anyhow::Result<()> {
    let state = AppState::new(database.app.clone(), database.system.clone(), config)?;
    let listener = TcpListener::bind(bind).await?;
    tracing::info!("Jobpilot listening on http://{}", listener.local_addr()?);
    let (stop_jobs, jobs_stopped) = tokio::sync::watch::channel(false);
    let worker = with_worker.then(|| tokio::spawn(crate::jobs::run(state.clone(), jobs_stopped)));
    serve(listener, state, shutdown_signal()).await?;
    let _ = stop_jobs.send(true);
    let jobs_result = match worker {
        Some(worker) => worker.await.map_err(anyhow::Error::new).and_then(|result| result),
        None => Ok(()),
    };
    // The database closes cleanly even when the job runner failed.
    database.close().await?;
    jobs_result
}
