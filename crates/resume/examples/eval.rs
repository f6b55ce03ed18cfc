//! The Reactive Resume evaluation as a report: precision and recall per layout and field, parse
//! time per page, and peak memory. `cargo run -p jobpilot-resume --release --example eval`

#[path = "../tests/support/score.rs"]
mod score;

use std::time::Instant;

fn main() {
    let layouts = score::reactive_layouts();
    let mut rows = Vec::new();
    let (mut pages, mut total) = (0u32, std::time::Duration::ZERO);
    const ROUNDS: u32 = 20;
    for (layout, pdf, expected) in &layouts {
        let started = Instant::now();
        let mut parsed = None;
        // Several rounds, so the time is not one cold run's.
        for _ in 0..ROUNDS {
            parsed = Some(jobpilot_resume::parse(pdf, None));
        }
        total += started.elapsed() / ROUNDS;
        let parsed = match parsed {
            Some(Ok(p)) => p,
            Some(Err(e)) => {
                eprintln!("{layout}: {e}");
                continue;
            }
            None => continue,
        };
        pages += parsed.pages;
        let got = score::from_parsed(&parsed);
        rows.push((layout.clone(), score::FIELDS.iter().map(|f| score::count(expected.get(f), got.get(f))).collect()));
    }
    println!("{}", score::table(&rows));
    println!("parse time: {:.1} ms per page ({} pages, mean of {ROUNDS} rounds)", total.as_secs_f64() * 1000.0 / f64::from(pages.max(1)), pages);
    match peak_memory_kib() {
        Some(kib) => println!("peak memory (VmHWM): {:.1} MiB", kib as f64 / 1024.0),
        None => println!("peak memory: unavailable (no /proc/self/status)"),
    }
}

/// The process's peak resident set, from Linux's /proc/self/status.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}
