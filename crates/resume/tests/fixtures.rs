//! The parser against its own fixtures: hand-made personas (a nurse, an accountant, a data
//! engineer, a salesperson) in layouts and formats that are not the Reactive Resume ones, plus
//! bad files that must each give their own clear error. `tests/fixtures/make_fixtures.py`
//! generates them; every good file has `NAME.expected.json` beside it.

mod support;

use std::path::{Path, PathBuf};

use jobpilot_resume::{Format, ParseError, parse};
use serde_json::Value;
use support::score::{self, norm};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn every_fixture_parses_to_its_expected_people_places_and_skills() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("fixtures folder")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".expected.json").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "the generator writes at least ten good fixtures, found {}", names.len());
    let mut failures = Vec::new();
    for name in &names {
        let expected: Value = serde_json::from_slice(&read(&format!("{name}.expected.json"))).expect("expected json");
        let parsed = match parse(&read(name), Some(name)) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let got = score::from_parsed(&parsed);
        let list = |k: &str| sorted(expected[k].as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(norm)).collect()).unwrap_or_default());
        let raw = |k: &str| sorted(expected[k].as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default());
        let one = |k: &str| expected[k].as_str().map(norm).into_iter().collect::<Vec<_>>();
        let checks: [(&str, Vec<String>, Vec<String>); 9] = [
            ("name", one("name"), got.name.clone()),
            ("email", one("email"), got.email.clone()),
            ("phone", one("phone"), got.phone.clone()),
            ("companies", list("companies"), sorted(got.companies.clone())),
            ("roles", list("roles"), sorted(got.roles.clone())),
            ("dates", raw("dates"), sorted(got.dates.clone())),
            ("schools", list("schools"), sorted(got.schools.clone())),
            ("skills", list("skills"), sorted(got.skills.clone())),
            ("languages", list("languages"), sorted(parsed.sections.languages.iter().map(|l| norm(l)).collect())),
        ];
        for (field, want, have) in checks {
            if want != have {
                failures.push(format!("{name} {field}:\n   expected {want:?}\n   parsed   {have:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_scanned_pdf_says_it_has_no_text_layer() {
    assert_eq!(parse(&read("bad-scanned.pdf"), None), Err(ParseError::Scanned));
}

#[test]
fn a_password_protected_pdf_says_so() {
    assert_eq!(parse(&read("bad-encrypted.pdf"), None), Err(ParseError::Encrypted));
}

#[test]
fn a_truncated_pdf_is_a_corrupt_file_not_a_panic() {
    assert!(matches!(parse(&read("bad-truncated.pdf"), None), Err(ParseError::Corrupt { format: "PDF", .. })));
}

#[test]
fn an_empty_docx_parses_with_everything_not_found_and_a_note() {
    let parsed = parse(&read("bad-empty.docx"), None).expect("an empty document is still a document");
    assert_eq!(parsed.format, Format::Docx);
    for field in ["name", "email", "experience", "education", "skills"] {
        assert!(parsed.not_found.iter().any(|f| f == field), "{field} not reported missing: {:?}", parsed.not_found);
    }
    assert!(!parsed.notes.is_empty());
}

#[test]
fn the_format_is_told_by_content_not_by_the_file_name() {
    let pdf = read("nurse-one-column-caps.pdf");
    assert_eq!(parse(&pdf, Some("resume.docx")).map(|p| p.format), Ok(Format::Pdf));
    let docx = read("nurse.docx");
    assert_eq!(parse(&docx, Some("resume.pdf")).map(|p| p.format), Ok(Format::Docx));
    assert!(matches!(parse(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some("photo.pdf")), Err(ParseError::Unsupported(_))));
    assert_eq!(parse(b"  \n\t ", Some("blank.txt")), Err(ParseError::Empty));
    assert_eq!(parse(b"", None), Err(ParseError::Empty));
}

#[test]
fn adversarial_bullets_do_not_become_headings_dates_or_the_phone() {
    // The nurse's bullets say "clinical Skills sessions" and give a ward phone number; the
    // accountant's say "$2019-2020"; the salesperson works at "Education First".
    let nurse = parse(&read("nurse-one-column-caps.pdf"), None).expect("parses");
    assert_eq!(nurse.sections.contact.phone.as_deref(), Some("+44 7700 900123"));
    assert_eq!(nurse.sections.experience.len(), 2);
    assert!(nurse.sections.experience[0].bullets.iter().any(|b| b.contains("Skills sessions")));
    let accountant = parse(&read("accountant-left-sidebar.pdf"), None).expect("parses");
    assert_eq!(accountant.sections.experience[0].start.as_deref(), Some("2020-01"));
    assert!(accountant.sections.experience.iter().all(|e| e.start.as_deref() != Some("2019")));
    let sales = parse(&read("sales-date-gutter-lowercase.pdf"), None).expect("parses");
    assert_eq!(sales.sections.experience[0].company, "Education First");
    assert_eq!(sales.sections.education.len(), 1);
}
