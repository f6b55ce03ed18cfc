//! Best match first (`q`) over open postings, scoring distinct titles instead of postings.
//!
//! A million postings share a few thousand titles, and a title's score is the same for all its
//! postings, so: score the titles that match (`posting_titles`, migration 0034), then read the
//! newest `limit` postings of each from `idx_postings_open_title` (a lateral index-only scan
//! that also applies the other filters), add the newest `limit` postings of each company whose
//! name matches, and keep the best `limit`. The result is the exhaustive one (see
//! `push_exhaustive_relevance`):
//!
//! - A posting's score is `greatest(title score, company score)`. Each posting comes from one
//!   branch only, with its exact score: a title's branch leaves out the postings of matching
//!   companies that score at least as high as the title, and a company's branch leaves out its
//!   postings whose title scores higher. So every row of one branch (one title, one company)
//!   has the same score, and newest first within it is the page order: each branch stops after
//!   `limit` rows, from an index in that order. A posting of a company that does not match
//!   scores its title's score (the company's is below the threshold the title met).
//! - The keyset (score, sort time, id) is applied inside each branch: titles and companies
//!   scoring above the cursor are skipped, the cursor's own score resumes after the cursor's
//!   (sort time, id), and lower scores start from their newest posting.
//!
//! Limits, documented in docs/decisions.md: at most [`TITLE_CAP`] titles (best first, after the
//! cursor) are read per page, and titles over 300 bytes (the index's size guard) are not found
//! through their title. Postings with over 24 tags, left out of the covering index by its other
//! size guard, are read by a third branch through their own small index.

use chrono::{DateTime, Utc};
use sqlx::{Postgres, QueryBuilder};
use uuid::Uuid;

use super::{Filters, HIT_COLUMNS, Keyset, push, push_filters};

/// Matching titles read per page, best first. Bounds the work of a very common term on a
/// catalog with many distinct titles; a page misses rows only when the best `TITLE_CAP` titles
/// after the cursor hold fewer than `limit` postings that pass the filters.
const TITLE_CAP: i64 = 1_000;

