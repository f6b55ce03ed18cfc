//! `salary_benchmarks`: the pay of comparable postings per title family, level and currency,
//! rebuilt whole by the nightly backfill and read when scoring postings that state no pay.

use std::collections::HashMap;

use sqlx::PgConnection;

use crate::domain::salary_estimate::{Benchmark, PayGroup};

/// Replaces every benchmark with `benchmarks` (the caller's transaction makes it atomic).
pub async fn replace(conn: &mut PgConnection, benchmarks: &HashMap<PayGroup, Benchmark>) -> sqlx::Result<()> {
    sqlx::query("delete from salary_benchmarks").execute(&mut *conn).await?;
    let (groups, values): (Vec<&PayGroup>, Vec<&Benchmark>) = benchmarks.iter().unzip();
    sqlx::query(
        "insert into salary_benchmarks (title_family, level, currency, sample_size, p25_cents, median_cents, p75_cents)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::bigint[], $7::bigint[])",
    )
    .bind(groups.iter().map(|g| g.family.as_str()).collect::<Vec<_>>())
    .bind(groups.iter().map(|g| g.level.as_str()).collect::<Vec<_>>())
    .bind(groups.iter().map(|g| g.currency.as_str()).collect::<Vec<_>>())
    .bind(values.iter().map(|b| b.sample_size as i32).collect::<Vec<_>>())
    .bind(values.iter().map(|b| b.p25_cents).collect::<Vec<_>>())
    .bind(values.iter().map(|b| b.median_cents).collect::<Vec<_>>())
    .bind(values.iter().map(|b| b.p75_cents).collect::<Vec<_>>())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    title_family: String,
    level: String,
    currency: String,
    sample_size: i32,
    p25_cents: i64,
    median_cents: i64,
    p75_cents: i64,
}

/// Every benchmark (a few thousand rows at most: one per title family, level and currency).
pub async fn all(conn: &mut PgConnection) -> sqlx::Result<HashMap<PayGroup, Benchmark>> {
    let rows: Vec<Row> = sqlx::query_as(
        "select title_family, level, currency::text as currency, sample_size, p25_cents, median_cents, p75_cents
         from salary_benchmarks",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let group = PayGroup { family: r.title_family, level: r.level, currency: r.currency };
            let benchmark = Benchmark {
                sample_size: r.sample_size.max(0) as usize,
                p25_cents: r.p25_cents,
                median_cents: r.median_cents,
                p75_cents: r.p75_cents,
            };
            (group, benchmark)
        })
        .collect())
}
