//! Turns a posting's raw description (HTML, entity-encoded HTML, Markdown or text) into `jd_clean`.

use std::sync::OnceLock;

use regex::Regex;

use crate::domain::html_text::html_to_text;

/// The readable plain text of a posting description. HTML (also when the board sent it
/// entity-encoded, as Greenhouse does) is rendered to text alone, so scripts, styles and event
/// handlers never reach it ([`html_to_text`]); Markdown and plain text pass through, tidied.
/// Never fails.
pub fn clean_description(raw: &str) -> String {
    let decoded;
    let mut text = raw;
    if !looks_like_html(text) && looks_like_encoded_html(text) {
        // Decode exactly once: a literal "&amp;lt;" in the decoded HTML must stay text.
        decoded = html_escape::decode_html_entities(text).into_owned();
        text = &decoded;
    }
    let readable = if looks_like_html(text) {
        html_to_text(text)
    } else {
        html_escape::decode_html_entities(text).into_owned()
    };
    tidy(&readable)
}

fn looks_like_html(text: &str) -> bool {
    static TAG: OnceLock<Regex> = OnceLock::new();
    let tag = TAG.get_or_init(|| {
        Regex::new(r"(?i)</?(p|div|br|ul|ol|li|h[1-6]|span|strong|b|em|i|u|a|table|tr|td|th|section|article|img|script|style|iframe|blockquote|pre|code|hr|font)(\s[^>]*)?/?>")
            .expect("static regex compiles")
    });
    tag.is_match(text)
}

fn looks_like_encoded_html(text: &str) -> bool {
    text.contains("&lt;") && text.contains("&gt;") && {
        let once = html_escape::decode_html_entities(text);
        looks_like_html(&once)
    }
}

/// Line endings unified, trailing spaces and non-breaking spaces gone, at most one blank line
/// between blocks, no leading or trailing blank lines.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0usize;
    for line in text.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let line = line.replace('\u{a0}', " ");
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_collapses_blank_runs_and_trailing_space() {
        assert_eq!(tidy("a  \r\n\r\n\n\nb\t\n\n"), "a\n\nb");
    }

    #[test]
    fn plain_text_with_an_ampersand_entity_is_decoded() {
        assert_eq!(clean_description("R&amp;D team"), "R&D team");
    }
}
