//! Resume sections (data model §5.1) and the parsers that read them, truthfully, from a file.
//!
//! Nothing here touches a database or the network: the main crate stores what these functions
//! return. A parser never invents a value: what it cannot find confidently stays empty and is
//! named in [`Parsed::not_found`].

pub mod jsonresume;
pub mod sections;

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

/// TEMPORARY dispatcher (Resume Studio branch): reads JSON Resume only, until the real parser
/// lands. The lead drops this commit at merge.
pub fn parse(bytes: &[u8], _file_name: Option<&str>) -> Result<Parsed, ParseError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(value) if jsonresume::looks_like(&value) => jsonresume::parse(bytes),
        _ => Err(ParseError::Unsupported("only JSON Resume files can be read on this branch".into())),
    }
}
