//! Cron scheduling: enqueue one job per tick, however many servers run a scheduler.

use anyhow::{Context, anyhow};
use chrono::{DateTime, SecondsFormat, Utc};
use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};
use sqlx::PgPool;
use tokio::sync::watch;

use crate::jobs::queue::{self, Job};

/// Parses a cron schedule (UTC): 5 fields, or 6 with leading seconds.
///
/// `setting` names the environment variable it came from, so a typo is easy to find.
pub fn parse(pattern: &str, setting: &str) -> anyhow::Result<Cron> {
    let parser = CronParser::builder()
        .seconds(Seconds::Optional)
        .year(Year::Disallowed)
        .build();
    let cron = parser
        .parse(pattern)
        .map_err(|error| anyhow!("{setting}={pattern:?} is not a valid cron schedule: {error}"))?;
    // Some patterns parse yet never fire (e.g. February 30th); refuse them now, not at the first tick.
    cron.find_next_occurrence(&Utc::now(), false)
        .map_err(|error| anyhow!("{setting}={pattern:?} never fires: {error}"))?;
    Ok(cron)
}

/// Enqueues a `J` at every tick of `cron` until `stop` turns true.
///
/// Every scheduler computes the same tick times and tags each job with its tick as the
/// idempotency key, so with N servers the first insert wins and the others are no-ops.
pub async fn run<J: Job + Default>(
    pool: PgPool,
    cron: Cron,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let mut after = Utc::now();
    loop {
        let tick = cron
            .find_next_occurrence(&after, false)
            .context("computing the next tick")?;
        let wait = (tick - Utc::now()).to_std().unwrap_or_default();
        tokio::select! {
            // A dropped sender means the owner is gone: stop as well.
            _ = stop.wait_for(|stopped| *stopped) => return Ok(()),
            () = tokio::time::sleep(wait) => {}
        }
        if let Err(error) = enqueue_tick::<J>(&pool, tick).await {
            // A missed tick is retried by the next one; the scheduler must outlive a database blip.
            tracing::warn!(queue = J::QUEUE, %tick, "could not enqueue a scheduled job: {error:#}");
        }
        // Skips ticks missed while asleep (e.g. a suspended laptop) instead of replaying them all.
        after = tick.max(Utc::now());
    }
}

#[tracing::instrument(skip(pool), fields(queue = J::QUEUE))]
async fn enqueue_tick<J: Job + Default>(pool: &PgPool, tick: DateTime<Utc>) -> anyhow::Result<()> {
    let mut conn = pool.acquire().await?;
    let key = tick_key(tick);
    if queue::enqueue_once(&mut conn, &J::default(), &key).await? {
        tracing::debug!("enqueued");
    } else {
        tracing::debug!("another scheduler already enqueued this tick");
    }
    Ok(())
}

/// The idempotency key of one tick: the same text in every process.
fn tick_key(tick: DateTime<Utc>) -> String {
    format!("cron@{}", tick.to_rfc3339_opts(SecondsFormat::Secs, true))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::{parse, tick_key};

    #[test]
    fn five_and_six_field_schedules_parse_and_nonsense_does_not() {
        assert!(parse("*/15 * * * *", "X").is_ok());
        assert!(parse("*/1 * * * * *", "X").is_ok());
        let error = parse("every tuesday", "JOBPILOT_PURGE_CRON").expect_err("invalid");
        assert!(error.to_string().contains("JOBPILOT_PURGE_CRON"), "{error}");
    }

    #[test]
    fn a_tick_key_is_its_utc_time_to_the_second() {
        let tick = chrono::Utc
            .with_ymd_and_hms(2030, 1, 2, 3, 4, 5)
            .single()
            .expect("valid date");
        assert_eq!(tick_key(tick), "cron@2030-01-02T03:04:05Z");
    }
}
