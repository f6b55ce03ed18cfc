//! The `companies` table, a global catalog (no row-level security): written by catalog ingest on
//! the owner pool.
//!
//! One row per company: by `domain` when the source knows it (`uq_companies_domain`), otherwise by
//! case-folded name plus board slug (`uq_companies_name_slug`). Ingest only fills a company's
//! missing fields and never overwrites one, because two boards of one company may spell it
//! differently, and alternating between them must not rewrite the row on every run.

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

/// The upserted row's id and change. A no-op conflict returns no row from `insert … returning`,
/// so the existing row is read in the same statement (same snapshot) when `upserted` is empty.
macro_rules! upsert_then_existing {
    ($insert:literal, $existing:literal) => {
        concat!(
            "with upserted as (",
            $insert,
            " returning id, (xmax = 0) as inserted) ",
            "select id, inserted, true as changed from upserted ",
            "union all select id, false, false from companies where ",
            $existing,
            " and not exists (select 1 from upserted)"
        )
    };
}

const BY_DOMAIN: &str = upsert_then_existing!(
    "insert into companies (name, domain, board_slug, industry, size_range)
     values ($1, $2::citext, $3, $4, $5)
     on conflict (domain) do update set
       board_slug = coalesce(companies.board_slug, excluded.board_slug),
       industry = coalesce(companies.industry, excluded.industry),
       size_range = coalesce(companies.size_range, excluded.size_range)
     where (companies.board_slug, companies.industry, companies.size_range) is distinct from
       (coalesce(companies.board_slug, excluded.board_slug), coalesce(companies.industry, excluded.industry),
        coalesce(companies.size_range, excluded.size_range))",
    "domain = $2::citext"
);

const BY_NAME_AND_SLUG: &str = upsert_then_existing!(
    "insert into companies (name, domain, board_slug, industry, size_range)
     values ($1, $2::citext, $3, $4, $5)
     on conflict (lower(name), coalesce(board_slug, '')) where domain is null do update set
       industry = coalesce(companies.industry, excluded.industry),
       size_range = coalesce(companies.size_range, excluded.size_range)
     where (companies.industry, companies.size_range) is distinct from
       (coalesce(companies.industry, excluded.industry), coalesce(companies.size_range, excluded.size_range))",
    "domain is null and lower(name) = lower($1) and coalesce(board_slug, '') = coalesce($3, '')"
);

/// Finds or creates the company a draft names; `None` when the draft names no company.
///
/// A concurrent ingest can insert the same company between this statement's snapshot and its
/// insert, in which case neither half returns a row; one retry then sees the committed row.
pub async fn upsert(
    conn: &mut PgConnection,
    company: &CompanyDraft,
) -> sqlx::Result<Option<(Uuid, RowChange)>> {
    let Some(name) = company
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    else {
        return Ok(None);
    };
    let sql = if company.domain.is_some() {
        BY_DOMAIN
    } else {
        BY_NAME_AND_SLUG
    };
    for _ in 0..2 {
        let row: Option<(Uuid, bool, bool)> = sqlx::query_as(sql)
            .bind(name)
            .bind(company.domain.as_deref())
            .bind(company.board_slug.as_deref())
            .bind(company.industry.as_deref())
            .bind(company.size_range.as_deref())
            .fetch_optional(&mut *conn)
            .await?;
        if let Some((id, inserted, changed)) = row {
            let change = match (inserted, changed) {
                (true, _) => RowChange::Inserted,
                (false, true) => RowChange::Updated,
                (false, false) => RowChange::Unchanged,
            };
            return Ok(Some((id, change)));
        }
    }
    Err(sqlx::Error::RowNotFound)
}
