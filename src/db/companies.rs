//! The `companies` table, a global catalog (no row-level security): written by catalog ingest on
//! the owner pool.
//!
//! One row per company: by `domain` when the source knows it (`uq_companies_domain`), otherwise by
//! case-folded name plus board slug (`uq_companies_name_slug`). Ingest only fills a company's
//! missing fields and never overwrites one, because two boards of one company may spell it
//! differently, and alternating between them must not rewrite the row on every run.
//!
//! A batch's companies go in with one statement per key kind (`unnest` arrays), not one per
//! company: a payload of thousands of postings names hundreds of companies.

use std::collections::{BTreeMap, HashMap};

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

/// Upserts the input rows that no `known` row already answers, then reads every input's id. A
/// no-op conflict returns no row from `insert … returning`, and the statement's snapshot cannot
/// see rows it inserted itself, so the id comes from `known` first, `upserted` second and the
/// pre-existing row third.
macro_rules! upsert_returning_ids {
    ($known:literal, $conflict:literal, $same_row:ident) => {
        concat!(
            "with input as (
               select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                 with ordinality as t(name, domain, board_slug, industry, size_range, n)
             ), known as (",
            $known,
            "), upserted as (
               insert into companies as c (name, domain, board_slug, industry, size_range)
               select name, domain::citext, board_slug, industry, size_range from input
               where n not in (select n from known) ",
            $conflict,
            " returning c.id, c.name, c.domain, c.board_slug
             )
             select coalesce(k.id, u.id, c.id) from input i
             left join known k on k.n = i.n
             left join upserted u on ",
            $same_row!("u"),
            " left join companies c on ",
            $same_row!("c"),
            " order by i.n"
        )
    };
}

macro_rules! same_domain {
    ($t:literal) => {
        concat!($t, ".domain = i.domain::citext")
    };
}

macro_rules! same_name_and_slug {
    ($t:literal) => {
        concat!(
            $t,
            ".domain is null and lower(",
            $t,
            ".name) = lower(i.name) and coalesce(",
            $t,
            ".board_slug, '') = coalesce(i.board_slug, '')"
        )
    };
}

const BY_DOMAIN: &str = upsert_returning_ids!(
    "select null::bigint as n, null::uuid as id where false",
    "on conflict (domain) do update set
       board_slug = coalesce(c.board_slug, excluded.board_slug),
       industry = coalesce(c.industry, excluded.industry),
       size_range = coalesce(c.size_range, excluded.size_range)
     where (c.board_slug, c.industry, c.size_range) is distinct from
       (coalesce(c.board_slug, excluded.board_slug), coalesce(c.industry, excluded.industry),
        coalesce(c.size_range, excluded.size_range))",
    same_domain
);

/// A name and slug whose row has since taken a domain (see [`ADOPT_NAME_ONLY_ROWS`]) is that row.
const BY_NAME_AND_SLUG: &str = upsert_returning_ids!(
    "select distinct on (i.n) i.n, c.id from input i
     join companies c on c.domain is not null and lower(c.name) = lower(i.name)
       and coalesce(c.board_slug, '') = coalesce(i.board_slug, '')
     order by i.n, c.created_at",
    "on conflict (lower(name), coalesce(board_slug, '')) where domain is null do update set
       industry = coalesce(c.industry, excluded.industry),
       size_range = coalesce(c.size_range, excluded.size_range)
     where (c.industry, c.size_range) is distinct from
       (coalesce(c.industry, excluded.industry), coalesce(c.size_range, excluded.size_range))",
    same_name_and_slug
);

/// A company first met without a domain (name + board slug) and later with one is one company:
/// its name-only row takes the domain, so its postings and those of boards that know the domain
/// share the row, and the name and slug keep finding it. Only when no row has that domain yet,
/// and only a row with the same board slug (or none on both sides): a name shared by unrelated
/// companies on other boards is not merged.
const ADOPT_NAME_ONLY_ROWS: &str = "
    with input as (
      select distinct on (lower(domain)) name, domain, board_slug
      from unnest($1::text[], $2::text[], $3::text[]) as t(name, domain, board_slug)
      order by lower(domain)
    ), candidate as (
      select distinct on (i.domain) c.id, i.domain
      from input i
      join companies c on c.domain is null and lower(c.name) = lower(i.name)
        and coalesce(c.board_slug, '') = coalesce(i.board_slug, '')
      where not exists (select 1 from companies d where d.domain = i.domain::citext)
      order by i.domain, c.created_at
    )
    update companies c set domain = candidate.domain::citext
    from candidate where c.id = candidate.id";

