//! Exporting the user's pipeline as CSV, a page of rows at a time so a large pipeline is never
//! held in memory whole.

use futures::Stream;
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::{self, applications_export::ExportedApplication};
use crate::domain::csv_export::{self, ExportRow};
use crate::error::{AppError, AppResult};

/// Rows read per query.
const PAGE: i64 = 500;

fn export_row(a: ExportedApplication) -> AppResult<ExportRow> {
    let stage = a.stage.parse().map_err(|_| AppError::Internal(anyhow::anyhow!("stage {} unknown", a.stage)))?;
    Ok(ExportRow {
        id: a.id,
        company: a.company_name.unwrap_or_default(),
        title: a.posting_title.unwrap_or_default(),
        url: a.posting_url.unwrap_or_default(),
        stage,
        applied_at: a.applied_at,
        stage_entered_at: a.stage_since,
        source: a.source_label,
        notes: a.status_notes,
        resume_version_id: a.resume_version_id,
        created_at: a.created_at,
        updated_at: a.updated_at,
    })
}

/// Where the next page of the file starts.
#[derive(Clone, Copy)]
enum Next {
    /// The first page, which carries the header row.
    Start,
    /// After the application with this keyset.
    After(chrono::DateTime<chrono::Utc>, Uuid),
    /// The last page was written (or failed).
    Done,
}

/// One page of the file and where the next starts.
async fn page(pool: &PgPool, user_id: Uuid, at: Next) -> AppResult<(Vec<u8>, Next)> {
    let after = match at {
        Next::After(time, id) => Some((time, id)),
        Next::Start | Next::Done => None,
    };
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let applications = db::applications_export::page(&mut tx, user_id, after, PAGE).await?;
    db::end_read(tx);
    let next = match applications.last() {
        Some(last) if applications.len() as i64 == PAGE => Next::After(last.created_at, last.id),
        _ => Next::Done,
    };
    let rows = applications.into_iter().map(export_row).collect::<AppResult<Vec<_>>>()?;
    Ok((csv_export::write(&rows, matches!(at, Next::Start)), next))
}

/// The whole file as a stream of pieces: the header, then the user's live applications
/// oldest first. A failure ends the stream with the error.
pub fn stream(pool: PgPool, user_id: Uuid) -> impl Stream<Item = AppResult<Vec<u8>>> {
    futures::stream::unfold(Next::Start, move |at| {
        let pool = pool.clone();
        async move {
            if matches!(at, Next::Done) {
                return None;
            }
            Some(match page(&pool, user_id, at).await {
                Ok((bytes, next)) => (Ok(bytes), next),
                Err(error) => (Err(error), Next::Done),
            })
        }
    })
}

/// The whole file at once (for the command line and tests of small pipelines).
pub async fn all(pool: &PgPool, user_id: Uuid) -> AppResult<Vec<u8>> {
    use futures::TryStreamExt;
    stream(pool.clone(), user_id).try_concat().await
}
