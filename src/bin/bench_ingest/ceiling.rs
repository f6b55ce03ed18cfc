//! The ceiling: PostgreSQL's own bulk load. The rows a benchmarked path stored are read back
//! with `COPY … TO STDOUT` (text format, untimed) and loaded with `COPY … FROM STDIN` into a copy
//! of the source table's shape, in two forms:
//! - [`Table::Bare`]: same columns, defaults and column compression, no indexes or constraints
//!   beyond NOT NULL: the fastest way the same bytes can enter the database at all;
//! - [`Table::Indexed`]: also every index and check of the source (`including all`; foreign
//!   keys and triggers are not copied): the fastest way the same rows can enter a table that
//!   queries can use, which is what the benchmarked path has to produce.
//!
//! Shared by `jobpilot-bench-ingest` (job_postings) and `jobpilot-bench-feed` (posting_enrichments).

use std::time::{Duration, Instant};

use futures::TryStreamExt;
use sqlx::PgPool;

/// Bytes per CopyData message.
const COPY_PIECE: usize = 1 << 20;

pub struct Copied {
    pub rows: u64,
    pub bytes: usize,
    pub elapsed: Duration,
}

#[derive(Clone, Copy)]
pub enum Table {
    Bare,
    Indexed,
}

/// Copies every row of `source` (a table name from the benchmark's code, never user input).
pub async fn copy_rows(owner: &PgPool, source: &str, table: Table) -> anyhow::Result<Copied> {
    let mut conn = owner.acquire().await?;
    // Generated columns cannot be copied in; list the plain ones explicitly, in table order.
    let columns: Vec<(String,)> = sqlx::query_as(
        "select quote_ident(column_name) from information_schema.columns
         where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER'
         order by ordinal_position",
    )
    .bind(source)
    .fetch_all(&mut *conn)
    .await?;
    let columns = columns.into_iter().map(|(c,)| c).collect::<Vec<_>>().join(", ");
    sqlx::query("drop table if exists copy_ceiling").execute(&mut *conn).await?;
    let create = match table {
        Table::Bare => format!("create table copy_ceiling (like {source} including defaults including compression)"),
        Table::Indexed => format!("create table copy_ceiling (like {source} including all)"),
    };
    sqlx::query(sqlx::AssertSqlSafe(create)).execute(&mut *conn).await?;

    let mut data = Vec::new();
    {
        let mut out = conn.copy_out_raw(&format!("copy {source} ({columns}) to stdout")).await?;
        while let Some(bytes) = out.try_next().await? {
            data.extend_from_slice(&bytes);
        }
    }

    let started = Instant::now();
    let mut copy = conn.copy_in_raw(&format!("copy copy_ceiling ({columns}) from stdin")).await?;
    // In pieces, as psql sends a file: one giant CopyData message would make the server buffer
    // it whole before parsing any row (measured: 14 s instead of 10 s for 100,000 rows).
    for piece in data.chunks(COPY_PIECE) {
        copy.send(piece).await?;
    }
    let rows = copy.finish().await?;
    let elapsed = started.elapsed();
    sqlx::query("drop table copy_ceiling").execute(&mut *conn).await?;
    Ok(Copied { rows, bytes: data.len(), elapsed })
}
