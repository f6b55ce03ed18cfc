//! The render-ready view of a resume: the sections with dates written out and empty parts
//! dropped, shared by the PDF and DOCX writers so both say exactly the same thing.

use jobpilot_resume::Sections;
use serde::Serialize;

/// What a template prints. Every string here is user text; templates only ever print it as
/// data, never parse it as markup.
#[derive(Debug, Clone, Default, Serialize)]
pub struct View {
    pub name: String,
    pub headline: String,
    /// Email, phone, location, links: one item each, in that order.
    pub contact: Vec<String>,
    pub summary: String,
    pub experience: Vec<Job>,
    pub education: Vec<School>,
    pub skills: Vec<String>,
    pub certifications: Vec<String>,
    pub projects: Vec<Proj>,
    pub languages: Vec<String>,
}

/// One job as four lines: role, company, dates, location (empty lines are skipped).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Job {
    pub role: String,
    pub company: String,
    pub dates: String,
    pub location: String,
    pub bullets: Vec<String>,
}

/// One school: the school, the degree line ("BSc, Computer Science"), the dates.
#[derive(Debug, Clone, Default, Serialize)]
pub struct School {
    pub school: String,
    pub degree: String,
    pub dates: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Proj {
    pub name: String,
    pub description: String,
    pub url: String,
    pub bullets: Vec<String>,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `2020-03` → `Mar 2020`, `2020` → `2020`; anything else is printed as the user wrote it
/// (a renderer must not reinterpret what it cannot read).
pub fn month_year(date: &str) -> String {
    let d = date.trim();
    let mut parts = d.splitn(3, '-');
    let year = parts.next().unwrap_or_default();
    let month = parts.next();
    let year_ok = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
    match (year_ok, month) {
        (true, None) => year.to_string(),
        (true, Some(m)) => match m.parse::<usize>() {
            Ok(n @ 1..=12) if m.len() == 2 => format!("{} {year}", MONTHS[n - 1]),
            _ => d.to_string(),
        },
        _ => d.to_string(),
    }
}

/// The date range as one line: `Mar 2020 – Present`, `2018 – 2020`, `2019`, or empty.
pub fn range(start: Option<&str>, end: Option<&str>, current: bool) -> String {
    let start = start.map(month_year).filter(|s| !s.is_empty());
    let end = match end.map(month_year).filter(|s| !s.is_empty()) {
        Some(e) => Some(e),
        None if current => Some("Present".to_string()),
        None => None,
    };
    match (start, end) {
        (Some(s), Some(e)) => format!("{s} – {e}"),
        (Some(s), None) => s,
        (None, Some(e)) => e,
        (None, None) => String::new(),
    }
}

fn text(v: &Option<String>) -> String {
    v.as_deref().map(str::trim).unwrap_or_default().to_string()
}

fn non_empty(items: &[String]) -> Vec<String> {
    items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

impl View {
    pub fn new(s: &Sections) -> Self {
        let c = &s.contact;
        let mut contact = Vec::new();
        for v in [&c.email, &c.phone, &c.location] {
            if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                contact.push(v.to_string());
            }
        }
        contact.extend(non_empty(&c.links));
        View {
            name: text(&c.name),
            headline: text(&s.headline),
            contact,
            summary: text(&s.summary),
            experience: s
                .experience
                .iter()
                .map(|e| Job {
                    role: e.role.trim().to_string(),
                    company: e.company.trim().to_string(),
                    dates: range(e.start.as_deref(), e.end.as_deref(), e.current),
                    location: text(&e.location),
                    bullets: non_empty(&e.bullets),
                })
                .collect(),
            education: s
                .education
                .iter()
                .map(|e| School {
                    school: e.school.trim().to_string(),
                    degree: [text(&e.degree), text(&e.field)]
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join(", "),
                    dates: range(e.start.as_deref(), e.year.as_deref(), false),
                })
                .collect(),
            skills: non_empty(&s.skills),
            certifications: non_empty(&s.certifications),
            projects: s
                .projects
                .iter()
                .map(|p| Proj {
                    name: p.name.trim().to_string(),
                    description: text(&p.description),
                    url: text(&p.url),
                    bullets: non_empty(&p.bullets),
                })
                .collect(),
            languages: non_empty(&s.languages),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_and_month_is_written_as_month_name_and_year() {
        assert_eq!(month_year("2020-03"), "Mar 2020");
        assert_eq!(month_year("2020-03-15"), "Mar 2020");
        assert_eq!(month_year("2019"), "2019");
    }

    #[test]
    fn a_date_the_renderer_cannot_read_is_printed_as_written() {
        assert_eq!(month_year("2020-13"), "2020-13");
        assert_eq!(month_year("Summer 2019"), "Summer 2019");
    }

    #[test]
    fn a_current_job_without_an_end_ends_at_present_and_an_unknown_end_is_left_out() {
        assert_eq!(range(Some("2020-01"), None, true), "Jan 2020 – Present");
        assert_eq!(range(Some("2020-01"), None, false), "Jan 2020");
        assert_eq!(range(None, None, false), "");
    }
}
