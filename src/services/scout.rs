//! The `job_scout` agent: runs one saved search when its schedule comes due. It scores the
//! postings that entered the catalog since its last run, keeps the user's fit rows, records one
//! `model_runs` row, and tells the user about new matches (notification, and a digest email).

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::{self, audit, model_runs::ModelRun};
use crate::domain::search_filters::next_run;
use crate::jobs::{self, digest::SendDigest};
use crate::services::matching::{self, WINDOW_DAYS, scorer};

/// Most new postings one run reads (a search that has not run for weeks starts from the window).
const MAX_NEW: i64 = 50_000;
/// Postings a digest names; the rest are in the feed.
const DIGEST_SIZE: usize = 10;

/// What a run found.
#[derive(Debug, PartialEq, Eq)]
pub enum ScoutOutcome {
    Ran { scanned: usize, matched: u64, new_for_search: usize },
    /// Deleted or switched off since it was queued.
    Skipped,
}

/// Runs saved search `search_id` now. Safe to repeat: postings already scored are rewritten
/// only if their score changed, and a run finds nothing new the second time.
#[tracing::instrument(skip(system_db), err)]
pub async fn run_saved_search(system_db: &PgPool, search_id: Uuid, mailer_ready: bool) -> anyhow::Result<ScoutOutcome> {
    let started = Instant::now();
    let now = Utc::now();
    let mut tx = system_db.begin().await?;
    let Some(search) = db::search_prefs::find_any(&mut tx, search_id).await?.filter(|s| s.enabled) else {
        return Ok(ScoutOutcome::Skipped);
    };
    let since = search.last_run_at.unwrap_or(now - Duration::days(WINDOW_DAYS));
    let ids = db::matching::new_since(&mut tx, since, MAX_NEW).await?;
    let users = matching::load_users(&mut tx, Some(&[search.user_id])).await?;
    let benchmarks = db::salary_benchmarks::all(&mut tx).await?;
    let window = now - Duration::days(WINDOW_DAYS);
    let rows = db::matching::by_ids(&mut tx, &ids, window).await?;
    let postings: Vec<scorer::ScoredPosting> =
        rows.into_iter().map(|r| matching::scored_posting(r, &benchmarks)).collect();
    let today = now.date_naive();
    let (scored, rows, days) = tokio::task::spawn_blocking(move || {
        let mut best: Vec<scorer::Best> = users.iter().map(|_| scorer::Best::default()).collect();
        let scored = scorer::score(&users, &mut best, &postings, today);
        let days: Vec<_> = best.iter().flat_map(|b| b.days()).collect();
        (scored, scorer::rows(&users, best), days)
    })
    .await?;
    let written = db::enrichments::upsert(&mut tx, &rows).await?;
    // New postings join days that hold earlier ones: keep each day's best, as enrichment does.
    db::enrichments::trim_days(&mut tx, &[search.user_id], &days, scorer::PER_DAY).await?;
    let stats = scored.stats.get(&search_id).cloned().unwrap_or_default();
    let mut found: Vec<_> = rows.iter().filter(|r| r.search_pref_id == search_id).collect();
    found.sort_by_key(|r| std::cmp::Reverse(r.fit_score));

    let output = json!({ "scanned": ids.len(), "matched": stats.matched, "rows_written": written });
    db::model_runs::record(&mut tx, &ModelRun {
        user_id: search.user_id,
        agent: "job_scout",
        engine: "deterministic",
        model: None,
        tool: "saved_search",
        input_ref: format!("search_prefs/{search_id}"),
        output_ref: output.to_string(),
        latency_ms: started.elapsed().as_millis().min(i32::MAX as u128) as i32,
        success: true,
    })
    .await?;
    db::user_events::record(&mut tx, search.user_id, "search_run", &json!({ "search_id": search_id, "scanned": ids.len(), "matched": stats.matched })).await?;
    if !found.is_empty() {
        let shown: Vec<Uuid> = found.iter().take(DIGEST_SIZE).map(|r| r.job_posting_id).collect();
        let titles = db::matching::by_ids(&mut tx, &shown, window).await?;
        let postings: Vec<_> = found
            .iter()
            .take(DIGEST_SIZE)
            .filter_map(|r| {
                let p = titles.iter().find(|p| p.id == r.job_posting_id)?;
                Some(json!({ "id": p.id, "title": p.title, "company": p.company_name, "fit_score": r.fit_score, "rationale": r.rationale }))
            })
            .collect();
        let payload = json!({ "search_id": search_id, "search_name": search.name, "count": found.len(), "postings": postings });
        let notification = db::notifications::insert(&mut tx, search.user_id, "daily_digest", &payload).await?;
        if mailer_ready && search.email_digest {
            jobs::enqueue(&mut tx, &SendDigest { notification_id: notification }).await?;
        }
    }
    let next = next_run(&search.schedule_cron, &search.timezone, now);
    db::search_prefs::record_run(&mut tx, search_id, now, next, &serde_json::to_value(&stats)?).await?;
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::Agent(search.user_id),
        action: "saved_search.run",
        entity: "search_prefs",
        entity_id: search_id,
        diff: Some(json!({ "after": { "last_run_at": now, "next_run_at": next }, "found": found.len() })),
        ip: None,
    })
    .await?;
    tx.commit().await?;
    Ok(ScoutOutcome::Ran { scanned: ids.len(), matched: stats.matched, new_for_search: found.len() })
}

/// Searches due at `now`, with the time each was due (the idempotency key of its run).
pub async fn due(system_db: &PgPool, now: DateTime<Utc>) -> anyhow::Result<Vec<(Uuid, DateTime<Utc>)>> {
    let mut conn = system_db.acquire().await?;
    Ok(db::search_prefs::due(&mut conn, now, 500).await?)
}
