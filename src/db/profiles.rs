//! The `profiles` table: one professional profile per user.

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::profile::{JobPreferences, ProfileFields};

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    headline: Option<String>,
    summary: Option<String>,
    skills: Vec<String>,
    years_experience: Option<i32>,
    locations: Vec<String>,
    work_auth: Option<String>,
    salary_min_cents: Option<i32>,
    salary_max_cents: Option<i32>,
    remote_only: bool,
    job_preferences: Json<JobPreferences>,
    updated_at: DateTime<Utc>,
}

impl From<Row> for (ProfileFields, DateTime<Utc>) {
    fn from(row: Row) -> Self {
        let fields = ProfileFields {
            headline: row.headline,
            summary: row.summary,
            skills: row.skills,
            years_experience: row.years_experience,
            locations: row.locations,
            work_auth: row.work_auth,
            salary_min_cents: row.salary_min_cents.map(i64::from),
            salary_max_cents: row.salary_max_cents.map(i64::from),
            remote_only: row.remote_only,
            job_preferences: row.job_preferences.0,
        };
        (fields, row.updated_at)
    }
}

macro_rules! profile_select {
    () => {
        "select id, headline, summary, coalesce(skills, '{}') as skills, years_experience,
            coalesce(locations, '{}') as locations, work_auth, salary_min_cents, salary_max_cents,
            remote_only, job_preferences, updated_at
         from profiles where user_id = $1"
    };
}

/// Creates the empty profile every new user starts with.
pub async fn insert_empty(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<Uuid> {
    sqlx::query_scalar("insert into profiles (user_id) values ($1) returning id")
        .bind(user_id)
        .fetch_one(conn)
        .await
}

/// The user's profile (id, fields, last change), locked for update when `lock` is set.
pub async fn find(
    conn: &mut PgConnection,
    user_id: Uuid,
    lock: bool,
) -> sqlx::Result<Option<(Uuid, ProfileFields, DateTime<Utc>)>> {
    let sql = if lock { concat!(profile_select!(), " for update") } else { profile_select!() };
    let row: Option<Row> = sqlx::query_as(sql)
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| {
        let id = row.id;
        let (fields, updated_at) = row.into();
        (id, fields, updated_at)
    }))
}

/// The profiles of many users (system: scoring reads every user with a saved search).
pub async fn find_many(conn: &mut PgConnection, user_ids: &[Uuid]) -> sqlx::Result<Vec<(Uuid, ProfileFields)>> {
    #[derive(sqlx::FromRow)]
    struct Owned {
        user_id: Uuid,
        #[sqlx(flatten)]
        row: Row,
    }
    let rows: Vec<Owned> = sqlx::query_as(
        "select user_id, id, headline, summary, coalesce(skills, '{}') as skills, years_experience,
            coalesce(locations, '{}') as locations, work_auth, salary_min_cents, salary_max_cents,
            remote_only, job_preferences, updated_at
         from profiles where user_id = any($1)",
    )
    .bind(user_ids)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|o| (o.user_id, <(ProfileFields, DateTime<Utc>)>::from(o.row).0)).collect())
}

/// Overwrites the editable fields; values must already be validated.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    fields: &ProfileFields,
) -> sqlx::Result<DateTime<Utc>> {
    sqlx::query_scalar(
        "update profiles set headline = $2, summary = $3, skills = $4, years_experience = $5,
            locations = $6, work_auth = $7, salary_min_cents = $8, salary_max_cents = $9,
            remote_only = $10, job_preferences = $11
         where id = $1 returning updated_at",
    )
    .bind(id)
    .bind(&fields.headline)
    .bind(&fields.summary)
    .bind(&fields.skills)
    .bind(fields.years_experience)
    .bind(&fields.locations)
    .bind(&fields.work_auth)
    .bind(fields.salary_min_cents.map(|c| c as i32))
    .bind(fields.salary_max_cents.map(|c| c as i32))
    .bind(fields.remote_only)
    .bind(Json(&fields.job_preferences))
    .fetch_one(conn)
    .await
}

/// The user's time zone: the profile's, else UTC (also when the stored name no longer parses).
pub async fn time_zone(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<chrono_tz::Tz> {
    let name: Option<String> = sqlx::query_scalar("select job_preferences->>'timezone' from profiles where user_id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await?
        .flatten();
    Ok(name.and_then(|z| z.parse().ok()).unwrap_or(chrono_tz::Tz::UTC))
}
