//! A tailored version of the base resume for one posting: the bullets within each job and the
//! skills ordered (and bullets that show none of the posting left out, down to three a job) by how much of the
//! posting they show, and a summary turned toward the posting from the base's own words.
//! Nothing is added: every job, title, date, school, certification, skill and bullet comes from
//! the base unchanged ([`super::violations`] checks it).

use std::collections::{BTreeSet, HashMap};

use jobpilot_resume::Sections;

use super::score::score_with;
use super::terms::text_terms;
use super::{Importance, Keyword, PostingText, posting_keywords};

/// A job keeps at least this many bullets (or all it has), relevant or not.
const MIN_BULLETS: usize = 3;
/// Skills named in the tailored summary at most.
const SUMMARY_SKILLS: usize = 6;
/// Sentences of the base summary kept.
const SUMMARY_SENTENCES: usize = 2;

/// Points a mention of a keyword is worth when ranking bullets and skills.
fn weights(keywords: &[Keyword]) -> HashMap<&str, u32> {
    keywords
        .iter()
        .map(|k| (k.term.as_str(), if k.importance == Importance::Required { 2 } else { 1 }))
        .collect()
}

fn relevance(text: &str, weights: &HashMap<&str, u32>) -> u32 {
    text_terms(text).iter().filter_map(|t| weights.get(t.as_str())).sum()
}

/// Items ordered by relevance, most first; equal ones keep their order.
fn ranked<'a>(items: &'a [String], weights: &HashMap<&str, u32>) -> Vec<(usize, u32, &'a String)> {
    let mut scored: Vec<(usize, u32, &String)> = items.iter().enumerate().map(|(i, s)| (i, relevance(s, weights), s)).collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scored
}

/// The tailored sections, with `keywords_covered` and `ats_score` filled for the posting.
pub fn tailor(base: &Sections, posting: &PostingText) -> Sections {
    let keywords = posting_keywords(&posting.title, &posting.description);
    let weights = weights(&keywords);
    let mut out = base.clone();
    out.skills = ranked(&base.skills, &weights).into_iter().map(|(_, _, s)| s.clone()).collect();
    for (job, base_job) in out.experience.iter_mut().zip(&base.experience) {
        job.bullets = select_bullets(&base_job.bullets, &weights);
    }
    let matched_skills: Vec<&String> =
        ranked(&base.skills, &weights).into_iter().filter(|(_, r, _)| *r > 0).map(|(_, _, s)| s).take(SUMMARY_SKILLS).collect();
    out.summary = summary(base, &matched_skills, &weights);
    out.keywords_covered.clear();
    out.ats_score = None;
    let report = score_with(&out, &keywords);
    out.keywords_covered = report.matched;
    out.ats_score = Some(report.score);
    out
}

fn select_bullets(bullets: &[String], weights: &HashMap<&str, u32>) -> Vec<String> {
    let ranked = ranked(bullets, weights);
    let relevant = ranked.iter().filter(|(_, r, _)| *r > 0).count();
    // Every bullet that shows a keyword stays, so tailoring never loses coverage.
    let keep = relevant.max(MIN_BULLETS).min(bullets.len());
    ranked.into_iter().take(keep).map(|(_, _, b)| b.clone()).collect()
}

/// The base summary's first sentences (or its headline when it has no summary), then the base's
/// own skills that the posting asks for. The result names no term the base does not: if the
/// joined text would (a phrase formed across a join), the base summary is kept as it is.
fn summary(base: &Sections, skills: &[&String], skills_weights: &HashMap<&str, u32>) -> Option<String> {
    let opening = match base.summary.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => opening(text, skills_weights),
        None => base.headline.as_deref().map(|h| format!("{}.", h.trim().trim_end_matches('.'))).unwrap_or_default(),
    };
    let mut text = opening;
    // The added sentence must start a sentence: "Python" alone gets its full stop.
    if !text.is_empty() && !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    if !skills.is_empty() {
        let names: Vec<&str> = skills.iter().map(|s| s.trim()).collect();
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!("Skills for this role: {}.", names.join(", ")));
    }
    if text.trim().is_empty() {
        return base.summary.clone();
    }
    let allowed: BTreeSet<String> = super::terms::resume_texts(base).into_iter().flat_map(text_terms).collect();
    if text_terms(&text).is_subset(&allowed) { Some(text) } else { base.summary.clone() }
}

