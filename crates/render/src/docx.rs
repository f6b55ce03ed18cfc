//! DOCX output with docx-rs: section headings in Word's Heading 1 style, each job's role and
//! each school in Heading 2, bullets as a real bulleted list (numbering part), one column.
//!
//! Both templates stay single-column in DOCX on purpose: a DOCX is what people upload to
//! applicant tracking systems, which read tables and text boxes badly. "modern" differs in
//! typeface, colour and order (contact and skills first, as in its PDF sidebar).

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, LineSpacing, NumberFormat, Numbering, NumberingId,
    PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType,
};

use crate::view::View;
use crate::{Paper, RenderError, Template};

const BULLETS: usize = 1;

struct Look {
    font: &'static str,
    accent: &'static str,
    body_half_points: usize,
}

fn look(template: Template) -> Look {
    match template {
        Template::Classic => Look { font: "Georgia", accent: "000000", body_half_points: 21 },
        Template::Modern => Look { font: "Calibri", accent: "1F4E79", body_half_points: 20 },
    }
}

/// Page width and height in twentieths of a point.
fn page(paper: Paper) -> (u32, u32) {
    match paper {
        Paper::A4 => (11906, 16838),
        Paper::Letter => (12240, 15840),
    }
}

fn styles(doc: Docx, look: &Look) -> Docx {
    let fonts = || RunFonts::new().ascii(look.font).hi_ansi(look.font).cs(look.font);
    let spacing = |before, after| LineSpacing::new().before(before).after(after);
    doc.default_fonts(fonts())
        .default_size(look.body_half_points)
        .add_style(
            Style::new("Title", StyleType::Paragraph).name("Title").based_on("Normal").size(40).bold().color(look.accent),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .based_on("Normal")
                .next("Normal")
                .size(26)
                .bold()
                .color(look.accent)
                .outline_lvl(0)
                .line_spacing(spacing(240, 80)),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .based_on("Normal")
                .next("Normal")
                .size(look.body_half_points + 2)
                .bold()
                .outline_lvl(1)
                .line_spacing(spacing(160, 0)),
        )
        .add_style(Style::new("ListBullet", StyleType::Paragraph).name("List Bullet").based_on("Normal"))
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(0, Start::new(1), NumberFormat::new("bullet"), LevelText::new("•"), LevelJc::new("left"))
                    .indent(Some(360), Some(SpecialIndentType::Hanging(240)), None, None),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn heading(level: u8, text: &str) -> Paragraph {
    para(text).style(if level == 1 { "Heading1" } else { "Heading2" })
}

fn bullet(text: &str) -> Paragraph {
    para(text).style("ListBullet").numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
}

/// An entry's first line as Heading 2, the others as plain lines; empty ones are skipped.
fn entry(doc: Docx, first: &str, rest: &[&str]) -> Docx {
    let mut doc = if first.is_empty() { doc } else { doc.add_paragraph(heading(2, first)) };
    for line in rest.iter().filter(|l| !l.is_empty()) {
        doc = doc.add_paragraph(para(line));
    }
    doc
}

fn list(mut doc: Docx, items: &[String]) -> Docx {
    for item in items {
        doc = doc.add_paragraph(bullet(item));
    }
    doc
}

fn contact(doc: Docx, v: &View, as_section: bool) -> Docx {
    if v.contact.is_empty() {
        return doc;
    }
    if as_section {
        return v.contact.iter().fold(doc.add_paragraph(heading(1, "Contact")), |d, c| d.add_paragraph(para(c)));
    }
    doc.add_paragraph(para(&v.contact.join("  |  ")))
}

fn simple(doc: Docx, title: &str, items: &[String], as_list: bool) -> Docx {
    if items.is_empty() {
        return doc;
    }
    let doc = doc.add_paragraph(heading(1, title));
    if as_list { list(doc, items) } else { doc.add_paragraph(para(&items.join(", "))) }
}

fn body(mut doc: Docx, v: &View) -> Docx {
    if !v.summary.is_empty() {
        doc = doc.add_paragraph(heading(1, "Summary")).add_paragraph(para(&v.summary));
    }
    if !v.experience.is_empty() {
        doc = doc.add_paragraph(heading(1, "Experience"));
        for j in &v.experience {
            doc = entry(doc, &j.role, &[&j.company, &j.dates, &j.location]);
            doc = list(doc, &j.bullets);
        }
    }
    if !v.education.is_empty() {
        doc = doc.add_paragraph(heading(1, "Education"));
        for s in &v.education {
            doc = entry(doc, &s.school, &[&s.degree, &s.dates]);
        }
    }
    if !v.projects.is_empty() {
        doc = doc.add_paragraph(heading(1, "Projects"));
        for p in &v.projects {
            doc = entry(doc, &p.name, &[&p.description, &p.url]);
            doc = list(doc, &p.bullets);
        }
    }
    doc
}

/// Renders one resume to DOCX bytes.
pub fn render(v: &View, template: Template, paper: Paper) -> Result<Vec<u8>, RenderError> {
    let look = look(template);
    let (w, h) = page(paper);
    let margin = PageMargin::new().top(1000).bottom(1000).left(1100).right(1100);
    let mut doc = styles(Docx::new().page_size(w, h).page_margin(margin), &look);
    if !v.name.is_empty() {
        doc = doc.add_paragraph(para(&v.name).style("Title"));
    }
    if !v.headline.is_empty() {
        doc = doc.add_paragraph(para(&v.headline).italic());
    }
    doc = match template {
        Template::Classic => {
            let doc = body(contact(doc, v, false), v);
            let doc = simple(doc, "Skills", &v.skills, false);
            let doc = simple(doc, "Certifications", &v.certifications, true);
            simple(doc, "Languages", &v.languages, false)
        }
        Template::Modern => {
            let doc = contact(doc, v, true);
            let doc = simple(doc, "Skills", &v.skills, false);
            let doc = simple(doc, "Languages", &v.languages, false);
            let doc = simple(doc, "Certifications", &v.certifications, true);
            body(doc, v)
        }
    };
    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| RenderError::Internal(format!("docx: {e}")))?;
    Ok(out.into_inner())
}
