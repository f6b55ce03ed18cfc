//! `salary_from_description` over every real description we have: the shared board payloads and
//! Uber's postings (`../shared/testdata`), and `tests/fixtures/external/` when it exists. Whatever
//! it finds must be backed by its evidence, and company money must never come out as pay.
//! Run with `--nocapture` to see how many descriptions of each file gave a salary, and a sample.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jobpilot::connectors::{BoardContext, parse};
use jobpilot::domain::description::clean_description;
use jobpilot::domain::salary_text::{SalaryFound, salary_from_description};
use regex::Regex;
use serde_json::Value;

/// How many evidences of each file are printed for a human to read (`SALARY_SAMPLE` overrides).
const SAMPLE: usize = 3;

#[test]
fn every_real_description_gives_a_salary_only_with_its_evidence() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("../shared/testdata");
    let mut files = payloads(&shared.join("job_boards"));
    files.push(shared.join("postings/uber_jobs.json"));
    // Real payloads of other companies; a checkout without them just has fewer descriptions.
    files.extend(payloads(&manifest.join("tests/fixtures/external")));
    let sample = std::env::var("SALARY_SAMPLE")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(SAMPLE);

    let mut problems = Vec::new();
    let (mut descriptions, mut company_money_only) = (0, 0);
    for file in &files {
        let name = file
            .strip_prefix(&shared)
            .or_else(|_| file.strip_prefix(&manifest))
            .unwrap_or(file)
            .display()
            .to_string();
        for (field, raws) in descriptions_in(file) {
            let mut found = Vec::new();
            for raw in &raws {
                let text = clean_description(raw);
                let salary = salary_from_description(&text);
                if all_money_is_company_money(&text) {
                    company_money_only += 1;
                    if let Some(f) = &salary {
                        problems.push(format!(
                            "{name} ({field}): only company money, yet a salary from «{}»",
                            f.evidence
                        ));
                    }
                }
                if let Some(f) = salary {
                    if let Some(why) = check(&f) {
                        problems.push(format!("{name} ({field}): {why}: «{}»", f.evidence));
                    }
                    found.push(f);
                }
            }
            descriptions += raws.len();
            if raws.is_empty() {
                continue; // a listing without descriptions
            }
            println!(
                "{name} ({field}): {} of {} descriptions gave a salary",
                found.len(),
                raws.len()
            );
            for f in found.iter().take(sample) {
                println!("    {:?} «{}»", f.salary, f.evidence);
            }
        }
    }
    println!("{descriptions} descriptions, {company_money_only} with only company money");
    assert!(descriptions > 900, "only {descriptions} descriptions read");
    assert!(company_money_only > 0, "the company-money check never ran");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every JSON payload under `dir`, sorted; none when it does not exist.
fn payloads(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            found.extend(payloads(&path));
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Each posting's description as its connector reads it (Greenhouse `content`, Lever's
/// description, lists and additional together, Ashby `descriptionHtml`, …), then, apart, every
/// `descriptionPlain`: the boards' own text rendering. A payload no connector reads gives its
/// `description` and `content` fields instead.
fn descriptions_in(file: &Path) -> Vec<(&'static str, Vec<String>)> {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
    let json: Value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", file.display()));
    let mut main = Vec::new();
    match parse(None, &bytes, &BoardContext::default()) {
        Ok(board) => main.extend(board.postings.into_iter().filter_map(|p| p.description_raw)),
        Err(_) => strings_under(
            &json,
            &|key| key == "description" || key == "content",
            &mut main,
        ),
    }
    let mut plain = Vec::new();
    strings_under(&json, &|key| key == "descriptionPlain", &mut plain);
    let mut fields = vec![("description", main)];
    if !plain.is_empty() {
        fields.push(("descriptionPlain", plain));
    }
    fields
}

fn strings_under(value: &Value, wanted: &dyn Fn(&str) -> bool, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match v.as_str() {
                    Some(s) if wanted(key) => out.push(s.to_string()),
                    _ => strings_under(v, wanted, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| strings_under(v, wanted, out)),
        _ => {}
    }
}

/// What is wrong with a found salary, if anything: its evidence must be short, say something
/// about pay and show the amounts.
fn check(found: &SalaryFound) -> Option<String> {
    static PAY: OnceLock<Regex> = OnceLock::new();
    let pay = PAY.get_or_init(|| {
        Regex::new(r"(?i)\b(?:salary|salaries|compensation|remuneration|pay|wages?|base|ote|on-target|hourly|rate|annual|annually|yearly|monthly|weekly|daily|per (?:hour|year|annum|month|week|day)|an? (?:hour|year))\b|/\s?(?:hr|hour|h|yr|year|mo|month|wk|week|day)\b")
            .expect("test regex compiles")
    });
    let evidence = &found.evidence;
    if evidence.chars().count() > 200 {
        return Some("evidence longer than 200 characters".to_string());
    }
    if !pay.is_match(evidence) {
        return Some("no pay word in the evidence".to_string());
    }
    let bounds = [found.salary.min_cents, found.salary.max_cents];
    bounds
        .into_iter()
        .flatten()
        .find(|&c| !shows_amount(evidence, c))
        .map(|cents| format!("{cents} cents not shown in the evidence"))
}

/// Whether a figure of the evidence starts with the amount's significant digits: $157,000 is
/// "157000" or "157K", $2,400 is "2,400" or "2.4K", $30.00 is "30".
fn shows_amount(evidence: &str, cents: i64) -> bool {
    let significant = cents.to_string().trim_end_matches('0').to_string();
    // Digits with the separators inside figures dropped: "157,000" → "157000", "2.4" → "24".
    let mut figures = vec![String::new()];
    let chars: Vec<char> = evidence.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inside = matches!(c, ',' | '.')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() {
            if let Some(figure) = figures.last_mut() {
                figure.push(c);
            }
        } else if !inside {
            figures.push(String::new());
        }
    }
    figures.iter().any(|f| f.starts_with(&significant))
}

/// Whether the text names money and every amount is company money, by rules of this test's own:
/// a million or billion suffix, or a funding word within 30 characters.
fn all_money_is_company_money(text: &str) -> bool {
    static MONEY: OnceLock<Regex> = OnceLock::new();
    static FUNDING: OnceLock<Regex> = OnceLock::new();
    let money = MONEY.get_or_init(|| {
        Regex::new(r"(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CAD|AUD)\b)\s?\d[\d,.]*(?:\s?(?P<big>mm|MM|bn|[mMbB]|million|billion)\b)?")
            .expect("test regex compiles")
    });
    let funding = FUNDING.get_or_init(|| {
        Regex::new(r"(?i)\b(?:raised|raise|series [a-h]|valuation|valued|revenue|arr|funding|funded|backed|investors?|round|seed|capital)\b")
            .expect("test regex compiles")
    });
    let mut any = false;
    for caps in money.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        any = true;
        let near = |i: usize| {
            let mut i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let window = &text[near(m.start().saturating_sub(30))..near(m.end() + 30)];
        if caps.name("big").is_none() && !funding.is_match(window) {
            return false;
        }
    }
    any
}
