//! The text pipeline every format shares once its lines are in reading order: split into
//! sections at headings, then read each section with the reader for its kind.

pub mod classify;
mod contact;
pub mod dates;
mod entries;
pub mod headings;
mod lists;
mod vocab;

use headings::Kind;

use crate::Sections;
use crate::line::Line;

/// A section's lines; `kind: None` is text before any heading (the top of the page, or a block
/// such as a page header that starts without one).
#[derive(Debug)]
pub struct Section<'a> {
    pub kind: Option<Kind>,
    pub lines: Vec<&'a Line>,
}

/// Reads sections from lines. Returns the sections and notes for the user.
pub fn read(lines: &[Line]) -> (Sections, Vec<String>) {
    let sections = segment(lines);
    let mut notes = Vec::new();
    let mut out = Sections::default();
    let lines_of = |kind: Kind| sections.iter().filter(move |s| s.kind == Some(kind)).flat_map(|s| s.lines.iter().copied()).collect::<Vec<_>>();
    out.contact = contact::read(&sections, &mut out.headline);
    let summary_lines = lines_of(Kind::Summary);
    out.summary = paragraph(&summary_lines).or_else(|| {
        // With no "Summary" heading, a paragraph at the top is the summary: a run of long lines.
        let top: Vec<&Line> = sections.iter().filter(|s| s.kind.is_none()).flat_map(|s| s.lines.iter().copied()).filter(|l| l.text.split_whitespace().count() >= 8).collect();
        paragraph(&top)
    });
    out.experience = entries::experience(&lines_of(Kind::Experience), &mut notes);
    out.education = entries::education(&lines_of(Kind::Education), &mut notes);
    out.skills = lists::skills(&lines_of(Kind::Skills));
    out.certifications = lists::certifications(&lines_of(Kind::Certifications));
    out.languages = lists::languages(&lines_of(Kind::Languages));
    out.projects = lists::projects(&lines_of(Kind::Projects));
    (out, notes)
}

fn paragraph(lines: &[&Line]) -> Option<String> {
    let text = lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Splits lines at headings. A heading is a whole line from the vocabulary that also looks like
/// one: its own style, bold, capitals, larger than the body, or set apart by space.
pub fn segment(lines: &[Line]) -> Vec<Section<'_>> {
    let body = body_size(lines);
    let mut sections: Vec<Section> = vec![Section { kind: None, lines: Vec::new() }];
    // The section last open in a column at each left edge, so a column continued on the next
    // page carries on where it stopped.
    let mut by_column: Vec<(f32, Option<Kind>)> = Vec::new();
    let mut block_x: Option<f32> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.block_start {
            let current = sections.last().and_then(|s| s.kind);
            if let Some(x) = block_x {
                by_column.retain(|(bx, _)| (*bx - x).abs() >= 4.0);
                by_column.push((x, current));
            }
            block_x = Some(line.x);
        }
        if let Some(kind) = heading(lines, i, body) {
            sections.push(Section { kind: Some(kind), lines: Vec::new() });
            continue;
        }
        if line.block_start {
            let carried = if line.page > 1 { by_column.iter().find(|(x, _)| (*x - line.x).abs() < 4.0).and_then(|(_, k)| *k) } else { None };
            sections.push(Section { kind: carried, lines: Vec::new() });
        }
        if let Some(last) = sections.last_mut() {
            last.lines.push(line);
        }
    }
    sections.retain(|s| !s.lines.is_empty() || s.kind.is_some());
    sections
}

fn body_size(lines: &[Line]) -> f32 {
    let mut sizes: Vec<f32> = lines.iter().map(|l| l.size).filter(|s| *s > 0.0).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(0.0)
}

fn heading(lines: &[Line], i: usize, body: f32) -> Option<Kind> {
    let line = &lines[i];
    let kind = headings::kind_of(&line.text)?;
    let letters: Vec<char> = line.text.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase());
    let larger = body > 0.0 && line.size >= body * 1.08;
    let strong = line.heading_style || line.bold || caps || larger;
    let prev = i.checked_sub(1).map(|p| &lines[p]);
    // Without typography, a heading still stands apart: space above, a new block, or the line
    // before it ends a sentence or is short. A word that wraps onto its own line does not.
    let apart = line.gap_before >= 0.4
        || line.block_start
        || prev.is_none_or(|p| p.text.trim_end().ends_with(['.', ':', '!', '?']) || p.text.split_whitespace().count() <= 6 || p.page != line.page);
    let unstyled_format = line.size == 0.0;
    (strong || (apart && (unstyled_format || line.gap_before >= 0.4 || line.block_start))).then_some(kind)
}
