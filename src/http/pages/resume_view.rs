//! How the Resume Studio words things: a row of the versions list, and which of the fields the
//! parser did not find are still missing after the user's edits.

use uuid::Uuid;

use crate::db::resume_versions::Version;
use crate::db::resume_versions_list::VersionSummary;

/// One version in the list.
pub struct VersionRow {
    pub id: Uuid,
    pub name: String,
    pub created: String,
    pub base: bool,
    pub deleted: bool,
    /// "Tailored for Backend Engineer at Acme", empty for uploads.
    pub tailored_for: String,
    pub ats_score: String,
    /// (application id, "Title at Company · stage")
    pub used_by: Vec<(Uuid, String)>,
    pub can_be_base: bool,
}

impl VersionRow {
    pub fn new(v: VersionSummary) -> VersionRow {
        let tailored_for = match (&v.posting_title, &v.company_name) {
            (Some(title), Some(company)) => format!("Tailored for {title} at {company}"),
            (Some(title), None) => format!("Tailored for {title}"),
            _ => String::new(),
        };
        let used_by = v
            .applications
            .iter()
            .map(|a| {
                let title = a.title.clone().unwrap_or_else(|| "Untitled".into());
                let at = a.company.as_deref().map(|c| format!(" at {c}")).unwrap_or_default();
                (a.id, format!("{title}{at} · {}", a.stage))
            })
            .collect();
        VersionRow {
            id: v.id,
            name: v.name.clone().or(v.file_name.clone()).unwrap_or_else(|| "Resume version".into()),
            created: v.created_at.format("%-d %b %Y %H:%M UTC").to_string(),
            base: v.base_flag && v.deleted_at.is_none(),
            deleted: v.deleted_at.is_some(),
            tailored_for,
            ats_score: v.ats_score.map_or_else(|| "—".into(), |s| s.to_string()),
            used_by,
            can_be_base: !v.base_flag && v.deleted_at.is_none() && v.job_posting_id.is_none(),
        }
    }
}

/// What the parser did not find, less what the user has filled in since.
pub fn still_missing(v: &Version) -> Vec<String> {
    const CHECKED: &[&str] = &["name", "email", "phone", "summary", "skills", "experience", "education", "certifications", "languages"];
    let missing_now = v.sections.missing_fields();
    v.parse_report
        .not_found
        .iter()
        .filter(|field| !CHECKED.contains(&field.as_str()) || missing_now.contains(field))
        .cloned()
        .collect()
}
