//! A posting's keywords and how much it asks for each: the title and the role's body and
//! requirements make a keyword required; one named only under "Nice to have", "Preferred",
//! "Bonus", or on a line that calls it "a plus", is preferred.

use std::collections::BTreeSet;

use super::terms::{kind_of, neutralize, text_terms, title_terms};
use super::{Importance, Keyword};
use crate::domain::skills::SkillMatcher;

/// Heading words that open a part listing what is preferred, not required.
const PREFERRED_HEADINGS: &[&str] = &[
    "nice to have", "nice-to-have", "nice to haves", "preferred", "bonus", "desired", "desirable",
    "good to have", "extra credit", "plus", "ideally", "would be great", "not required",
];

/// Heading words that open a part of the role's body or its requirements. A short line with
/// neither these nor [`PREFERRED_HEADINGS`] ("Kafka" alone in a list) changes nothing.
const REQUIRED_HEADINGS: &[&str] = &[
    "requirement", "required", "qualification", "must have", "must-have", "what you", "you will",
    "you'll", "responsibilit", "about the role", "about you", "who you are", "the role",
    "your role", "skills", "experience", "looking for", "you have", "you bring", "day to day",
    "duties", "the team", "the job", "job description", "overview", "minimum", "basic",
    "what we need", "what it takes", "impact",
];

/// Phrases that make one line a preference ("Kafka experience is a plus").
const PREFERRED_LINE: &[&str] = &[
    "a plus", "is a bonus", "bonus points", "nice to have", "nice-to-have", "preferred", "ideally",
    "desirable", "an advantage", "is helpful", "would be great", "not required", "a bonus",
];

/// Longest heading, in characters and in words (longer lines are prose).
const HEADING_CHARS: usize = 70;
const HEADING_WORDS: usize = 9;

/// The keywords of a posting, required first, each once, in the order the posting names them.
/// Only keywords in the role's own text count: the company's "about us" and benefits sections
/// are left out by the taxonomy's reader ([`SkillMatcher::tags`]).
pub fn posting_keywords(title: &str, description: &str) -> Vec<Keyword> {
    let description = neutralize(description);
    let all = SkillMatcher::builtin().tags(&neutralize(title), &description);
    let (required_text, preferred_text) = split_parts(&description);
    let mut required: BTreeSet<String> = title_terms(title);
    required.extend(text_terms(&required_text));
    let preferred = text_terms(&preferred_text);
    let mut keywords: Vec<Keyword> = Vec::new();
    for term in all {
        // A term the role's text names only under a preference heading is preferred; one the
        // line-by-line reading cannot place (a phrase broken across lines) counts as required.
        let importance = if !required.contains(&term) && preferred.contains(&term) {
            Importance::Preferred
        } else {
            Importance::Required
        };
        keywords.push(Keyword { kind: kind_of(&term), term, importance });
    }
    // Certifications outside the general taxonomy.
    let extra = text_terms(&required_text).into_iter().chain(text_terms(&preferred_text)).chain(title_terms(title));
    for term in extra.collect::<BTreeSet<_>>() {
        if keywords.iter().any(|k| k.term == term) || kind_of(&term) != super::KeywordKind::Certification {
            continue;
        }
        let importance = if required.contains(&term) { Importance::Required } else { Importance::Preferred };
        keywords.push(Keyword { kind: super::KeywordKind::Certification, term, importance });
    }
    keywords.sort_by_key(|k| k.importance);
    keywords
}

/// The description's lines sorted into what is required and what is preferred.
fn split_parts(description: &str) -> (String, String) {
    let mut required = String::new();
    let mut preferred = String::new();
    let mut in_preferred = false;
    for line in description.lines() {
        let lower = line.to_lowercase();
        // A short line that names a skill ("Kubernetes experience") is an item, not a heading.
        if let Some(heading) = heading_text(&lower).filter(|h| text_terms(h).is_empty()) {
            if PREFERRED_HEADINGS.iter().any(|h| heading.contains(h)) {
                in_preferred = true;
            } else if REQUIRED_HEADINGS.iter().any(|h| heading.contains(h)) {
                in_preferred = false;
            }
        }
        // An inline label ("Preferred: Kafka, Redis") sets the part for its own line.
        let label = lower.split_once(':').map(|(l, _)| l.trim()).filter(|l| l.split_whitespace().count() <= 4);
        let labelled_preferred = label.is_some_and(|l| PREFERRED_HEADINGS.iter().any(|h| l.contains(h)));
        let line_preferred = PREFERRED_LINE.iter().any(|p| lower.contains(p));
        let target = if in_preferred || labelled_preferred || line_preferred { &mut preferred } else { &mut required };
        target.push_str(line);
        target.push('\n');
    }
    (required, preferred)
}

