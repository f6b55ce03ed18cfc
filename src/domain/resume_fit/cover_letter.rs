//! A cover-letter draft from the base resume and the posting: a greeting, the role and the
//! company, two or three of the person's own bullets that fit the posting best (verbatim), and a
//! close. What only the person can say is left as a marked placeholder to fill in.

use std::collections::{BTreeSet, HashMap};

use jobpilot_resume::Sections;
use serde::{Deserialize, Serialize};

use super::terms::{resume_texts, text_terms, title_terms};
use super::{Importance, PostingText, posting_keywords};

/// The placeholders a draft may hold; each must be replaced by the person before sending.
pub const PLACEHOLDERS: [&str; 3] = [
    "[Why this company: one or two sentences in your own words]",
    "[Anything else they should know: a project, a result, why now]",
    "[Your name]",
];

/// Bullets quoted at most, and at least when the resume has them.
const MAX_QUOTED: usize = 3;
const MIN_QUOTED: usize = 2;

/// What a draft is written from.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CoverLetterInput {
    pub resume: Sections,
    pub posting: PostingText,
}

/// The draft, as plain text (Markdown-compatible: the bullets are "- " lines).
pub fn draft_cover_letter(input: &CoverLetterInput) -> String {
    let resume = &input.resume;
    let posting = &input.posting;
    let company = posting.company.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let title = posting.title.trim();
    let mut letter = String::new();
    letter.push_str(&match company {
        Some(c) => format!("Dear {c} hiring team,\n\n"),
        None => "Dear hiring team,\n\n".to_string(),
    });
    let role = if title.is_empty() { "this role".to_string() } else { format!("the {title} role") };
    let at = company.map(|c| format!(" at {c}")).unwrap_or_default();
    letter.push_str(&format!("I am writing to apply for {role}{at}. {}\n\n", PLACEHOLDERS[0]));
    if let Some(latest) = resume.experience.first().filter(|j| !j.role.trim().is_empty() && !j.company.trim().is_empty()) {
        let verb = if latest.current || latest.end.is_none() && latest.start.is_some() { "I work" } else { "Most recently, I worked" };
        letter.push_str(&format!("{verb} as {} at {}.", latest.role.trim(), latest.company.trim()));
    }
    let quoted = quoted_bullets(resume, posting);
    if !quoted.is_empty() {
        letter.push_str(" A few things I have done that fit what you are looking for:\n\n");
        for bullet in quoted {
            letter.push_str(&format!("- {}\n", bullet.trim()));
        }
    }
    letter.push_str(&format!("\n{}\n\n", PLACEHOLDERS[1]));
    letter.push_str("Thank you for considering my application. I would welcome the chance to talk about the role.\n\n");
    let name = resume.contact.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).unwrap_or(PLACEHOLDERS[2]);
    letter.push_str(&format!("Best regards,\n{name}\n"));
    letter
}

/// The person's bullets that show most of the posting's keywords; the latest job's first ones
/// when none does.
fn quoted_bullets<'a>(resume: &'a Sections, posting: &PostingText) -> Vec<&'a String> {
    let weights: HashMap<String, u32> = posting_keywords(&posting.title, &posting.description)
        .into_iter()
        .map(|k| (k.term, if k.importance == Importance::Required { 2 } else { 1 }))
        .collect();
    let mut scored: Vec<(u32, usize, &String)> = resume
        .experience
        .iter()
        .flat_map(|j| &j.bullets)
        .enumerate()
        .map(|(i, b)| (text_terms(b).iter().filter_map(|t| weights.get(t)).sum(), i, b))
        .filter(|(_, _, b)| !b.trim().is_empty())
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let relevant = scored.iter().filter(|(r, _, _)| *r > 0).count();
    let take = relevant.clamp(MIN_QUOTED, MAX_QUOTED).min(scored.len());
    scored.into_iter().take(take).map(|(_, _, b)| b).collect()
}

/// What a language model's letter claims that the resume does not support: skills or
/// certifications beyond the resume's (and the posting title's), numbers it does not have.
pub fn letter_violations(input: &CoverLetterInput, letter: &str) -> Vec<String> {
    let texts = resume_texts(&input.resume);
    let mut allowed: BTreeSet<String> = texts.iter().flat_map(|t| text_terms(t)).collect();
    allowed.extend(title_terms(&input.posting.title));
    // The rules' own draft is made of the resume, the posting's title and set phrases: whatever
    // it names ("hiring", "writing") is no claim about the person.
    allowed.extend(text_terms(&draft_cover_letter(input)));
    for job in &input.resume.experience {
        allowed.extend(title_terms(&job.role));
    }
    let mut out: Vec<String> = text_terms(letter).difference(&allowed).map(|t| format!("names “{t}”, which the resume does not")).collect();
    let mut corpus = texts.join(" ");
    for job in &input.resume.experience {
        for part in [Some(&job.company), job.start.as_ref(), job.end.as_ref()].into_iter().flatten() {
            corpus.push(' ');
            corpus.push_str(part);
        }
    }
    corpus.push(' ');
    corpus.push_str(&input.posting.title);
    for number in letter.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()) {
        let known = corpus.split(|c: char| !c.is_ascii_digit()).any(|n| n == number);
        if !known {
            out.push(format!("says “{number}”, which the resume does not"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobpilot_resume::{Contact, Experience};

    fn input() -> CoverLetterInput {
        CoverLetterInput {
            resume: Sections {
                contact: Contact { name: Some("Ada Lovelace".into()), ..Contact::default() },
                experience: vec![Experience {
                    company: "Acme".into(),
                    role: "Engineer".into(),
                    start: Some("2020-01".into()),
                    current: true,
                    bullets: vec!["Ran the office party".into(), "Built 12 Python services".into(), "Moved 3 TB of events to Kafka".into(), "Wrote docs".into()],
                    ..Experience::default()
                }],
                ..Sections::default()
            },
            posting: PostingText { title: "Data Engineer".into(), company: Some("Globex".into()), description: "Requirements: Python and Kafka.".into() },
        }
    }

    #[test]
    fn the_draft_names_the_role_and_company_and_quotes_the_most_relevant_bullets_verbatim() {
        let letter = draft_cover_letter(&input());
        assert!(letter.starts_with("Dear Globex hiring team,"), "{letter}");
        assert!(letter.contains("the Data Engineer role at Globex"));
        assert!(letter.contains("- Built 12 Python services\n") && letter.contains("- Moved 3 TB of events to Kafka\n"), "{letter}");
        assert!(!letter.contains("office party"), "an irrelevant bullet is left out: {letter}");
        assert!(letter.contains(PLACEHOLDERS[0]) && letter.trim_end().ends_with("Ada Lovelace"));
        assert!(letter_violations(&input(), &letter).is_empty(), "{:?}", letter_violations(&input(), &letter));
    }

    #[test]
    fn a_letter_that_claims_more_than_the_resume_is_caught() {
        let problems = letter_violations(&input(), "I have 15 years of Rust and Terraform.");
        assert!(problems.iter().any(|p| p.contains("15")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("terraform")), "{problems:?}");
    }

    #[test]
    fn without_a_company_or_a_name_the_placeholders_stay() {
        let mut input = input();
        input.posting.company = None;
        input.resume.contact.name = None;
        let letter = draft_cover_letter(&input);
        assert!(letter.starts_with("Dear hiring team,"));
        assert!(letter.trim_end().ends_with(PLACEHOLDERS[2]));
    }
}
