//! DOCX: the paragraphs of `word/document.xml` in order (table cells included, one paragraph a
//! line), each with whether its style is a heading or title and whether its text is bold. Page
//! headers come first: many resumes keep the name and contact details there.

use std::io::Read;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use crate::ParseError;
use crate::line::Line;

/// Largest document.xml read (a resume's is well under 1 MB; this bounds a zip bomb).
const MAX_XML: u64 = 20 * 1024 * 1024;

pub fn read(bytes: &[u8]) -> Result<Vec<Line>, ParseError> {
    let corrupt = |detail: String| ParseError::Corrupt { format: "DOCX", detail };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| corrupt(e.to_string()))?;
    if zip.by_name("word/document.xml").is_err() {
        return Err(ParseError::Unsupported("the zip file is not a Word document (no word/document.xml)".into()));
    }
    let mut headers: Vec<String> = zip.file_names().filter_map(Result::ok).filter(|n| n.starts_with("word/header") && n.ends_with(".xml")).map(|n| n.to_string()).collect();
    headers.sort();
    let mut lines = Vec::new();
    for name in headers.iter().map(String::as_str).chain(["word/document.xml"]) {
        let mut xml = String::new();
        let part = zip.by_name(name).map_err(|e| corrupt(e.to_string()))?;
        part.take(MAX_XML).read_to_string(&mut xml).map_err(|e| corrupt(e.to_string()))?;
        for line in paragraphs(&xml).map_err(corrupt)? {
            // The same header repeats on every page section; keep it once.
            if !lines.iter().any(|l: &Line| l.text == line.text) || name == "word/document.xml" {
                lines.push(line);
            }
        }
    }
    Ok(lines)
}

fn paragraphs(xml: &str) -> Result<Vec<Line>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<Line> = Vec::new();
    let mut text = String::new();
    let (mut style, mut in_text, mut run_bold, mut bold_chars, mut chars, mut list) = (String::new(), false, false, 0usize, 0usize, false);
    // Word stores a text box twice, a drawing and a fallback for old readers: read it once.
    let mut fallback_depth = 0usize;
    let (mut cell, mut cell_first) = (0usize, 0usize);
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) if e.local_name().as_ref() == b"Fallback" => fallback_depth += 1,
            Event::End(e) if e.local_name().as_ref() == b"Fallback" => fallback_depth = fallback_depth.saturating_sub(1),
            _ => {}
        }
        if fallback_depth > 0 && !matches!(event, Event::Eof) {
            continue;
        }
        match &event {
            Event::Start(e) if e.local_name().as_ref() == b"tr" => cell = 0,
            Event::Start(e) if e.local_name().as_ref() == b"tc" => cell_first = out.len(),
            Event::End(e) if e.local_name().as_ref() == b"tc" => {
                // A table used for layout (a sidebar cell beside a main cell): a later cell with
                // several paragraphs starts a block, as a PDF column does.
                if cell > 0 && out.len() >= cell_first + 3 {
                    out[cell_first].block_start = true;
                }
                cell += 1;
            }
            _ => {}
        }
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"pStyle" => {
                style = attr(&e, b"val").unwrap_or_default();
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"numPr" => list = true,
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"b" => {
                run_bold = attr(&e, b"val").is_none_or(|v| v != "0" && v != "false");
            }
            Event::Start(e) if e.local_name().as_ref() == b"r" => run_bold = false,
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_text = false,
            Event::Empty(e) if e.local_name().as_ref() == b"tab" => text.push(' '),
            Event::Empty(e) if e.local_name().as_ref() == b"br" => text.push(' '),
            Event::Text(t) if in_text => {
                let s = t.decode().map_err(|e| e.to_string())?;
                let s = quick_xml::escape::unescape(&s).map_err(|e| e.to_string())?;
                chars += s.chars().count();
                if run_bold {
                    bold_chars += s.chars().count();
                }
                text.push_str(&s);
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().map_err(|e| e.to_string())?;
                let s = match name.as_ref() { "amp" => "&", "lt" => "<", "gt" => ">", "quot" => "\"", "apos" => "'", _ => "" };
                text.push_str(s);
                chars += 1;
            }
            Event::End(e) if e.local_name().as_ref() == b"p" => {
                let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    let lower = style.to_lowercase();
                    let heading_style = lower.starts_with("heading") || lower == "title" || lower.contains("sectiontitle");
                    // A list paragraph is a bullet even when Word draws the marker itself.
                    let text = if list { format!("• {t}") } else { t };
                    out.push(Line { text, heading_style, bold: chars > 0 && bold_chars * 10 >= chars * 9, size: 0.0, ..Line::default() });
                }
                text.clear();
                style.clear();
                (bold_chars, chars, list) = (0, 0, false);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).map(|a| String::from_utf8_lossy(&a.value).into_owned())
}