/// The key a company is stored under: its case-folded domain, else its case-folded name and slug.
/// Ordered, so every statement locks the rows it upserts in the same order: two ingests meeting
/// the same companies at once then wait for each other instead of deadlocking.
#[derive(Clone, Debug, Hash, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Domain(String),
    NameAndSlug(String, String),
}

/// A draft's trimmed, non-empty name.
fn name_of(company: &CompanyDraft) -> Option<&str> {
    company
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

fn key_of(company: &CompanyDraft) -> Option<Key> {
    let name = name_of(company)?;
    Some(match &company.domain {
        Some(domain) => Key::Domain(domain.to_lowercase()),
        None => Key::NameAndSlug(
            name.to_lowercase(),
            company.board_slug.clone().unwrap_or_default(),
        ),
    })
}

/// Finds or creates the companies the drafts name: `ids[i]` belongs to `companies[i]`, `None`
/// when that draft names no company. Drafts naming one company twice share one row (the first
/// draft's spelling wins when the row is new).
///
/// A concurrent ingest can insert a company between a statement's snapshot and its insert, in
/// which case neither half finds it; one retry (a new statement, a new snapshot) then sees it.
pub async fn upsert_batch(
    conn: &mut PgConnection,
    companies: &[&CompanyDraft],
) -> sqlx::Result<Vec<Option<Uuid>>> {
    let mut firsts: BTreeMap<Key, &CompanyDraft> = BTreeMap::new();
    let keys: Vec<Option<Key>> = companies.iter().map(|c| key_of(c)).collect();
    for (key, company) in keys.iter().zip(companies) {
        if let Some(key) = key {
            firsts.entry(key.clone()).or_insert(company);
        }
    }
    adopt_name_only_rows(conn, &firsts).await?;
    let mut found: HashMap<Key, Uuid> = HashMap::new();
    for _ in 0..2 {
        let (by_domain, by_name): (Vec<_>, Vec<_>) = firsts
            .iter()
            .filter(|(key, _)| !found.contains_key(*key))
            .partition(|(key, _)| matches!(key, Key::Domain(_)));
        for (sql, group) in [(BY_DOMAIN, by_domain), (BY_NAME_AND_SLUG, by_name)] {
            if group.is_empty() {
                continue;
            }
            let drafts: Vec<&CompanyDraft> = group.iter().map(|(_, c)| **c).collect();
            let ids = upsert_group(conn, sql, &drafts).await?;
            for ((key, _), id) in group.into_iter().zip(ids) {
                if let Some(id) = id {
                    found.insert(key.clone(), id);
                }
            }
        }
        if found.len() == firsts.len() {
            return Ok(keys
                .iter()
                .map(|key| key.as_ref().map(|k| found[k]))
                .collect());
        }
    }
    Err(sqlx::Error::RowNotFound)
}

async fn adopt_name_only_rows(
    conn: &mut PgConnection,
    firsts: &BTreeMap<Key, &CompanyDraft>,
) -> sqlx::Result<()> {
    let with_domain: Vec<&CompanyDraft> = firsts
        .iter()
        .filter(|(key, _)| matches!(key, Key::Domain(_)))
        .map(|(_, c)| *c)
        .collect();
    if with_domain.is_empty() {
        return Ok(());
    }
    sqlx::query(ADOPT_NAME_ONLY_ROWS)
        .bind(column(&with_domain, name_of))
        .bind(column(&with_domain, |c| c.domain.as_deref()))
        .bind(column(&with_domain, |c| c.board_slug.as_deref()))
        .execute(conn)
        .await?;
    Ok(())
}

/// One statement for drafts of one key kind; the ids come back in input order (`ordinality`),
/// one row per input, as each input matches at most one stored row.
async fn upsert_group(
    conn: &mut PgConnection,
    sql: &'static str,
    drafts: &[&CompanyDraft],
) -> sqlx::Result<Vec<Option<Uuid>>> {
    let rows: Vec<(Option<Uuid>,)> = sqlx::query_as(sql)
        .bind(column(drafts, name_of))
        .bind(column(drafts, |c| c.domain.as_deref()))
        .bind(column(drafts, |c| c.board_slug.as_deref()))
        .bind(column(drafts, |c| c.industry.as_deref()))
        .bind(column(drafts, |c| c.size_range.as_deref()))
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// One field of every draft, as a text array parameter for `unnest`.
fn column(drafts: &[&CompanyDraft], field: fn(&CompanyDraft) -> Option<&str>) -> Vec<Option<String>> {
    drafts.iter().map(|c| field(c).map(str::to_string)).collect()
}
