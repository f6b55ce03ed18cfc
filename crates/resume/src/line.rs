//! The one shape every reader hands to the text pipeline: lines in reading order, with the
//! typography a reader could see (a PDF's sizes and positions, a DOCX paragraph style).

/// One line of text, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    pub text: String,
    /// Font size in points (PDF), 0 when the reader has no sizes.
    pub size: f32,
    /// Left edge in points (PDF), 0 when unknown; bullets are indented against their header.
    pub x: f32,
    /// Blank space above the line, in lines (1.0 = an ordinary line gap; 0 when unknown).
    pub gap_before: f32,
    /// The reader says this is a heading (a DOCX "Heading" or "Title" style, a bold own line).
    pub heading_style: bool,
    /// Bold or a heavy font.
    pub bold: bool,
    /// First line of a new column or block (a sidebar starting): a section does not run across it.
    pub block_start: bool,
    /// Left and right edge of the block the line is in (PDF; zeros otherwise).
    pub column: (f32, f32),
    /// Right edge and baseline (from the top of the page) in points (PDF; zeros otherwise).
    pub x1: f32,
    pub y: f32,
    /// The line is in a block that is one side of a column split.
    pub in_column: bool,
    /// The format wraps long text onto further lines (PDF, plain text); a DOCX paragraph is whole.
    pub wraps: bool,
    /// Page number from 1 (0 when the format has no pages): a section runs on across pages.
    pub page: u32,
}

#[cfg(test)]
impl Line {
    pub fn plain(text: &str) -> Line {
        Line { text: text.to_string(), ..Line::default() }
    }
}
