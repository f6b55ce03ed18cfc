//! Shared helpers for the render tests: the sample resume, and text read back out of a PDF
//! or a DOCX so tests check what a reader (or a parser) actually sees.

#![allow(dead_code)]

use jobpilot_resume::Sections;

/// The JSON Resume sample from the shared test data, read by the real JSON Resume parser.
pub fn sample() -> Sections {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/resumes/jsonresume/sample.resume.json");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    jobpilot_resume::jsonresume::parse(&bytes).expect("the sample parses").sections
}

/// Runs of whitespace become one space, so line wrapping does not hide a phrase.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The PDF's text as a text extractor reads it, whitespace squashed.
pub fn pdf_text(pdf: &[u8]) -> String {
    squash(&pdf_extract::extract_text_from_mem(pdf).expect("the PDF's text can be extracted"))
}

/// Every paragraph of a DOCX as (style id, has list numbering, text).
pub fn docx_paragraphs(docx: &[u8]) -> Vec<(Option<String>, bool, String)> {
    let doc = docx_rs::read_docx(docx).expect("the DOCX reads back");
    let mut out = Vec::new();
    for child in &doc.document.children {
        if let docx_rs::DocumentChild::Paragraph(p) = child {
            let mut text = String::new();
            for pc in &p.children {
                if let docx_rs::ParagraphChild::Run(run) = pc {
                    for rc in &run.children {
                        if let docx_rs::RunChild::Text(t) = rc {
                            text.push_str(&t.text);
                        }
                    }
                }
            }
            let style = p.property.style.as_ref().map(|s| s.val.clone());
            out.push((style, p.property.numbering_property.is_some(), text));
        }
    }
    out
}

/// What every rendering must show: each company, role, school and skill.
pub fn expected_phrases(s: &Sections) -> Vec<String> {
    let mut v = Vec::new();
    for e in &s.experience {
        v.push(e.company.clone());
        v.push(e.role.clone());
    }
    v.extend(s.education.iter().map(|e| e.school.clone()));
    v.extend(s.skills.iter().cloned());
    v.into_iter().map(|p| squash(&p)).filter(|p| !p.is_empty()).collect()
}
