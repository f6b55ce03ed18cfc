//! The ceiling: PostgreSQL's own bulk load. The rows ingest stored are read back with
//! `COPY … TO STDOUT` (text format, untimed) and loaded with `COPY … FROM STDIN` into a copy of
//! `job_postings`' shape, in two forms:
//! - [`Table::Bare`]: same columns, defaults and column compression, no indexes or constraints
//!   beyond NOT NULL: the fastest way the same bytes can enter the database at all;
//! - [`Table::Indexed`]: also every index and check of `job_postings` (`including all`; foreign
//!   keys and triggers are not copied): the fastest way the same rows can enter a table that
//!   search can use, which is what ingest has to produce.

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

pub async fn copy_rows(owner: &PgPool, table: Table) -> anyhow::Result<Copied> {
    let mut conn = owner.acquire().await?;
    // Generated columns cannot be copied in; list the plain ones explicitly, in table order.
    let columns: Vec<(String,)> = sqlx::query_as(
        "select quote_ident(column_name) from information_schema.columns
         where table_schema = current_schema() and table_name = 'job_postings' and is_generated = 'NEVER'
         order by ordinal_position",
    )
    .fetch_all(&mut *conn)
    .await?;
    let columns = columns.into_iter().map(|(c,)| c).collect::<Vec<_>>().join(", ");
    sqlx::query("drop table if exists copy_ceiling").execute(&mut *conn).await?;
    let create = match table {
        Table::Bare => "create table copy_ceiling (like job_postings including defaults including compression)",
        Table::Indexed => "create table copy_ceiling (like job_postings including all)",
    };
    sqlx::query(create).execute(&mut *conn).await?;

    let mut data = Vec::new();
    {
        let mut out = conn.copy_out_raw(&format!("copy job_postings ({columns}) to stdout")).await?;
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
