//! DOCX output: renders in every template and paper size, reads back with docx-rs, with
//! headings in Heading styles and bullets as list paragraphs.

mod support;

use jobpilot_render::{Paper, Template, docx};
use jobpilot_resume::Sections;
use support::{docx_paragraphs, expected_phrases, sample};

#[test]
fn every_template_and_paper_renders_the_sample_and_an_empty_resume_as_a_docx() {
    let sample = sample();
    for template in Template::ALL {
        for paper in Paper::ALL {
            for sections in [&sample, &Sections::default()] {
                let bytes = docx(sections, template, paper).expect("renders");
                docx_paragraphs(&bytes);
            }
        }
    }
}

#[test]
fn the_docx_contains_every_company_role_school_and_skill() {
    let sample = sample();
    for template in Template::ALL {
        let paragraphs = docx_paragraphs(&docx(&sample, template, Paper::A4).expect("renders"));
        let text = paragraphs.iter().map(|p| p.2.as_str()).collect::<Vec<_>>().join("\n");
        for phrase in expected_phrases(&sample) {
            assert!(text.contains(&phrase), "{template}: {phrase:?} missing:\n{text}");
        }
    }
}

#[test]
fn section_titles_use_heading_1_and_bullets_are_list_paragraphs() {
    let sample = sample();
    for template in Template::ALL {
        let paragraphs = docx_paragraphs(&docx(&sample, template, Paper::A4).expect("renders"));
        for title in ["Experience", "Education", "Skills"] {
            assert!(
                paragraphs.iter().any(|(style, _, text)| text == title && style.as_deref() == Some("Heading1")),
                "{template}: {title} is not a Heading 1"
            );
        }
        let bullet = &sample.experience.iter().find(|e| !e.bullets.is_empty()).expect("a job with bullets").bullets[0];
        assert!(
            paragraphs.iter().any(|(_, numbered, text)| text == bullet && *numbered),
            "{template}: bullet {bullet:?} is not a list paragraph"
        );
    }
}

#[test]
fn user_text_that_looks_like_xml_is_kept_as_text() {
    // (docx-rs's reader decodes entities twice, so "&amp;" itself cannot be checked this way.)
    let hostile = "</w:t></w:r><w:p> & 'single' \"quoted\" </w:body>";
    let s = Sections { summary: Some(hostile.into()), ..Sections::default() };
    let paragraphs = docx_paragraphs(&docx(&s, Template::Classic, Paper::Letter).expect("renders"));
    assert!(paragraphs.iter().any(|p| p.2 == hostile), "{paragraphs:?}");
}
