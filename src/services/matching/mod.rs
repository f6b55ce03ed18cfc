//! Enrichment: scoring postings for users and keeping their fit rows (`posting_enrichments`)
//! up to date, after an ingest batch, after a user's change, and nightly (docs/matching.md).
//! Runs on the system pool: the job runner acts for every user.

mod benchmarks;
pub mod scorer;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::db::{self, matching::PostingFactsRow};
use crate::domain::fit::{PostingFacts, PostingInput, Seeker};
use crate::domain::posting::PayPeriod;
use crate::domain::salary_estimate::{Benchmark, Estimate, PayGroup};
pub use benchmarks::{check_estimates, refresh_benchmarks, stated_samples};
use scorer::{ScoredPosting, SearchStats, UserSearches};

/// How far back a posting counts as recent: the feed shows and the backfill scores this window.
pub const WINDOW_DAYS: i64 = 14;
/// Postings read and scored per step (progress is recorded after each).
const CHUNK: usize = 2_000;

/// Which pairs a run scores.
#[derive(Clone, Debug)]
pub enum Scope {
    /// These postings (an ingest batch) for every user with an enabled saved search.
    Postings(Vec<Uuid>),
    /// The recent window for one user (their profile or a saved search changed).
    User(Uuid),
    /// The recent window for every user (nightly).
    Backfill,
}

impl Scope {
    fn kind(&self) -> &'static str {
        match self {
            Scope::Postings(_) => "postings",
            Scope::User(_) => "user",
            Scope::Backfill => "backfill",
        }
    }
}

/// What a run did.
#[derive(Debug, Default)]
pub struct RunSummary {
    pub postings: usize,
    pub pairs: u64,
    pub rows_written: u64,
    pub rows_removed: u64,
    /// Time spent scoring (all cores), and writing the rows (one transaction).
    pub scoring: std::time::Duration,
    pub writing: std::time::Duration,
    /// Per saved search: what it saw.
    pub stats: HashMap<Uuid, SearchStats>,
}

/// Scores `scope` and writes the fit rows, chunk by chunk, recording progress in
/// `enrichment_runs`. Idempotent: a second run on the same day writes nothing.
// The scope is named by its kind only: a batch can carry thousands of posting ids.
#[tracing::instrument(skip(system_db, scope), fields(kind = scope.kind()), err)]
pub async fn enrich(system_db: &PgPool, scope: Scope) -> anyhow::Result<RunSummary> {
    let mut conn = system_db.acquire().await?;
    let only_user = match &scope {
        Scope::User(id) => Some(vec![*id]),
        _ => None,
    };
    let users = Arc::new(load_users(&mut conn, only_user.as_deref()).await?);
    let benchmarks = db::salary_benchmarks::all(&mut conn).await?;
    let now = Utc::now();
    let since = now - Duration::days(WINDOW_DAYS);
    let mut summary = RunSummary::default();
    if matches!(scope, Scope::Backfill) {
        summary.rows_removed += db::enrichments::remove_stale(&mut conn, since).await?;
    }
    let listed = match &scope {
        Scope::Postings(ids) => ids.len(),
        _ => 0,
    };
    let user_id = only_user.as_ref().map(|u| u[0]);
    let run_id = db::enrichment_runs::start(&mut conn, scope.kind(), user_id, listed).await?;
    let result = run_chunks(&mut conn, &scope, &users, &benchmarks, since, run_id, &mut summary).await;
    let error = result.as_ref().err().map(|e| format!("{e:#}"));
    db::enrichment_runs::finish(&mut conn, run_id, error.as_deref()).await?;
    result?;
    if !matches!(scope, Scope::Postings(_)) {
        // The whole window was seen: these are the searches' current figures.
        let stats: Vec<(Uuid, serde_json::Value)> =
            summary.stats.iter().map(|(id, s)| (*id, serde_json::to_value(s).unwrap_or_default())).collect();
        db::search_prefs::record_stats(&mut conn, &stats).await?;
    }
    Ok(summary)
}

/// Rows per upsert statement when the run's rows are written.
const WRITE_BATCH: usize = 5_000;

