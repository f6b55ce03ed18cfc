//! The text pipeline every format shares once its lines are in reading order: split into
//! sections at headings, then read each section with the reader for its kind.

pub mod classify;
mod contact;
pub mod dates;
mod education;
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
        // Contact lines are long too, but they are lists of details, not sentences.
        let detail = |t: &str| classify::EMAIL.is_match(t) || classify::URL.is_match(t) || t.contains(['|', '•', '·']) || classify::PHONE.find(t).is_some_and(|m| classify::digit_count(m.as_str()) >= 7);
        let top: Vec<&Line> = sections
            .iter()
            .filter(|s| s.kind.is_none())
            .flat_map(|s| s.lines.iter().copied())
            .filter(|l| l.text.split_whitespace().count() >= 8 && !detail(&l.text))
            .collect();
        paragraph(&top)
    });
    out.experience = entries::experience(&lines_of(Kind::Experience), &mut notes);
    out.education = education::education(&lines_of(Kind::Education), &mut notes);
    out.skills = lists::skills(&lines_of(Kind::Skills));
    out.certifications = lists::certifications(&lines_of(Kind::Certifications));
    out.languages = lists::languages(&lines_of(Kind::Languages));
    if out.languages.is_empty() {
        // A "Languages: English, Spanish" line inside the skills section.
        let labelled: Vec<&Line> = lines_of(Kind::Skills).into_iter().filter(|l| l.text.split_once(':').is_some_and(|(label, _)| headings::kind_of(label) == Some(Kind::Languages))).collect();
        out.languages = lists::languages(&labelled);
    }
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
    let mut kinds: Vec<Option<Kind>> = (0..lines.len()).map(|i| heading(lines, i, body)).collect();
    // When a document sets its headings larger than its text, a bold word at text size is a
    // label inside a section (a skill group called "Languages"), not a heading.
    let larger = |l: &Line| body > 0.0 && l.size >= body * 1.08;
    if kinds.iter().zip(lines).filter(|(k, l)| k.is_some() && larger(l)).count() >= 2 {
        for (k, l) in kinds.iter_mut().zip(lines) {
            if k.is_some() && !larger(l) && !l.heading_style {
                *k = None;
            }
        }
    }
    // The section each line was put in, to carry a column on across a page break.
    let mut placed: Vec<Option<Kind>> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if let Some(kind) = kinds[i] {
            sections.push(Section { kind: Some(kind), lines: Vec::new() });
            placed.push(Some(kind));
            continue;
        }
        let new_page = i > 0 && lines[i - 1].page != line.page;
        if line.block_start || new_page {
            let kind = governing_heading(lines, &kinds, i).or_else(|| if new_page || line.page > 1 { continued(lines, &placed, i) } else { None });
            sections.push(Section { kind, lines: Vec::new() });
        }
        if let Some(last) = sections.last_mut() {
            last.lines.push(line);
            placed.push(last.kind);
        }
    }
    sections.retain(|s| !s.lines.is_empty() || s.kind.is_some());
    sections
}

/// The section a new column block belongs to: the nearest heading above it on its page that
/// stands over it — overlapping it, or centred over the page outside any column (a heading over a
/// grid of entries).
fn governing_heading(lines: &[Line], kinds: &[Option<Kind>], i: usize) -> Option<Kind> {
    let line = &lines[i];
    let page: Vec<&Line> = lines.iter().filter(|l| l.page == line.page).collect();
    let left = page.iter().map(|l| l.x).fold(f32::INFINITY, f32::min);
    let right = page.iter().map(|l| l.x1).fold(f32::NEG_INFINITY, f32::max);
    let centre = (left + right) / 2.0;
    let (c0, c1) = line.column;
    let stands_over = |h: &Line| (h.x < c1 && c0 < h.x1) || (!h.in_column && ((h.x + h.x1) / 2.0 - centre).abs() < 0.04 * (right - left));
    (0..lines.len())
        .filter(|&k| kinds[k].is_some() && lines[k].page == line.page && lines[k].y < line.y && stands_over(&lines[k]))
        .max_by(|&a, &b| lines[a].y.total_cmp(&lines[b].y))
        .and_then(|k| kinds[k])
}

/// At the top of a later page with no heading above, text goes on in the section that was open
/// in the same column on the page before: the last earlier line that overlaps it horizontally.
fn continued(lines: &[Line], placed: &[Option<Kind>], i: usize) -> Option<Kind> {
    let line = &lines[i];
    let (c0, c1) = if line.column.1 > line.column.0 { line.column } else { (line.x, line.x1) };
    let previous_page = (0..i).rev().map(|k| lines[k].page).find(|p| *p < line.page)?;
    (0..i)
        .rev()
        .filter(|&k| lines[k].page == previous_page)
        .find(|&k| lines[k].x < c1 && c0 < lines[k].x1.max(lines[k].x + 1.0))
        .and_then(|k| placed[k])
        .or_else(|| placed.last().copied().flatten())
}

/// A bullet or a sentence that has not ended: the next line may be its last word wrapped.
fn unfinished_prose(text: &str) -> bool {
    let t = text.trim_end();
    let is_detail_list = classify::EMAIL.is_match(t) || t.contains(['|', '·']);
    !t.ends_with(['.', ':', '!', '?', ';']) && !is_detail_list && (classify::strip_bullet(t).is_some() || t.split_whitespace().count() >= 7)
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
    let apart = line.gap_before >= 0.4 || line.block_start || prev.is_none_or(|p| !unfinished_prose(&p.text) || p.page != line.page);
    let unstyled_format = line.size == 0.0;
    (strong || (apart && (unstyled_format || line.gap_before >= 0.4 || line.block_start))).then_some(kind)
}
