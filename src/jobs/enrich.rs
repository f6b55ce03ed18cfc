//! Enrichment jobs: score an ingest batch, rescore one user after a change, and the nightly
//! backfill (salary benchmarks first, then every user over the recent window).

use apalis::prelude::{BoxDynError, Data};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use crate::jobs::queue::Job;
use crate::services::matching::{self, Scope};

/// Score these new or changed postings for every user with an enabled saved search.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnrichPostings {
    pub posting_ids: Vec<Uuid>,
}

impl Job for EnrichPostings {
    const QUEUE: &'static str = "jobpilot.enrich_postings";
}

/// Rescore the recent window for one user (their profile or a saved search changed).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnrichUser {
    pub user_id: Uuid,
}

impl Job for EnrichUser {
    const QUEUE: &'static str = "jobpilot.enrich_user";
}

/// The nightly backfill. Carries no data.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NightlyBackfill {}

impl Job for NightlyBackfill {
    const QUEUE: &'static str = "jobpilot.enrich_backfill";
}

fn summary(s: &matching::RunSummary) -> String {
    format!("{} postings, {} pairs, {} rows written, {} removed", s.postings, s.pairs, s.rows_written, s.rows_removed)
}

#[tracing::instrument(name = "job.enrich_postings", skip_all, fields(postings = job.posting_ids.len()), err)]
pub async fn handle_postings(job: EnrichPostings, system_db: Data<PgPool>) -> Result<String, BoxDynError> {
    Ok(summary(&matching::enrich(&system_db, Scope::Postings(job.posting_ids)).await?))
}

#[tracing::instrument(name = "job.enrich_user", skip_all, fields(user_id = %job.user_id), err)]
pub async fn handle_user(job: EnrichUser, system_db: Data<PgPool>) -> Result<String, BoxDynError> {
    Ok(summary(&matching::enrich(&system_db, Scope::User(job.user_id)).await?))
}

#[tracing::instrument(name = "job.enrich_backfill", skip_all, err)]
pub async fn handle_backfill(_job: NightlyBackfill, system_db: Data<PgPool>) -> Result<String, BoxDynError> {
    let groups = matching::refresh_benchmarks(&system_db).await?;
    let run = matching::enrich(&system_db, Scope::Backfill).await?;
    Ok(format!("{groups} salary benchmarks; {}", summary(&run)))
}
