//! PDF output: renders in every template and paper size, embeds its fonts, and its text
//! (extracted the way a parser would) holds the resume, literally.

mod support;

use jobpilot_render::{Paper, Template, pdf};
use jobpilot_resume::{Experience, Sections};
use lopdf::{Document, Object};
use support::{expected_phrases, pdf_text, sample, squash};

fn font_descriptors(bytes: &[u8]) -> Vec<lopdf::Dictionary> {
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"FontDescriptor"))
        .cloned()
        .collect()
}

#[test]
fn every_template_and_paper_renders_the_sample_and_an_empty_resume_as_a_pdf() {
    let sample = sample();
    for template in Template::ALL {
        for paper in Paper::ALL {
            for sections in [&sample, &Sections::default()] {
                let bytes = pdf(sections, template, paper).expect("renders");
                assert!(bytes.starts_with(b"%PDF"), "{template} {paper:?} output is not a PDF");
            }
        }
    }
}

#[test]
fn every_font_in_the_pdf_is_embedded() {
    for template in Template::ALL {
        let bytes = pdf(&sample(), template, Paper::A4).expect("renders");
        let descriptors = font_descriptors(&bytes);
        assert!(!descriptors.is_empty(), "{template}: no font descriptors at all");
        for d in descriptors {
            let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| d.has(k));
            assert!(embedded, "{template}: a font is not embedded: {d:?}");
        }
    }
}

#[test]
fn the_pdf_text_contains_every_company_role_school_and_skill_under_standard_headings() {
    let sample = sample();
    let expected = expected_phrases(&sample);
    assert!(expected.len() > 5, "the sample should have content to check");
    for template in Template::ALL {
        let text = pdf_text(&pdf(&sample, template, Paper::A4).expect("renders"));
        for phrase in &expected {
            assert!(text.contains(phrase.as_str()), "{template}: {phrase:?} missing from the PDF text:\n{text}");
        }
        for heading in ["Experience", "Education", "Skills"] {
            assert!(text.contains(heading), "{template}: heading {heading:?} missing");
        }
    }
}

#[test]
fn paper_size_sets_the_page_size() {
    for (paper, (w, h)) in [(Paper::A4, (595.0, 842.0)), (Paper::Letter, (612.0, 792.0))] {
        let bytes = pdf(&sample(), Template::Classic, paper).expect("renders");
        let doc = Document::load_mem(&bytes).expect("lopdf reads the PDF");
        let (_, page_id) = doc.get_pages().into_iter().next().expect("one page at least");
        let page = doc.get_dictionary(page_id).expect("page dict");
        let media = page.get(b"MediaBox").and_then(Object::as_array).expect("MediaBox");
        let n = |o: &Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).expect("number");
        assert!((n(&media[2]) - w).abs() < 1.0 && (n(&media[3]) - h).abs() < 1.0, "{paper:?}: {media:?}");
    }
}

#[test]
fn typst_markup_in_user_text_is_printed_literally_never_interpreted() {
    let hostile = r#"Costs $5 * 3 _under_ #emph[x] #panic("boom") @ref <label> \ back"#;
    let mut s = Sections { summary: Some(hostile.to_string()), ..Sections::default() };
    s.experience.push(Experience { company: "#import \"x.typ\"".into(), role: "]*[".into(), ..Default::default() });
    for template in Template::ALL {
        let bytes = pdf(&s, template, Paper::A4).expect("markup in data never breaks the render");
        let text = pdf_text(&bytes);
        assert!(text.contains(&squash(hostile)), "{template}: summary not literal:\n{text}");
        assert!(text.contains("#import \"x.typ\""), "{template}: company not literal:\n{text}");
        assert!(text.contains("]*["), "{template}: role not literal:\n{text}");
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Each case is a full typst compile; a few dozen cover the character classes.
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn any_printable_summary_renders_and_reads_back_as_written(summary in "[ -~]{1,80}") {
            let s = Sections { summary: Some(summary.clone()), ..Sections::default() };
            let bytes = pdf(&s, Template::Modern, Paper::Letter).expect("renders");
            // A long run without spaces may wrap at `/` or `-`; compare the characters, in order.
            let bare = |t: &str| t.split_whitespace().collect::<String>();
            let wanted = bare(&summary);
            prop_assume!(!wanted.is_empty());
            prop_assert!(bare(&pdf_text(&bytes)).contains(&wanted));
        }
    }
}
