//! The board as its templates read it: labels, days in stage and next steps in the user's zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use uuid::Uuid;

use super::local_time;
use crate::db::applications::ApplicationFilter;
use crate::db::pipeline_board::BoardCard;
use crate::domain::stage::Stage;
use crate::services::pipeline::Board;

/// A stage as a person reads it.
pub fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Prospect => "Prospect",
        Stage::Applied => "Applied",
        Stage::Screen => "Screen",
        Stage::Interview => "Interview",
        Stage::Offer => "Offer",
        Stage::Rejected => "Rejected",
        Stage::Accepted => "Accepted",
    }
}

/// An event type as a person reads it.
pub fn event_label(kind: &str) -> &'static str {
    match kind {
        "interview" => "Interview",
        "phone_screen" => "Phone screen",
        "assessment" => "Assessment",
        "deadline" => "Deadline",
        "offer_call" => "Offer call",
        _ => "Event",
    }
}

/// The board's filters as the query string carries them; blank means "any".
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Filters {
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub q: String,
    /// One stage's column alone, with all its cards.
    #[serde(default)]
    pub only: String,
}

impl Filters {
    /// Trimmed, with a stage the board does not know dropped (the board shows every column).
    pub fn cleaned(self) -> Filters {
        let only = self.only.trim().to_string();
        Filters {
            company: self.company.trim().to_string(),
            q: self.q.trim().to_string(),
            only: if only.parse::<Stage>().is_ok() { only } else { String::new() },
        }
    }

    pub fn to_filter(&self) -> ApplicationFilter {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        ApplicationFilter { stage: some(&self.only), company: some(&self.company), text: some(&self.q) }
    }

    /// The board's address with these filters.
    pub fn board_url(&self) -> String {
        let pairs: Vec<(&str, &str)> =
            [("company", &self.company), ("q", &self.q), ("only", &self.only)].into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k, v.as_str())).collect();
        if pairs.is_empty() {
            return "/pipeline".into();
        }
        let query = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        format!("/pipeline?{query}")
    }
}

/// One card.
pub struct CardView {
    pub id: Uuid,
    pub title: String,
    pub company: String,
    pub days_in_stage: i64,
    pub next_event: Option<String>,
    pub next_task: Option<String>,
}

impl CardView {
    /// `now` is read once per board so every card counts its days from the same instant.
    fn new(card: BoardCard, zone: Tz, now: DateTime<Utc>) -> CardView {
        CardView {
            id: card.id,
            title: card.title.unwrap_or_else(|| "Untitled".into()),
            company: card.company.unwrap_or_default(),
            days_in_stage: local_time::days_between(card.stage_since, now),
            next_event: card.next_event_at.map(|at| {
                format!("{} · {}", event_label(card.next_event_kind.as_deref().unwrap_or("other")), local_time::show(at, zone))
            }),
            next_task: card.next_task_title.map(|title| match card.next_task_due {
                Some(due) => format!("{title} · due {}", local_time::show(due, zone)),
                None => title,
            }),
        }
    }
}

/// One stage's column.
pub struct ColumnView {
    pub stage: &'static str,
    pub label: &'static str,
    pub count: i64,
    pub cards: Vec<CardView>,
    /// Cards not shown (the column's own page lists them).
    pub hidden: i64,
}

impl ColumnView {
    pub fn all(board: Board) -> Vec<ColumnView> {
        let zone = board.zone;
        let now = Utc::now();
        board
            .columns
            .into_iter()
            .map(|column| {
                let cards: Vec<CardView> = column.cards.into_iter().map(|c| CardView::new(c, zone, now)).collect();
                ColumnView {
                    stage: column.stage.as_str(),
                    label: stage_label(column.stage),
                    count: column.count,
                    hidden: column.count - cards.len() as i64,
                    cards,
                }
            })
            .collect()
    }

    /// (value, label) of every stage, for the move selects.
    pub fn stage_options() -> Vec<(&'static str, &'static str)> {
        Stage::ALL.iter().map(|&s| (s.as_str(), stage_label(s))).collect()
    }
}
