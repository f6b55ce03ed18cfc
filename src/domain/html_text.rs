//! HTML to readable plain text in one pass of html5ever's tokenizer, without building a document.
//!
//! A posting description only needs its text, its paragraphs and its list items, so the
//! tokens are rendered as they arrive: no tree, no layout. (html2text, used before, builds a
//! DOM and lays it out; it cost 60–70 µs of a posting's ~150 µs of normalising, the tokenizer
//! alone ~10 µs.) Only text ever reaches the output: tags, attributes (event handlers included),
//! comments, and everything inside `<script>`, `<style>`, `<title>`, `<template>` and the like
//! are dropped, and character references are decoded by the tokenizer as a browser would.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};

/// The plain text of an HTML fragment: a blank line between paragraphs, one line per list item
/// ("- " bullets, "1. " numbers, nested lists indented), "> " before quoted lines, whitespace
/// collapsed outside `<pre>`. Lines may end in spaces and blank lines may repeat: the caller
/// tidies.
pub fn html_to_text(html: &str) -> String {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(
        TextSink(RefCell::new(Renderer::with_capacity(html.len()))),
        Default::default(),
    );
    let _ = tokenizer.feed(&input); // only a `Script` result pauses feeding; this sink never asks
    tokenizer.end();
    tokenizer.sink.0.into_inner().out
}

struct TextSink(RefCell<Renderer>);

impl TokenSink for TextSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut renderer = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => renderer.tag(&tag),
            Token::CharacterTokens(text) => {
                renderer.text(&text);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// What a tag does to the text around it.
enum Role {
    /// Starts and ends on a line of its own, with a blank line before and after (outside lists).
    Paragraph,
    /// Starts and ends on a line of its own.
    Line,
    /// A line break where it stands.
    Break,
    /// Its content is not text a reader sees; the tokenizer must read it raw (`Some`), or it is
    /// ordinary markup to be skipped until the element ends (`None`).
    Hidden(Option<RawKind>),
    /// Nothing: inline markup (links, emphasis, spans, images) and unknown tags.
    Inline,
}

fn role(name: &str) -> Role {
    match name {
        "p" | "blockquote" | "pre" | "table" | "hr" | "dl" | "figure" | "address" => Role::Paragraph,
        "div" | "section" | "article" | "header" | "footer" | "main" | "nav" | "aside" | "h1"
        | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "li" | "tr" | "dt" | "dd"
        | "caption" | "figcaption" | "details" | "summary" | "center" | "form" | "fieldset"
        | "legend" | "body" | "html" => Role::Line,
        "br" => Role::Break,
        "script" => Role::Hidden(Some(RawKind::ScriptData)),
        "style" | "iframe" | "noembed" | "noframes" | "xmp" | "noscript" => {
            Role::Hidden(Some(RawKind::Rawtext))
        }
        "title" | "textarea" => Role::Hidden(Some(RawKind::Rcdata)),
        "head" | "template" | "svg" | "math" | "select" | "object" => Role::Hidden(None),
        _ => Role::Inline,
    }
}

/// Nested lists indent two spaces a level, up to this many: a hostile payload of thousands of
/// unclosed `<ul>` must not make every item's line thousands of spaces long.
const MAX_INDENT_LEVELS: usize = 6;

enum List {
    Bullets,
    /// The number the next item gets.
    Numbered(i64),
}

/// The text written so far and the state of the element stack that matters for text.
struct Renderer {
    out: String,
    /// The hidden element whose content is being skipped, and how deep it nests in itself.
    hidden: Option<(String, usize)>,
    pre_depth: usize,
    quote_depth: usize,
    lists: Vec<List>,
    /// A list item's marker, written before its first text (so `<li><p>…` stays one line).
    marker: Option<String>,
    /// Whitespace was seen since the last word.
    space: bool,
}

impl Renderer {
    fn with_capacity(capacity: usize) -> Self {
        Renderer {
            out: String::with_capacity(capacity),
            hidden: None,
            pre_depth: 0,
            quote_depth: 0,
            lists: Vec::new(),
            marker: None,
            space: false,
        }
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if let Some((hidden, depth)) = &mut self.hidden {
            if hidden.as_str() == name {
                match (start, *depth) {
                    (true, _) => *depth += 1,
                    (false, 0) => self.hidden = None,
                    (false, _) => *depth -= 1,
                }
            }
            return TokenSinkResult::Continue;
        }
        match role(name) {
            Role::Hidden(raw) if start && !(tag.self_closing && raw.is_none()) => {
                self.hidden = Some((name.to_string(), 0));
                return raw.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData);
            }
            Role::Hidden(_) | Role::Inline => {}
            Role::Break => self.hard_break(),
            // Paragraphs inside a list item keep the list tight, one line per item.
            Role::Paragraph if self.lists.is_empty() => self.end_line(2),
            Role::Paragraph => self.end_line(1),
            Role::Line => self.end_line(1),
        }
        match (name, start) {
            ("pre", true) => self.pre_depth += 1,
            ("pre", false) => self.pre_depth = self.pre_depth.saturating_sub(1),
            ("blockquote", true) => self.quote_depth += 1,
            ("blockquote", false) => self.quote_depth = self.quote_depth.saturating_sub(1),
            ("ul", true) => self.lists.push(List::Bullets),
            ("ol", true) => self.lists.push(List::Numbered(start_number(tag))),
            ("ul" | "ol", false) => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.end_line(2); // a whole list stands apart from what follows it
                }
            }
            ("li", true) => self.marker = Some(self.next_marker()),
            ("li", false) => self.marker = None,
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn next_marker(&mut self) -> String {
        let depth = self.lists.len().saturating_sub(1).min(MAX_INDENT_LEVELS);
        let indent = "  ".repeat(depth);
        match self.lists.last_mut() {
            Some(List::Numbered(n)) => {
                let marker = format!("{indent}{n}. ");
                *n = n.saturating_add(1);
                marker
            }
            Some(List::Bullets) | None => format!("{indent}- "),
        }
    }

    fn text(&mut self, text: &str) {
        if self.hidden.is_some() {
            return;
        }
        for c in text.chars() {
            if self.pre_depth > 0 {
                if c == '\n' {
                    self.out.push('\n');
                } else {
                    self.word_char(c);
                }
            } else if is_html_space(c) {
                self.space = true;
            } else {
                self.word_char(c);
            }
        }
    }

    /// Writes one visible character, preceded by what the line still owes: the quote prefix and
    /// list marker at a line's start, else the single space that stands for any whitespace run.
    fn word_char(&mut self, c: char) {
        if self.at_line_start() {
            for _ in 0..self.quote_depth {
                self.out.push_str("> ");
            }
            if let Some(marker) = self.marker.take() {
                self.out.push_str(&marker);
            }
        } else if self.space {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push(c);
    }

    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n')
    }

    /// Ends the current line and leaves `newlines - 1` blank lines, unless the text already
    /// stands there; nothing before the first text, nor between a list marker and its item.
    fn end_line(&mut self, newlines: usize) {
        self.space = false;
        if self.out.is_empty() || self.marker.is_some() {
            return;
        }
        // Counted only as far as needed: after thousands of `<br>` a full count per block would
        // make rendering quadratic.
        let trailing = self.out.bytes().rev().take(newlines).take_while(|&b| b == b'\n').count();
        for _ in trailing..newlines {
            self.out.push('\n');
        }
    }

    /// `<br>`: always a new line, so two in a row leave a blank one.
    fn hard_break(&mut self) {
        self.space = false;
        if !self.out.is_empty() {
            self.out.push('\n');
        }
    }
}

