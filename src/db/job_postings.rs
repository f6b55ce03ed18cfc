//! The `job_postings` table, a global catalog (no row-level security): written by catalog ingest
//! on the owner pool.
//!
//! A batch is one `insert … select from unnest(…)` statement: one round trip however many postings
//! it holds. A conflict on `(source, source_id)` updates the row only when some stored value
//! differs, so re-ingesting an unchanged payload writes nothing (`updated_at` stays put).

use std::collections::HashMap;

use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::companies::RowChange;
use crate::domain::normalize::NormalizedPosting;
use crate::domain::posting::SourceKind;

/// Separates tags inside one array element: PostgreSQL arrays must be rectangular, so a batch's
/// tag lists travel as one string each and are split again in SQL. Tags never hold control
/// characters (the taxonomy is plain words).
const TAG_SEPARATOR: char = '\u{1f}';

/// Every stored column but `closed_at`, in the order of the `unnest` arrays.
macro_rules! posting_columns {
    () => {
        "company_id, source, source_id, url, title, jd_raw, jd_clean, location, remote_flag, \
         salary_min_cents, salary_max_cents, currency, salary_period, normalized_tags, posted_at"
    };
}

/// Seeing a posting on its board reopens it, so `closed_at` is set (to null) and compared too.
const UPSERT: &str = concat!(
    "insert into job_postings (",
    posting_columns!(),
    ", scraped_at) ",
    "select company_id, source::provider_enum, source_id, url, title, jd_raw, jd_clean, location, \
       remote_flag, salary_min_cents, salary_max_cents, currency, salary_period, \
       string_to_array(tags, chr(31)), posted_at, now() ",
    "from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], \
       $8::text[], $9::bool[], $10::int[], $11::int[], $12::text[], $13::text[], $14::text[], \
       $15::timestamptz[]) ",
    "as t(company_id, source, source_id, url, title, jd_raw, jd_clean, location, remote_flag, \
       salary_min_cents, salary_max_cents, currency, salary_period, tags, posted_at) ",
    "on conflict (source, source_id) where source_id is not null do update set (",
    posting_columns!(),
    ", closed_at, scraped_at) = (",
    "excluded.company_id, excluded.source, excluded.source_id, excluded.url, excluded.title, \
     excluded.jd_raw, excluded.jd_clean, excluded.location, excluded.remote_flag, \
     excluded.salary_min_cents, excluded.salary_max_cents, excluded.currency, excluded.salary_period, \
     excluded.normalized_tags, excluded.posted_at, null, excluded.scraped_at) ",
    "where (job_postings.company_id, job_postings.url, job_postings.title, job_postings.jd_raw, \
       job_postings.jd_clean, job_postings.location, job_postings.remote_flag, \
       job_postings.salary_min_cents, job_postings.salary_max_cents, job_postings.currency, \
       job_postings.salary_period, job_postings.normalized_tags, job_postings.posted_at, \
       job_postings.closed_at) ",
    "is distinct from (excluded.company_id, excluded.url, excluded.title, excluded.jd_raw, \
       excluded.jd_clean, excluded.location, excluded.remote_flag, excluded.salary_min_cents, \
       excluded.salary_max_cents, excluded.currency, excluded.salary_period, \
       excluded.normalized_tags, excluded.posted_at, null::timestamptz) ",
    "returning source_id, (xmax = 0) as inserted"
);

/// Upserts a batch; `company_ids[i]` belongs to `postings[i]`. Source ids must be unique within
/// the batch (PostgreSQL refuses to update one row twice in a statement). Returns what happened
/// to each posting, in order.
pub async fn upsert_batch(
    conn: &mut PgConnection,
    postings: &[NormalizedPosting],
    company_ids: &[Option<Uuid>],
) -> sqlx::Result<Vec<RowChange>> {
    assert_eq!(
        postings.len(),
        company_ids.len(),
        "one company id per posting"
    );
    let col =
        |f: fn(&NormalizedPosting) -> Option<String>| postings.iter().map(f).collect::<Vec<_>>();
    let tags: Vec<String> = postings
        .iter()
        .map(|p| p.normalized_tags.join(&TAG_SEPARATOR.to_string()))
        .collect();
    let changed: Vec<(String, bool)> = sqlx::query_as(UPSERT)
        .bind(company_ids)
        .bind(col(|p| Some(p.source.to_string())))
        .bind(col(|p| Some(p.source_id.clone())))
        .bind(col(|p| Some(p.url.clone())))
        .bind(col(|p| Some(p.title.clone())))
        .bind(col(|p| p.jd_raw.clone()))
        .bind(col(|p| p.jd_clean.clone()))
        .bind(col(|p| p.location.clone()))
        .bind(postings.iter().map(|p| p.remote_flag).collect::<Vec<_>>())
        .bind(
            postings
                .iter()
                .map(|p| p.salary_min_cents)
                .collect::<Vec<_>>(),
        )
        .bind(
            postings
                .iter()
                .map(|p| p.salary_max_cents)
                .collect::<Vec<_>>(),
        )
        .bind(col(|p| Some(p.currency.clone())))
        .bind(col(|p| p.salary_period.map(str::to_string)))
        .bind(tags)
        .bind(postings.iter().map(|p| p.posted_at).collect::<Vec<_>>())
        .fetch_all(conn)
        .await?;
    let changed: HashMap<String, bool> = changed.into_iter().collect();
    let change = |p: &NormalizedPosting| match changed.get(&p.source_id) {
        Some(true) => RowChange::Inserted,
        Some(false) => RowChange::Updated,
        None => RowChange::Unchanged,
    };
    Ok(postings.iter().map(change).collect())
}

/// Closes one board's postings that are no longer listed and reopens listed ones that were
/// closed. The board is its source plus company; for sources stored as `other`, the board's name
/// prefix on `source_id` keeps one board from closing another's postings. Returns (closed, reopened).
pub async fn mark_closed_missing(
    conn: &mut PgConnection,
    source: SourceKind,
    company_id: Uuid,
    seen_source_ids: &[String],
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "with board as (
           select id, source_id, closed_at from job_postings
           where source = $1::provider_enum and company_id = $2 and starts_with(source_id, $3)
         ), closed as (
           update job_postings p set closed_at = now() from board
           where p.id = board.id and board.closed_at is null and board.source_id <> all($4)
           returning 1
         ), reopened as (
           update job_postings p set closed_at = null from board
           where p.id = board.id and board.closed_at is not null and board.source_id = any($4)
           returning 1
         )
         select (select count(*) from closed), (select count(*) from reopened)",
    )
    .bind(source.provider())
    .bind(company_id)
    .bind(source.source_id(""))
    .bind(seen_source_ids)
    .fetch_one(conn)
    .await
}
