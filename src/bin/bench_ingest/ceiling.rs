//! The ceiling: PostgreSQL's own bulk load. The rows ingest stored are read back with
//! `COPY … TO STDOUT` (text format, untimed) and loaded with `COPY … FROM STDIN` into
//! `copy_ceiling (like job_postings including defaults including compression)`, which has the
//! same column compression but no indexes or constraints
//! beyond NOT NULL: the fastest way the same bytes can enter the database.

use std::time::{Duration, Instant};

use futures::TryStreamExt;
use sqlx::PgPool;

pub struct Copied {
    pub rows: u64,
    pub bytes: usize,
    pub elapsed: Duration,
}

pub async fn copy_rows(owner: &PgPool) -> anyhow::Result<Copied> {
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
    sqlx::query("create table copy_ceiling (like job_postings including defaults including compression)")
        .execute(&mut *conn)
        .await?;

    let mut data = Vec::new();
    {
        let mut out = conn.copy_out_raw(&format!("copy job_postings ({columns}) to stdout")).await?;
        while let Some(bytes) = out.try_next().await? {
            data.extend_from_slice(&bytes);
        }
    }

    let started = Instant::now();
    let mut copy = conn.copy_in_raw(&format!("copy copy_ceiling ({columns}) from stdin")).await?;
    copy.send(data.as_slice()).await?;
    let rows = copy.finish().await?;
    let elapsed = started.elapsed();
    Ok(Copied { rows, bytes: data.len(), elapsed })
}
