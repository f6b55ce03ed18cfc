//! The reminder scan (system, across users): open tasks and live events in a time window that
//! have no notification for their current time yet, and the one-statement insert of those
//! notifications. Reads `idx_tasks_due_at` and `idx_events_start_at` as ranges; the
//! "not yet notified" test and the insert's conflict target are `uq_notifications_subject`.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::reminder::{EVENT_UPCOMING, Reminder, Subject, TASK_DUE};

#[derive(sqlx::FromRow)]
struct Row {
    user_id: Uuid,
    subject_id: Uuid,
    at: DateTime<Utc>,
    /// The task's title, or the event's type.
    label: String,
    location: Option<String>,
    application_id: Option<Uuid>,
    posting_title: Option<String>,
    company: Option<String>,
    time_zone: Option<String>,
}

impl Row {
    fn reminder(self, task: bool) -> Reminder {
        let subject = if task {
            Subject::Task { title: self.label }
        } else {
            Subject::Event { event_type: self.label, location: self.location }
        };
        Reminder {
            user_id: self.user_id,
            subject_id: self.subject_id,
            at: self.at,
            subject,
            application_id: self.application_id,
            posting_title: self.posting_title,
            company: self.company,
            time_zone: self.time_zone,
        }
    }
}

/// The profile's time zone, the posting and company of the application; active users only.
const CONTEXT: &str = "(select pr.job_preferences->>'timezone' from profiles pr where pr.user_id = u.id
                         order by pr.created_at limit 1) as time_zone,
                       p.title as posting_title, c.name as company";

/// Open tasks due in `[from, until)`, of active users, not about a deleted application, with no
/// reminder for their current due time. Earliest first, at most `limit`.
pub async fn due_tasks(conn: &mut PgConnection, from: DateTime<Utc>, until: DateTime<Utc>, limit: i64) -> sqlx::Result<Vec<Reminder>> {
    let sql = format!(
        "select t.user_id, t.id as subject_id, t.due_at as at, t.title as label, null::text as location,
                t.application_id, {CONTEXT}
           from tasks t
           join users u on u.id = t.user_id and u.status = 'active'
           left join applications a on a.id = t.application_id
           left join job_postings p on p.id = a.job_posting_id
           left join companies c on c.id = p.company_id
          where t.due_at >= $1 and t.due_at < $2 and t.completed_at is null
            and (t.application_id is null or a.deleted_at is null)
            and not exists (select 1 from notifications n
                             where n.subject_id = t.id and n.subject_at = t.due_at and n.kind = '{TASK_DUE}')
          order by t.due_at, t.id
          limit $3"
    );
    window(conn, sql, from, until, limit, true).await
}

/// Live events starting in `[from, until)`, of active users' live applications, with no
/// reminder for their current start time. Earliest first, at most `limit`.
pub async fn upcoming_events(conn: &mut PgConnection, from: DateTime<Utc>, until: DateTime<Utc>, limit: i64) -> sqlx::Result<Vec<Reminder>> {
    let sql = format!(
        "select a.user_id, e.id as subject_id, e.start_at as at, e.type::text as label, e.location,
                e.application_id, {CONTEXT}
           from events e
           join applications a on a.id = e.application_id and a.deleted_at is null
           join users u on u.id = a.user_id and u.status = 'active'
           left join job_postings p on p.id = a.job_posting_id
           left join companies c on c.id = p.company_id
          where e.start_at >= $1 and e.start_at < $2 and e.cancelled_at is null
            and not exists (select 1 from notifications n
                             where n.subject_id = e.id and n.subject_at = e.start_at and n.kind = '{EVENT_UPCOMING}')
          order by e.start_at, e.id
          limit $3"
    );
    window(conn, sql, from, until, limit, false).await
}

/// Runs one of the scans above over `[from, until)`, at most `limit` rows.
async fn window(conn: &mut PgConnection, sql: String, from: DateTime<Utc>, until: DateTime<Utc>, limit: i64, task: bool) -> sqlx::Result<Vec<Reminder>> {
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from).bind(until).bind(limit).fetch_all(conn).await?;
    Ok(rows.into_iter().map(|r| r.reminder(task)).collect())
}

/// Inserts one notification per reminder in one statement; one that already exists (a re-run,
/// or another worker that got there first) is skipped. Returns how many were created.
pub async fn insert(conn: &mut PgConnection, reminders: &[Reminder], payloads: Vec<Value>) -> sqlx::Result<u64> {
    let users: Vec<Uuid> = reminders.iter().map(|r| r.user_id).collect();
    let kinds: Vec<&str> = reminders.iter().map(Reminder::kind).collect();
    let subjects: Vec<Uuid> = reminders.iter().map(|r| r.subject_id).collect();
    let times: Vec<DateTime<Utc>> = reminders.iter().map(|r| r.at).collect();
    let done = sqlx::query(
        "insert into notifications (user_id, kind, payload, subject_id, subject_at)
         select * from unnest($1::uuid[], $2::text[], $3::jsonb[], $4::uuid[], $5::timestamptz[])
         on conflict (subject_id, subject_at, kind) where subject_id is not null do nothing",
    )
    .bind(users)
    .bind(kinds)
    .bind(payloads)
    .bind(subjects)
    .bind(times)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
