//! The Pipeline Board read (§11): the user's live applications with their posting and company,
//! how many stand in each stage, days in stage, and each card's next event and next open task —
//! one query, so the board costs one round trip however many cards it shows.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::applications::ApplicationFilter;

/// One card on the board.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BoardCard {
    pub id: Uuid,
    pub stage: String,
    /// How many live applications (matching the filter) stand in this card's stage.
    pub in_stage: i64,
    pub title: Option<String>,
    pub company: Option<String>,
    pub stage_since: DateTime<Utc>,
    pub next_event_kind: Option<String>,
    pub next_event_at: Option<DateTime<Utc>>,
    pub next_task_title: Option<String>,
    pub next_task_due: Option<DateTime<Utc>>,
}

/// The board's cards, most recently changed first within each stage, at most `per_stage` per
/// stage (the counts still cover them all). Stages come in `stage_enum` order.
pub async fn cards(
    conn: &mut PgConnection,
    user_id: Uuid,
    filter: &ApplicationFilter,
    per_stage: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<BoardCard>> {
    let like = |text: &Option<String>| text.as_deref().map(|t| format!("%{}%", super::escape_like(t)));
    sqlx::query_as(
        "with live as (
             select a.id, a.stage, a.updated_at, a.created_at, p.title, c.name as company,
                    count(*) over (partition by a.stage) as in_stage,
                    row_number() over (partition by a.stage order by a.updated_at desc, a.id desc) as rank
               from applications a
               left join job_postings p on p.id = a.job_posting_id
               left join companies c on c.id = p.company_id
              where a.user_id = $1 and a.deleted_at is null
                and ($3::text is null or a.stage::text = $3)
                and ($4::text is null or c.name ilike $4)
                and ($5::text is null or p.title ilike $5 or c.name ilike $5))
         select l.id, l.stage::text as stage, l.in_stage, l.title, l.company,
                coalesce((select max(s.changed_at) from application_stage_changes s where s.application_id = l.id),
                         l.created_at) as stage_since,
                ne.kind as next_event_kind, ne.start_at as next_event_at,
                nt.title as next_task_title, nt.due_at as next_task_due
           from live l
           left join lateral (
                select e.type::text as kind, e.start_at from events e
                 where e.application_id = l.id and e.cancelled_at is null and e.start_at >= $6
                 order by e.start_at limit 1) ne on true
           left join lateral (
                select t.title, t.due_at from tasks t
                 where t.application_id = l.id and t.completed_at is null
                 order by t.due_at nulls last, t.created_at limit 1) nt on true
          where l.rank <= $2
          order by l.stage, l.rank",
    )
    .bind(user_id)
    .bind(per_stage)
    .bind(&filter.stage)
    .bind(like(&filter.company))
    .bind(like(&filter.text))
    .bind(now)
    .fetch_all(conn)
    .await
}

/// How many live applications stand in each stage (stages with none are absent).
pub async fn stage_counts(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "select stage::text, count(*) from applications
          where user_id = $1 and deleted_at is null group by stage order by stage",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await
}
