//! `posting_enrichments` (a user's fit rows, written by the system) and `feed_dismissals` (the
//! postings a user took out of their feed), and the feed read that joins them to the catalog.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

/// One fit row to store.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEnrichment {
    pub user_id: Uuid,
    pub job_posting_id: Uuid,
    pub search_pref_id: Uuid,
    pub fit_score: i32,
    pub fit_factors: Value,
    pub salary_estimate_cents: Option<i64>,
    pub rationale: String,
}

/// Inserts or updates fit rows in one statement; a row whose values are unchanged is not
/// touched, so scoring the same postings again writes nothing. Returns the rows written.
pub async fn upsert(conn: &mut PgConnection, rows: &[NewEnrichment]) -> sqlx::Result<u64> {
    if rows.is_empty() {
        return Ok(0);
    }
    let done = sqlx::query(
        "insert into posting_enrichments
           (user_id, job_posting_id, search_pref_id, fit_score, fit_factors, salary_estimate_cents, rationale)
         select u, p, s, score, factors::jsonb, estimate, rationale
         from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::bigint[], $7::text[])
           as t(u, p, s, score, factors, estimate, rationale)
         on conflict (user_id, job_posting_id) do update set
           (search_pref_id, fit_score, fit_factors, salary_estimate_cents, rationale) =
           (excluded.search_pref_id, excluded.fit_score, excluded.fit_factors, excluded.salary_estimate_cents,
            excluded.rationale)
         where (posting_enrichments.search_pref_id, posting_enrichments.fit_score, posting_enrichments.fit_factors,
                posting_enrichments.salary_estimate_cents, posting_enrichments.rationale)
           is distinct from
               (excluded.search_pref_id, excluded.fit_score, excluded.fit_factors, excluded.salary_estimate_cents,
                excluded.rationale)",
    )
    .bind(rows.iter().map(|r| r.user_id).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.job_posting_id).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.search_pref_id).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.fit_score).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.fit_factors.to_string()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.salary_estimate_cents).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.rationale.as_str()).collect::<Vec<_>>())
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Deletes the rows of `users` (× `postings` when given) that are not in `kept`: postings that
/// no longer match, or fell out of the user's best of their day. Returns how many went.
pub async fn remove_unmatched(
    conn: &mut PgConnection,
    users: &[Uuid],
    postings: Option<&[Uuid]>,
    kept: &[(Uuid, Uuid)],
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "delete from posting_enrichments e
         where e.user_id = any($1) and ($2::uuid[] is null or e.job_posting_id = any($2))
           and not exists (select 1 from unnest($3::uuid[], $4::uuid[]) k(u, p)
                           where k.u = e.user_id and k.p = e.job_posting_id)",
    )
    .bind(users)
    .bind(postings)
    .bind(kept.iter().map(|(u, _)| *u).collect::<Vec<_>>())
    .bind(kept.iter().map(|(_, p)| *p).collect::<Vec<_>>())
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Keeps only the best `per_day` rows of each of `users` on each of the posting `days` (UTC),
/// ranked as the scorer ranks them (score, then posting id), after new postings were added to
/// those days. Returns how many rows went.
pub async fn trim_days(conn: &mut PgConnection, users: &[Uuid], days: &[NaiveDate], per_day: usize) -> sqlx::Result<u64> {
    if users.is_empty() || days.is_empty() {
        return Ok(0);
    }
    let done = sqlx::query(
        "delete from posting_enrichments e using (
             select r.id, row_number() over (partition by r.user_id, r.day
                                             order by r.fit_score desc, r.job_posting_id desc) as rank
             from (select e2.id, e2.user_id, e2.fit_score, e2.job_posting_id,
                          (coalesce(p.posted_at, p.created_at) at time zone 'UTC')::date as day
                   from posting_enrichments e2 join job_postings p on p.id = e2.job_posting_id
                   where e2.user_id = any($1)) r
             where r.day = any($2)
         ) ranked
         where ranked.id = e.id and ranked.rank > $3",
    )
    .bind(users)
    .bind(days)
    .bind(per_day as i64)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Deletes rows of postings that closed or left the recent window (nightly).
pub async fn remove_stale(conn: &mut PgConnection, since: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "delete from posting_enrichments e using job_postings p
         where p.id = e.job_posting_id
           and (p.closed_at is not null or coalesce(p.posted_at, p.created_at) < $1)",
    )
    .bind(since)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// One item of a user's feed.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FeedRow {
    pub job_posting_id: Uuid,
    pub fit_score: i32,
    pub fit_factors: Value,
    pub rationale: Option<String>,
    pub salary_estimate_cents: Option<i64>,
    pub search_pref_id: Option<Uuid>,
    pub title: String,
    pub url: String,
    pub company_id: Option<Uuid>,
    pub company_name: Option<String>,
    pub location: Option<String>,
    pub remote_flag: bool,
    pub salary_min_cents: Option<i32>,
    pub salary_max_cents: Option<i32>,
    pub currency: String,
    pub salary_period: Option<String>,
    pub posted_at: DateTime<Utc>,
    pub tracked: bool,
}

