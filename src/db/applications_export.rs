//! Reading the user's applications for the CSV export: oldest first, a page at a time.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// An application with the posting fields the export writes.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ExportedApplication {
    pub id: Uuid,
    pub company_name: Option<String>,
    pub posting_title: Option<String>,
    pub posting_url: Option<String>,
    pub stage: String,
    pub applied_at: Option<DateTime<Utc>>,
    pub stage_since: DateTime<Utc>,
    pub source_label: Option<String>,
    pub status_notes: Option<String>,
    pub resume_version_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The user's live applications created after the keyset `after`, oldest first (so a file
/// re-imported creates them in the order they were made).
pub async fn page(
    conn: &mut PgConnection,
    user_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> sqlx::Result<Vec<ExportedApplication>> {
    let (after_time, after_id) = after.unzip();
    sqlx::query_as(
        "select a.id, c.name as company_name, p.title as posting_title, p.url as posting_url, a.stage::text as stage,
                a.applied_at,
                coalesce((select max(s.changed_at) from application_stage_changes s where s.application_id = a.id),
                         a.created_at) as stage_since,
                a.source_label, a.status_notes, a.resume_version_id, a.created_at, a.updated_at
           from applications a
           left join job_postings p on p.id = a.job_posting_id
           left join companies c on c.id = p.company_id
          where a.deleted_at is null and a.user_id = $1
            and ($2::timestamptz is null or (a.created_at, a.id) > ($2, $3))
          order by a.created_at, a.id limit $4",
    )
    .bind(user_id)
    .bind(after_time)
    .bind(after_id)
    .bind(limit)
    .fetch_all(conn)
    .await
}
