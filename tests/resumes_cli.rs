//! `jobpilot resume parse FILE [--json]` as a person runs it: no database, the sections as text
//! or JSON, and a file that is no resume ending with a message and a failing exit code.

use std::process::{Command, Output};

fn jobpilot(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jobpilot"))
        .args(args)
        // No database is configured or needed.
        .env_remove("DATABASE_URL")
        .env("JOBPILOT_LOG", "warn")
        .output()
        .expect("run jobpilot")
}

fn sample() -> (String, serde_json::Value) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/resumes/jsonresume/sample.resume.json");
    let doc = serde_json::from_slice(&std::fs::read(&path).expect("sample")).expect("json");
    (path.display().to_string(), doc)
}

#[test]
fn parse_prints_the_sections_as_text_and_as_json() {
    let (path, doc) = sample();
    let text = jobpilot(&["resume", "parse", &path]);
    assert!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    let out = String::from_utf8_lossy(&text.stdout);
    for expected in [&doc["basics"]["name"], &doc["basics"]["email"], &doc["work"][0]["name"], &doc["work"][0]["position"]] {
        assert!(out.contains(expected.as_str().expect("text")), "{expected} in:\n{out}");
    }
    assert!(out.contains("EXPERIENCE") && out.contains("EDUCATION"), "{out}");

    let json = jobpilot(&["resume", "parse", &path, "--json"]);
    assert!(json.status.success(), "{}", String::from_utf8_lossy(&json.stderr));
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).expect("--json prints JSON");
    assert_eq!(parsed["sections"]["contact"]["name"], doc["basics"]["name"]);
    assert_eq!(parsed["sections"]["experience"][0]["company"], doc["work"][0]["name"]);
    assert_eq!(parsed["format"], "json_resume");
    assert!(parsed["not_found"].is_array());
}

#[test]
fn a_file_that_is_no_resume_fails_with_the_reason_on_stderr() {
    let dir = std::env::temp_dir().join(format!("jobpilot-resume-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let broken = dir.join("broken.pdf");
    std::fs::write(&broken, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj garbage").expect("write");
    let run = jobpilot(&["resume", "parse", broken.to_str().expect("path")]);
    assert!(!run.status.success(), "a broken file fails the command");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("broken.pdf could not be read as a resume"), "{stderr}");
    assert!(run.stdout.is_empty(), "nothing printed as if it were sections");

    let missing = jobpilot(&["resume", "parse", dir.join("nope.pdf").to_str().expect("path")]);
    assert!(!missing.status.success() && String::from_utf8_lossy(&missing.stderr).contains("nope.pdf"));
    let _ = std::fs::remove_dir_all(dir);
}
