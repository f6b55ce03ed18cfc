//! Turns a posting's raw description (HTML, entity-encoded HTML, Markdown or text) into `jd_clean`.

use std::sync::OnceLock;

use html2text::render::TextDecorator;
use regex::Regex;

/// Rendering width: wide enough that html2text never wraps a paragraph; readers and the matcher
/// both want one line per paragraph, not a fixed column layout.
const NO_WRAP_WIDTH: usize = 100_000;

/// The readable plain text of a posting description. HTML (also when the board sent it
/// entity-encoded, as Greenhouse does) is sanitised first, so scripts, styles and event handlers
/// never reach the text; Markdown and plain text pass through, tidied. Never fails: input that
/// cannot be rendered falls back to its tags stripped.
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

/// html2text renders only text: `<script>`, `<style>` and `<head>` with everything in them are
/// dropped, attributes (event handlers included) never reach the output, and [`Readable`] renders
/// images and links as nothing but their text. So no markup, let alone a script, survives into
/// `jd_clean`, without a separate sanitising parse of the same HTML (which cost as much again).
fn html_to_text(html: &str) -> String {
    html2text::config::with_decorator(Readable)
        .string_from_read(html.as_bytes(), NO_WRAP_WIDTH)
        .unwrap_or_else(|_| strip_tags(&strip_hidden(html)))
}

/// For the fallback only: `<script>` and `<style>` elements with their content.
fn strip_hidden(html: &str) -> String {
    static HIDDEN: OnceLock<Regex> = OnceLock::new();
    let hidden = HIDDEN.get_or_init(|| {
        Regex::new(r"(?is)<(script|style)\b.*?</(script|style)\s*>").expect("static regex compiles")
    });
    hidden.replace_all(html, " ").into_owned()
}

/// Last resort when html2text gives up: the text between tags, entities decoded.
fn strip_tags(html: &str) -> String {
    static TAG: OnceLock<Regex> = OnceLock::new();
    let tag = TAG.get_or_init(|| Regex::new(r"<[^>]*>").expect("static regex compiles"));
    html_escape::decode_html_entities(&tag.replace_all(html, " ")).into_owned()
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

/// A plain-text decorator that reads like a hand-written description: no link footnotes, no
/// emphasis markers, "- " bullets and "1. " numbers.
#[derive(Clone, Copy)]
struct Readable;

impl TextDecorator for Readable {
    type Annotation = ();

    fn decorate_link_start(&mut self, _url: &str) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_em_end(&self) -> String {
        String::new()
    }
    fn decorate_strong_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) {}
    fn decorate_preformat_cont(&self) {}
    fn decorate_image(&mut self, _src: &str, _title: &str) -> (String, ()) {
        (String::new(), ())
    }
    fn header_prefix(&self, _level: usize) -> String {
        String::new()
    }
    fn quote_prefix(&self) -> String {
        "> ".to_string()
    }
    fn unordered_item_prefix(&self) -> String {
        "- ".to_string()
    }
    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }
    fn make_subblock_decorator(&self) -> Self {
        *self
    }
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