/// The words of a line that reads as a heading (short, not a list item, no closing period),
/// without Markdown marks and a trailing colon.
fn heading_text(line: &str) -> Option<&str> {
    let trimmed = line.trim();
    let list_item = ["- ", "* ", "• "].iter().any(|m| trimmed.starts_with(m));
    let text = trimmed.trim_matches(|c: char| matches!(c, '#' | '*' | '_' | ' ')).trim_end_matches(':').trim();
    let short = text.chars().count() <= HEADING_CHARS && text.split_whitespace().count() <= HEADING_WORDS;
    let prose = text.ends_with(['.', ',', ';']) || text.is_empty();
    (!list_item && short && !prose).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::resume_fit::KeywordKind;

    fn importance(keywords: &[Keyword], term: &str) -> Option<Importance> {
        keywords.iter().find(|k| k.term == term).map(|k| k.importance)
    }

    #[test]
    fn a_nice_to_have_section_makes_its_keywords_preferred() {
        let description = "## What you'll do\nBuild APIs in Python.\n\n## Requirements\n- PostgreSQL and Docker\n\n## Nice to have\n- Kafka\n- Kubernetes\n";
        let keywords = posting_keywords("Backend Engineer", description);
        assert_eq!(importance(&keywords, "python"), Some(Importance::Required));
        let unmarked = posting_keywords("Backend Engineer", "Requirements\nPython\nNice to have\nKafka\nKubernetes\n");
        assert_eq!(importance(&unmarked, "kubernetes"), Some(Importance::Preferred), "an unmarked list item is no heading");
        assert_eq!(importance(&keywords, "postgresql"), Some(Importance::Required));
        assert_eq!(importance(&keywords, "kafka"), Some(Importance::Preferred));
        assert_eq!(importance(&keywords, "kubernetes"), Some(Importance::Preferred));
    }

    #[test]
    fn a_line_that_calls_a_skill_a_plus_makes_it_preferred_unless_required_elsewhere() {
        let description = "You write Go every day.\nExperience with Terraform is a plus.\nKnowing Go internals is a plus.";
        let keywords = posting_keywords("Engineer", description);
        assert_eq!(importance(&keywords, "terraform"), Some(Importance::Preferred));
        assert_eq!(importance(&keywords, "go"), Some(Importance::Required));
    }

    #[test]
    fn the_company_benefits_section_gives_no_keywords() {
        let description = "## The role\nYou will build dashboards in React.\n\n## Benefits\n- Free Python lessons\n";
        let keywords = posting_keywords("Frontend Engineer", description);
        assert!(importance(&keywords, "react").is_some());
        assert!(importance(&keywords, "python").is_none(), "{keywords:?}");
    }

    #[test]
    fn keywords_carry_their_kind_and_certifications_outside_the_taxonomy_count() {
        let keywords = posting_keywords("Security Analyst", "Requirements: CISSP, Splunk and Python.\nPreferred: OSCP");
        assert_eq!(keywords.iter().find(|k| k.term == "cissp").map(|k| k.kind), Some(KeywordKind::Certification));
        assert_eq!(importance(&keywords, "oscp"), Some(Importance::Preferred));
        assert_eq!(importance(&keywords, "cissp"), Some(Importance::Required));
    }

    #[test]
    fn go_as_a_verb_in_a_posting_is_no_keyword() {
        let keywords = posting_keywords("Account Executive", "Go above and beyond for customers.\nGo get them!");
        assert!(importance(&keywords, "go").is_none(), "{keywords:?}");
    }
}
