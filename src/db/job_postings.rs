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

/// Readers whose record of a posting is second-hand (an export row, a JSON-LD page): when the
/// board's own record is stored, theirs only fill its gaps.
const SECOND_HAND: &str = "('file', 'jsonld')";

/// The new value of each column on a conflict, and the upsert statement built from them once.
///
/// The record that arrives wins where it has a value and keeps the stored one where it has
/// none, except when a second-hand record meets a board's own record: then the stored record
/// wins and only its gaps are filled. The salary moves as one group (range, currency, period,
/// origin, evidence): a board's record that has none clears a stored one, because it is the
/// authority on its posting (a salary once misread from its text must go when the text is read
/// better), unless the stored one is an export's structured pay, which the board cannot contradict.
fn upsert_sql() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        let second_hand = format!(
            "(excluded.record_source in {SECOND_HAND} and job_postings.record_source not in {SECOND_HAND})"
        );
        let fill = |c: &str| {
            format!(
                "case when {second_hand} then coalesce(job_postings.{c}, excluded.{c}) \
                 else coalesce(excluded.{c}, job_postings.{c}) end"
            )
        };
        let pick = |c: &str| {
            format!("case when {second_hand} then job_postings.{c} else excluded.{c} end")
        };
        let no_salary = |t: &str| format!("({t}.salary_min_cents is null and {t}.salary_max_cents is null)");
        let take_salary = format!(
            "case when {second_hand} then {stored_none} \
             else not ({new_none} and job_postings.salary_source = 'structured' \
                       and job_postings.record_source in {SECOND_HAND}) end",
            stored_none = no_salary("job_postings"),
            new_none = no_salary("excluded"),
        );
        let salary = |c: &str| format!("case when {take_salary} then excluded.{c} else job_postings.{c} end");
        let tags = format!(
            "case when {second_hand} then \
               case when job_postings.normalized_tags = '{{}}' then excluded.normalized_tags else job_postings.normalized_tags end \
             when excluded.jd_clean is null and job_postings.jd_clean is not null then job_postings.normalized_tags \
             else excluded.normalized_tags end"
        );
        let merged: Vec<(&str, String)> = vec![
            ("company_id", fill("company_id")),
            ("url", pick("url")),
            ("title", pick("title")),
            ("jd_raw", fill("jd_raw")),
            ("jd_clean", fill("jd_clean")),
            ("location", fill("location")),
            ("remote_flag", pick("remote_flag")),
            ("salary_min_cents", salary("salary_min_cents")),
            ("salary_max_cents", salary("salary_max_cents")),
            ("currency", salary("currency")),
            ("salary_period", salary("salary_period")),
            ("salary_source", salary("salary_source")),
            ("salary_evidence", salary("salary_evidence")),
            ("normalized_tags", tags),
            ("posted_at", fill("posted_at")),
            ("record_source", pick("record_source")),
            // Seeing a posting on its board reopens it; a second-hand record does not.
            ("closed_at", format!("case when {second_hand} then job_postings.closed_at else null end")),
        ];
        let names: Vec<&str> = merged.iter().map(|(name, _)| *name).collect();
        let values: Vec<&str> = merged.iter().map(|(_, value)| value.as_str()).collect();
        let stored: Vec<String> = names.iter().map(|n| format!("job_postings.{n}")).collect();
        format!(
            "insert into job_postings (company_id, source, source_id, url, title, jd_raw, jd_clean, \
               location, remote_flag, salary_min_cents, salary_max_cents, currency, salary_period, \
               salary_source, salary_evidence, normalized_tags, posted_at, record_source, scraped_at) \
             select company_id, source::provider_enum, source_id, url, title, jd_raw, jd_clean, location, \
               remote_flag, salary_min_cents, salary_max_cents, currency, salary_period, salary_source, \
               salary_evidence, string_to_array(tags, chr(31)), posted_at, record_source, now() \
             from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], \
               $7::text[], $8::text[], $9::bool[], $10::int[], $11::int[], $12::text[], $13::text[], \
               $14::text[], $15::text[], $16::text[], $17::timestamptz[], $18::text[]) \
             as t(company_id, source, source_id, url, title, jd_raw, jd_clean, location, remote_flag, \
               salary_min_cents, salary_max_cents, currency, salary_period, salary_source, \
               salary_evidence, tags, posted_at, record_source) \
             on conflict (source, source_id) where source_id is not null do update set \
               ({names}, scraped_at) = ({values}, excluded.scraped_at) \
             where ({stored}) is distinct from ({values}) \
             returning source::text, source_id, (xmax = 0) as inserted, id",
            names = names.join(", "),
            values = values.join(", "),
            stored = stored.join(", "),
        )
    })
}

/// Upserts a batch; `company_ids[i]` belongs to `postings[i]`. Keys (source, source id) must be
/// unique within the batch (PostgreSQL refuses to update one row twice in a statement). Returns what happened
/// to each posting, in order, and the ids of the rows inserted or changed.
pub async fn upsert_batch(
    conn: &mut PgConnection,
    postings: &[NormalizedPosting],
    company_ids: &[Option<Uuid>],
) -> sqlx::Result<(Vec<RowChange>, Vec<Uuid>)> {
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
    let changed: Vec<(String, String, bool, Uuid)> = sqlx::query_as(upsert_sql())
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
        .bind(col(|p| p.salary_source.map(str::to_string)))
        .bind(col(|p| p.salary_evidence.clone()))
        .bind(tags)
        .bind(postings.iter().map(|p| p.posted_at).collect::<Vec<_>>())
        .bind(col(|p| Some(p.kind.name().to_string())))
        .fetch_all(conn)
        .await?;
    let ids = changed.iter().map(|(_, _, _, id)| *id).collect();
    let changed: HashMap<(String, String), bool> = changed
        .into_iter()
        .map(|(source, id, inserted, _)| ((source, id), inserted))
        .collect();
    let change = |p: &NormalizedPosting| match changed.get(&(p.source.to_string(), p.source_id.clone())) {
        Some(true) => RowChange::Inserted,
        Some(false) => RowChange::Updated,
        None => RowChange::Unchanged,
    };
    Ok((postings.iter().map(change).collect(), ids))
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

/// The key (source, source id) of the stored posting at each of these canonical URLs, for
/// postings whose own key says nothing about their board (an export row or JSON-LD page with an
/// unrecognised URL): the same URL is the same posting. The board's own record is preferred
/// when several rows share the URL.
pub async fn keys_by_url(
    conn: &mut PgConnection,
    urls: &[String],
) -> sqlx::Result<HashMap<String, (String, String)>> {
    // `record_source in SECOND_HAND` sorts the board's own record (false) first.
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "select distinct on (url) url, source::text, source_id from job_postings
         where url = any($1) and source is not null and source_id is not null
         order by url, record_source in ('file', 'jsonld'), created_at, id",
    )
    .bind(urls)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(url, source, id)| (url, (source, id)))
        .collect())
}
