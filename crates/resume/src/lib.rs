//! Resume sections (data model §5.1) and the parsers that read them, truthfully, from a file.
//!
//! Nothing here touches a database or the network: the main crate stores what these functions
//! return. A parser never invents a value: what it cannot find confidently stays empty and is
//! named in [`Parsed::not_found`].

mod docx;
pub mod jsonresume;
mod line;
mod pdf;
mod plain;
pub mod sections;
mod text;

pub use sections::{Contact, Education, Experience, Project, Sections};

/// What a parser read from one file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Parsed {
    pub sections: Sections,
    /// Fields the parser could not find with confidence, to show the user ("phone", "education"…).
    pub not_found: Vec<String>,
    /// Other things the user should know (a section it could not read, a guessed date…).
    pub notes: Vec<String>,
    /// Which reader handled the file.
    pub format: Format,
    /// Pages read (1 for formats without pages).
    pub pages: u32,
}

/// The file formats a resume can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Pdf,
    Docx,
    Text,
    JsonResume,
}

/// Why a file could not be read; each message is written for the person who uploaded it.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,
    #[error("the PDF is password-protected; export it again without a password")]
    Encrypted,
    #[error("the PDF has no text layer (it looks scanned); export it from your editor as a text PDF, or upload a DOCX")]
    Scanned,
    #[error("the file could not be read as {format}: {detail}")]
    Corrupt { format: &'static str, detail: String },
    #[error("this kind of file cannot be read as a resume: {0}")]
    Unsupported(String),
}

/// Reads a resume from its bytes. The format is told by content (magic bytes), never by the file
/// name, which only names the file in messages.
pub fn parse(bytes: &[u8], file_name: Option<&str>) -> Result<Parsed, ParseError> {
    let name = file_name.unwrap_or("the file");
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ParseError::Empty);
    }
    if bytes.starts_with(b"%PDF-") || bytes.get(..1024).is_some_and(|head| head.windows(5).any(|w| w == b"%PDF-")) {
        let read = pdf::read(bytes)?;
        let mut parsed = finish(&read.lines, Format::Pdf, read.pages);
        parsed.notes.extend(read.notes);
        return Ok(parsed);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let lines = docx::read(bytes)?;
        return Ok(finish(&lines, Format::Docx, 1));
    }
    if let Ok(text) = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        let trimmed = text.trim_start();
        if trimmed.starts_with('{')
            && let Ok(value) = serde_json::from_str::<serde_json::Value>(trimmed)
        {
            if jsonresume::looks_like(&value) {
                return jsonresume::parse(trimmed.as_bytes());
            }
            return Err(ParseError::Unsupported(format!("{name} is JSON but not a JSON Resume document")));
        }
        if plain::looks_like_text(text) {
            return Ok(finish(&plain::lines(text), Format::Text, 1));
        }
    }
    Err(ParseError::Unsupported(format!("{name} is not a PDF, a DOCX, a JSON Resume or plain text")))
}

fn finish(lines: &[line::Line], format: Format, pages: u32) -> Parsed {
    let (sections, mut notes) = text::read(lines);
    let not_found = sections.missing_fields();
    if sections.experience.is_empty() && sections.education.is_empty() && sections.skills.is_empty() {
        notes.push("no experience, education or skills section was recognised; check the section headings".to_string());
    }
    Parsed { sections, not_found, notes, format, pages }
}

/// The lines a PDF, DOCX or text file reads as, in reading order, with the section each falls
/// in: for looking at why a file parsed as it did (`cargo run --example eval -- --lines FILE`).
#[doc(hidden)]
pub fn explain(bytes: &[u8]) -> Result<String, ParseError> {
    let lines = if bytes.starts_with(b"%PDF-") {
        pdf::read(bytes)?.lines
    } else if bytes.starts_with(b"PK\x03\x04") {
        docx::read(bytes)?
    } else {
        plain::lines(&String::from_utf8_lossy(bytes))
    };
    let mut out = String::new();
    for section in text::segment(&lines) {
        out.push_str(&format!("## {:?}\n", section.kind));
        for l in section.lines {
            out.push_str(&format!("{:>6.1} {:>5.1} {:>4.1} {}{}{}\n", l.x, l.size, l.gap_before, if l.block_start { "▶ " } else { "" }, if l.bold { "*" } else { "" }, l.text));
        }
    }
    Ok(out)
}
