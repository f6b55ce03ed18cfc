//! Pipeline stages (`stage_enum`) and the rules for moving between them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where an application stands, in board order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Prospect,
    Applied,
    Screen,
    Interview,
    Offer,
    Rejected,
    Accepted,
}

impl Stage {
    /// Every stage, in the board's column order.
    pub const ALL: [Stage; 7] =
        [Stage::Prospect, Stage::Applied, Stage::Screen, Stage::Interview, Stage::Offer, Stage::Rejected, Stage::Accepted];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Prospect => "prospect",
            Stage::Applied => "applied",
            Stage::Screen => "screen",
            Stage::Interview => "interview",
            Stage::Offer => "offer",
            Stage::Rejected => "rejected",
            Stage::Accepted => "accepted",
        }
    }

    /// Whether reaching this stage means the user has applied: `applied_at` is set the first
    /// time an application reaches one (a card dragged straight to "interview" was applied to).
    /// "Rejected" does not: a prospect the user drops was never applied to.
    pub fn implies_applied(self) -> bool {
        !matches!(self, Stage::Prospect | Stage::Rejected)
    }

    /// The allowed values, for error messages.
    pub fn allowed() -> String {
        Stage::ALL.map(Stage::as_str).join(", ")
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stage name that is not one of [`Stage::ALL`].
#[derive(Debug, PartialEq, Eq)]
pub struct UnknownStage;

impl fmt::Display for UnknownStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "must be one of: {}", Stage::allowed())
    }
}

impl FromStr for Stage {
    type Err = UnknownStage;

    /// Case and surrounding spaces do not matter ("Applied " is applied).
    fn from_str(text: &str) -> Result<Stage, UnknownStage> {
        let text = text.trim();
        Stage::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(text)).ok_or(UnknownStage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_reads_back_from_its_name_in_any_case() {
        for stage in Stage::ALL {
            assert_eq!(stage.as_str().parse(), Ok(stage));
            assert_eq!(format!(" {} ", stage.as_str().to_uppercase()).parse(), Ok(stage));
        }
        assert_eq!("hired".parse::<Stage>(), Err(UnknownStage));
        assert_eq!("".parse::<Stage>(), Err(UnknownStage));
    }

    #[test]
    fn the_error_lists_every_allowed_value() {
        assert_eq!(UnknownStage.to_string(), "must be one of: prospect, applied, screen, interview, offer, rejected, accepted");
    }

    #[test]
    fn reaching_any_stage_but_prospect_and_rejected_means_applied() {
        let applied: Vec<Stage> = Stage::ALL.into_iter().filter(|s| s.implies_applied()).collect();
        assert_eq!(applied, [Stage::Applied, Stage::Screen, Stage::Interview, Stage::Offer, Stage::Accepted]);
    }
}
