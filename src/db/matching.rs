//! What the fit engine reads from the catalog: open postings by id, by recency window, or new
//! since a time; and the stated pay of recent postings for salary benchmarks. System reads.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// A posting's facts for scoring. `sponsor_text` is the clean description only when it says
/// "sponsor" at all, so the rest of the descriptions never leave the database.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PostingFactsRow {
    pub id: Uuid,
    pub title: String,
    pub normalized_tags: Vec<String>,
    pub company_name: Option<String>,
    pub industry: Option<String>,
    pub remote_flag: bool,
    pub location: Option<String>,
    pub salary_min_cents: Option<i32>,
    pub salary_max_cents: Option<i32>,
    pub salary_period: Option<String>,
    pub currency: String,
    pub sponsor_text: Option<String>,
    pub posted_at: DateTime<Utc>,
}

const SELECT: &str = "select p.id, p.title, p.normalized_tags, c.name as company_name, c.industry, p.remote_flag,
    p.location, p.salary_min_cents, p.salary_max_cents, p.salary_period, p.currency::text as currency,
    case when p.jd_clean ilike '%sponsor%' then p.jd_clean end as sponsor_text,
    coalesce(p.posted_at, p.created_at) as posted_at
  from job_postings p left join companies c on c.id = p.company_id";

/// The open postings among `ids` published (or first seen) at or after `since`: the feed's
/// window, whatever asked for them.
pub async fn by_ids(conn: &mut PgConnection, ids: &[Uuid], since: DateTime<Utc>) -> sqlx::Result<Vec<PostingFactsRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where p.id = any($1) and p.closed_at is null and coalesce(p.posted_at, p.created_at) >= $2 order by p.id"
    )))
        .bind(ids)
        .bind(since)
        .fetch_all(conn)
        .await
}

/// Ids of open postings published (or, with no date, first seen) at or after `since`, newest
/// first, one keyset page after `after` ((sort time, id) of the last row read).
pub async fn window_ids(
    conn: &mut PgConnection,
    since: DateTime<Utc>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> sqlx::Result<Vec<(DateTime<Utc>, Uuid)>> {
    // Two index ranges: dated postings on idx_postings_open_recent, undated ones on
    // idx_postings_open_undated (migration 0039).
    sqlx::query_as(
        "select sort, id from (
           (select coalesce(posted_at, '1970-01-01 00:00:00+00'::timestamptz) as sort, id from job_postings
            where closed_at is null and coalesce(posted_at, '1970-01-01 00:00:00+00'::timestamptz) >= $1
              and ($2::timestamptz is null
                   or (coalesce(posted_at, '1970-01-01 00:00:00+00'::timestamptz), id) < ($2, $3))
            order by 1 desc, 2 desc limit $4)
           union all
           (select created_at, id from job_postings
            where closed_at is null and posted_at is null and created_at >= $1
              and ($2::timestamptz is null or (created_at, id) < ($2, $3))
            order by 1 desc, 2 desc limit $4)
         ) both_kinds order by 1 desc, 2 desc limit $4",
    )
    .bind(since)
    .bind(after.map(|(t, _)| t))
    .bind(after.map(|(_, id)| id))
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Ids of open postings that entered the catalog after `since` (a saved search's last run).
pub async fn new_since(conn: &mut PgConnection, since: DateTime<Utc>, limit: i64) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "select id from job_postings where closed_at is null and created_at > $1 order by created_at desc limit $2",
    )
    .bind(since)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// A posting with stated pay, for salary benchmarks.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StatedPay {
    pub company_id: Option<Uuid>,
    pub title: String,
    pub location: Option<String>,
    pub salary_min_cents: Option<i32>,
    pub salary_max_cents: Option<i32>,
    pub salary_period: Option<String>,
    pub currency: String,
}

/// Postings published since `since` that state their pay (open or closed: a closed posting's
/// pay still says what the role paid).
pub async fn stated_pay_since(conn: &mut PgConnection, since: DateTime<Utc>) -> sqlx::Result<Vec<StatedPay>> {
    sqlx::query_as(
        "select company_id, title, location, salary_min_cents, salary_max_cents, salary_period, currency::text as currency
         from job_postings
         where coalesce(posted_at, created_at) >= $1
           and (salary_min_cents is not null or salary_max_cents is not null)",
    )
    .bind(since)
    .fetch_all(conn)
    .await
}
