//! What an edited resume must satisfy before it is stored: every experience has a company and
//! a role, every school and project a name, dates read as dates, and every text and list is
//! bounded. Text is trimmed and empty list entries dropped, so a form's blank lines never become
//! empty bullets. Errors name the field as a JSON path (`experience[2].role`).

use jobpilot_resume::Sections;

use crate::error::FieldError;

/// Longest one-line value (a name, a role, a school).
const MAX_SHORT: usize = 300;
/// Longest paragraph (the summary, a bullet, a project's description).
const MAX_LONG: usize = 5_000;
/// Most entries in a list (skills, bullets of one job, jobs…).
const MAX_ITEMS: usize = 200;

/// The section names a per-section edit may replace, as they appear in the JSON.
pub const SECTIONS: &[&str] =
    &["contact", "headline", "summary", "skills", "experience", "education", "certifications", "projects", "languages"];

/// Checks and tidies `sections`, reporting every problem at once.
pub fn validated(mut s: Sections) -> Result<Sections, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut check = Checker { errors: &mut errors };
    let c = &mut s.contact;
    check.optional(&mut c.name, "contact.name", MAX_SHORT);
    check.optional(&mut c.email, "contact.email", MAX_SHORT);
    if c.email.as_deref().is_some_and(|e| !e.contains('@') || e.contains(char::is_whitespace)) {
        check.fail("contact.email", "must be an email address");
    }
    check.optional(&mut c.phone, "contact.phone", MAX_SHORT);
    check.optional(&mut c.location, "contact.location", MAX_SHORT);
    check.list(&mut c.links, "contact.links", MAX_SHORT);
    check.optional(&mut s.headline, "headline", MAX_SHORT);
    check.optional(&mut s.summary, "summary", MAX_LONG);
    for (name, list) in [("skills", &mut s.skills), ("certifications", &mut s.certifications), ("languages", &mut s.languages)] {
        check.list(list, name, MAX_SHORT);
    }
    check.count(s.experience.len(), "experience");
    for (i, e) in s.experience.iter_mut().enumerate() {
        check.required(&mut e.company, &format!("experience[{i}].company"));
        check.required(&mut e.role, &format!("experience[{i}].role"));
        check.optional(&mut e.location, &format!("experience[{i}].location"), MAX_SHORT);
        check.date(&mut e.start, &format!("experience[{i}].start"));
        check.date(&mut e.end, &format!("experience[{i}].end"));
        check.list(&mut e.bullets, &format!("experience[{i}].bullets"), MAX_LONG);
    }
    check.count(s.education.len(), "education");
    for (i, e) in s.education.iter_mut().enumerate() {
        check.required(&mut e.school, &format!("education[{i}].school"));
        check.optional(&mut e.degree, &format!("education[{i}].degree"), MAX_SHORT);
        check.optional(&mut e.field, &format!("education[{i}].field"), MAX_SHORT);
        check.date(&mut e.start, &format!("education[{i}].start"));
        check.date(&mut e.year, &format!("education[{i}].year"));
    }
    check.count(s.projects.len(), "projects");
    for (i, p) in s.projects.iter_mut().enumerate() {
        check.required(&mut p.name, &format!("projects[{i}].name"));
        check.optional(&mut p.description, &format!("projects[{i}].description"), MAX_LONG);
        check.optional(&mut p.url, &format!("projects[{i}].url"), MAX_SHORT);
        check.list(&mut p.bullets, &format!("projects[{i}].bullets"), MAX_LONG);
    }
    check.list(&mut s.keywords_covered, "keywords_covered", MAX_SHORT);
    if s.ats_score.is_some_and(|score| !(0..=100).contains(&score)) {
        check.fail("ats_score", "must be between 0 and 100");
    }
    if errors.is_empty() { Ok(s) } else { Err(errors) }
}

struct Checker<'a> {
    errors: &'a mut Vec<FieldError>,
}

impl Checker<'_> {
    fn fail(&mut self, field: &str, detail: impl Into<String>) {
        self.errors.push(FieldError::new(field, detail));
    }

    fn text(&mut self, value: &mut String, field: &str, max: usize) {
        *value = value.trim().to_string();
        if value.chars().count() > max {
            self.fail(field, format!("must be at most {max} characters"));
        } else if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            self.fail(field, "must not contain control characters");
        }
    }

    fn required(&mut self, value: &mut String, field: &str) {
        self.text(value, field, MAX_SHORT);
        if value.is_empty() {
            self.fail(field, "is required");
        }
    }

    fn optional(&mut self, value: &mut Option<String>, field: &str, max: usize) {
        if let Some(text) = value.as_mut() {
            self.text(text, field, max);
        }
        if value.as_deref().is_some_and(str::is_empty) {
            *value = None;
        }
    }

    fn count(&mut self, len: usize, field: &str) {
        if len > MAX_ITEMS {
            self.fail(field, format!("must have at most {MAX_ITEMS} entries"));
        }
    }

    fn list(&mut self, list: &mut Vec<String>, field: &str, max: usize) {
        for entry in list.iter_mut() {
            self.text(entry, field, max);
        }
        list.retain(|entry| !entry.is_empty());
        self.count(list.len(), field);
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as resumes and JSON Resume write them.
    fn date(&mut self, value: &mut Option<String>, field: &str) {
        self.optional(value, field, MAX_SHORT);
        if value.as_deref().is_some_and(|d| !is_date(d)) {
            self.fail(field, "must be a year, a year and month (2021-03), or a full date (2021-03-15)");
        }
    }
}

fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let number = |p: &str| p.parse::<u32>().unwrap_or(0);
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&number(m)),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && digits(d, 2) && (1..=12).contains(&number(m)) && (1..=31).contains(&number(d))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use jobpilot_resume::{Education, Experience};
    use proptest::prelude::*;

    use super::*;

    fn job(company: &str, role: &str) -> Experience {
        Experience { company: company.into(), role: role.into(), ..Experience::default() }
    }

    #[test]
    fn an_experience_without_company_or_role_is_refused_naming_each_field() {
        let s = Sections { experience: vec![job("Acme", "Engineer"), job("  ", ""), job("Initech", "Analyst")], ..Sections::default() };
        let errors = validated(s).expect_err("refused");
        let fields: Vec<_> = errors.iter().filter_map(|e| e.field.clone()).collect();
        assert_eq!(fields, ["experience[1].company", "experience[1].role"]);
    }

    #[test]
    fn text_is_trimmed_and_blank_entries_are_dropped() {
        let mut e = job(" Acme ", "Engineer\n");
        e.bullets = vec!["  Shipped it ".into(), "".into(), "   ".into()];
        let s = Sections { skills: vec!["Rust".into(), " ".into()], summary: Some("   ".into()), experience: vec![e], ..Sections::default() };
        let s = validated(s).expect("valid");
        assert_eq!((s.experience[0].company.as_str(), s.experience[0].bullets.clone()), ("Acme", vec!["Shipped it".to_string()]));
        assert_eq!((s.skills, s.summary), (vec!["Rust".to_string()], None));
    }

    #[test]
    fn dates_must_read_as_dates_and_sizes_are_bounded() {
        let mut e = job("Acme", "Engineer");
        e.start = Some("2021-13".into());
        e.end = Some("last spring".into());
        let school = Education { school: "MIT".into(), year: Some("2019".into()), ..Education::default() };
        let s = Sections {
            experience: vec![e],
            education: vec![school],
            skills: vec!["x".repeat(MAX_SHORT + 1)],
            summary: Some("y".repeat(MAX_LONG + 1)),
            ..Sections::default()
        };
        let fields: Vec<_> = validated(s).expect_err("refused").into_iter().filter_map(|e| e.field).collect();
        assert_eq!(fields, ["summary", "skills", "experience[0].start", "experience[0].end"]);
        assert!(is_date("2021") && is_date("2021-03") && is_date("2021-03-15"));
        assert!(!is_date("21-03") && !is_date("2021-3") && !is_date("2021-03-32") && !is_date("2021/03"));
    }

    #[test]
    fn control_characters_and_a_mistyped_email_are_refused() {
        let mut s = Sections { summary: Some("fine\u{0007}bell".into()), ..Sections::default() };
        s.contact.email = Some("ada at example.org".into());
        let fields: Vec<_> = validated(s).expect_err("refused").into_iter().filter_map(|e| e.field).collect();
        assert_eq!(fields, ["contact.email", "summary"]);
    }

    proptest! {
        /// Whatever a client sends, checking never panics, and what passes is a fixed point:
        /// storing it and checking again changes nothing.
        #[test]
        fn checking_is_total_and_what_passes_passes_unchanged(
            company in ".{0,20}", role in ".{0,20}", bullets in prop::collection::vec(".{0,30}", 0..5),
            skills in prop::collection::vec("[ a-zA-Z+#.]{0,12}", 0..10), start in "[0-9-]{0,10}",
        ) {
            let mut e = job(&company, &role);
            e.bullets = bullets;
            e.start = Some(start);
            let s = Sections { experience: vec![e], skills, ..Sections::default() };
            if let Ok(clean) = validated(s) {
                prop_assert_eq!(validated(clean.clone()).expect("still valid"), clean.clone());
                prop_assert!(!clean.experience[0].company.is_empty() && !clean.experience[0].role.is_empty());
                prop_assert!(clean.skills.iter().all(|s| !s.is_empty() && s.trim() == s));
            }
        }
    }
}
