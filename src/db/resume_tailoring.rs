//! What tailoring and cover letters read around a resume version: the application and its
//! posting, a posting's text, and the link from an application to the version sent with it.
//! (The versions themselves are `db::resume_versions`.)

use sqlx::PgConnection;
use uuid::Uuid;

/// An application and the posting it is for, as tailoring and cover letters need them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ApplicationTarget {
    pub id: Uuid,
    pub job_posting_id: Option<Uuid>,
    pub resume_version_id: Option<Uuid>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub description: Option<String>,
}

pub async fn application_target(conn: &mut PgConnection, user_id: Uuid, application_id: Uuid) -> sqlx::Result<Option<ApplicationTarget>> {
    sqlx::query_as(
        "select a.id, a.job_posting_id, a.resume_version_id, p.title, c.name as company, p.jd_clean as description
           from applications a
           left join job_postings p on p.id = a.job_posting_id
           left join companies c on c.id = p.company_id
          where a.user_id = $1 and a.id = $2 and a.deleted_at is null",
    )
    .bind(user_id)
    .bind(application_id)
    .fetch_optional(conn)
    .await
}

/// A catalog posting's title, company and clean description.
pub async fn posting_text(conn: &mut PgConnection, posting_id: Uuid) -> sqlx::Result<Option<(String, Option<String>, Option<String>)>> {
    sqlx::query_as(
        "select p.title, c.name, p.jd_clean from job_postings p left join companies c on c.id = p.company_id where p.id = $1",
    )
    .bind(posting_id)
    .fetch_optional(conn)
    .await
}

/// Records the version sent with an application.
pub async fn link_to_application(conn: &mut PgConnection, user_id: Uuid, application_id: Uuid, version_id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("update applications set resume_version_id = $3 where user_id = $1 and id = $2 and deleted_at is null")
        .bind(user_id)
        .bind(application_id)
        .bind(version_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
