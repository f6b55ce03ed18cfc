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

/// Where the next page starts: `None` before the first, `Some(None)` after the last.
type Cursor = Option<Option<(chrono::DateTime<chrono::Utc>, Uuid)>>;

/// One page of the file (the first carries the header row) and where the next starts.
async fn page(pool: &PgPool, user_id: Uuid, cursor: Cursor) -> AppResult<(Vec<u8>, Cursor)> {
    let first = cursor.is_none();
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let applications = db::applications_export::page(&mut tx, user_id, cursor.flatten(), PAGE).await?;
    db::end_read(tx);
    let next = match applications.last() {
        Some(last) if applications.len() as i64 == PAGE => Some(Some((last.created_at, last.id))),
        _ => Some(None),
    };
    let rows = applications.into_iter().map(export_row).collect::<AppResult<Vec<_>>>()?;
    Ok((csv_export::write(&rows, first), next))
}

/// The whole file as a stream of pieces: the header, then the user's live applications
/// oldest first. A failure ends the stream with the error.
pub fn stream(pool: PgPool, user_id: Uuid) -> impl Stream<Item = AppResult<Vec<u8>>> {
    futures::stream::unfold(Some(None), move |cursor: Option<Cursor>| {
        let pool = pool.clone();
        async move {
            let cursor = cursor?;
            // A page after the last is never read: `Some(None)` means done.
            if matches!(cursor, Some(None)) {
                return None;
            }
            match page(&pool, user_id, cursor).await {
                Ok((bytes, next)) => Some((Ok(bytes), Some(next))),
                Err(error) => Some((Err(error), None)),
            }
        }
    })
}

/// The whole file at once (for the command line and tests of small pipelines).
pub async fn all(pool: &PgPool, user_id: Uuid) -> AppResult<Vec<u8>> {
    use futures::TryStreamExt;
    stream(pool.clone(), user_id).try_concat().await
}
