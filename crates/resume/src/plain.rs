//! Plain UTF-8 text: one line per line, blank lines as space above the next.

use crate::line::Line;

/// Text, not binary: no NULs and almost no control characters.
pub fn looks_like_text(text: &str) -> bool {
    let control = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
    !text.contains('\0') && control * 100 <= text.len().max(1)
}

pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut blank = 0.0;
    for raw in text.lines() {
        let t = raw.trim();
        if t.is_empty() {
            blank += 1.0;
            continue;
        }
        // Underlines ("-----", "=====") mark the heading above; they are not text.
        if t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '=' | '_' | '*' | '~')) {
            continue;
        }
        out.push(Line { text: t.to_string(), gap_before: blank, wraps: true, ..Line::default() });
        blank = 0.0;
    }
    out
}
