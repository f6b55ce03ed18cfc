//! Renders resume sections (data model §5.1) to PDF and DOCX, in two templates and two paper
//! sizes. Pure functions: no database, no file system, no network, fonts compiled in.
//!
//! The PDF side runs typst as a library. The resume reaches the template as DATA (a virtual
//! `resume.json` read with `json()`), so text a user typed is printed literally and can never
//! inject typst markup.

mod docx;
mod pdf;
pub mod view;
mod world;

use std::fmt;
use std::str::FromStr;

use jobpilot_resume::Sections;

pub use view::View;

/// The look of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// One column, serif, centred name, ruled headings.
    Classic,
    /// Sans, with a narrow sidebar for contact, skills and languages.
    Modern,
}

/// The page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Paper {
    #[default]
    A4,
    /// US Letter.
    Letter,
}

/// The output file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    Pdf,
    Docx,
}

impl Template {
    pub const ALL: [Template; 2] = [Template::Classic, Template::Modern];
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Classic => "classic",
            Template::Modern => "modern",
        }
    }
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::Letter];
    pub fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 2] = [OutputFormat::Pdf, OutputFormat::Docx];
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Pdf => "pdf",
            OutputFormat::Docx => "docx",
        }
    }
    pub fn content_type(self) -> &'static str {
        match self {
            OutputFormat::Pdf => "application/pdf",
            OutputFormat::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    }
}

/// A name that is not one of the known values (the caller turns it into a 422 on its field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {value:?}; expected one of: {expected}")]
pub struct UnknownName {
    pub kind: &'static str,
    pub value: String,
    pub expected: String,
}

fn parse_name<T: Copy>(kind: &'static str, value: &str, all: &[T], name: fn(T) -> &'static str) -> Result<T, UnknownName> {
    let wanted = value.trim().to_ascii_lowercase();
    all.iter().copied().find(|t| name(*t) == wanted).ok_or_else(|| UnknownName {
        kind,
        value: value.to_string(),
        expected: all.iter().map(|t| name(*t)).collect::<Vec<_>>().join(", "),
    })
}

impl FromStr for Template {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name("template", s, &Template::ALL, Template::as_str)
    }
}

impl FromStr for Paper {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // "us-letter" is typst's and many tools' name for Letter; accept it too.
        if s.trim().eq_ignore_ascii_case("us-letter") {
            return Ok(Paper::Letter);
        }
        parse_name("paper", s, &Paper::ALL, Paper::as_str)
    }
}

impl FromStr for OutputFormat {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_name("format", s, &OutputFormat::ALL, OutputFormat::as_str)
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Rendering failed. Valid sections always render; this is a bug or resource failure, not
/// bad user input, so the message is for the operator's log.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("rendering failed: {0}")]
    Internal(String),
}

/// The resume as a PDF: fonts embedded, real text, standard section headings.
pub fn pdf(sections: &Sections, template: Template, paper: Paper) -> Result<Vec<u8>, RenderError> {
    pdf::render(&View::new(sections), template, paper)
}

/// The resume as a DOCX: headings in Heading styles, bullets as real lists.
pub fn docx(sections: &Sections, template: Template, paper: Paper) -> Result<Vec<u8>, RenderError> {
    docx::render(&View::new(sections), template, paper)
}

/// Either format, for callers that pick at run time.
pub fn render(sections: &Sections, template: Template, paper: Paper, format: OutputFormat) -> Result<Vec<u8>, RenderError> {
    match format {
        OutputFormat::Pdf => pdf(sections, template, paper),
        OutputFormat::Docx => docx(sections, template, paper),
    }
}
