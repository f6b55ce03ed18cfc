//! The truth guard: what a tailored version may differ from its base in. Any engine's output
//! (the rules' or a language model's) passes through [`violations`]; one that adds an employer,
//! a title, a date, a school, a degree, a certification, a skill, a bullet or a contact detail
//! the base does not have is refused.
//!
//! Allowed: leaving things out, reordering, and a summary whose skills, numbers and proper
//! names all come from the base.

use std::collections::BTreeSet;

use jobpilot_resume::{Experience, Sections};
use serde::Serialize;

use super::terms::{resume_texts, text_terms, title_terms};

/// One invented or altered fact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// Where, as a JSON pointer into the tailored sections (`/experience/0/role`).
    pub path: String,
    pub detail: String,
}

fn violation(path: impl Into<String>, detail: impl Into<String>) -> Violation {
    Violation { path: path.into(), detail: detail.into() }
}

/// Everything `tailored` claims that `base` does not support (empty: it invents nothing).
pub fn violations(base: &Sections, tailored: &Sections) -> Vec<Violation> {
    let mut out = Vec::new();
    if tailored.contact != base.contact {
        out.push(violation("/contact", "contact details must be the base's"));
    }
    if tailored.headline.is_some() && tailored.headline != base.headline {
        out.push(violation("/headline", "the headline must be the base's"));
    }
    subset(&mut out, "/skills", &tailored.skills, &base.skills, "skill");
    subset(&mut out, "/certifications", &tailored.certifications, &base.certifications, "certification");
    subset(&mut out, "/languages", &tailored.languages, &base.languages, "language");
    for (i, school) in tailored.education.iter().enumerate() {
        if !base.education.contains(school) {
            out.push(violation(format!("/education/{i}"), format!("“{}” is not in the base as written", school.school)));
        }
    }
    for (i, project) in tailored.projects.iter().enumerate() {
        let supported = base.projects.iter().any(|b| {
            b.name == project.name && b.description == project.description && b.url == project.url && project.bullets.iter().all(|x| b.bullets.contains(x))
        });
        if !supported {
            out.push(violation(format!("/projects/{i}"), format!("project “{}” is not in the base as written", project.name)));
        }
    }
    experience(&mut out, base, tailored);
    if let Some(summary) = &tailored.summary {
        summary_claims(&mut out, base, summary);
    }
    out
}

fn subset(out: &mut Vec<Violation>, path: &str, items: &[String], base: &[String], what: &str) {
    for (i, item) in items.iter().enumerate() {
        if !base.iter().any(|b| b.trim() == item.trim()) {
            out.push(violation(format!("{path}/{i}"), format!("the {what} “{item}” is not in the base")));
        }
    }
}

/// Each tailored job is one base job (company, title, place and dates unchanged), used once,
/// with bullets taken verbatim from it.
fn experience(out: &mut Vec<Violation>, base: &Sections, tailored: &Sections) {
    let same_job = |a: &Experience, b: &Experience| {
        a.company == b.company && a.role == b.role && a.location == b.location && a.start == b.start && a.end == b.end && a.current == b.current
    };
    let mut used = vec![false; base.experience.len()];
    for (i, job) in tailored.experience.iter().enumerate() {
        let found = base.experience.iter().enumerate().find(|(j, b)| !used[*j] && same_job(b, job));
        let Some((j, base_job)) = found else {
            out.push(violation(format!("/experience/{i}"), format!("“{}” at “{}” with these dates is not in the base", job.role, job.company)));
            continue;
        };
        used[j] = true;
        for (k, bullet) in job.bullets.iter().enumerate() {
            if !base_job.bullets.contains(bullet) {
                out.push(violation(format!("/experience/{i}/bullets/{k}"), "the bullet is not one of this job's bullets in the base"));
            }
        }
    }
}

