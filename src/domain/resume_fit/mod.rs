//! How a resume fits one posting, and the truthful changes that make it fit better: the
//! posting's keywords (required and preferred skills, tools, certifications from the taxonomy),
//! the ATS score with its breakdown and suggestions, tailoring, the guard that refuses any
//! invented fact, and the cover-letter draft. Pure and deterministic: no SQL, no HTTP, no clock.

mod bullets;
mod cover_letter;
mod guard;
mod posting;
mod score;
mod tailor;
mod terms;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use bullets::{BulletWeakness, weaknesses};
pub use cover_letter::{CoverLetterInput, PLACEHOLDERS, draft_cover_letter, letter_violations};
pub use guard::{Violation, violations};
pub use posting::posting_keywords;
pub use score::{AtsReport, Component, KeywordCoverage, SectionCheck, Suggestion, WEIGHTS, score};
pub use tailor::tailor;
pub use terms::{TermIndex, text_terms};

/// A posting as the fit rules read it: what it is called and what it says.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PostingText {
    pub title: String,
    /// The company's name, when the catalog knows it (used by the cover letter only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The cleaned description text.
    #[serde(default)]
    pub description: String,
}

/// How much a posting asks for a keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    /// In the title, the requirements, or the body of the role.
    Required,
    /// Only under "nice to have", "preferred", "bonus", or on a line that says "a plus".
    Preferred,
}

/// What kind of keyword it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KeywordKind {
    Skill,
    /// A named product: framework, data store, cloud service, delivery tool.
    Tool,
    Certification,
}

/// One keyword a posting names: the taxonomy's canonical tag (lower case).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub struct Keyword {
    pub term: String,
    pub kind: KeywordKind,
    pub importance: Importance,
}
