//! Reading the global catalog (`job_postings`, `companies`): filtered keyset search and single
//! postings and companies by id. No row-level security applies; the app role only selects.
//!
//! The search statement is assembled from static fragments, one per filter that is present, with
//! every value bound: a filter that is absent is not in the SQL at all, so the planner never sees
//! `($1 is null or …)` and can pick the index that fits each combination. Statements are not
//! cached (`persistent(false)`): each is planned with its real values, because a tag or a search
//! term can match ten rows or ten percent of the catalog.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

/// The sort time of a posting: `posted_at`, with unknown dates last (as if posted at the epoch).
/// Must stay identical to the expression of `idx_postings_open_recent` (migration 0030) and of
/// `idx_postings_open_title` (migration 0034).
macro_rules! sort_time {
    () => {
        "coalesce(p.posted_at, '1970-01-01 00:00:00+00'::timestamptz)"
    };
}

// After `sort_time!`, which it uses.
mod relevance;

/// Validated filters; `None`/empty means "not filtered on".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// Trigram-matched against the title and the company name.
    pub q: Option<String>,
    /// Lower-case; a posting matches when it has at least one of them.
    pub tags: Vec<String>,
    pub remote: Option<bool>,
    /// Case-insensitive substring of the location.
    pub location: Option<String>,
    /// In cents of the posting's own currency, compared with the top of its range.
    pub salary_min_cents: Option<i32>,
    pub company_id: Option<Uuid>,
    pub posted_after: Option<DateTime<Utc>>,
    pub include_closed: bool,
}

/// Where the previous page ended, in the order of the search it came from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Keyset {
    /// Newest first: (sort time, id), both descending.
    Recent { sort_time: DateTime<Utc>, id: Uuid },
    /// Best match first: (score, sort time, id), all descending.
    Relevance { score: f32, sort_time: DateTime<Utc>, id: Uuid },
}

/// One search hit, with what the list shows and what the next cursor needs.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SearchRow {
    pub id: Uuid,
    pub title: String,
    pub company_id: Option<Uuid>,
    pub company_name: Option<String>,
    pub url: String,
    pub location: Option<String>,
    pub remote_flag: bool,
    pub salary_min_cents: Option<i32>,
    pub salary_max_cents: Option<i32>,
    pub currency: String,
    pub salary_period: Option<String>,
    pub salary_source: Option<String>,
    pub normalized_tags: Vec<String>,
    pub posted_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The start of `jd_clean` (never the whole text: it can be long).
    pub description_start: Option<String>,
    pub sort_time: DateTime<Utc>,
    /// Null without `q`.
    pub score: Option<f32>,
}

/// The columns of a hit; `substr` reads only the start of a long, compressed description.
const HIT_COLUMNS: &str = concat!(
    "select p.id, p.title, p.company_id, c.name as company_name, p.url, p.location, p.remote_flag, \
     p.salary_min_cents, p.salary_max_cents, p.currency::text as currency, p.salary_period, \
     p.salary_source, p.normalized_tags, p.posted_at, p.closed_at, substr(p.jd_clean, 1, 400) as description_start, ",
    sort_time!(),
    " as sort_time, "
);

/// One page of hits (at most `limit`), after `after` when given.
pub async fn search(
    conn: &mut PgConnection,
    filters: &Filters,
    after: Option<&Keyset>,
    limit: i64,
) -> sqlx::Result<Vec<SearchRow>> {
    let mut sql = QueryBuilder::<Postgres>::new("");
    match &filters.q {
        // Open postings only (the default): score distinct titles, then read the newest postings
        // of each (see `relevance`). With closed postings the exhaustive form below answers.
        Some(q) if !filters.include_closed => relevance::push_search(&mut sql, q, filters, after, limit),
        Some(q) => push_exhaustive_relevance(&mut sql, q, filters, after, limit),
        None if !filters.include_closed => push_recent_open(&mut sql, filters, after, limit),
        None => {
            push(&mut sql, HIT_COLUMNS);
            push(&mut sql, "null::real as score from job_postings p left join companies c on c.id = p.company_id where true");
            push_filters(&mut sql, filters);
            push_recent_page(&mut sql, after, limit);
        }
    }
    sql.build_query_as::<SearchRow>().persistent(false).fetch_all(conn).await
}

