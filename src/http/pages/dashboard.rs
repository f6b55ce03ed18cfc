//! The home page's Pipeline and Tasks cards: applications per stage and what is due today.

use askama::Template;
use chrono::Utc;
use uuid::Uuid;

use super::errors::PageResult;
use super::local_time;
use super::pipeline_view::stage_label;
use crate::app::AppState;
use crate::services::pipeline;

/// A task on the Tasks card.
pub struct DueTask {
    pub title: String,
    pub due: String,
    pub overdue: bool,
    pub application_id: Option<Uuid>,
}

#[derive(Template)]
#[template(path = "home/dashboard.html")]
pub struct Dashboard {
    /// (stage value, label, count) in board order.
    stages: Vec<(&'static str, &'static str, i64)>,
    total: i64,
    tasks: Vec<DueTask>,
}

pub async fn load(app: &AppState, user_id: Uuid) -> PageResult<Dashboard> {
    let now = Utc::now();
    let (counts, today, zone) = pipeline::dashboard(&app.db, user_id, now).await?;
    let (day_start, _) = crate::domain::task::local_day(now, zone);
    Ok(Dashboard {
        total: counts.iter().map(|(_, n)| n).sum(),
        stages: counts.into_iter().map(|(stage, n)| (stage.as_str(), stage_label(stage), n)).collect(),
        tasks: today
            .into_iter()
            .map(|t| DueTask {
                overdue: t.due_at.is_some_and(|d| d < day_start),
                due: t.due_at.map(|d| local_time::show(d, zone)).unwrap_or_default(),
                title: t.title,
                application_id: t.application_id,
            })
            .collect(),
    })
}
