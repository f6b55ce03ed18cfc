//! The resume sections stored in `resume_versions.sections_json` (data model §5.1), plus contact
//! details, projects and languages, which a real resume has and the spec leaves open.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One resume's content. Every field is optional in JSON so older rows and partial parses load.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct Sections {
    pub contact: Contact,
    /// The resume's own headline ("Creative and Innovative Web Developer"), if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub skills: Vec<String>,
    pub experience: Vec<Experience>,
    pub education: Vec<Education>,
    pub certifications: Vec<String>,
    pub projects: Vec<Project>,
    pub languages: Vec<String>,
    /// Posting keywords this version covers (written by the optimizer, §5.1).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keywords_covered: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ats_score: Option<i32>,
}

/// How to reach the person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Personal site, LinkedIn, GitHub… as written.
    pub links: Vec<String>,
}

/// One job. Dates are `YYYY-MM` or `YYYY` as the resume gives them; `end: None` with
/// `current: true` means "present", `end: None` alone means the resume does not say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct Experience {
    pub company: String,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    pub current: bool,
    pub bullets: Vec<String>,
}

/// One school. `year` is the graduation (end) year as §5.1 has it; `start` when the resume gives a range.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct Education {
    pub school: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub degree: Option<String>,
    /// Field of study ("Computer Science").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<String>,
}

/// A side or portfolio project.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct Project {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub bullets: Vec<String>,
}

impl Sections {
    /// True when nothing at all was read: no contact detail, headline, summary or any section.
    pub fn is_empty(&self) -> bool {
        let c = &self.contact;
        c.name.is_none()
            && c.email.is_none()
            && c.phone.is_none()
            && c.location.is_none()
            && c.links.is_empty()
            && self.headline.is_none()
            && self.summary.is_none()
            && self.skills.is_empty()
            && self.experience.is_empty()
            && self.education.is_empty()
            && self.certifications.is_empty()
            && self.projects.is_empty()
            && self.languages.is_empty()
    }

    /// The §5.1 fields a resume should have and this one lacks, by name: what the user is told
    /// was "not found".
    pub fn missing_fields(&self) -> Vec<String> {
        let c = &self.contact;
        let checks: [(&str, bool); 9] = [
            ("name", c.name.is_none()),
            ("email", c.email.is_none()),
            ("phone", c.phone.is_none()),
            ("summary", self.summary.is_none()),
            ("skills", self.skills.is_empty()),
            ("experience", self.experience.is_empty()),
            ("education", self.education.is_empty()),
            ("certifications", self.certifications.is_empty()),
            ("languages", self.languages.is_empty()),
        ];
        checks.iter().filter(|(_, missing)| *missing).map(|(name, _)| name.to_string()).collect()
    }
}
