//! The apalis worker that runs queued jobs, restarted after database errors until told to stop.

use std::sync::Arc;
use std::time::Duration;

use apalis::layers::retry::{BackoffRetryPolicy, HasherRng};
use apalis::layers::retry::backoff::{ExponentialBackoff, ExponentialBackoffMaker, MakeBackoff};
use apalis::prelude::{BackendExt, RetryPolicy, WorkerBuilder, WorkerBuilderExt, WorkerError};
use sqlx::PgPool;
use tokio::sync::watch;
use uuid::Uuid;

use crate::connectors::fetch::Fetcher;
use crate::jobs::digest::{self, PublicUrl, SendDigest};
use crate::jobs::enrich::{self, EnrichPostings, EnrichUser, NightlyBackfill};
use crate::jobs::purge::{self, PurgeExpiredAuth};
use crate::jobs::scout::{self, MailerReady, QueueDueSearches, RunSavedSearch};
use crate::mail::Mailer;
use crate::storage::Storage;
use crate::jobs::refresh::{self, QueueDueSources, RefreshSource};
use crate::jobs::reminders::{self, CreateReminders};
use crate::jobs::queue::{self, MAX_ATTEMPTS};

/// How often an idle worker looks for new jobs.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// Pause before restarting a worker whose database connection failed.
const RESTART_DELAY: Duration = Duration::from_secs(5);

/// Runs jobs until `stop` turns true; the job in progress then finishes first.
pub async fn run(pool: PgPool, storage: Storage, fetcher: Arc<Fetcher>, mail: Mail, stop: watch::Receiver<bool>) -> anyhow::Result<()> {
    loop {
        let result = tokio::try_join!(
            run_once(pool.clone(), storage.clone(), stop.clone()),
            refresh_workers(pool.clone(), fetcher.clone(), stop.clone()),
            matching_workers(pool.clone(), mail.clone(), stop.clone()),
            reminder_worker(pool.clone(), stop.clone()),
        )
        .map(|_| ());
        if stopping(&stop) {
            return Ok(());
        }
        match result {
            // The worker only ends cleanly when stopped; anything else is worth a restart.
            Ok(()) => tracing::warn!("job worker ended on its own; restarting"),
            Err(error) => tracing::warn!("job worker failed: {error:#}; restarting"),
        }
        let mut stop = stop.clone();
        tokio::select! {
            _ = stop.wait_for(|stopped| *stopped) => return Ok(()),
            () = tokio::time::sleep(RESTART_DELAY) => {}
        }
    }
}

async fn run_once(pool: PgPool, storage: Storage, mut stop: watch::Receiver<bool>) -> anyhow::Result<()> {
    // apalis refuses to register a worker name that is still registered (and alive), so each
    // process, and each restart, takes a fresh one.
    let name = format!(
        "jobpilot-{}-{}",
        std::process::id(),
        Uuid::new_v4().simple()
    );
    let backoff = ExponentialBackoffMaker::new(
        Duration::from_millis(500),
        Duration::from_secs(30),
        0.5,
        HasherRng::default(),
    )?
    .make_backoff();
    let worker = WorkerBuilder::new(name.as_str())
        .backend(queue::storage::<PurgeExpiredAuth>(&pool).poll_with_interval(POLL_INTERVAL))
        .data(pool)
        .data(storage)
        .retry(RetryPolicy::retries(MAX_ATTEMPTS - 1).with_backoff(backoff))
        .build(purge::handle);
    let signal = async move {
        let _ = stop.wait_for(|stopped| *stopped).await;
        Ok::<(), WorkerError>(())
    };
    worker.run_until(signal).await?;
    Ok(())
}

/// The source scan and the refreshes, on their own queues, with the same retry policy as purge
/// (a refresh retries only on database errors: a failed fetch is recorded and backs off on its row).
async fn refresh_workers(pool: PgPool, fetcher: Arc<Fetcher>, stop: watch::Receiver<bool>) -> anyhow::Result<()> {
    let scan = WorkerBuilder::new(worker_name("scan").as_str())
        .backend(queue::storage::<QueueDueSources>(&pool).poll_with_interval(POLL_INTERVAL))
        .data(pool.clone())
        .retry(RetryPolicy::retries(MAX_ATTEMPTS - 1).with_backoff(backoff()?))
        .build(refresh::handle_scan);
    let refresh = WorkerBuilder::new(worker_name("refresh").as_str())
        .backend(queue::storage::<RefreshSource>(&pool).poll_with_interval(POLL_INTERVAL))
        .data(pool)
        .data(fetcher)
        .retry(RetryPolicy::retries(MAX_ATTEMPTS - 1).with_backoff(backoff()?))
        .build(refresh::handle_refresh);
    tokio::try_join!(scan.run_until(stopped(stop.clone())), refresh.run_until(stopped(stop)))?;
    Ok(())
}

