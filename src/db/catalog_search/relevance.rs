//! Best match first (`q`) over open postings, scoring distinct titles instead of postings.
//!
//! A million postings share a few thousand titles, and a title's score is the same for all its
//! postings, so: score the titles that match (`posting_titles`, migration 0034), then read the
//! newest `limit` postings of each from `idx_postings_open_title` (a lateral index-only scan
//! that also applies the other filters), add the postings of companies whose name matches, and
//! keep the best `limit`. The result is the exhaustive one (see `push_exhaustive_relevance`):
//!
//! - A posting's score is `greatest(title score, company score)`. The title branch leaves out
//!   the postings of matching companies, which the company branch scores in full, so every
//!   posting comes from one branch only, with its exact score; a posting of a company that does
//!   not match scores its title's score (the company's is below the threshold the title met).
//! - The keyset (score, sort time, id) is applied inside each branch: titles scoring above the
//!   cursor are skipped, the cursor's own score resumes after the cursor's (sort time, id), and
//!   lower-scoring titles start from their newest posting.
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
    // Companies whose name matches; `materialized` because both branches read it.
    push(sql, "with mc as materialized (select id, word_similarity(");
    sql.push_bind(q.to_string());
    push(sql, ", name) as score from companies where ");
    sql.push_bind(q.to_string());
    push(sql, " <% name), t as (select title, word_similarity(");
    sql.push_bind(q.to_string());
    push(sql, ", title) as score from posting_titles where ");
    sql.push_bind(q.to_string());
    push(sql, " <% title");
    if let Some((score, _, _)) = after {
        push(sql, " and word_similarity(");
        sql.push_bind(q.to_string());
        push(sql, ", title) <= ");
        sql.push_bind(score);
    }
    push(sql, " order by score desc, title limit ");
    sql.push_bind(TITLE_CAP);

    // Title branch: the size guards and `closed_at is null` repeat the index predicate so the
    // planner can use it; `company_id` and the filters are read from the index's columns.
    push(sql, concat!(
        "), hit as ((select t.score, x.sort_time, x.id from t cross join lateral (select ",
        sort_time!(),
        " as sort_time, p.id from job_postings p where p.title = t.title \
         and octet_length(p.title) <= 300 and cardinality(p.normalized_tags) <= 24 \
         and (p.company_id is null or p.company_id <> all(array(select id from mc)))"
    ));
    push_filters(sql, filters);
    if let Some((score, sort_time, id)) = after {
        // Only the cursor's own score resumes mid-title; a lower score starts from the top
        // (nothing sorts after 'infinity'), and one row comparison keeps the index range scan.
        push(sql, concat!(" and (", sort_time!(), ", p.id) < (case when t.score = "));
        sql.push_bind(score);
        push(sql, " then ");
        sql.push_bind(sort_time);
        push(sql, " else 'infinity'::timestamptz end, case when t.score = ");
        sql.push_bind(score);
        push(sql, " then ");
        sql.push_bind(id);
        push(sql, " else 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid end)");
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
         and (p.company_id is null or p.company_id <> all(array(select id from mc)))"
    ));
    push_filters(sql, filters);
    push(sql, ") m");
    push_after(sql, after);

    // Company branch: every posting of a matching company, scored in full (a company has at
    // most thousands of postings, read through idx_job_postings_company_id).
    push(sql, ") union all (select * from (select greatest(word_similarity(");
    sql.push_bind(q.to_string());
    push(sql, concat!(
        ", p.title), mc.score) as score, ",
        sort_time!(),
        " as sort_time, p.id from mc join job_postings p on p.company_id = mc.id where true"
    ));
    push_filters(sql, filters);
    push(sql, ") c");
    push_after(sql, after);

    // Only the page's rows are read in full.
    push(sql, ")) select ");
    push(sql, &HIT_COLUMNS["select ".len()..]);
    push(sql, "h.score from (select * from hit order by score desc, sort_time desc, id desc limit ");
    sql.push_bind(limit);
    push(sql, ") h join job_postings p on p.id = h.id left join companies c on c.id = p.company_id \
               order by h.score desc, h.sort_time desc, h.id desc");
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
