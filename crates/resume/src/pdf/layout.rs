//! Glyphs → reading order. Glyphs on one baseline make a row; a wide horizontal gap splits a row
//! into segments. Columns are found from whitespace: a vertical channel that no segment crosses
//! over a run of rows, with text on both sides. A side made only of labels (dates, places,
//! headings) is a gutter or a header's right edge, not a column, so those rows stay together.
//! Columns are read left then right, recursively, so a sidebar on either side, a date gutter and
//! a grid of entries all come out one block at a time.

use super::glyphs::{Glyph, Page};
use crate::line::Line;
use crate::text::classify;
use crate::text::headings;

/// A run of glyphs on one baseline with no wide gap inside.
#[derive(Debug, Clone)]
struct Segment {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    bold: bool,
    /// A ligature without text was read as "fi" for want of a known word.
    guessed: bool,
    /// Blank space above, in lines, to the nearest text above that overlaps it horizontally.
    gap: f32,
    /// The whole segment is a section heading / a label (date, place, contact, heading); worked
    /// out once, since the column search asks many times.
    heading: bool,
    label: bool,
}

type Row = Vec<Segment>;

/// All pages' lines in reading order, and how many words had a ligature guessed.
pub fn reading_order(pages: &[Page]) -> (Vec<Line>, usize) {
    let mut out = Vec::new();
    let mut guessed = 0;
    let repeated = repeated_margins(pages);
    for (index, page) in pages.iter().enumerate() {
        let rows: Vec<Row> = rows(&page.glyphs)
            .into_iter()
            .filter(|row| index == 0 || !repeated.contains(&row_text(row)))
            .filter(|row| !is_page_number(row, page.height))
            .collect();
        guessed += rows.iter().flatten().filter(|s| s.guessed).count();
        let size = median_size(&rows);
        let mut blocks = Vec::new();
        split(rows, size, 0, false, &mut blocks);
        for (rows, is_column) in blocks {
            emit(&rows, is_column, index as u32 + 1, &mut out);
        }
    }
    (out, guessed)
}

/// Text repeated at the top or bottom of two or more pages (a running header or footer).
fn repeated_margins(pages: &[Page]) -> std::collections::HashSet<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in pages {
        let mut texts: Vec<String> = rows(&page.glyphs)
            .iter()
            .filter(|row| row.first().is_some_and(|s| s.y < page.height * 0.1 || s.y > page.height * 0.92))
            .map(row_text)
            .collect();
        texts.dedup();
        for t in texts {
            *seen.entry(t).or_default() += 1;
        }
    }
    seen.into_iter().filter(|(_, n)| *n >= 2).map(|(t, _)| t).collect()
}

/// "Page 2 of 3", "2 / 3" or a bare "2" in the top or bottom margin.
fn is_page_number(row: &Row, height: f32) -> bool {
    let in_margin = row.first().is_some_and(|s| s.y < height * 0.08 || s.y > height * 0.92);
    let t = row_text(row).to_lowercase();
    let t = t.trim_start_matches("page").trim();
    in_margin && !t.is_empty() && t.split(|c: char| c == '/' || c.is_whitespace()).all(|w| w.is_empty() || w == "of" || (w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit())))
}

