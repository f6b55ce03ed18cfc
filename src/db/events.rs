//! The `events` table: interviews, screens, deadlines… of an application. Owned through the
//! application; every read here names the user so another user's event is simply not found.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::calendar::CalendarEntry;
use crate::domain::event::EventInput;

/// An event as its owner sees it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Event {
    pub id: Uuid,
    pub application_id: Uuid,
    /// interview, phone_screen, assessment, deadline, offer_call or other.
    #[serde(rename = "type")]
    pub kind: String,
    pub start_at: Option<DateTime<Utc>>,
    pub end_at: Option<DateTime<Utc>>,
    pub location: Option<String>,
    pub notes: Option<String>,
    /// Raised on every change (the calendar feed's SEQUENCE).
    pub sequence: i32,
    /// Set when the event was deleted: calendars are told it is cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const SELECT: &str = "select e.id, e.application_id, e.type::text as kind, e.start_at, e.end_at, e.location, e.notes, \
                      e.sequence, e.cancelled_at, e.created_at, e.updated_at \
                      from events e join applications a on a.id = e.application_id \
                      where a.user_id = $1 and a.deleted_at is null";

pub async fn insert(conn: &mut PgConnection, application_id: Uuid, input: &EventInput) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into events (application_id, type, start_at, end_at, location, notes)
         values ($1, $2::event_type_enum, $3, $4, $5, $6) returning id",
    )
    .bind(application_id)
    .bind(input.kind.as_str())
    .bind(input.start_at)
    .bind(input.end_at)
    .bind(&input.location)
    .bind(&input.notes)
    .fetch_one(conn)
    .await
}

pub async fn find(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> sqlx::Result<Option<Event>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} and e.id = $2")))
        .bind(user_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The application's events, soonest first; cancelled ones only when asked.
pub async fn for_application(conn: &mut PgConnection, user_id: Uuid, application_id: Uuid, cancelled: bool) -> sqlx::Result<Vec<Event>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} and e.application_id = $2 and ($3 or e.cancelled_at is null) order by e.start_at nulls last, e.created_at"
    )))
    .bind(user_id)
    .bind(application_id)
    .bind(cancelled)
    .fetch_all(conn)
    .await
}

/// Replaces a live event's fields and raises its sequence; false when there is none.
pub async fn update(conn: &mut PgConnection, id: Uuid, input: &EventInput) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update events set type = $2::event_type_enum, start_at = $3, end_at = $4, location = $5, notes = $6,
                sequence = sequence + 1
          where id = $1 and cancelled_at is null",
    )
    .bind(id)
    .bind(input.kind.as_str())
    .bind(input.start_at)
    .bind(input.end_at)
    .bind(&input.location)
    .bind(&input.notes)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Cancels a live event (kept so calendars learn it is cancelled); false when there is none.
pub async fn cancel(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("update events set cancelled_at = now(), sequence = sequence + 1 where id = $1 and cancelled_at is null")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Every event of the user's live applications, cancelled ones included, with the posting's
/// title and company (the calendar feed). Names the user explicitly: the feed runs as the system.
pub async fn calendar_of(conn: &mut PgConnection, user_id: Uuid, only: Option<Uuid>) -> sqlx::Result<Vec<CalendarEntry>> {
    let rows: Vec<CalendarRow> = sqlx::query_as(
        "select e.id, e.type::text as kind, e.start_at, e.end_at, e.location, e.notes, e.sequence,
                e.cancelled_at is not null as cancelled, e.updated_at, p.title as posting_title, c.name as company_name
           from events e
           join applications a on a.id = e.application_id
           left join job_postings p on p.id = a.job_posting_id
           left join companies c on c.id = p.company_id
          where a.user_id = $1 and a.deleted_at is null and e.start_at is not null
            and ($2::uuid is null or e.id = $2)
          order by e.start_at, e.id",
    )
    .bind(user_id)
    .bind(only)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(CalendarRow::entry).collect())
}

#[derive(sqlx::FromRow)]
struct CalendarRow {
    id: Uuid,
    kind: String,
    start_at: DateTime<Utc>,
    end_at: Option<DateTime<Utc>>,
    location: Option<String>,
    notes: Option<String>,
    sequence: i32,
    cancelled: bool,
    updated_at: DateTime<Utc>,
    posting_title: Option<String>,
    company_name: Option<String>,
}

impl CalendarRow {
    fn entry(self) -> CalendarEntry {
        CalendarEntry {
            id: self.id,
            kind: self.kind,
            start_at: self.start_at,
            end_at: self.end_at,
            location: self.location,
            notes: self.notes,
            sequence: self.sequence,
            cancelled: self.cancelled,
            updated_at: self.updated_at,
            posting_title: self.posting_title,
            company_name: self.company_name,
        }
    }
}