pub(super) fn push_search(
    sql: &mut QueryBuilder<Postgres>,
    q: &str,
    filters: &Filters,
    after: Option<&Keyset>,
    limit: i64,
) {
    let after = match after {
        Some(Keyset::Relevance { score, sort_time, id }) => Some((*score, *sort_time, *id)),
        _ => None,
    };
    // Companies whose name matches; `materialized` because every branch reads it.
    push(sql, "with mc as materialized (select id, word_similarity(");
    sql.push_bind(q.to_string());
    push(sql, ", name) as score from companies where ");
    sql.push_bind(q.to_string());
    // Titles through their trigram index (search_posting_titles, migration 0036), each with the
    // matching companies whose score reaches its own: their postings of this title score the
    // company's score, so the company branch reads them and this title leaves them out.
    push(sql, " <% name), t as materialized (select s.title, s.score, \
               array(select mc.id from mc where mc.score >= s.score) as skip \
               from search_posting_titles(");
    sql.push_bind(q.to_string());
    push(sql, ", ");
    sql.push_bind(after.map(|(score, _, _)| score));
    push(sql, "::real, ");
    sql.push_bind(TITLE_CAP);
    push(sql, "::integer) s");

    // Title branch: the size guards and `closed_at is null` repeat the index predicate so the
    // planner can use it; `company_id` and the filters are read from the index's columns.
    push(sql, concat!(
        "), hit as ((select t.score, x.sort_time, x.id from t cross join lateral (select ",
        sort_time!(),
        " as sort_time, p.id from job_postings p where p.title = t.title \
         and octet_length(p.title) <= 300 and cardinality(p.normalized_tags) <= 24 \
         and (p.company_id is null or p.company_id <> all(t.skip))"
    ));
    push_filters(sql, filters);
    if let Some((score, sort_time, id)) = after {
        push_resume(sql, "t.score", score, sort_time, id);
    }
    push(sql, concat!(" order by ", sort_time!(), " desc, p.id desc limit "));
    sql.push_bind(limit);

    // Postings of the same titles with too many tags for the covering index (few, so read
    // whole from their own small index; filtered and keyed like the title branch).
    push(sql, concat!(
        ") x) union all (select * from (select t.score, ",
        sort_time!(),
        " as sort_time, p.id from t join job_postings p on p.title = t.title \
         and octet_length(p.title) <= 300 and cardinality(p.normalized_tags) > 24 \
         and (p.company_id is null or p.company_id <> all(t.skip))"
    ));
    push_filters(sql, filters);
    push(sql, ") m");
    push_after(sql, after);

    // Company branch: each matching company's newest open postings (idx_postings_open_company),
    // at most `limit` per company. All of them score the company's score: the ones whose title
    // scores higher are the title branch's (a title over 300 bytes is never matched through
    // itself, so its postings score the company's). The condition is wrapped in `coalesce`
    // (it is never null) only so the planner estimates it at one half rather than one third:
    // at one third it expects to read all of an average company's rows and picks a bitmap scan
    // plus sort, which reads every posting of a large company (EXPLAIN: 900 ms instead of 30).
    push(sql, concat!(
        ") union all (select mc.score, y.sort_time, y.id from mc cross join lateral (select ",
        sort_time!(),
        " as sort_time, p.id from job_postings p where p.company_id = mc.id \
         and coalesce(octet_length(p.title) > 300 or word_similarity("
    ));
    sql.push_bind(q.to_string());
    push(sql, ", p.title) <= mc.score, true)");
    push_filters(sql, filters);
    if let Some((score, sort_time, id)) = after {
        push_resume(sql, "mc.score", score, sort_time, id);
    }
    push(sql, concat!(" order by ", sort_time!(), " desc, p.id desc limit "));
    sql.push_bind(limit);
    push(sql, ") y");
    if let Some((score, _, _)) = after {
        // Companies scoring above the cursor were read in full by earlier pages.
        push(sql, " where mc.score <= ");
        sql.push_bind(score);
    }

    // Only the page's rows are read in full.
    push(sql, ")) select ");
    push(sql, &HIT_COLUMNS["select ".len()..]);
    push(sql, "h.score from (select * from hit order by score desc, sort_time desc, id desc limit ");
    sql.push_bind(limit);
    push(sql, ") h join job_postings p on p.id = h.id left join companies c on c.id = p.company_id \
               order by h.score desc, h.sort_time desc, h.id desc");
}

/// The keyset inside a branch whose rows all score `score_sql` (a title's or a company's): only
/// the cursor's own score resumes mid-branch; a lower score starts from the top (nothing sorts
/// after 'infinity'), and one row comparison keeps the index range scan.
fn push_resume(
    sql: &mut QueryBuilder<Postgres>,
    score_sql: &'static str,
    score: f32,
    sort_time: DateTime<Utc>,
    id: Uuid,
) {
    push(sql, concat!(" and (", sort_time!(), ", p.id) < (case when "));
    push(sql, score_sql);
    push(sql, " = ");
    sql.push_bind(score);
    push(sql, " then ");
    sql.push_bind(sort_time);
    push(sql, " else 'infinity'::timestamptz end, case when ");
    push(sql, score_sql);
    push(sql, " = ");
    sql.push_bind(score);
    push(sql, " then ");
    sql.push_bind(id);
    push(sql, " else 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid end)");
}

/// The keyset on a branch's derived rows (score, sort time, id).
fn push_after(sql: &mut QueryBuilder<Postgres>, after: Option<(f32, DateTime<Utc>, Uuid)>) {
    if let Some((score, sort_time, id)) = after {
        push(sql, " where (score, sort_time, id) < (");
        sql.push_bind(score);
        push(sql, ", ");
        sql.push_bind(sort_time);
        push(sql, ", ");
        sql.push_bind(id);
        push(sql, ")");
    }
}
