//! Reads whether a job is remote from its title, location and description text, for boards that
//! have no remote field of their own.

use std::sync::OnceLock;

use regex::{Regex, RegexSet, RegexSetBuilder};

/// `Some(true)` on a clear remote signal, `Some(false)` on a clear on-site or hybrid one (hybrid
/// is not remote), `None` when the text does not say or says both. Title and location are short
/// and deliberate, so a bare "Remote" there counts; in the description only unambiguous phrases
/// do, because "remote teams" or "remote sensing" say nothing about the job.
pub fn remote_from_text(title: &str, location: &str, description: &str) -> Option<bool> {
    // The description is long: one pass of a set over it instead of one pass per pattern.
    let in_description = patterns().description.matches(description);
    let headline = [title, location];
    if in_description.matched(NOT_REMOTE)
        || headline.iter().any(|t| patterns().not_remote.is_match(t))
    {
        return Some(false); // an explicit "not remote" outweighs any mention of remote
    }
    if headline.iter().any(|t| patterns().hybrid_word.is_match(t)) {
        return Some(false);
    }
    if headline.iter().any(|t| says_remote(t)) {
        return Some(true);
    }
    match (
        in_description.matched(REMOTE_PHRASE),
        in_description.matched(ON_SITE_PHRASE),
    ) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None, // silent, or contradicting itself ("remote-first, hybrid in London")
    }
}

struct Patterns {
    not_remote: Regex,
    hybrid_word: Regex,
    remote_word: Regex,
    /// `NOT_REMOTE`, `REMOTE_PHRASE` and `ON_SITE_PHRASE`, in that order.
    description: RegexSet,
}

const NOT_REMOTE: usize = 0;
const REMOTE_PHRASE: usize = 1;
const ON_SITE_PHRASE: usize = 2;

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(&format!("(?i){p}")).expect("static regex compiles");
        let not_remote = r"(?-u:\b)(?:not|isn't|is not|cannot be|can't be|no)\s+(?:a\s+|an?\s+option\s+for\s+)?(?:fully\s+)?remote(?-u:\b)|(?-u:\b)on-?site\s+only(?-u:\b)|(?-u:\b)(?:100%|fully)\s+(?:on-?site|in[- ]office|in[- ]person)(?-u:\b)|(?-u:\b)in[- ]office\s+(?:5|five)\s+days(?-u:\b)|(?-u:\b)(?:5|five)\s+days\s+(?:a|per)\s+week\s+in\s+(?:the\s+|our\s+)?office(?-u:\b)|(?-u:\b)no\s+remote(?-u:\b)";
        let remote_phrase = r"(?-u:\b)(?:fully|100%|completely|entirely)\s+remote(?-u:\b)|(?-u:\b)remote[- ]first(?-u:\b)|(?-u:\b)work\s+from\s+anywhere(?-u:\b)|(?-u:\b)work\s+(?:fully\s+)?remotely(?-u:\b)|(?-u:\b)(?:this|a|the)\s+(?:is\s+a\s+)?(?:fully\s+)?remote\s+(?:role|position|job|opportunity)(?-u:\b)|(?-u:\b)remote[- ](?:friendly|only)\s+(?:role|position|company|team)(?-u:\b)|(?-u:\b)remote\s+(?:within|in|from\s+anywhere\s+in)\s+the\s+(?:us|u\.s\.|uk|eu|united states|united kingdom)(?-u:\b)";
        let on_site_phrase = r"(?-u:\b)(?:on-?site|in[- ]office|in[- ]person|office[- ]based)\s+(?:role|position|job)(?-u:\b)|(?-u:\b)hybrid\s+(?:role|position|job|schedule|work|model|setup|arrangement)(?-u:\b)|(?-u:\b)(?:[1-4]|one|two|three|four)\s+days\s+(?:a|per)\s+week\s+(?:in|at)\s+(?:the\s+|our\s+)?office(?-u:\b)|(?-u:\b)this\s+role\s+is\s+(?:based\s+)?(?:on-?site|in[- ]office|hybrid)(?-u:\b)|(?-u:\b)requires?\s+(?:working\s+)?(?:on-?site|in[- ]office|in[- ]person)(?-u:\b)";
        let description = RegexSetBuilder::new([not_remote, remote_phrase, on_site_phrase])
            .case_insensitive(true)
            .build()
            .expect("static regexes compile");
        Patterns {
            not_remote: re(not_remote),
            hybrid_word: re(r"(?-u:\b)hybrid(?-u:\b)"),
            remote_word: re(
                r"(?-u:\b)(?:remote|anywhere|worldwide|work from home|wfh)(?-u:\b)(?:[\s-]+(?P<noun>sensing|sensor|sensors|controls?|controlled|controller|monitoring|patient|access|desktop|devices?|operated|operations?|sites?|areas?|locations?|communities|islands?|villages?|viewing|pilot|piloting|surgery))?",
            ),
            description,
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
