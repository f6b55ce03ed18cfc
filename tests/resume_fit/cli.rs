//! `jobpilot fit score|tailor` on real files: the sample JSON Resume against a real job
//! description, and a clear failure for a file that is not there.

use std::process::Command;

use serde_json::Value;

use crate::data::TESTDATA;

fn jobpilot(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jobpilot")).args(args).env_remove("DATABASE_URL").output().expect("run jobpilot")
}

#[test]
fn fit_score_prints_the_score_breakdown_and_keywords_of_a_real_resume_for_a_real_description() {
    let resume = format!("{TESTDATA}resumes/jsonresume/sample.resume.json");
    let posting = format!("{TESTDATA}job_descriptions/backend-eng.txt");
    let out = jobpilot(&["fit", "score", "--resume", &resume, "--posting", &posting, "--title", "Senior Backend Engineer"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with("ATS score: "), "{stdout}");
    assert!(stdout.contains("required_keywords") && stdout.contains("Missing: "), "{stdout}");
    assert!(stdout.contains("kafka"), "the description asks for Kafka: {stdout}");

    let out = jobpilot(&["fit", "score", "--resume", &resume, "--posting", &posting, "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert!((0..=100).contains(&report["score"].as_i64().expect("score")));
}

#[test]
fn fit_tailor_prints_sections_and_a_patch_that_turns_the_resume_into_them() {
    let resume = format!("{TESTDATA}resumes/jsonresume/sample.resume.json");
    let posting = format!("{TESTDATA}job_descriptions/frontend-eng.txt");
    let out = jobpilot(&["fit", "tailor", "--resume", &resume, "--posting", &posting]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let answer: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let patch: json_patch::Patch = serde_json::from_value(answer["patch"].clone()).expect("patch");
    let mut base = serde_json::to_value(crate::data::json_resume_sample()).expect("json");
    json_patch::patch(&mut base, &patch).expect("applies");
    assert_eq!(base, answer["sections"]);
}

#[test]
fn fit_score_with_a_missing_file_fails_naming_it() {
    let out = jobpilot(&["fit", "score", "--resume", "/nonexistent/resume.json", "--posting", "/nonexistent/jd.txt"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/resume.json"), "{}", String::from_utf8_lossy(&out.stderr));
}