/// A summary may say only what the base says: its skills and certifications, its numbers, and
/// its proper names (an employer, a school, a product).
fn summary_claims(out: &mut Vec<Violation>, base: &Sections, summary: &str) {
    let texts = resume_texts(base);
    let mut allowed: BTreeSet<String> = texts.iter().flat_map(|t| text_terms(t)).collect();
    for job in &base.experience {
        allowed.extend(title_terms(&job.role));
    }
    for term in text_terms(summary).difference(&allowed) {
        out.push(violation("/summary", format!("names “{term}”, which the base does not")));
    }
    let mut corpus: Vec<&str> = texts;
    for job in &base.experience {
        corpus.push(&job.company);
        corpus.extend(job.location.as_deref());
        corpus.extend(job.start.as_deref());
        corpus.extend(job.end.as_deref());
    }
    for school in &base.education {
        corpus.push(&school.school);
        corpus.extend(school.year.as_deref());
        corpus.extend(school.start.as_deref());
    }
    corpus.extend(base.contact.location.as_deref());
    corpus.extend(base.contact.name.as_deref());
    let known: BTreeSet<String> = corpus.iter().flat_map(|t| words(t)).map(|w| w.to_lowercase()).collect();
    for (word, sentence_start) in words_with_position(summary) {
        let number = word.chars().any(|c| c.is_ascii_digit());
        let proper = !sentence_start && word.chars().next().is_some_and(char::is_uppercase);
        if (number || proper) && !known.contains(&word.to_lowercase()) {
            out.push(violation("/summary", format!("says “{word}”, which the base does not")));
        }
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#')).filter(|w| !w.is_empty())
}

/// Words and whether each starts a sentence (the first word, or one after . ! ? : or a newline).
fn words_with_position(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start = true;
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let in_word = c.is_alphanumeric() || c == '+' || c == '#';
        match (in_word, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(s)) => {
                out.push((&text[s..i], start));
                start = false;
                word_start = None;
            }
            _ => {}
        }
        if matches!(c, '.' | '!' | '?' | ':' | '\n') && word_start.is_none() {
            start = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobpilot_resume::Education;

    fn base() -> Sections {
        Sections {
            summary: Some("Engineer at Acme with 5 years of Python.".into()),
            skills: vec!["Python".into(), "SQL".into()],
            certifications: vec!["PMP".into()],
            experience: vec![Experience {
                company: "Acme".into(),
                role: "Engineer".into(),
                start: Some("2019-01".into()),
                bullets: vec!["Built 3 services".into()],
                ..Experience::default()
            }],
            education: vec![Education { school: "State University".into(), degree: Some("BSc".into()), ..Education::default() }],
            ..Sections::default()
        }
    }

    #[test]
    fn the_base_itself_and_a_reordered_subset_pass() {
        assert!(violations(&base(), &base()).is_empty());
        let mut fewer = base();
        fewer.skills = vec!["SQL".into()];
        fewer.certifications.clear();
        assert!(violations(&base(), &fewer).is_empty());
    }

    #[test]
    fn each_kind_of_invention_is_refused() {
        let cases: Vec<(&str, Box<dyn Fn(&mut Sections)>)> = vec![
            ("skill", Box::new(|s| s.skills.push("Kafka".into()))),
            ("certification", Box::new(|s| s.certifications.push("CISSP".into()))),
            ("employer", Box::new(|s| s.experience[0].company = "Google".into())),
            ("title", Box::new(|s| s.experience[0].role = "Staff Engineer".into())),
            ("date", Box::new(|s| s.experience[0].start = Some("2015-01".into()))),
            ("bullet", Box::new(|s| s.experience[0].bullets.push("Built 300 services".into()))),
            ("degree", Box::new(|s| s.education[0].degree = Some("PhD".into()))),
            ("school", Box::new(|s| s.education.push(Education { school: "MIT".into(), ..Education::default() }))),
            ("second copy of a job", Box::new(|s| { let job = s.experience[0].clone(); s.experience.push(job) })),
            ("summary skill", Box::new(|s| s.summary = Some("Engineer with Kafka.".into()))),
            ("summary number", Box::new(|s| s.summary = Some("Engineer with 10 years of Python.".into()))),
            ("summary employer", Box::new(|s| s.summary = Some("Former engineer at Google.".into()))),
            ("contact", Box::new(|s| s.contact.links.push("https://example.org".into()))),
        ];
        for (what, change) in cases {
            let mut tailored = base();
            change(&mut tailored);
            assert!(!violations(&base(), &tailored).is_empty(), "{what} was not refused");
        }
    }

    #[test]
    fn a_summary_built_from_the_bases_words_passes() {
        let mut tailored = base();
        tailored.summary = Some("Engineer at Acme with 5 years of Python. Skills for this role: Python, SQL.".into());
        assert!(violations(&base(), &tailored).is_empty(), "{:?}", violations(&base(), &tailored));
    }
}
