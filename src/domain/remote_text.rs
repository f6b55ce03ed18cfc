//! Reads whether a job is remote from its title, location and description text, for boards that
//! have no remote field of their own.

use std::sync::OnceLock;

use regex::Regex;

/// `Some(true)` on a clear remote signal, `Some(false)` on a clear on-site or hybrid one (hybrid
/// is not remote), `None` when the text does not say or says both. Title and location are short
/// and deliberate, so a bare "Remote" there counts; in the description only unambiguous phrases
/// do, because "remote teams" or "remote sensing" say nothing about the job.
pub fn remote_from_text(title: &str, location: &str, description: &str) -> Option<bool> {
    let all = [title, location, description];
    if all.iter().any(|t| patterns().not_remote.is_match(t)) {
        return Some(false); // an explicit "not remote" outweighs any mention of remote
    }
    let headline = [title, location];
    if headline.iter().any(|t| patterns().hybrid_word.is_match(t)) {
        return Some(false);
    }
    if headline.iter().any(|t| says_remote(t)) {
        return Some(true);
    }
    let remote = patterns().remote_phrase.is_match(description);
    let on_site = patterns().on_site_phrase.is_match(description);
    match (remote, on_site) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None, // silent, or contradicting itself ("remote-first, hybrid in London")
    }
}

struct Patterns {
    not_remote: Regex,
    hybrid_word: Regex,
    remote_word: Regex,
    remote_phrase: Regex,
    on_site_phrase: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(&format!("(?i){p}")).expect("static regex compiles");
        Patterns {
            not_remote: re(
                r"\b(?:not|isn't|is not|cannot be|can't be|no)\s+(?:a\s+|an?\s+option\s+for\s+)?(?:fully\s+)?remote\b|\bon-?site\s+only\b|\b(?:100%|fully)\s+(?:on-?site|in[- ]office|in[- ]person)\b|\bin[- ]office\s+(?:5|five)\s+days\b|\b(?:5|five)\s+days\s+(?:a|per)\s+week\s+in\s+(?:the\s+|our\s+)?office\b|\bno\s+remote\b",
            ),
            hybrid_word: re(r"\bhybrid\b"),
            remote_word: re(
                r"\b(?:remote|anywhere|worldwide|work from home|wfh)\b(?:[\s-]+(?P<noun>sensing|sensor|sensors|controls?|controlled|controller|monitoring|patient|access|desktop|devices?|operated|operations?|sites?|areas?|locations?|communities|islands?|villages?|viewing|pilot|piloting|surgery))?",
            ),
            remote_phrase: re(
                r"\b(?:fully|100%|completely|entirely)\s+remote\b|\bremote[- ]first\b|\bwork\s+from\s+anywhere\b|\bwork\s+(?:fully\s+)?remotely\b|\b(?:this|a|the)\s+(?:is\s+a\s+)?(?:fully\s+)?remote\s+(?:role|position|job|opportunity)\b|\bremote[- ](?:friendly|only)\s+(?:role|position|company|team)\b|\bremote\s+(?:within|in|from\s+anywhere\s+in)\s+the\s+(?:us|u\.s\.|uk|eu|united states|united kingdom)\b",
            ),
            on_site_phrase: re(
                r"\b(?:on-?site|in[- ]office|in[- ]person|office[- ]based)\s+(?:role|position|job)\b|\bhybrid\s+(?:role|position|job|schedule|work|model|setup|arrangement)\b|\b(?:[1-4]|one|two|three|four)\s+days\s+(?:a|per)\s+week\s+(?:in|at)\s+(?:the\s+|our\s+)?office\b|\bthis\s+role\s+is\s+(?:based\s+)?(?:on-?site|in[- ]office|hybrid)\b|\brequires?\s+(?:working\s+)?(?:on-?site|in[- ]office|in[- ]person)\b",
            ),
        }
    })
}

/// A headline word "remote" (or "anywhere") that is not the first half of a technical term such
/// as "remote sensing" or "remote control".
fn says_remote(text: &str) -> bool {
    patterns()
        .remote_word
        .captures_iter(text)
        .any(|caps| caps.name("noun").is_none())
}
