//! Rebuilding `salary_benchmarks` from the catalog's stated pay (nightly, before the backfill).

use chrono::{Duration, Utc};
use sqlx::PgPool;

use crate::db;
use crate::domain::fit::AnnualPay;
use crate::domain::salary_estimate::{self, Holdout, PayGroup, Sample};

/// How far back stated pay counts as comparable: pay moves slowly, postings come and go fast,
/// so a longer window than the feed's gives more groups enough postings.
pub const PAY_WINDOW_DAYS: i64 = 180;

/// The (group, yearly midpoint, employer) of every recent posting that states plausible pay in
/// its country's currency.
pub async fn stated_samples(system_db: &PgPool) -> anyhow::Result<Vec<Sample>> {
    let mut conn = system_db.acquire().await?;
    let since = Utc::now() - Duration::days(PAY_WINDOW_DAYS);
    let rows = db::matching::stated_pay_since(&mut conn, since).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let group = PayGroup::of(&r.title, r.location.as_deref())?;
            let period = r.salary_period.as_deref().and_then(super::pay_period);
            let pay = AnnualPay::from_posting(r.salary_min_cents.map(i64::from), r.salary_max_cents.map(i64::from), period, &r.currency)?;
            (pay.currency == group.currency).then(|| (group, pay.midpoint_cents(), r.company_id))
        })
        .collect())
}

/// Rebuilds every benchmark in one transaction. Returns how many groups have one.
#[tracing::instrument(skip_all, err)]
pub async fn refresh_benchmarks(system_db: &PgPool) -> anyhow::Result<usize> {
    let samples = stated_samples(system_db).await?;
    let benchmarks = salary_estimate::benchmarks(samples.into_iter().map(|(group, pay, _)| (group, pay)));
    let mut tx = system_db.begin().await?;
    db::salary_benchmarks::replace(&mut tx, &benchmarks).await?;
    tx.commit().await?;
    Ok(benchmarks.len())
}

/// How well estimates do on this catalog: each recent posting that states its pay estimated
/// from other employers' postings with its own pay hidden (coverage and median error,
/// docs/matching.md).
pub async fn check_estimates(system_db: &PgPool) -> anyhow::Result<Holdout> {
    Ok(salary_estimate::holdout(&stated_samples(system_db).await?))
}