/// Narrows the feed.
#[derive(Clone, Debug, Default)]
pub struct FeedFilter {
    pub min_score: Option<i32>,
    pub remote: Option<bool>,
    pub search_pref_id: Option<Uuid>,
    /// Postings published at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only postings that state their pay.
    pub with_salary: bool,
    /// Only this posting (a page re-showing one card).
    pub posting_id: Option<Uuid>,
}

/// One keyset page of the user's feed: best score first, then newest, then id; dismissed and
/// closed postings left out. `after` is the (score, posted, id) of the last row read.
pub async fn feed_page(
    conn: &mut PgConnection,
    user_id: Uuid,
    filter: &FeedFilter,
    after: Option<(i32, DateTime<Utc>, Uuid)>,
    limit: i64,
) -> sqlx::Result<Vec<FeedRow>> {
    // The inner read walks idx_enrich_user_score; closed and dismissed rows are few and are
    // filtered as they pass.
    sqlx::query_as(
        "select e.job_posting_id, e.fit_score, e.fit_factors, e.rationale, e.salary_estimate_cents::bigint as salary_estimate_cents,
                e.search_pref_id, p.title, p.url, p.company_id, c.name as company_name, p.location,
                p.remote_flag, p.salary_min_cents, p.salary_max_cents, p.currency::text as currency,
                p.salary_period, coalesce(p.posted_at, p.created_at) as posted_at,
                exists (select 1 from applications a where a.user_id = e.user_id
                        and a.job_posting_id = e.job_posting_id and a.deleted_at is null) as tracked
         from posting_enrichments e
         join job_postings p on p.id = e.job_posting_id
         left join companies c on c.id = p.company_id
         where e.user_id = $1 and p.closed_at is null
           and not exists (select 1 from feed_dismissals d where d.user_id = e.user_id
                           and d.job_posting_id = e.job_posting_id)
           and ($2::int is null or e.fit_score >= $2)
           and ($3::bool is null or p.remote_flag = $3)
           and ($4::uuid is null or e.search_pref_id = $4)
           and ($5::timestamptz is null or coalesce(p.posted_at, p.created_at) >= $5)
           and (not $6 or p.salary_min_cents is not null or p.salary_max_cents is not null)
           and ($7::int is null
                or (e.fit_score, coalesce(p.posted_at, p.created_at), e.job_posting_id) < ($7, $8, $9))
           and ($11::uuid is null or e.job_posting_id = $11)
         order by e.fit_score desc, coalesce(p.posted_at, p.created_at) desc, e.job_posting_id desc
         limit $10",
    )
    .bind(user_id)
    .bind(filter.min_score)
    .bind(filter.remote)
    .bind(filter.search_pref_id)
    .bind(filter.since)
    .bind(filter.with_salary)
    .bind(after.map(|a| a.0))
    .bind(after.map(|a| a.1))
    .bind(after.map(|a| a.2))
    .bind(limit)
    .bind(filter.posting_id)
    .fetch_all(conn)
    .await
}

/// How many fit rows the user has (the empty-feed hint tells "none yet" from "all filtered").
pub async fn count_for(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from posting_enrichments where user_id = $1")
        .bind(user_id)
        .fetch_one(conn)
        .await
}

/// Takes a posting out of the user's feed. Returns false when it already was.
pub async fn dismiss(conn: &mut PgConnection, user_id: Uuid, posting_id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "insert into feed_dismissals (user_id, job_posting_id) values ($1, $2) on conflict do nothing",
    )
    .bind(user_id)
    .bind(posting_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Puts a dismissed posting back. Returns false when it was not dismissed.
pub async fn undismiss(conn: &mut PgConnection, user_id: Uuid, posting_id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from feed_dismissals where user_id = $1 and job_posting_id = $2")
        .bind(user_id)
        .bind(posting_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The user's fit row for one posting, if any (the posting page shows it).
pub async fn find(conn: &mut PgConnection, user_id: Uuid, posting_id: Uuid) -> sqlx::Result<Option<(i32, Value, Option<String>)>> {
    sqlx::query_as(
        "select fit_score, fit_factors, rationale from posting_enrichments where user_id = $1 and job_posting_id = $2",
    )
    .bind(user_id)
    .bind(posting_id)
    .fetch_optional(conn)
    .await
}