/// What the digest mailer needs.
#[derive(Clone)]
pub struct Mail {
    pub mailer: Option<Mailer>,
    pub public_url: PublicUrl,
}

/// Enrichment, saved-search runs and digests, each on its own queue with the same retry policy.
async fn matching_workers(pool: PgPool, mail: Mail, stop: watch::Receiver<bool>) -> anyhow::Result<()> {
    let retry = || -> anyhow::Result<BackoffRetryPolicy<ExponentialBackoff>> {
        Ok(RetryPolicy::retries(MAX_ATTEMPTS - 1).with_backoff(backoff()?))
    };
    let poll = |name: &str| worker_name(name);
    let postings = WorkerBuilder::new(poll("enrich-postings").as_str())
        .backend(queue::storage::<EnrichPostings>(&pool).poll_with_interval(POLL_INTERVAL))
        .data(pool.clone())
        .retry(retry()?)
        .build(enrich::handle_postings);
    let user = WorkerBuilder::new(poll("enrich-user").as_str())
        .backend(queue::storage::<EnrichUser>(&pool).poll_with_interval(POLL_INTERVAL))
        .data(pool.clone())
        .retry(retry()?)
        .build(enrich::handle_user);
    let backfill = WorkerBuilder::new(poll("enrich-backfill").as_str())
        .backend(queue::storage::<NightlyBackfill>(&pool).poll_with_interval(POLL_INTERVAL))
        .data(pool.clone())
        .retry(retry()?)
        .build(enrich::handle_backfill);
    let scan = WorkerBuilder::new(poll("scout-scan").as_str())
        .backend(queue::storage::<QueueDueSearches>(&pool).poll_with_interval(POLL_INTERVAL))
        .data(pool.clone())
        .retry(retry()?)
        .build(scout::handle_scan);
    let run = WorkerBuilder::new(poll("scout").as_str())
        .backend(queue::storage::<RunSavedSearch>(&pool).poll_with_interval(POLL_INTERVAL))
        .data(pool.clone())
        .data(MailerReady(mail.mailer.is_some()))
        .retry(retry()?)
        .build(scout::handle_run);
    let send = WorkerBuilder::new(poll("digest").as_str())
        .backend(queue::storage::<SendDigest>(&pool).poll_with_interval(POLL_INTERVAL))
        .data(pool)
        .data(mail.mailer)
        .data(mail.public_url)
        .retry(retry()?)
        .build(digest::handle);
    tokio::try_join!(
        postings.run_until(stopped(stop.clone())),
        user.run_until(stopped(stop.clone())),
        backfill.run_until(stopped(stop.clone())),
        scan.run_until(stopped(stop.clone())),
        run.run_until(stopped(stop.clone())),
        send.run_until(stopped(stop)),
    )?;
    Ok(())
}

/// Reminders, on their own queue with the same retry policy.
async fn reminder_worker(pool: PgPool, stop: watch::Receiver<bool>) -> anyhow::Result<()> {
    let worker = WorkerBuilder::new(worker_name("reminders").as_str())
        .backend(queue::storage::<CreateReminders>(&pool).poll_with_interval(POLL_INTERVAL))
        .data(pool)
        .retry(RetryPolicy::retries(MAX_ATTEMPTS - 1).with_backoff(backoff()?))
        .build(reminders::handle);
    worker.run_until(stopped(stop)).await?;
    Ok(())
}

fn worker_name(kind: &str) -> String {
    format!("jobpilot-{kind}-{}-{}", std::process::id(), Uuid::new_v4().simple())
}

fn backoff() -> anyhow::Result<ExponentialBackoff> {
    Ok(ExponentialBackoffMaker::new(Duration::from_millis(500), Duration::from_secs(30), 0.5, HasherRng::default())?
        .make_backoff())
}

async fn stopped(mut stop: watch::Receiver<bool>) -> Result<(), WorkerError> {
    let _ = stop.wait_for(|stopped| *stopped).await;
    Ok(())
}

fn stopping(stop: &watch::Receiver<bool>) -> bool {
    *stop.borrow() || stop.has_changed().is_err()
}