/// `<ol start="N">`, else 1.
fn start_number(tag: &Tag) -> i64 {
    tag.attrs
        .iter()
        .find(|attr| &*attr.name.local == "start")
        .and_then(|attr| attr.value.trim().parse().ok())
        .unwrap_or(1)
}

/// HTML's ASCII whitespace; a non-breaking space is text.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn paragraphs_lists_and_breaks() {
        let html = "<p>One  <b>bold</b>\n word</p><ul><li><p>First</p></li><li>Second<ul><li>Inner</li></ul></li></ul>a<br>b<br><br>c";
        assert_eq!(
            html_to_text(html).trim_end(),
            "One bold word\n\n- First\n- Second\n  - Inner\n\na\nb\n\nc"
        );
    }

    #[test]
    fn numbered_lists_quotes_and_preformatted_text() {
        let html = "<ol start=\"3\"><li>Three</li><li>Four</li></ol><blockquote>Said</blockquote><pre>a  b\nc</pre>";
        assert_eq!(html_to_text(html).trim_end(), "3. Three\n4. Four\n\n> Said\n\na  b\nc");
    }

    #[test]
    fn deeply_nested_lists_stop_indenting() {
        let html = format!("{}<li>deep</li>", "<ul>".repeat(10_000));
        assert_eq!(html_to_text(&html).trim_end(), format!("{}- deep", "  ".repeat(6)));
    }

    #[test]
    fn hidden_content_and_markup_never_reach_the_text() {
        let html = "<title>T</title><style>p{}</style><p onclick=\"x()\">Hi&nbsp;&amp; bye</p><script>alert('<p>')</script><template><p>no</p></template><svg><text>no</text></svg>";
        assert_eq!(html_to_text(html).trim_end(), "Hi\u{a0}& bye");
    }
}
