//! Positioned glyphs out of a PDF, through `pdf-extract`'s `OutputDev`: each character with its
//! page, position (top-left origin, points), advance width and rendered size.

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

use super::cid_widths;
use crate::ParseError;

/// One drawn character.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f32,
    /// Baseline, measured down from the top of the page.
    pub y: f32,
    pub width: f32,
    pub size: f32,
    pub ch: char,
}

/// One page's glyphs and its height (running headers and footers are found near its edges).
#[derive(Debug, Default)]
pub struct Page {
    pub height: f32,
    pub glyphs: Vec<Glyph>,
}

/// Loads the document and collects its glyphs page by page.
pub fn extract(bytes: &[u8]) -> Result<Vec<Page>, ParseError> {
    let corrupt = |detail: String| ParseError::Corrupt { format: "PDF", detail };
    // A password-protected file may fail to load at all; its trailer still names /Encrypt.
    let mut doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(e) if has_encrypt_entry(bytes) => {
            let _ = e;
            return Err(ParseError::Encrypted);
        }
        Err(e) => return Err(corrupt(e.to_string())),
    };
    if doc.is_encrypted() {
        // An owner password alone (printing/copying limits) opens with the empty password, as in
        // any viewer; a user password does not, and only the user can remove it.
        if doc.decrypt("").is_err() {
            return Err(ParseError::Encrypted);
        }
    }
    cid_widths::normalize(&mut doc);
    let mut sink = Collector::default();
    // pdf-extract panics on some malformed fonts and streams; a bad upload must not take the
    // server down, so a panic is a broken file like any other.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pdf_extract::output_doc(&doc, &mut sink)));
    match run {
        Ok(Ok(())) => Ok(sink.pages),
        Ok(Err(e)) => Err(corrupt(format!("{e:?}"))),
        Err(_) => Err(corrupt("its content could not be decoded".into())),
    }
}

fn has_encrypt_entry(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    flip: Option<Transform>,
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _page_num: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        let height = media_box.ury - media_box.lly;
        self.flip = Some(Transform::row_major(1., 0., 0., -1., 0., height));
        self.pages.push(Page { height: height as f32, glyphs: Vec::new() });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(&mut self, trm: &Transform, width: f64, _spacing: f64, font_size: f64, text: &str) -> Result<(), OutputError> {
        let (Some(flip), Some(page)) = (self.flip, self.pages.last_mut()) else { return Ok(()) };
        // Rotated text (a vertical "RESUME" down a margin) is decoration, not a line to read.
        if trm.m12.abs() > 0.1 * trm.m11.abs() || trm.m21.abs() > 0.1 * trm.m22.abs() {
            return Ok(());
        }
        let pos = trm.post_transform(&flip);
        // The rendered size: the font size through the text matrix, as pdf-extract's own
        // plain-text output measures it (the side of a square of the same area).
        let (vx, vy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size <= 0.0 {
            return Ok(());
        }
        let n = text.chars().count().max(1) as f64;
        for (i, ch) in text.chars().enumerate() {
            // Icon fonts draw pictograms from the private-use area: they are separators, not text.
            // A NUL is a glyph the font gives no text for (usually a ligature): kept, and mended
            // by [`super::ligature`] once its word is known.
            if ('\u{E000}'..='\u{F8FF}').contains(&ch) || (ch.is_control() && ch != '\0') {
                continue;
            }
            let w = width * size / n;
            page.glyphs.push(Glyph { x: (pos.m31 + w * i as f64) as f32, y: pos.m32 as f32, width: w as f32, size: size as f32, ch });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
