//! Bad and odd input: the parser answers with a result or a clear error, never a panic, and a
//! word that merely looks like a heading or a date inside text is not taken for one.

use jobpilot_resume::{Format, ParseError, parse};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).expect("fixture")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bytes_give_a_result_or_an_error_never_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&bytes, Some("upload.bin"));
    }

    #[test]
    fn a_pdf_cut_anywhere_gives_a_result_or_an_error_never_a_panic(fraction in 0.0f64..1.0) {
        let pdf = fixture("accountant-left-sidebar.pdf");
        let cut = ((pdf.len() as f64) * fraction) as usize;
        match parse(&pdf[..cut], None) {
            Ok(parsed) => prop_assert_eq!(parsed.format, Format::Pdf),
            Err(e) => prop_assert!(matches!(e, ParseError::Corrupt { .. } | ParseError::Empty | ParseError::Scanned | ParseError::Unsupported(_)), "{e:?}"),
        }
    }

    #[test]
    fn any_unicode_text_gives_a_result_never_a_panic(lines in prop::collection::vec(any::<String>(), 0..20), heading in prop::sample::select(vec!["SKILLS", "Experience", "Education", "Languages", "Contact", "Certifications"])) {
        let mut text = lines.clone();
        text.insert(text.len() / 2, heading.to_string());
        let _ = parse(text.join("\n").as_bytes(), None);
    }

    #[test]
    fn any_text_parses_without_inventing_a_job(lines in prop::collection::vec("[A-Za-z ,.]{0,40}", 0..30)) {
        let text = lines.join("\n");
        if let Ok(parsed) = parse(text.as_bytes(), None) {
            // No dates, no headings: random words make no dated job.
            prop_assert!(parsed.sections.experience.iter().all(|e| e.start.is_none()));
        }
    }
}

#[test]
fn a_wrapped_word_skills_at_the_end_of_a_bullet_is_not_a_heading() {
    let text = "Jane Roe\njane.roe@example.com\n\nEXPERIENCE\nNurse Educator | Leeds Teaching Hospitals | 2018 – 2022\n- Taught new starters the core clinical\nSkills\n- Ran the simulation suite\n\nEDUCATION\nBSc Nursing, University of Leeds\n2014 – 2017\n";
    let parsed = parse(text.as_bytes(), None).expect("parses");
    assert!(parsed.sections.skills.is_empty(), "a heading was invented: {:?}", parsed.sections.skills);
    let job = &parsed.sections.experience[0];
    assert_eq!((job.role.as_str(), job.company.as_str()), ("Nurse Educator", "Leeds Teaching Hospitals"));
    assert_eq!(job.bullets.len(), 2);
    assert_eq!(parsed.sections.education[0].school, "University of Leeds");
}

#[test]
fn a_phone_number_in_a_bullet_is_not_the_persons_phone() {
    let text = "Sam Lee\nsam@example.com\n\nEXPERIENCE\nSupport Agent at Helpline Ltd\n2019 - 2021\n- Answered the 0800 123 4567 line for 200 callers a day\n";
    let parsed = parse(text.as_bytes(), None).expect("parses");
    assert_eq!(parsed.sections.contact.phone, None);
    assert!(parsed.not_found.iter().any(|f| f == "phone"));
}

#[test]
fn json_resume_goes_through_the_same_entry_point_and_other_json_does_not() {
    let doc = br#"{"basics":{"name":"Ada Lovelace","email":"ada@example.org"},"work":[{"name":"Analytical Engines","position":"Programmer","startDate":"1842-01"}]}"#;
    let parsed = parse(doc, Some("resume.json")).expect("a JSON Resume");
    assert_eq!(parsed.format, Format::JsonResume);
    assert_eq!(parsed.sections.experience[0].company, "Analytical Engines");
    assert!(matches!(parse(br#"{"invoice": 12}"#, None), Err(ParseError::Unsupported(_))));
}

#[test]
fn a_heading_right_under_a_long_contact_line_is_still_a_heading_and_bulletless_jobs_are_jobs() {
    let text = "Chen Wei\n42 Harbour Road, Wan Chai, Hong Kong | +852 5555 0123 | chen.wei@example.com\nExperience\nBarista — Blue Bottle Coffee, 2015–2016\nCashier — Target, 2014–2015\nEducation\nUniversity of Hong Kong\nBA English Literature\n";
    let parsed = parse(text.as_bytes(), None).expect("parses");
    let jobs: Vec<(&str, &str, Option<&str>)> = parsed.sections.experience.iter().map(|e| (e.role.as_str(), e.company.as_str(), e.start.as_deref())).collect();
    assert_eq!(jobs, vec![("Barista", "Blue Bottle Coffee", Some("2015")), ("Cashier", "Target", Some("2014"))]);
    assert_eq!(parsed.sections.summary, None, "a contact line is not a summary");
    assert_eq!(parsed.sections.education[0].degree.as_deref(), Some("BA"));
}