fn row_text(row: &Row) -> String {
    row.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// Groups glyphs into rows (shared baseline) and rows into segments (split at wide gaps).
fn rows(glyphs: &[Glyph]) -> Vec<Row> {
    // When the PDF draws its spaces, they are the word breaks, and a small gap is only a glyph
    // whose advance width the font misstates; otherwise words are told apart by the gap alone.
    let spaces = glyphs.iter().filter(|g| g.ch == ' ').count();
    let word_gap = if spaces * 20 > glyphs.len() { 0.45 } else { 0.18 };
    let mut sorted: Vec<&Glyph> = glyphs.iter().collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match lines.last_mut() {
            Some(line) if (g.y - line[0].y).abs() < 0.4 * g.size.min(line[0].size) => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    let mut rows: Vec<Row> = lines.into_iter().filter_map(|mut line| {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let segs = segments(&line, word_gap);
        (!segs.is_empty()).then_some(segs)
    }).collect();
    // Space above each segment is measured to the text above it in its own column, so a column
    // beside another still shows where its headings stand apart.
    for i in 0..rows.len() {
        for j in 0..rows[i].len() {
            let s = &rows[i][j];
            let above = rows[..i].iter().rev().flatten().find(|a| a.x0 < s.x1 && s.x0 < a.x1).map(|a| a.y);
            let gap = match above {
                Some(y) => ((s.y - y) / (s.size * 1.25) - 1.0).max(0.0),
                None => 3.0,
            };
            rows[i][j].gap = gap;
        }
    }
    rows
}

fn segments(line: &[&Glyph], word_gap: f32) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut cur: Option<Segment> = None;
    let mut pending_space = false;
    let mut last: Option<&Glyph> = None;
    for g in line {
        if g.ch.is_whitespace() {
            pending_space = true;
            continue;
        }
        if let Some(prev) = last {
            // The same glyph drawn twice at (almost) the same spot is a fake bold, not two letters.
            if prev.ch == g.ch && (g.x - prev.x).abs() < 0.15 * g.size {
                if let Some(seg) = cur.as_mut() {
                    seg.bold = true;
                }
                continue;
            }
        }
        let gap = last.map(|p| g.x - (p.x + p.width)).unwrap_or(0.0);
        // A list marker keeps its text even when the layout sets it far apart.
        let lone_marker = cur.as_ref().is_some_and(|s| classify::strip_bullet(&format!("{} x", s.text)).is_some() && s.text.chars().count() == 1);
        let size = last.map_or(g.size, |p| p.size.min(g.size));
        let wide = gap > 1.1 * size && !lone_marker;
        match cur.as_mut() {
            Some(seg) if !wide => {
                if pending_space || gap > word_gap * size {
                    seg.text.push(' ');
                }
                seg.text.push(g.ch);
                seg.x1 = g.x + g.width;
                seg.size = seg.size.max(g.size);
            }
            _ => {
                if let Some(done) = cur.take() {
                    out.push(done);
                }
                cur = Some(Segment { text: g.ch.to_string(), x0: g.x, x1: g.x + g.width, y: g.y, size: g.size, bold: false, guessed: false, gap: 0.0, heading: false, label: false });
            }
        }
        pending_space = false;
        last = Some(g);
    }
    out.extend(cur);
    out.into_iter()
        .map(|mut s| {
            // Ligatures are mended here, before headings are looked for in the layout.
            (s.text, s.guessed) = super::ligature::mend(&s.text.split_whitespace().collect::<Vec<_>>().join(" "));
            s.heading = headings::kind_of(&s.text).is_some();
            s.label = classify::is_label(&s.text);
            s
        })
        .filter(|s| !s.text.is_empty())
        .collect()
}

fn median_size(rows: &[Row]) -> f32 {
    let mut sizes: Vec<f32> = rows.iter().flatten().map(|s| s.size).collect();
    if sizes.is_empty() {
        return 10.0;
    }
    sizes.sort_by(f32::total_cmp);
    sizes[sizes.len() / 2]
}

/// A vertical channel at `x` over rows `start..end`.
struct Channel {
    x: f32,
    start: usize,
    end: usize,
}

/// Splits rows into blocks in reading order; `is_column` marks blocks that are one side of a split.
fn split(rows: Vec<Row>, size: f32, depth: usize, is_column: bool, out: &mut Vec<(Vec<Row>, bool)>) {
    let channel = if depth < 6 { best_channel(&rows, size) } else { None };
    let Some(ch) = channel else {
        out.push((rows, is_column));
        return;
    };
    let mut rows = rows;
    let after = rows.split_off(ch.end);
    let run = rows.split_off(ch.start);
    let before = rows;
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for row in run {
        let (l, r): (Row, Row) = row.into_iter().partition(|s| s.x1 <= ch.x);
        if !l.is_empty() {
            left.push(l);
        }
        if !r.is_empty() {
            right.push(r);
        }
    }
    if !before.is_empty() {
        split(before, size, depth + 1, is_column, out);
    }
    split(left, size, depth + 1, true, out);
    split(right, size, depth + 1, true, out);
    if !after.is_empty() {
        split(after, size, depth + 1, false, out);
    }
}

/// The longest run of rows that a vertical whitespace channel divides into two real columns.
fn best_channel(rows: &[Row], size: f32) -> Option<Channel> {
    let region_left = rows.iter().flatten().map(|s| s.x0).fold(f32::INFINITY, f32::min);
    let min_gap = 0.9 * size;
    // A column's left edge is where its text starts; a heading centred over a grid is no edge.
    let edge = |s: &Segment| !s.heading;
    let mut candidates: Vec<f32> = rows.iter().flatten().filter(|s| edge(s)).map(|s| s.x0).filter(|x| *x > region_left + 2.0 * size).collect();
    candidates.sort_by(f32::total_cmp);
    candidates.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    let mut best: Option<(usize, Channel)> = None;
    for x in candidates {
        let fits = |row: &Row| row_fits(row, x, min_gap, region_left, size);
        // Seeds inside a run already measured for this edge give the same run.
        let mut measured_until = 0;
        for seed in 0..rows.len() {
            if seed < measured_until {
                continue;
            }
            if !rows[seed].iter().any(|s| (s.x0 - x).abs() < 1.0 && edge(s)) || !fits(&rows[seed]) {
                continue;
            }
            let mut start = seed;
            while start > 0 && fits(&rows[start - 1]) {
                start -= 1;
            }
            let mut end = seed + 1;
            while end < rows.len() && fits(&rows[end]) {
                end += 1;
            }
            measured_until = end;
            // A column starts where text starts at its left edge. Rows above that only have
            // text right of the gap by chance (a date set flush right, a link) are read as rows:
            // a school's dates above a grid of projects do not join the grid's right column.
            while start < seed && !rows[start].iter().any(|s| (s.x0 - x).abs() < 1.0) {
                start += 1;
            }
            if best.as_ref().is_some_and(|(len, c)| *len >= end - start && c.x <= x) {
                continue;
            }
            if is_real_split(&rows[start..end], x) {
                best = Some((end - start, Channel { x: x - 0.5, start, end }));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// No segment crosses `x`, and the text left of it stops at least a gap short of it. A heading
/// centred over both columns closes the run: it belongs to neither.
fn row_fits(row: &Row, x: f32, min_gap: f32, region_left: f32, size: f32) -> bool {
    row.iter().all(|s| {
        let left_ok = s.x1 <= x - min_gap;
        let right_ok = s.x0 >= x - 1.0;
        let aligned = (s.x0 - region_left).abs() < size || (s.x0 - x).abs() < size;
        (left_ok || right_ok) && (aligned || !s.heading || row.len() > 1)
    })
}

/// Both sides have text on two rows or more, and neither side is only labels.
fn is_real_split(rows: &[Row], x: f32) -> bool {
    let left: Vec<&Segment> = rows.iter().flatten().filter(|s| s.x1 <= x).collect();
    let right: Vec<&Segment> = rows.iter().flatten().filter(|s| s.x0 >= x - 1.0).collect();
    let rows_with = |side: &[&Segment]| {
        let mut ys: Vec<f32> = side.iter().map(|s| s.y).collect();
        ys.dedup();
        ys.len()
    };
    let labels_only = |side: &[&Segment]| side.iter().all(|s| s.label);
    rows_with(&left) >= 2 && rows_with(&right) >= 2 && !labels_only(&left) && !labels_only(&right)
}

/// Writes a block's rows as lines: each segment of a row is its own line, left to right.
fn emit(rows: &[Row], is_column: bool, page: u32, out: &mut Vec<Line>) {
    // A column of two rows is a table cell (a date beside a school); only a real column of text
    // starts a block that a section does not simply run into.
    let starts_block = is_column && rows.len() >= 3;
    let span = (
        rows.iter().flatten().map(|s| s.x0).fold(f32::INFINITY, f32::min),
        rows.iter().flatten().map(|s| s.x1).fold(f32::NEG_INFINITY, f32::max),
    );
    for (i, row) in rows.iter().enumerate() {
        for (j, seg) in row.iter().enumerate() {
            out.push(Line {
                text: seg.text.clone(),
                size: seg.size,
                x: seg.x0,
                gap_before: seg.gap,
                x1: seg.x1,
                y: seg.y,
                in_column: is_column,
                wraps: true,
                heading_style: false,
                bold: seg.bold,
                block_start: starts_block && i == 0 && j == 0,
                column: span,
                page,
            });
        }
    }
}
