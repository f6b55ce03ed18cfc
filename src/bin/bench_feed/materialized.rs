//! The alternative the data model offers (§4 `mv_user_fit_scores`): the feed's join of fit rows,
//! postings and companies materialised, indexed in feed order, and read with the same filters.
//! Measured beside the plain indexed query so the choice not to build it rests on figures: what
//! a refresh costs (the feed would lag by it) and what a read saves.

use std::time::{Duration, Instant};

use jobpilot::db::enrichments::FeedRow;
use sqlx::PgPool;

use super::feed_load::{self, Kind, Request, Timings};
use super::users::BenchUser;

/// Builds the view and its index; returns how long that took (what every refresh would cost).
pub async fn build(owner: &PgPool) -> anyhow::Result<Duration> {
    let started = Instant::now();
    sqlx::query("drop materialized view if exists bench_mv_user_fit_scores").execute(owner).await?;
    sqlx::query(
        "create materialized view bench_mv_user_fit_scores as
         select e.user_id, e.job_posting_id, e.fit_score, e.fit_factors, e.rationale,
                e.salary_estimate_cents::bigint as salary_estimate_cents, e.search_pref_id, p.title, p.url,
                p.company_id, c.name as company_name, p.location, p.remote_flag, p.salary_min_cents,
                p.salary_max_cents, p.currency::text as currency, p.salary_period,
                coalesce(p.posted_at, p.created_at) as posted_at
         from posting_enrichments e
         join job_postings p on p.id = e.job_posting_id
         left join companies c on c.id = p.company_id
         where p.closed_at is null",
    )
    .execute(owner)
    .await?;
    sqlx::query(
        "create index on bench_mv_user_fit_scores (user_id, fit_score desc, posted_at desc, job_posting_id desc)",
    )
    .execute(owner)
    .await?;
    sqlx::query("analyze bench_mv_user_fit_scores").execute(owner).await?;
    Ok(started.elapsed())
}

/// The feed's mix read from the view (dismissed and tracked still looked up, as the feed must).
pub async fn read(owner: PgPool, users: std::sync::Arc<Vec<BenchUser>>, requests: Vec<Request>, clients: usize) -> anyhow::Result<Timings> {
    feed_load::drive(requests, clients, move |request| {
        let (pool, user_id) = (owner.clone(), users[request.user].id);
        async move {
            let mut conn = pool.acquire().await?;
            let filter = request.kind.filter();
            let (min_score, remote) = (filter.min_score, filter.remote);
            let mut after: Option<(i32, chrono::DateTime<chrono::Utc>, uuid::Uuid)> = None;
            if let Kind::PageTwo = request.kind {
                let first = page(&mut conn, user_id, min_score, remote, None).await?;
                if first.len() < 20 {
                    return Ok(None);
                }
                after = first.last().copied();
            }
            let sent = Instant::now();
            let rows = page(&mut conn, user_id, min_score, remote, after).await?;
            Ok(Some((sent.elapsed(), rows.len())))
        }
    })
    .await
}

async fn page(
    conn: &mut sqlx::PgConnection,
    user_id: uuid::Uuid,
    min_score: Option<i32>,
    remote: Option<bool>,
    after: Option<(i32, chrono::DateTime<chrono::Utc>, uuid::Uuid)>,
) -> anyhow::Result<Vec<(i32, chrono::DateTime<chrono::Utc>, uuid::Uuid)>> {
    // Every column the feed returns, as `enrichments::feed_page` reads them.
    let rows: Vec<FeedRow> = sqlx::query_as(
        "select m.*, exists (select 1 from applications a where a.user_id = m.user_id
                        and a.job_posting_id = m.job_posting_id and a.deleted_at is null) as tracked
         from bench_mv_user_fit_scores m
         where m.user_id = $1
           and not exists (select 1 from feed_dismissals d where d.user_id = m.user_id
                           and d.job_posting_id = m.job_posting_id)
           and ($2::int is null or m.fit_score >= $2)
           and ($3::bool is null or m.remote_flag = $3)
           and ($4::int is null or (m.fit_score, m.posted_at, m.job_posting_id) < ($4, $5, $6))
         order by m.fit_score desc, m.posted_at desc, m.job_posting_id desc
         limit 20",
    )
    .bind(user_id)
    .bind(min_score)
    .bind(remote)
    .bind(after.map(|a| a.0))
    .bind(after.map(|a| a.1))
    .bind(after.map(|a| a.2))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.fit_score, r.posted_at, r.job_posting_id)).collect())
}
