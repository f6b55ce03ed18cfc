//! The `companies` table, a global catalog (no row-level security): written by catalog ingest on
//! the owner pool.
//!
//! One row per real company. Which row a posting's company is, is decided in one place, the SQL
//! function `catalog_company` (migration 0038): by domain when the source knows it, else by the
//! board slug, else by the name's comparison key (`company_name_key`: case, punctuation and legal
//! suffixes ignored, so "anthropic", "Anthropic" and "Anthropic, PBC" are one company, and the
//! slug `scaleai` meets "Scale AI"). A row found is enriched, never duplicated: a more trusted
//! name replaces a slug stand-in, a domain or slug fills a gap, and nothing is overwritten
//! otherwise, so two sources alternating never rewrite the row on every run.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::posting::CompanyDraft;

/// What an upsert did to one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowChange {
    Inserted,
    Updated,
    Unchanged,
}

/// One `catalog_company` call per draft, in input order, in one statement.
const RESOLVE: &str = "
    select catalog_company(name, name_source, domain, board_slug, industry, size_range)
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
      with ordinality as t(name, name_source, domain, board_slug, industry, size_range, n)
    order by n";

/// A draft's trimmed, non-empty text field.
fn trimmed(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The order drafts are resolved in: every ingest resolves (and so locks) the same companies in
/// the same order, so two ingests meeting them at once wait for each other instead of
/// deadlocking.
fn lock_order(company: &CompanyDraft) -> (Option<String>, Option<String>, Option<String>) {
    let lower = |v: &Option<String>| trimmed(v).map(str::to_lowercase);
    (lower(&company.domain), lower(&company.board_slug), lower(&company.name))
}

/// Finds or creates the companies the drafts name: `ids[i]` belongs to `companies[i]`, `None`
/// when that draft names no company (no name, domain or slug).
pub async fn upsert_batch(
    conn: &mut PgConnection,
    companies: &[&CompanyDraft],
) -> sqlx::Result<Vec<Option<Uuid>>> {
    let mut order: Vec<usize> = (0..companies.len()).collect();
    order.sort_by_cached_key(|&i| lock_order(companies[i]));
    let column = |field: fn(&CompanyDraft) -> Option<String>| -> Vec<Option<String>> {
        order.iter().map(|&i| field(companies[i])).collect()
    };
    let resolved: Vec<(Option<Uuid>,)> = sqlx::query_as(RESOLVE)
        .bind(column(|c| trimmed(&c.name).map(str::to_string)))
        .bind(column(|c| Some(c.name_source.as_str().to_string())))
        .bind(column(|c| trimmed(&c.domain).map(str::to_lowercase)))
        .bind(column(|c| trimmed(&c.board_slug).map(str::to_string)))
        .bind(column(|c| trimmed(&c.industry).map(str::to_string)))
        .bind(column(|c| trimmed(&c.size_range).map(str::to_string)))
        .fetch_all(conn)
        .await?;
    let mut ids = vec![None; companies.len()];
    for (&i, (id,)) in order.iter().zip(resolved) {
        ids[i] = id;
    }
    Ok(ids)
}
