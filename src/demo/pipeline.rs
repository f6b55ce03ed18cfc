//! The demo user's pipeline: their best-fitting postings tracked and spread over the stages,
//! with an interview next week, a task due today and a message sent — so the board, an
//! application's page and the home page's cards show something real on a first run.

use chrono::{Duration, Utc};
use uuid::Uuid;

use crate::domain::event::{EventInput, EventKind};
use crate::domain::task::{Priority, TaskInput};
use crate::runtime::Database;
use crate::services::applications::{self, ApplicationChange};
use crate::services::outreach::{OutreachInput, StatusChange};
use crate::services::{self, Caller};

/// Where the demo's applications stand, best fit first.
const STAGES: [&str; 9] = ["interview", "screen", "applied", "applied", "offer", "prospect", "prospect", "prospect", "rejected"];

/// Fills the pipeline once: a demo user who already has applications keeps them as they are.
pub async fn fill(database: &Database, caller: Caller) -> anyhow::Result<()> {
    let pool = &database.app;
    let existing = applications::list(pool, caller.user_id, &Default::default(), None, 1).await?;
    if !existing.is_empty() {
        return Ok(());
    }
    let best: Vec<Uuid> = sqlx::query_scalar(
        "select job_posting_id from posting_enrichments where user_id = $1 order by fit_score desc, job_posting_id limit $2",
    )
    .bind(caller.user_id)
    .bind(STAGES.len() as i64)
    .fetch_all(&database.system)
    .await?;
    let mut tracked = Vec::new();
    for (posting, stage) in best.into_iter().zip(STAGES) {
        let application = applications::track(pool, caller, posting).await?.application().id;
        if stage != "prospect" {
            let change = ApplicationChange { stage: Some(stage.into()), ..ApplicationChange::default() };
            applications::update(pool, caller, application, &change).await?;
        }
        tracked.push(application);
    }
    let Some(&interviewing) = tracked.first() else { return Ok(()) };
    let next_week = Utc::now() + Duration::days(7);
    let interview = EventInput {
        kind: EventKind::Interview,
        start_at: next_week,
        end_at: Some(next_week + Duration::hours(1)),
        location: Some("Video call".into()),
        notes: Some("System design with two engineers from the platform team".into()),
    };
    services::pipeline_events::create(pool, caller, interviewing, interview).await?;
    let task = TaskInput {
        title: "Prepare questions for the interview".into(),
        nudge_type: None,
        priority: Priority::High,
        due_at: Some(Utc::now() + Duration::hours(2)),
        application_id: Some(interviewing),
    };
    services::tasks::create(pool, caller, task).await?;
    let message = OutreachInput {
        contact_name: Some("Sam Rivera".into()),
        contact_role: Some("Engineering manager".into()),
        contact_profile_url: None,
        channel: "email".into(),
        message_body: Some("Hi Sam, thanks for the call last week: I am looking forward to the interview.".into()),
    };
    let sent = services::outreach::create(pool, caller, interviewing, &message).await?;
    for status in ["queued", "sent"] {
        services::outreach::move_to(pool, caller, sent.id, &StatusChange { status: status.into() }).await?;
    }
    println!("demo pipeline: {} applications", tracked.len());
    Ok(())
}
