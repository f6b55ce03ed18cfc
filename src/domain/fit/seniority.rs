//! Seniority levels: read from a posting's title, from a user's chosen levels, or from their
//! years of experience, and how far apart two levels are.

use serde::Serialize;

/// A rung on the career ladder, lowest first. Managers sit beside senior and staff individual
/// contributors: "Lead" and "Manager" are one rung (the spec's `levels: ["IC","Lead"]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Intern,
    Junior,
    Mid,
    Senior,
    Staff,
    Lead,
    Director,
    Executive,
}

/// "Manager" alone is most often an individual role (product, account, customer success
/// manager); these say the person manages a team.
const MANAGES_PEOPLE: &[&str] =
    &["engineering manager", "team manager", "people manager", "general manager", "manager of", "managing director"];

impl Level {
    /// The rung a posting's title names, if it names one ("Senior", "Staff", "Head of", "VP",
    /// "II"); a title with none ("Software Engineer") is `None`, not assumed to be mid-level.
    pub fn from_title(title: &str) -> Option<Level> {
        let lower = title.to_lowercase();
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let has = |w: &str| words.contains(&w);
        let phrase = |p: &str| lower.contains(p);
        if has("intern") || has("internship") || has("apprentice") || has("trainee") {
            Some(Level::Intern)
        } else if has("vp") || phrase("vice president") || has("chief") || has("cto") || has("ceo") || has("coo") {
            Some(Level::Executive)
        } else if has("director") || phrase("head of") || has("head") {
            Some(Level::Director)
        } else if has("principal") || has("staff") || has("distinguished") || has("architect") {
            Some(Level::Staff)
        } else if has("lead") || has("supervisor") || MANAGES_PEOPLE.iter().any(|p| phrase(p)) {
            Some(Level::Lead)
        } else if has("senior") || has("sr") || has("iii") || has("iv") {
            Some(Level::Senior)
        } else if has("junior") || has("jr") || has("entry") || has("graduate") || has("grad") || has("i") {
            Some(Level::Junior)
        } else if has("ii") || has("mid") || has("intermediate") {
            Some(Level::Mid)
        } else {
            None
        }
    }

    /// A level a user typed ("IC", "Senior", "Lead", "Manager", "Entry level"…); `None` for
    /// words that name no level.
    pub fn from_label(label: &str) -> Option<Level> {
        let lower = label.trim().to_lowercase();
        match lower.as_str() {
            "ic" | "individual contributor" | "mid" | "mid-level" | "mid level" | "intermediate" => Some(Level::Mid),
            "manager" | "management" | "people manager" => Some(Level::Lead),
            "executive" | "exec" | "c-level" => Some(Level::Executive),
            _ => Level::from_title(&lower),
        }
    }

    /// The rung a career of this many years usually reaches, for users who chose no level.
    pub fn from_years(years: i32) -> Level {
        match years {
            i32::MIN..=0 => Level::Intern,
            1..=2 => Level::Junior,
            3..=5 => Level::Mid,
            6..=9 => Level::Senior,
            _ => Level::Staff,
        }
    }

    fn rung(self) -> i32 {
        // Lead shares a rung with Staff: a senior engineer may move to either.
        match self {
            Level::Intern => 0,
            Level::Junior => 1,
            Level::Mid => 2,
            Level::Senior => 3,
            Level::Staff | Level::Lead => 4,
            Level::Director => 5,
            Level::Executive => 6,
        }
    }
}

/// How well a posting's level suits the user's levels: 1 on a wanted rung, 0.5 one rung away,
/// 0 further; `None` when either side names no level (its own case, scored as neutral).
pub fn match_score(wanted: &[Level], posting: Option<Level>) -> Option<f64> {
    let posting = posting?;
    let distance = wanted.iter().map(|w| (w.rung() - posting.rung()).abs()).min()?;
    Some(match distance {
        0 => 1.0,
        1 => 0.5,
        _ => 0.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_their_level_and_plain_titles_name_none() {
        assert_eq!(Level::from_title("Senior Software Engineer"), Some(Level::Senior));
        assert_eq!(Level::from_title("Sr. Data Analyst"), Some(Level::Senior));
        assert_eq!(Level::from_title("Head of Customer Success"), Some(Level::Director));
        assert_eq!(Level::from_title("Software Engineer II"), Some(Level::Mid));
        assert_eq!(Level::from_title("VP, Engineering"), Some(Level::Executive));
        assert_eq!(Level::from_title("Software Engineering Intern"), Some(Level::Intern));
        assert_eq!(Level::from_title("Software Engineer"), None);
        assert_eq!(Level::from_title("Engineering Manager"), Some(Level::Lead));
        // An account or customer success manager manages accounts, not people.
        assert_eq!(Level::from_title("Customer Success Manager"), None);
    }

    #[test]
    fn user_labels_map_to_levels() {
        assert_eq!(Level::from_label("IC"), Some(Level::Mid));
        assert_eq!(Level::from_label("Lead"), Some(Level::Lead));
        assert_eq!(Level::from_label("manager"), Some(Level::Lead));
        assert_eq!(Level::from_label("anything"), None);
    }

    #[test]
    fn distance_in_rungs_decides_the_match() {
        assert_eq!(match_score(&[Level::Senior], Some(Level::Senior)), Some(1.0));
        assert_eq!(match_score(&[Level::Senior], Some(Level::Staff)), Some(0.5));
        assert_eq!(match_score(&[Level::Senior], Some(Level::Lead)), Some(0.5));
        assert_eq!(match_score(&[Level::Junior], Some(Level::Director)), Some(0.0));
        assert_eq!(match_score(&[Level::Senior], None), None);
        assert_eq!(match_score(&[], Some(Level::Senior)), None);
    }
}
