//! JSON Resume (jsonresume.org, schema v1) into [`Sections`]: a structured format, so every
//! value is copied, never guessed; only what the file has is filled.

use serde::Deserialize;
use serde_json::Value;

use crate::{Contact, Education, Experience, Format, ParseError, Parsed, Project, Sections};

/// True when `value` looks like a JSON Resume document (it has `basics` or `work`).
pub fn looks_like(value: &Value) -> bool {
    value.get("basics").is_some_and(Value::is_object) || value.get("work").is_some_and(Value::is_array)
}

/// Reads a JSON Resume document.
pub fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let doc: Document = serde_json::from_slice(bytes)
        .map_err(|e| ParseError::Corrupt { format: "JSON Resume", detail: e.to_string() })?;
    let sections = doc.into_sections();
    Ok(Parsed { not_found: sections.missing_fields(), sections, notes: Vec::new(), format: Format::JsonResume, pages: 1 })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Document {
    basics: Basics,
    work: Vec<Work>,
    education: Vec<School>,
    skills: Vec<Skill>,
    certificates: Vec<Named>,
    projects: Vec<ProjectDoc>,
    languages: Vec<Language>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Basics {
    name: Option<String>,
    label: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    url: Option<String>,
    summary: Option<String>,
    location: Option<Location>,
    profiles: Vec<Profile>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Location {
    city: Option<String>,
    region: Option<String>,
    #[serde(rename = "countryCode")]
    country_code: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Profile {
    url: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Work {
    name: Option<String>,
    /// Pre-1.0 documents name the employer `company`.
    company: Option<String>,
    position: Option<String>,
    location: Option<String>,
    #[serde(rename = "startDate")]
    start_date: Option<String>,
    #[serde(rename = "endDate")]
    end_date: Option<String>,
    summary: Option<String>,
    highlights: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct School {
    institution: Option<String>,
    area: Option<String>,
    #[serde(rename = "studyType")]
    study_type: Option<String>,
    #[serde(rename = "startDate")]
    start_date: Option<String>,
    #[serde(rename = "endDate")]
    end_date: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Skill {
    name: Option<String>,
    keywords: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Named {
    name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProjectDoc {
    name: Option<String>,
    description: Option<String>,
    url: Option<String>,
    highlights: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Language {
    language: Option<String>,
}

impl Document {
    fn into_sections(self) -> Sections {
        let b = self.basics;
        let location = b.location.map(|l| join(&[l.city, l.region, l.country_code])).filter(|s| !s.is_empty());
        let mut links: Vec<String> = b.url.into_iter().chain(b.profiles.into_iter().filter_map(|p| p.url)).filter_map(clean).collect();
        links.dedup();
        let mut skills = Vec::new();
        for s in self.skills {
            // A keyworded group ("Web Development": HTML, CSS) lists its skills; a bare name is one.
            if s.keywords.is_empty() {
                skills.extend(s.name.and_then(clean));
            } else {
                skills.extend(s.keywords.into_iter().filter_map(clean));
            }
        }
        Sections {
            contact: Contact { name: b.name.and_then(clean), email: b.email.and_then(clean), phone: b.phone.and_then(clean), location, links },
            headline: b.label.and_then(clean),
            summary: b.summary.and_then(clean),
            skills,
            experience: self.work.into_iter().filter_map(Work::into_experience).collect(),
            education: self.education.into_iter().filter_map(School::into_education).collect(),
            certifications: self.certificates.into_iter().filter_map(|c| c.name.and_then(clean)).collect(),
            projects: self.projects.into_iter().filter_map(ProjectDoc::into_project).collect(),
            languages: self.languages.into_iter().filter_map(|l| l.language.and_then(clean)).collect(),
            ..Sections::default()
        }
    }
}

impl Work {
    fn into_experience(self) -> Option<Experience> {
        let company = self.name.or(self.company).and_then(clean).unwrap_or_default();
        let role = self.position.and_then(clean).unwrap_or_default();
        if company.is_empty() && role.is_empty() {
            return None;
        }
        let mut bullets: Vec<String> = self.summary.and_then(clean).into_iter().collect();
        bullets.extend(self.highlights.into_iter().filter_map(clean));
        let start = self.start_date.and_then(clean).map(month);
        let end = self.end_date.and_then(clean).map(month);
        // The schema's convention: a job with a start and no end is the current one.
        let current = start.is_some() && end.is_none();
        Some(Experience { company, role, location: self.location.and_then(clean), start, end, current, bullets })
    }
}

impl School {
    fn into_education(self) -> Option<Education> {
        let school = self.institution.and_then(clean)?;
        Some(Education {
            school,
            degree: self.study_type.and_then(clean),
            field: self.area.and_then(clean),
            start: self.start_date.and_then(clean).map(month),
            year: self.end_date.and_then(clean).map(|d| d.chars().take(4).collect()),
        })
    }
}

impl ProjectDoc {
    fn into_project(self) -> Option<Project> {
        Some(Project {
            name: self.name.and_then(clean)?,
            description: self.description.and_then(clean),
            url: self.url.and_then(clean),
            bullets: self.highlights.into_iter().filter_map(clean).collect(),
        })
    }
}

/// Trims; an empty string is no value.
fn clean(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// `2013-12-01` → `2013-12`; `2013` stays `2013`.
fn month(date: String) -> String {
    date.chars().take(7).collect()
}

fn join(parts: &[Option<String>]) -> String {
    parts.iter().flatten().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_resume_reads_into_sections_without_invented_values() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/testdata/resumes/jsonresume/sample.resume.json");
        let bytes = std::fs::read(path).expect("shared testdata");
        let parsed = parse(&bytes).expect("parses");
        let s = &parsed.sections;
        assert_eq!(s.contact.name.as_deref(), Some("Richard Hendriks"));
        assert_eq!(s.experience[0].company, "Pied Piper");
        assert_eq!(s.experience[0].start.as_deref(), Some("2013-12"));
        assert_eq!(s.education[0].school, "University of Oklahoma");
        assert!(!parsed.not_found.contains(&"email".to_string()));
    }

    #[test]
    fn a_document_without_work_or_education_reports_them_not_found() {
        let parsed = parse(br#"{"basics":{"name":"Ada"}}"#).expect("parses");
        assert!(parsed.sections.experience.is_empty());
        assert!(parsed.not_found.contains(&"experience".to_string()));
        assert!(parsed.not_found.contains(&"education".to_string()));
    }

    #[test]
    fn broken_json_is_a_corrupt_file() {
        assert!(matches!(parse(b"{\"basics\":"), Err(ParseError::Corrupt { .. })));
    }
}