#[allow(clippy::too_many_arguments)]
async fn run_chunks(
    conn: &mut PgConnection,
    scope: &Scope,
    users: &Arc<Vec<UserSearches>>,
    benchmarks: &HashMap<PayGroup, Benchmark>,
    since: chrono::DateTime<Utc>,
    run_id: Uuid,
    summary: &mut RunSummary,
) -> anyhow::Result<()> {
    let user_ids: Vec<Uuid> = match scope {
        Scope::User(id) => vec![*id],
        _ => users.iter().map(|u| u.user_id).collect(),
    };
    let today = Utc::now().date_naive();
    let mut cursor = None;
    let mut listed = match scope {
        Scope::Postings(ids) => ids.chunks(CHUNK).map(<[Uuid]>::to_vec).collect::<Vec<_>>().into_iter(),
        _ => Vec::new().into_iter(),
    };
    // Each user's best of each posting day, carried over every chunk and written at the end.
    let mut best: Vec<scorer::Best> = users.iter().map(|_| scorer::Best::default()).collect();
    loop {
        let ids = match scope {
            Scope::Postings(_) => match listed.next() {
                Some(ids) => ids,
                None => break,
            },
            _ => {
                let page = db::matching::window_ids(conn, since, cursor, CHUNK as i64).await?;
                cursor = page.last().copied();
                page.into_iter().map(|(_, id)| id).collect()
            }
        };
        if ids.is_empty() {
            break;
        }
        let rows = db::matching::by_ids(conn, &ids, since).await?;
        let postings: Vec<ScoredPosting> = rows.into_iter().map(|r| scored_posting(r, benchmarks)).collect();
        let (users, mut chunk_best) = (users.clone(), std::mem::take(&mut best));
        let scoring = std::time::Instant::now();
        let (scored, chunk_best) = tokio::task::spawn_blocking(move || {
            let scored = scorer::score_parallel(&users, &mut chunk_best, &postings, today);
            (scored, chunk_best)
        })
        .await?;
        summary.scoring += scoring.elapsed();
        best = chunk_best;
        summary.postings += ids.len();
        summary.pairs += scored.pairs;
        for (search, stats) in &scored.stats {
            summary.stats.entry(*search).or_default().add(stats);
        }
        db::enrichment_runs::progress(conn, run_id, summary.postings, summary.pairs, summary.rows_written, summary.rows_removed)
            .await?;
    }
    let days: Vec<chrono::NaiveDate> = {
        let mut days: Vec<_> = best.iter().flat_map(|b| b.days()).collect();
        days.sort();
        days.dedup();
        days
    };
    // The run's rows land in one transaction: the feed shows the old rows or the new, never half.
    // They are built and written a few users at a time, so the whole set is never held as rows.
    let writing = std::time::Instant::now();
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let mut kept: Vec<(Uuid, Uuid)> = Vec::new();
    let mut batch = Vec::with_capacity(WRITE_BATCH);
    let mut users_left = users.iter().zip(best).peekable();
    while let Some((user, best)) = users_left.next() {
        batch.extend(best.into_rows(user.user_id));
        if batch.len() >= WRITE_BATCH || users_left.peek().is_none() {
            kept.extend(batch.iter().map(|r: &db::enrichments::NewEnrichment| (r.user_id, r.job_posting_id)));
            summary.rows_written += db::enrichments::upsert(&mut tx, &batch).await?;
            batch.clear();
        }
    }
    summary.rows_removed += match scope {
        // A batch adds to days that hold earlier postings: drop what it changed, then re-cut the days.
        Scope::Postings(ids) => {
            db::enrichments::remove_unmatched(&mut tx, &user_ids, Some(ids), &kept).await?
                + db::enrichments::trim_days(&mut tx, &user_ids, &days, scorer::PER_DAY).await?
        }
        // The whole window was scored: what is not kept now goes.
        _ => db::enrichments::remove_unmatched(&mut tx, &user_ids, None, &kept).await?,
    };
    tx.commit().await?;
    summary.writing = writing.elapsed();
    db::enrichment_runs::progress(conn, run_id, summary.postings, summary.pairs, summary.rows_written, summary.rows_removed)
        .await?;
    Ok(())
}

/// Every user with an enabled saved search (or just `only`), each search read into a seeker.
pub async fn load_users(conn: &mut PgConnection, only: Option<&[Uuid]>) -> anyhow::Result<Vec<UserSearches>> {
    let searches = db::search_prefs::enabled_of(conn, only).await?;
    let mut user_ids: Vec<Uuid> = searches.iter().map(|s| s.user_id).collect();
    user_ids.dedup();
    let profiles: HashMap<Uuid, _> = db::profiles::find_many(conn, &user_ids).await?.into_iter().collect();
    let mut users: Vec<UserSearches> = Vec::new();
    for search in searches {
        let Some(profile) = profiles.get(&search.user_id) else { continue };
        let seeker = Seeker::new(profile, &search.filters);
        match users.last_mut() {
            Some(last) if last.user_id == search.user_id => last.searches.push((search.id, seeker)),
            _ => users.push(UserSearches { user_id: search.user_id, searches: vec![(search.id, seeker)] }),
        }
    }
    Ok(users)
}

/// A catalog row read for scoring, with a salary estimate when it states no pay.
pub fn scored_posting(row: PostingFactsRow, benchmarks: &HashMap<PayGroup, Benchmark>) -> ScoredPosting {
    let states_pay = row.salary_min_cents.is_some() || row.salary_max_cents.is_some();
    let estimate = if states_pay {
        None
    } else {
        PayGroup::of(&row.title, row.location.as_deref())
            .and_then(|group| benchmarks.get(&group).map(|b| Estimate::from_benchmark(b, &group.currency)))
    };
    let facts = PostingFacts::new(PostingInput {
        title: &row.title,
        tags: &row.normalized_tags,
        company_name: row.company_name.as_deref(),
        industry: row.industry.as_deref(),
        remote: row.remote_flag,
        location: row.location.as_deref(),
        salary_min_cents: row.salary_min_cents.map(i64::from),
        salary_max_cents: row.salary_max_cents.map(i64::from),
        salary_period: row.salary_period.as_deref().and_then(pay_period),
        currency: &row.currency,
        estimate: estimate.as_ref().map(Estimate::as_pay),
        description: row.sponsor_text.as_deref(),
        posted_at: row.posted_at,
    });
    ScoredPosting { id: row.id, facts, estimate }
}

/// The stored `salary_period` text as a period.
pub fn pay_period(text: &str) -> Option<PayPeriod> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}
