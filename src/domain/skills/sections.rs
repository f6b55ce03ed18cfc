//! The sections of a description that speak about the role, leaving out the company's own
//! (about us, benefits, equal opportunity, how to apply), found from short heading lines.

use super::*;

/// The kind of section a heading opens.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Heading {
    /// The company's own text: who they are, benefits, equal opportunity, how to apply.
    Company,
    /// Anything else: the role, the team, what you will do, what you bring.
    Role,
}

/// Words of a heading that opens a company section. Matched anywhere in the heading, lower-case.
pub(super) const COMPANY_HEADINGS: &[&str] = &[
    "about us", "who we are", "our mission", "our story", "our values", "our culture", "our vision",
    "culture at", "life at", "working at", "why join", "why work", "why you'll love",
    "why you will love", "why us", "what we offer", "we offer", "benefits", "perks",
    "equal opportunit", "equal employment", "eeo", "e-verify", "diversity", "inclusion",
    "belonging", "accommodation", "pay transparency", "compensation", "salary", "pay range",
    "privacy notice", "privacy policy", "privacy statement", "how to apply", "application process",
    "interview process", "hiring process", "interviewing", "recruitment fraud", "agencies",
    "code of conduct", "leaves of absence", "our commitment", "company overview",
    "company description", "the company", "über uns", "à propos", "sobre nosotros", "sobre nós",
    "quiénes somos", "beneficios", "benefícios", "avantages", "pourquoi nous rejoindre",
    "was wir bieten",
];

/// After "About", the words that make it about the role rather than the company ("About the
/// team", "About you"); "About the company" and "About Acme" are the company's.
pub(super) const ROLE_AFTER_ABOUT: &[&str] = &["the ", "this ", "you", "your "];
pub(super) const COMPANY_AFTER_ABOUT: &[&str] = &["the company", "the organisation", "the organization", "the business", "the firm"];

/// Longest heading, in characters and in words; longer lines are prose.
pub(super) const HEADING_CHARS: usize = 60;
pub(super) const HEADING_WORDS: usize = 8;
/// A line longer than this in bytes cannot be a heading (60 characters of up to 4 bytes, and
/// Markdown marks); checked first, as most lines of a description are prose or list items.
pub(super) const HEADING_BYTES: usize = 4 * HEADING_CHARS + 16;

/// What a line is if it reads as a heading: a short line of its own that starts with a letter
/// (past Markdown marks such as "## **" or "---- "), is not a list item and does not end a
/// sentence. Lines starting with a symbol ("💰 Competitive salary") are list items too.
pub(super) fn heading(line: &str) -> Option<Heading> {
    let line = line.trim();
    if line.len() > HEADING_BYTES || is_list_item(line) {
        return None;
    }
    let marks: &[char] = &['#', '*', '_', '\\', '-', '—', '–', '|', ' ', '\t'];
    let text = line.trim_start_matches(marks).trim_end_matches(marks).trim_end_matches(':');
    let text = text.trim_end_matches(marks);
    let starts_with_letter = text.chars().next().is_some_and(char::is_alphabetic);
    if !starts_with_letter
        || text.chars().nth(HEADING_CHARS).is_some()
        || text.split_whitespace().nth(HEADING_WORDS).is_some()
        || text.ends_with(['.', ',', ';'])
    {
        return None;
    }
    Some(heading_kind(&text.to_lowercase()))
}

/// "- item", "• item", "* item", "1. item", "2) item".
pub(super) fn is_list_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')'));
    numbered || line.starts_with("- ") || line.starts_with("• ") || line.starts_with("* ")
}

pub(super) fn heading_kind(heading: &str) -> Heading {
    if let Some(rest) = heading.strip_prefix("about ") {
        let company = COMPANY_AFTER_ABOUT.iter().any(|p| rest.starts_with(p))
            || !ROLE_AFTER_ABOUT.iter().any(|p| rest.starts_with(p));
        return if company { Heading::Company } else { Heading::Role };
    }
    if company_words().is_some_and(|words| words.is_match(heading)) {
        Heading::Company
    } else {
        Heading::Role
    }
}

/// [`COMPANY_HEADINGS`] as one automaton: a heading is searched once, not once per phrase
/// (that was most of the time spent on headings).
pub(super) fn company_words() -> Option<&'static AhoCorasick> {
    static WORDS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    WORDS.get_or_init(|| AhoCorasick::new(COMPANY_HEADINGS).ok()).as_ref()
}

/// The parts of a description that are not company sections: a company heading opens a section
/// that runs to the next heading of another kind. One pass over the lines. A description made
/// only of company sections (or cut off inside one) is kept whole, as it is all there is.
pub(super) fn role_sections(description: &str) -> Vec<&str> {
    let mut sections = Vec::new();
    let mut start = Some(0); // where the current role section began, if in one
    let mut at = 0;
    for line in description.split_inclusive('\n') {
        match (heading(line), start) {
            (Some(Heading::Company), Some(begin)) => {
                sections.push(&description[begin..at]);
                start = None;
            }
            (Some(Heading::Role), None) => start = Some(at),
            _ => {}
        }
        at += line.len();
    }
    if let Some(begin) = start {
        sections.push(&description[begin..]);
    }
    let has_words = |s: &&str| s.chars().any(char::is_alphanumeric);
    if sections.iter().any(has_words) {
        sections
    } else {
        vec![description]
    }
}
