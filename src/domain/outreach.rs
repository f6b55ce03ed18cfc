//! Outreach messages (§3.7, §11 Outreach): their statuses and the moves between them. A message
//! is written (draft), queued to go, sent, and then either answered (replied) or returned
//! (bounced). Anything else is refused with the moves that are allowed.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where a message stands (`outreach_status_enum`), in funnel order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum OutreachStatus {
    Draft,
    Queued,
    Sent,
    Replied,
    Bounced,
}

impl OutreachStatus {
    pub const ALL: [OutreachStatus; 5] =
        [OutreachStatus::Draft, OutreachStatus::Queued, OutreachStatus::Sent, OutreachStatus::Replied, OutreachStatus::Bounced];

    pub fn as_str(self) -> &'static str {
        match self {
            OutreachStatus::Draft => "draft",
            OutreachStatus::Queued => "queued",
            OutreachStatus::Sent => "sent",
            OutreachStatus::Replied => "replied",
            OutreachStatus::Bounced => "bounced",
        }
    }

    /// The statuses a message in this one may move to. A queued message can go back to draft
    /// (to edit it before it leaves); a sent one can only be answered or returned; replied and
    /// bounced are final.
    pub fn next(self) -> &'static [OutreachStatus] {
        match self {
            OutreachStatus::Draft => &[OutreachStatus::Queued, OutreachStatus::Sent],
            OutreachStatus::Queued => &[OutreachStatus::Draft, OutreachStatus::Sent],
            OutreachStatus::Sent => &[OutreachStatus::Replied, OutreachStatus::Bounced],
            OutreachStatus::Replied | OutreachStatus::Bounced => &[],
        }
    }

    /// Checks a move, naming the allowed ones when it is refused.
    pub fn move_to(self, to: OutreachStatus) -> Result<OutreachStatus, IllegalMove> {
        if self.next().contains(&to) { Ok(to) } else { Err(IllegalMove { from: self, to }) }
    }
}

impl fmt::Display for OutreachStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OutreachStatus {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        OutreachStatus::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| format!("must be one of: {}", OutreachStatus::ALL.map(OutreachStatus::as_str).join(", ")))
    }
}

/// A move the funnel does not allow.
#[derive(Debug, PartialEq, Eq)]
pub struct IllegalMove {
    pub from: OutreachStatus,
    pub to: OutreachStatus,
}

impl fmt::Display for IllegalMove {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let allowed = self.from.next();
        if allowed.is_empty() {
            write!(f, "a {} message cannot change status", self.from)
        } else {
            let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
            write!(f, "a {} message can move to {} (not {})", self.from, names.join(" or "), self.to)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OutreachStatus::*;

    #[test]
    fn the_funnel_allows_exactly_these_moves() {
        let mut allowed = Vec::new();
        for from in OutreachStatus::ALL {
            for to in OutreachStatus::ALL {
                if from.move_to(to).is_ok() {
                    allowed.push((from, to));
                }
            }
        }
        assert_eq!(allowed, [(Draft, Queued), (Draft, Sent), (Queued, Draft), (Queued, Sent), (Sent, Replied), (Sent, Bounced)]);
    }

    #[test]
    fn a_refused_move_names_the_allowed_ones() {
        assert_eq!(Draft.move_to(Replied).expect_err("skips sending").to_string(), "a draft message can move to queued or sent (not replied)");
        assert_eq!(Replied.move_to(Sent).expect_err("final").to_string(), "a replied message cannot change status");
        assert_eq!(Sent.move_to(Sent).expect_err("same").to_string(), "a sent message can move to replied or bounced (not sent)");
    }

    #[test]
    fn statuses_read_back_in_any_case_and_unknown_ones_list_the_values() {
        assert_eq!(" Bounced".parse(), Ok(Bounced));
        assert_eq!("ghosted".parse::<OutreachStatus>(), Err("must be one of: draft, queued, sent, replied, bounced".to_string()));
    }
}
