//! Reading many resume versions at once: a user's versions list (with the posting each was
//! tailored for and the applications that used it), and the purge of versions deleted long ago.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

/// A version as the versions list shows it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct VersionSummary {
    pub id: Uuid,
    pub name: Option<String>,
    pub base_flag: bool,
    pub job_posting_id: Option<Uuid>,
    /// The posting a tailored version was made for, and its company.
    pub posting_title: Option<String>,
    pub company_name: Option<String>,
    pub ats_score: Option<i32>,
    pub file_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// The user's applications that were sent with this version.
    #[sqlx(json)]
    pub applications: Vec<UsedBy>,
}

/// An application a version went to.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct UsedBy {
    pub id: Uuid,
    pub title: Option<String>,
    pub company: Option<String>,
    pub stage: String,
}

/// The user's versions, base first, then newest first; deleted ones only when asked.
pub async fn list(conn: &mut PgConnection, user_id: Uuid, include_deleted: bool) -> sqlx::Result<Vec<VersionSummary>> {
    sqlx::query_as(
        "select r.id, r.name, r.base_flag, r.job_posting_id, p.title as posting_title, c.name as company_name,
                r.ats_score, r.file_name, r.created_at, r.updated_at, r.deleted_at,
                coalesce((select json_agg(json_build_object('id', a.id, 'title', ap.title, 'company', ac.name,
                                                            'stage', a.stage::text) order by a.created_at)
                          from applications a
                          left join job_postings ap on ap.id = a.job_posting_id
                          left join companies ac on ac.id = ap.company_id
                          where a.user_id = r.user_id and a.resume_version_id = r.id and a.deleted_at is null),
                         '[]'::json) as applications
         from resume_versions r
         left join job_postings p on p.id = r.job_posting_id
         left join companies c on c.id = p.company_id
         where r.user_id = $1 and (r.deleted_at is null or $2)
         order by r.deleted_at is not null, r.base_flag desc, r.created_at desc, r.id",
    )
    .bind(user_id)
    .bind(include_deleted)
    .fetch_all(conn)
    .await
}

/// A version the purge removed, and the stored files to remove with it: its uploaded original
/// and the PDFs/DOCXs rendered from it (their rows go by the foreign key's cascade).
#[derive(Debug, sqlx::FromRow)]
pub struct Purged {
    pub id: Uuid,
    pub user_id: Uuid,
    pub storage_keys: Vec<String>,
}

/// Hard-deletes versions deleted more than `days` ago (system pool: every user at once).
/// Applications that used one keep going, their link cleared by the foreign key.
pub async fn purge_deleted(conn: &mut PgConnection, days: i32) -> sqlx::Result<Vec<Purged>> {
    sqlx::query_as(
        // Every part of one statement sees the same snapshot, so the select still finds the
        // rendered files whose rows the delete cascades away.
        "with gone as (
           delete from resume_versions where deleted_at < now() - make_interval(days => $1)
           returning id, user_id, storage_key)
         select g.id, g.user_id,
                array_remove(array_append(array(select a.storage_key from artifacts a
                                                  where a.resume_version_id = g.id and a.storage_key is not null),
                                          g.storage_key), null) as storage_keys
           from gone g",
    )
    .bind(days)
    .fetch_all(conn)
    .await
}
