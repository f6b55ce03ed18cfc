//! Fills the catalog with N realistic postings, server-side: word lists go in as array
//! parameters and `generate_series` does the rest, so a million rows take a minute rather than
//! the hours the ingest path would need (ingest has its own benchmark).
//!
//! Every choice is a hash of the row number (`hashint8extended(g, k)`), not `random()`, so the
//! same N always gives the same catalog and runs can be compared.

use std::time::Instant;

use sqlx::PgPool;

use super::words::*;

/// `1 + hash(g, seed) mod n`: a 1-based pick from a list of n, the same for the same row.
fn pick(row: &str, seed: u32, n: &str) -> String {
    format!("(1 + abs(hashint8extended({row}, {seed})) % {n})::int")
}

/// A uniform fraction in [0, 1) for row g.
fn unit(row: &str, seed: u32) -> String {
    format!("((abs(hashint8extended({row}, {seed})) % 1000000) / 1000000.0)")
}

/// Postings inserted per statement.
const CHUNK: i64 = 100_000;

/// Deterministic company id n (1-based), so postings can name one without a join.
const COMPANY_ID: &str = "md5('bench-company-' || {n})::uuid";

pub async fn companies(owner: &PgPool, count: i64) -> anyhow::Result<()> {
    let sql = format!(
        "insert into companies (id, name, domain, industry, size_range, board_slug)
         select {id}, name, lower(replace(replace(name, ' ', '-'), '.', '')) || '-' || g || '.example',
                ($4::text[])[{industry}], ($5::text[])[{size}], 'bench-' || g
         from generate_series(1, $6::bigint) g,
         lateral (select trim(($1::text[])[{a}] || ($2::text[])[{b}] || ' ' || ($3::text[])[{c}]) as name) n",
        id = COMPANY_ID.replace("{n}", "g"),
        a = pick("g", 1, "cardinality($1)"),
        b = pick("g", 2, "cardinality($2)"),
        c = pick("g", 3, "cardinality($3)"),
        industry = pick("g", 4, "cardinality($4)"),
        size = pick("g", 5, "cardinality($5)"),
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(NAME_STARTS)
        .bind(NAME_ENDS)
        .bind(NAME_KINDS)
        .bind(INDUSTRIES)
        .bind(SIZES)
        .bind(count)
        .execute(owner)
        .await?;
    Ok(())
}

/// Inserts postings `first..=last` (row numbers), spread over `companies` companies with a
/// long tail (a few companies have thousands of postings, most have a handful).
pub async fn postings(owner: &PgPool, first: i64, last: i64, companies: i64) -> anyhow::Result<()> {
    let roles: Vec<&str> = ROLES.iter().map(|r| r.0).collect();
    let families: Vec<i32> = ROLES.iter().map(|r| r.1).collect();
    let sql = format!(
        "insert into job_postings (company_id, source, source_id, url, title, jd_clean, location, remote_flag,
             salary_min_cents, salary_max_cents, currency, salary_period, normalized_tags, posted_at, closed_at,
             scraped_at)
         select {company}, 'other', 'bench:' || g, 'https://boards.example/jobs/' || g, title,
                jd, location, remote, sal_min, sal_max, currency, case when sal_min is null then null else period end,
                tags, posted, closed, now()
         from generate_series($1::bigint, $2::bigint) g,
         lateral (select {role} as r, {remote_u} < 0.25 as remote, {salary_u} as su, {posted_u} as pu) pick,
         lateral (select ($4::text[])[{sen}] || ($3::text[])[r] || ($5::text[])[{suf}] as title,
                  case when remote then ($10::text[])[{rloc}] else ($9::text[])[{city}] end as location,
                  case when {hourly_u} < 0.05 then 'hour' else 'year' end as period) t,
         lateral (select case when su < 0.65 then (case when period = 'hour' then 3000 + (su * 10000)::int
                          else 4000000 + (su * 20000000)::int end) end as sal_min,
                  case when {currency_u} < 0.7 then 'USD' when {currency_u} < 0.9 then 'EUR' else 'GBP' end as currency,
                  case when pu < 0.03 then null else now() - (pu * pu * interval '365 days') end as posted,
                  case when {closed_u} < 0.12 then now() - interval '1 day' end as closed,
                  array(select tag from unnest(string_to_array(($6::text[])[($7::int[])[r]], ',')) with ordinality x(tag, i)
                        where abs(hashint8extended(g * 64 + i, 77)) % 100 < 45) as tags,
                  replace(($8::text[])[{s1}] || ' ' || ($8::text[])[{s2}] || ' ' || ($8::text[])[{s3}] || ' '
                          || ($8::text[])[{s4}] || ' ' || ($8::text[])[{s5}], '{{title}}', title) as jd) m,
         lateral (select sal_min + case when sal_min is null then null when period = 'hour' then 1500
                         else 1000000 + ({spread_u} * 6000000)::int end as sal_max) s",
        company = COMPANY_ID.replace("{n}", &format!("(1 + floor(power({}, 2.5) * $11::bigint))::bigint", unit("g", 10))),
        role = pick("g", 11, "cardinality($3)"),
        remote_u = unit("g", 12),
        salary_u = unit("g", 13),
        posted_u = unit("g", 14),
        sen = pick("g", 15, "cardinality($4)"),
        suf = pick("g", 16, "cardinality($5)"),
        rloc = pick("g", 17, "cardinality($10)"),
        city = pick("g", 18, "cardinality($9)"),
        hourly_u = unit("g", 19),
        currency_u = unit("g", 20),
        closed_u = unit("g", 21),
        s1 = pick("g", 22, "cardinality($8)"),
        s2 = pick("g", 23, "cardinality($8)"),
        s3 = pick("g", 24, "cardinality($8)"),
        s4 = pick("g", 25, "cardinality($8)"),
        s5 = pick("g", 26, "cardinality($8)"),
        spread_u = unit("g", 27),
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(first)
        .bind(last)
        .bind(&roles)
        .bind(SENIORITY)
        .bind(SUFFIXES)
        .bind(FAMILY_TAGS)
        .bind(&families)
        .bind(SENTENCES)
        .bind(CITIES)
        .bind(REMOTE_LOCATIONS)
        .bind(companies)
        .execute(owner)
        .await?;
    Ok(())
}

/// Fills an empty catalog with `postings` postings at postings/50 companies and prints what it made.
pub async fn catalog(owner: &PgPool, postings: i64) -> anyhow::Result<()> {
    let started = Instant::now();
    let company_count = (postings / 50).max(10);
    companies(owner, company_count).await?;
    let mut first = 1;
    while first <= postings {
        let last = (first + CHUNK - 1).min(postings);
        self::postings(owner, first, last, company_count).await?;
        println!("  generated {last} / {postings} postings ({:.0} s)", started.elapsed().as_secs_f64());
        first = last + 1;
    }
    sqlx::query("vacuum analyze companies").execute(owner).await?;
    sqlx::query("vacuum analyze job_postings").execute(owner).await?;
    let stats: (i64, i64, i64, i64) = sqlx::query_as(
        "select count(*), count(*) filter (where closed_at is null), count(distinct title),
                count(*) filter (where salary_min_cents is not null) from job_postings",
    )
    .fetch_one(owner)
    .await?;
    println!("data generator: {} postings ({} open, {} distinct titles, {} with a salary) at {company_count} companies in {:.1} s",
        stats.0, stats.1, stats.2, stats.3, started.elapsed().as_secs_f64());
    Ok(())
}
