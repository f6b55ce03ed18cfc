//! PDF → lines in reading order: glyphs with positions come from `pdf-extract`, and
//! [`layout`] groups them into words, lines, columns and blocks.

mod cid_widths;
mod glyphs;
pub mod layout;
mod ligature;

use crate::line::Line;
use crate::ParseError;

/// What a PDF held: its lines in reading order and its page count.
pub struct PdfText {
    pub lines: Vec<Line>,
    pub pages: u32,
    /// What the reader had to guess.
    pub notes: Vec<String>,
}

/// Reads a PDF's text layer. Encrypted files, broken files and files without text are errors the
/// user can act on; a panic inside the PDF library is caught and reported as a broken file.
pub fn read(bytes: &[u8]) -> Result<PdfText, ParseError> {
    let pages = glyphs::extract(bytes)?;
    let page_count = pages.len() as u32;
    let glyph_count: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    if page_count == 0 {
        return Err(ParseError::Corrupt { format: "PDF", detail: "it has no pages".into() });
    }
    if glyph_count == 0 {
        return Err(ParseError::Scanned);
    }
    let (lines, guessed) = layout::reading_order(&pages);
    let mut notes = Vec::new();
    if guessed > 0 {
        notes.push(format!("{guessed} word(s) in the PDF had a ligature with no text form; it was read as \"fi\" — check their spelling"));
    }
    if lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(ParseError::Scanned);
    }
    Ok(PdfText { lines, pages: page_count, notes })
}
