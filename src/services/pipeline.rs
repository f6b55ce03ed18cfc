//! The pipeline as pages show it: the board (a column per stage with its count and cards) and
//! one application with everything that happened to it, read in one transaction each.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sqlx::PgPool;
use uuid::Uuid;

use super::applications::ApplicationDetail;
use super::outreach::OutreachList;
use crate::db::applications::ApplicationFilter;
use crate::db::events::Event;
use crate::db::pipeline_board::BoardCard;
use crate::db::tasks::{self, Task};
use crate::db::{self};
use crate::domain::stage::Stage;
use crate::error::{AppError, AppResult};

/// Most cards a column shows; its count still covers every application in the stage, and the
/// column filtered on its own lists them all.
pub const CARDS_PER_COLUMN: i64 = 50;
/// Most cards a single-stage board shows.
pub const CARDS_ONE_STAGE: i64 = 1_000;

/// One stage's column.
#[derive(Debug)]
pub struct Column {
    pub stage: Stage,
    pub count: i64,
    pub cards: Vec<BoardCard>,
}

/// The board, in the user's time zone.
#[derive(Debug)]
pub struct Board {
    pub columns: Vec<Column>,
    pub zone: Tz,
}

impl Board {
    pub fn total(&self) -> i64 {
        self.columns.iter().map(|c| c.count).sum()
    }
}

/// The caller's board: every stage in order (empty ones too, so a card can be dropped there).
pub async fn board(pool: &PgPool, user_id: Uuid, filter: &ApplicationFilter, now: DateTime<Utc>) -> AppResult<Board> {
    let per_stage = if filter.stage.is_some() { CARDS_ONE_STAGE } else { CARDS_PER_COLUMN };
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let zone = db::profiles::time_zone(&mut tx, user_id).await?;
    let cards = db::pipeline_board::cards(&mut tx, user_id, filter, per_stage, now).await?;
    db::end_read(tx);
    let mut columns: Vec<Column> = Stage::ALL.iter().map(|&stage| Column { stage, count: 0, cards: Vec::new() }).collect();
    for card in cards {
        let Some(column) = columns.iter_mut().find(|c| c.stage.as_str() == card.stage) else {
            return Err(AppError::Internal(anyhow::anyhow!("stage {} unknown", card.stage)));
        };
        column.count = card.in_stage;
        column.cards.push(card);
    }
    if let Some(only) = &filter.stage {
        columns.retain(|c| c.stage.as_str() == only);
    }
    Ok(Board { columns, zone })
}

/// Live applications per stage, every stage present, and the open tasks due by the end of the
/// user's day: the dashboard's Pipeline and Tasks cards.
pub async fn dashboard(pool: &PgPool, user_id: Uuid, now: DateTime<Utc>) -> AppResult<(Vec<(Stage, i64)>, Vec<Task>, Tz)> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let counts = db::pipeline_board::stage_counts(&mut tx, user_id).await?;
    let zone = db::profiles::time_zone(&mut tx, user_id).await?;
    let (start, end) = crate::domain::task::local_day(now, zone);
    let today = tasks::today(&mut tx, user_id, start, end).await?;
    db::end_read(tx);
    let counts = Stage::ALL
        .iter()
        .map(|&stage| (stage, counts.iter().find(|(s, _)| s == stage.as_str()).map_or(0, |(_, n)| *n)))
        .collect();
    Ok((counts, today, zone))
}

/// Everything the application page shows.
#[derive(Debug)]
pub struct ApplicationView {
    pub detail: ApplicationDetail,
    /// Cancelled ones too: the timeline says so.
    pub events: Vec<Event>,
    pub outreach: OutreachList,
    pub tasks: Vec<Task>,
    /// Uploaded files, newest first.
    pub files: Vec<db::artifacts::FileInfo>,
    pub zone: Tz,
}

/// One of the caller's applications with its events, messages and tasks; another user's is a
/// 404 like a missing one.
pub async fn application(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<ApplicationView> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let application = db::applications::find(&mut tx, user_id, id).await?.ok_or(AppError::NotFound)?;
    let stages = db::applications::stage_history(&mut tx, user_id, id).await?;
    let events = db::events::for_application(&mut tx, user_id, id, true).await?;
    let messages = db::outreach::for_application(&mut tx, user_id, id).await?;
    let tasks = tasks::list(&mut tx, user_id, tasks::Status::All, Some(id)).await?;
    let files = db::artifacts::list(&mut tx, user_id, id).await?;
    let zone = db::profiles::time_zone(&mut tx, user_id).await?;
    db::end_read(tx);
    Ok(ApplicationView {
        detail: ApplicationDetail { application, stages },
        events,
        outreach: OutreachList::new(messages),
        tasks,
        files,
        zone,
    })
}
