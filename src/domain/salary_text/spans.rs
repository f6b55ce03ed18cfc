//! Lines, sentences and evidence: where in the text the amounts sit, and the words kept to
//! show where a salary came from.

use super::*;

/// A byte span of the text.
#[derive(Clone, Copy)]
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// The line holding the amounts when short enough, else their sentence, else the sentence from
/// `focus` (the pay word or the amounts) on; whitespace collapsed, at most [`EVIDENCE_CHARS`].
pub(super) fn evidence(text: &str, line: Span, sentence: Span, focus: usize) -> String {
    let whole_line = collapse(&text[line.start..line.end]);
    if whole_line.chars().count() <= EVIDENCE_CHARS {
        return whole_line;
    }
    let whole_sentence = collapse(&text[sentence.start..sentence.end]);
    if whole_sentence.chars().count() <= EVIDENCE_CHARS {
        return whole_sentence;
    }
    // Start at the word holding the focus, so the cut never splits the pay word.
    let from = text[sentence.start..focus]
        .rfind(char::is_whitespace)
        .map_or(sentence.start, |i| sentence.start + i + 1);
    truncate(&collapse(&text[from..sentence.end]))
}

pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most [`EVIDENCE_CHARS`] characters, cut on a character boundary.
pub(super) fn truncate(text: &str) -> String {
    match text.char_indices().nth(EVIDENCE_CHARS) {
        Some((cut, _)) => text[..cut].to_string(),
        None => text.to_string(),
    }
}

pub(super) fn line_around(text: &str, start: usize, end: usize) -> Span {
    Span {
        start: text[..start].rfind('\n').map_or(0, |i| i + 1),
        end: text[end..].find('\n').map_or(text.len(), |i| end + i),
    }
}

/// The sentence holding `start..end` within its line (see [`ends_sentence`]).
pub(super) fn sentence_around(text: &str, line: Span, start: usize, end: usize) -> Span {
    let bytes = text.as_bytes();
    let sentence_start = (line.start..start)
        .rev()
        .find(|&i| ends_sentence(bytes, i))
        .map_or(line.start, |i| i + 2); // past the mark and the (ASCII) space after it
    let sentence_end = (end..line.end)
        .find(|&i| ends_sentence(bytes, i))
        .map_or(line.end, |i| i + 1);
    Span {
        start: sentence_start,
        end: sentence_end,
    }
}

/// A sentence ends at `;` followed by whitespace, or at `.`, `!` or `?` followed by whitespace and
/// then not by an amount: "$40.00" and "approx. $150K" do not end one, "per year. We raised" does.
pub(super) fn ends_sentence(bytes: &[u8], i: usize) -> bool {
    let Some(&mark) = bytes.get(i) else {
        return false;
    };
    if !matches!(mark, b'.' | b'!' | b'?' | b';')
        || !bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
    {
        return false;
    }
    let next = bytes[i + 1..].iter().find(|b| !b.is_ascii_whitespace());
    // Currency signs other than "$" are multi-byte, so any non-ASCII byte may start one.
    mark == b';' || !next.is_some_and(|&b| b.is_ascii_digit() || b == b'$' || b >= 0x80)
}

pub(super) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(super) fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
