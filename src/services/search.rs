//! Searching and reading the global job catalog, for the JSON API and the web pages alike.
//!
//! Use: `let (filters, page) = SearchParams { … }.validate()?;` (or `SearchParams::from_pairs`
//! on a raw query string), then `search(&pool, &filters, &page)`, `posting(&pool, id)`,
//! `company(&pool, id)`. Validation errors are `AppError::Validation` naming each parameter.
//! Everything here only reads, on the app pool: the catalog has no row-level security, so no
//! tenant transaction is needed and one query is one round trip.

mod cursor;
mod params;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

pub use self::cursor::PageRequest;
pub use self::params::{DEFAULT_LIMIT, MAX_LIMIT, SearchParams};
pub use crate::db::catalog_search::{Filters as SearchFilters, Keyset};
use crate::db::{catalog_read, catalog_search};
use crate::error::{AppError, AppResult};

/// Characters of description shown under a hit.
const SNIPPET_CHARS: usize = 200;

/// A posting's company, as lists show it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CompanyRef {
    pub id: Uuid,
    pub name: String,
}

/// Pay as the board states it: amounts in cents of `currency`, per `period` (null when the
/// board did not say). Either end of the range may be missing.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Salary {
    pub min_cents: Option<i32>,
    pub max_cents: Option<i32>,
    #[schema(example = "USD")]
    pub currency: String,
    /// `hour`, `day`, `week`, `month` or `year`.
    pub period: Option<String>,
    /// Where it came from: `structured` (a pay field of the board or export), `summary` (the
    /// board's pay summary text) or `description` (a pay phrase of the description); null for
    /// salaries stored before origins were kept.
    #[schema(example = "description")]
    pub origin: Option<String>,
    /// The words a text salary was read from (posting detail only), so a wrong one can be traced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl Salary {
    pub(crate) fn from_parts(
        (min, max): (Option<i32>, Option<i32>),
        currency: String,
        period: Option<String>,
        origin: Option<String>,
        evidence: Option<String>,
    ) -> Option<Self> {
        (min.is_some() || max.is_some()).then_some(Self {
            min_cents: min,
            max_cents: max,
            currency,
            period,
            origin,
            evidence,
        })
    }
}

/// One search hit.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PostingSummary {
    pub id: Uuid,
    pub title: String,
    pub company: Option<CompanyRef>,
    /// The posting on its board.
    pub url: String,
    pub location: Option<String>,
    pub remote_flag: bool,
    pub salary: Option<Salary>,
    pub tags: Vec<String>,
    pub posted_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The start of the description, cut at a word.
    pub snippet: Option<String>,
}

/// One page of hits.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SearchPage {
    pub items: Vec<PostingSummary>,
    /// Pass as `cursor`, with the same filters, for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// A whole posting.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PostingDetail {
    pub id: Uuid,
    pub title: String,
    pub company: Option<CompanyRef>,
    /// The board it came from (`greenhouse`, `lever`, `ashby`, … or `other`).
    pub source: Option<String>,
    pub url: String,
    pub location: Option<String>,
    pub remote_flag: bool,
    pub eligibility_notes: Option<String>,
    pub salary: Option<Salary>,
    pub tags: Vec<String>,
    /// The description as plain text (sanitised, entities decoded); the board's HTML is not exposed.
    pub jd_clean: Option<String>,
    pub posted_at: Option<DateTime<Utc>>,
    pub scraped_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// A company of the catalog.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CompanyDetail {
    pub id: Uuid,
    pub name: String,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub size_range: Option<String>,
    /// Postings of this company not closed on their board.
    pub open_postings: i64,
}

/// One page of postings matching `filters`: best match first with `q`, newest first without.
#[tracing::instrument(skip_all)]
pub async fn search(pool: &PgPool, filters: &SearchFilters, page: &PageRequest) -> AppResult<SearchPage> {
    let mut conn = pool.acquire().await?;
    let rows = catalog_search::search(&mut conn, filters, page.after.as_ref(), page.limit).await?;
    let next_cursor = (rows.len() as i64 == page.limit)
        .then(|| rows.last().map(|last| cursor::encode(&keyset_of(last))))
        .flatten();
    let items = rows.into_iter().map(summary).collect();
    Ok(SearchPage { items, next_cursor })
}

/// A posting by id (closed ones too: a tracked job must stay readable), or `NotFound`.
#[tracing::instrument(skip(pool))]
pub async fn posting(pool: &PgPool, id: Uuid) -> AppResult<PostingDetail> {
    let mut conn = pool.acquire().await?;
    let row = catalog_read::posting(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    Ok(PostingDetail {
        id: row.id,
        title: row.title,
        company: company_ref(row.company_id, row.company_name),
        source: row.source,
        url: row.url,
        location: row.location,
        remote_flag: row.remote_flag,
        eligibility_notes: row.eligibility_notes,
        salary: Salary::from_parts(
            (row.salary_min_cents, row.salary_max_cents),
            row.currency,
            row.salary_period,
            row.salary_source,
            row.salary_evidence,
        ),
        tags: row.normalized_tags,
        jd_clean: row.jd_clean,
        posted_at: row.posted_at,
        scraped_at: row.scraped_at,
        closed_at: row.closed_at,
        updated_at: row.updated_at,
    })
}

/// A company by id, or `NotFound`.
#[tracing::instrument(skip(pool))]
pub async fn company(pool: &PgPool, id: Uuid) -> AppResult<CompanyDetail> {
    let mut conn = pool.acquire().await?;
    let row = catalog_read::company(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    Ok(CompanyDetail {
        id: row.id,
        name: row.name,
        domain: row.domain,
        industry: row.industry,
        size_range: row.size_range,
        open_postings: row.open_postings,
    })
}

fn keyset_of(row: &catalog_search::SearchRow) -> Keyset {
    match row.score {
        Some(score) => Keyset::Relevance { score, sort_time: row.sort_time, id: row.id },
        None => Keyset::Recent { sort_time: row.sort_time, id: row.id },
    }
}

pub(crate) fn company_ref(id: Option<Uuid>, name: Option<String>) -> Option<CompanyRef> {
    Some(CompanyRef { id: id?, name: name? })
}

fn summary(row: catalog_search::SearchRow) -> PostingSummary {
    PostingSummary {
        id: row.id,
        title: row.title,
        company: company_ref(row.company_id, row.company_name),
        url: row.url,
        location: row.location,
        remote_flag: row.remote_flag,
        salary: Salary::from_parts(
            (row.salary_min_cents, row.salary_max_cents),
            row.currency,
            row.salary_period,
            row.salary_source,
            None,
        ),
        tags: row.normalized_tags,
        posted_at: row.posted_at,
        closed_at: row.closed_at,
        snippet: row.description_start.as_deref().and_then(snippet),
    }
}

/// Whitespace collapsed, cut at the last word boundary within [`SNIPPET_CHARS`], with an ellipsis
/// when something was cut.
pub fn snippet(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in &words {
        let extra = usize::from(!out.is_empty()) + word.chars().count();
        if out.chars().count() + extra > SNIPPET_CHARS {
            if out.is_empty() {
                out = word.chars().take(SNIPPET_CHARS).collect();
            }
            out.push('…');
            return Some(out);
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}