/// The summary's first sentences, and any later one that names a keyword (so the summary never
/// loses coverage).
fn opening(text: &str, weights: &HashMap<&str, u32>) -> String {
    let kept: Vec<&str> = sentences(text)
        .into_iter()
        .enumerate()
        .filter(|(i, s)| *i < SUMMARY_SENTENCES || relevance(s, weights) > 0)
        .map(|(_, s)| s)
        .collect();
    kept.join(" ")
}

/// A text cut into sentences (one ends at ". ", "! " or "? "), each trimmed.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1).is_some_and(|b| *b == b' ') {
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    out.push(text[start..].trim());
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::resume_fit::violations;
    use jobpilot_resume::Experience;

    fn base() -> Sections {
        Sections {
            summary: Some("Backend engineer. I like hard problems. I also bake.".into()),
            skills: vec!["Excel".into(), "Kafka".into(), "Python".into(), "Figma".into()],
            experience: vec![Experience {
                company: "Acme".into(),
                role: "Engineer".into(),
                start: Some("2020-01".into()),
                bullets: vec![
                    "Ran the office party for 40 people".into(),
                    "Built 12 Python services".into(),
                    "Wrote the onboarding guide".into(),
                    "Designed icons in Figma".into(),
                    "Moved 3 TB of events to Kafka".into(),
                ],
                ..Experience::default()
            }],
            ..Sections::default()
        }
    }

    fn posting() -> PostingText {
        PostingText { title: "Data Engineer".into(), company: None, description: "Requirements: Python and Kafka.\nNice to have: Airflow".into() }
    }

    #[test]
    fn relevant_bullets_and_skills_come_first_and_nothing_is_invented() {
        let tailored = tailor(&base(), &posting());
        assert_eq!(&tailored.skills[..2], ["Kafka", "Python"]);
        let bullets = &tailored.experience[0].bullets;
        assert!(bullets[..2].contains(&"Built 12 Python services".to_string()), "{bullets:?}");
        assert!(bullets[..2].contains(&"Moved 3 TB of events to Kafka".to_string()), "{bullets:?}");
        assert_eq!(bullets.len(), 3, "two relevant bullets, filled up to three");
        assert!(violations(&base(), &tailored).is_empty(), "{:?}", violations(&base(), &tailored));
    }

    #[test]
    fn the_summary_turns_toward_the_posting_with_the_bases_own_skills_only() {
        let summary = tailor(&base(), &posting()).summary.expect("summary");
        assert!(summary.starts_with("Backend engineer. I like hard problems."), "{summary}");
        assert!(summary.contains("Kafka, Python"), "{summary}");
        assert!(!summary.to_lowercase().contains("airflow"), "the base has no Airflow: {summary}");
    }

    #[test]
    fn a_summary_without_a_full_stop_still_passes_the_guard_once_turned() {
        // Found by the property test: "Python" + "Skills for this role: …" made "Skills" read as
        // a proper name inside a sentence.
        let base = Sections { summary: Some("Python".into()), skills: vec!["Salesforce".into()], ..Sections::default() };
        let posting = PostingText { title: "Account Executive".into(), company: None, description: "Requirements: Salesforce.".into() };
        let tailored = tailor(&base, &posting);
        assert_eq!(tailored.summary.as_deref(), Some("Python. Skills for this role: Salesforce."));
        assert!(violations(&base, &tailored).is_empty(), "{:?}", violations(&base, &tailored));
    }

    #[test]
    fn the_tailored_version_scores_at_least_as_well_as_the_base() {
        let before = crate::domain::resume_fit::score(&base(), &posting()).score;
        let tailored = tailor(&base(), &posting());
        assert!(tailored.ats_score.expect("score") >= before);
    }
}
