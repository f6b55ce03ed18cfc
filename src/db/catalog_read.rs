//! One posting or one company of the global catalog by id, as the read API shows them.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// A posting with its company and clean description (never the raw board HTML).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PostingRow {
    pub id: Uuid,
    pub title: String,
    pub company_id: Option<Uuid>,
    pub company_name: Option<String>,
    pub source: Option<String>,
    pub url: String,
    pub location: Option<String>,
    pub remote_flag: bool,
    pub eligibility_notes: Option<String>,
    pub salary_min_cents: Option<i32>,
    pub salary_max_cents: Option<i32>,
    pub currency: String,
    pub salary_period: Option<String>,
    pub salary_source: Option<String>,
    pub salary_evidence: Option<String>,
    pub normalized_tags: Vec<String>,
    pub jd_clean: Option<String>,
    pub posted_at: Option<DateTime<Utc>>,
    pub scraped_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// A company and how many of its postings are open.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CompanyRow {
    pub id: Uuid,
    pub name: String,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub size_range: Option<String>,
    pub open_postings: i64,
}

pub async fn posting(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<PostingRow>> {
    sqlx::query_as(
        "select p.id, p.title, p.company_id, c.name as company_name, p.source::text as source, p.url,
                p.location, p.remote_flag, p.eligibility_notes, p.salary_min_cents, p.salary_max_cents,
                p.currency::text as currency, p.salary_period, p.salary_source, p.salary_evidence,
                p.normalized_tags, p.jd_clean,
                p.posted_at, p.scraped_at, p.closed_at, p.updated_at
         from job_postings p left join companies c on c.id = p.company_id
         where p.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn company(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<CompanyRow>> {
    // Counted on idx_job_postings_company_id; a company has at most a few thousand postings.
    sqlx::query_as(
        "select c.id, c.name, c.domain::text as domain, c.industry, c.size_range,
                (select count(*) from job_postings p where p.company_id = c.id and p.closed_at is null)
                  as open_postings
         from companies c
         where c.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}