/// Newest first over open postings, in two steps: the page's (sort time, id) come from an
/// index-only scan of `idx_postings_open_recent` (migration 0036), which holds every filter
/// column but `location`, so a rare combination of tags, remote and salary is tested in the
/// index instead of by fetching each candidate from the heap; then only the page's rows are
/// read in full. That index leaves out postings with over 24 tags (its size guard), which a
/// second branch reads through their own small index; the guards repeat the index predicates
/// so the planner can use them.
fn push_recent_open(sql: &mut QueryBuilder<Postgres>, filters: &Filters, after: Option<&Keyset>, limit: i64) {
    push(sql, HIT_COLUMNS);
    push(sql, "null::real as score from (");
    let branches = [
        ("(select ", "cardinality(p.normalized_tags) <= 24"),
        (") union all (select ", "cardinality(p.normalized_tags) > 24"),
    ];
    for (start, guard) in branches {
        push(sql, start);
        push(sql, concat!(sort_time!(), " as sort_time, p.id from job_postings p where "));
        push(sql, guard);
        push_filters(sql, filters);
        push_recent_page(sql, after, limit);
    }
    push(sql, ")) h join job_postings p on p.id = h.id left join companies c on c.id = p.company_id \
               order by h.sort_time desc, h.id desc limit ");
    sql.push_bind(limit);
}

/// Every match is scored, then the page is the best `limit` after the cursor: exact, but it
/// reads every matching posting, so only searches that include closed postings use it (the
/// title index `relevance` reads covers open postings only).
fn push_exhaustive_relevance(
    sql: &mut QueryBuilder<Postgres>,
    q: &str,
    filters: &Filters,
    after: Option<&Keyset>,
    limit: i64,
) {
    push(sql, "select * from (");
    push(sql, HIT_COLUMNS);
    // word_similarity scores the best-matching stretch of the title, so "sofware enginer"
    // finds "Senior Software Engineer, Payments" as well as "Software Engineer".
    push(sql, "greatest(word_similarity(");
    sql.push_bind(q.to_string());
    push(sql, ", p.title), coalesce(word_similarity(");
    sql.push_bind(q.to_string());
    push(sql, ", c.name), 0)) as score from job_postings p left join companies c on c.id = p.company_id where true");
    // `<%` is word_similarity >= pg_trgm.word_similarity_threshold (0.6 by default), and is
    // answered by the trigram GIN indexes on title and on company name. The company side
    // becomes an id list first, so the two halves combine as one BitmapOr on job_postings.
    push(sql, " and (");
    sql.push_bind(q.to_string());
    push(sql, " <% p.title or p.company_id = any(array(select id from companies where ");
    sql.push_bind(q.to_string());
    push(sql, " <% name)))");
    push_filters(sql, filters);
    push_relevance_page(sql, after, limit);
}

/// Only static text reaches the SQL; values always go through `push_bind`.
fn push(sql: &mut QueryBuilder<Postgres>, fragment: &'static str) {
    sql.push(fragment);
}

/// Every filter but `q` (each search form matches `q` in its own way), on `p`.
fn push_filters(sql: &mut QueryBuilder<Postgres>, filters: &Filters) {
    if !filters.include_closed {
        push(sql, " and p.closed_at is null");
    }
    if !filters.tags.is_empty() {
        push(sql, " and p.normalized_tags && ");
        sql.push_bind(filters.tags.clone());
    }
    if let Some(remote) = filters.remote {
        push(sql, " and p.remote_flag = ");
        sql.push_bind(remote);
    }
    if let Some(location) = &filters.location {
        push(sql, " and p.location ilike ");
        sql.push_bind(format!("%{}%", super::escape_like(location)));
    }
    if let Some(cents) = filters.salary_min_cents {
        // A range "up to X" qualifies when X reaches the minimum; a single figure is its own top.
        push(sql, " and coalesce(p.salary_max_cents, p.salary_min_cents) >= ");
        sql.push_bind(cents);
    }
    if let Some(company_id) = filters.company_id {
        push(sql, " and p.company_id = ");
        sql.push_bind(company_id);
    }
    if let Some(after) = filters.posted_after {
        push(sql, " and p.posted_at >= ");
        sql.push_bind(after);
    }
}

fn push_recent_page(sql: &mut QueryBuilder<Postgres>, after: Option<&Keyset>, limit: i64) {
    if let Some(Keyset::Recent { sort_time, id }) = after {
        // A row comparison, so the (sort time, id) index can start right after the cursor.
        push(sql, concat!(" and (", sort_time!(), ", p.id) < ("));
        sql.push_bind(*sort_time);
        push(sql, ", ");
        sql.push_bind(*id);
        push(sql, ")");
    }
    push(sql, concat!(" order by ", sort_time!(), " desc, p.id desc limit "));
    sql.push_bind(limit);
}

fn push_relevance_page(sql: &mut QueryBuilder<Postgres>, after: Option<&Keyset>, limit: i64) {
    push(sql, ") hit");
    if let Some(Keyset::Relevance { score, sort_time, id }) = after {
        push(sql, " where (score, sort_time, id) < (");
        sql.push_bind(*score);
        push(sql, ", ");
        sql.push_bind(*sort_time);
        push(sql, ", ");
        sql.push_bind(*id);
        push(sql, ")");
    }
    push(sql, " order by score desc, sort_time desc, id desc limit ");
    sql.push_bind(limit);
}

