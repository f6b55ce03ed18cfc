//! `cargo run --release -p jobpilot-render --bin bench-render [RUNS]`: render time per PDF and
//! DOCX per template for resumes of one, two and three pages' worth of generated content
//! (median and p95 over RUNS, default 30), peak memory (VmHWM) and resident-memory growth per
//! render after warm-up (a leak or an unbounded cache shows here).

use std::time::Instant;

use jobpilot_render::{OutputFormat, Paper, Template, render};
use jobpilot_resume::{Contact, Education, Experience, Project, Sections};

/// A made-up resume with `jobs` jobs of five long bullets each (about four jobs a page).
fn resume(jobs: usize) -> Sections {
    let words = ["designed", "shipped", "migrated", "reduced", "latency", "pipeline", "customers", "billing", "search",
        "Kubernetes", "PostgreSQL", "on-call", "by 35%", "across 4 teams", "in Rust", "every quarter"];
    let sentence = |seed: usize, n: usize| (0..n).map(|i| words[(seed * 7 + i * 3) % words.len()]).collect::<Vec<_>>().join(" ");
    Sections {
        contact: Contact { name: Some("Jordan Example".into()), email: Some("jordan@example.org".into()), phone: Some("+1 555 0100".into()),
            location: Some("Denver, CO".into()), links: vec!["https://example.org/jordan".into()] },
        headline: Some("Senior Software Engineer".into()),
        summary: Some(sentence(1, 40)),
        skills: (0..18).map(|i| format!("{} {i}", words[i % words.len()])).collect(),
        experience: (0..jobs)
            .map(|j| Experience {
                company: format!("Company {j} Inc"),
                role: format!("Engineer level {j}"),
                location: Some("Remote".into()),
                start: Some(format!("{}-0{}", 2010 + j, 1 + j % 9)),
                end: if j == 0 { None } else { Some(format!("{}-0{}", 2011 + j, 1 + j % 9)) },
                current: j == 0,
                bullets: (0..5).map(|b| sentence(j * 5 + b, 18)).collect(),
            })
            .collect(),
        education: vec![Education { school: "State University".into(), degree: Some("BSc".into()), field: Some("Computer Science".into()),
            start: Some("2006".into()), year: Some("2010".into()) }],
        certifications: vec!["AWS Solutions Architect".into()],
        projects: vec![Project { name: "Open tool".into(), description: Some(sentence(99, 12)), url: None, bullets: vec![] }],
        languages: vec!["English".into(), "Spanish".into()],
        ..Sections::default()
    }
}

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Pages in a typst PDF: page objects are written as plain dictionaries (`/Type/Page`).
fn pages(pdf: &[u8]) -> usize {
    let count = |needle: &[u8]| pdf.windows(needle.len() + 1).filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's').count();
    count(b"/Type/Page") + count(b"/Type /Page")
}

/// typst memoises whole compilations: rendering identical input again is a cache hit, not a
/// render. Each timed run changes one line, as real resumes differ from each other.
fn varied(base: &Sections, run: usize) -> Sections {
    let mut s = base.clone();
    s.summary = Some(format!("{} (variant {run})", base.summary.as_deref().unwrap_or_default()));
    s
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(30);
    // Warm-up: font parsing and typst's first-use setup, paid once per process.
    let cold = Instant::now();
    render(&resume(3), Template::Classic, Paper::A4, OutputFormat::Pdf).expect("render");
    println!("first render (cold, parses fonts): {:.1} ms", cold.elapsed().as_secs_f64() * 1e3);
    println!("{:<8} {:<8} {:<5} {:>5} {:>10} {:>10} {:>9}", "size", "template", "fmt", "pages", "median ms", "p95 ms", "KiB");
    for (label, jobs) in [("1 page", 1), ("2 pages", 4), ("3 pages", 8)] {
        let sections = resume(jobs);
        for template in Template::ALL {
            // The PDF twice: as a server renders (typst's caches warm from earlier renders) and
            // with every cache cleared first (the worst case: nothing reused).
            for (format, clear) in [(OutputFormat::Pdf, false), (OutputFormat::Pdf, true), (OutputFormat::Docx, false)] {
                let mut times = Vec::with_capacity(runs);
                let mut bytes = Vec::new();
                for run in 0..runs {
                    let input = varied(&sections, run);
                    if clear {
                        typst::comemo::evict(0);
                    }
                    let start = Instant::now();
                    bytes = render(&input, template, Paper::A4, format).expect("render");
                    times.push(start.elapsed().as_secs_f64() * 1e3);
                }
                times.sort_by(f64::total_cmp);
                let pages = if format == OutputFormat::Pdf { pages(&bytes).to_string() } else { "-".into() };
                let fmt = if clear { "pdf*" } else { format.as_str() };
                println!("{label:<8} {:<8} {fmt:<5} {pages:>5} {:>10.1} {:>10.1} {:>9.1}", template.as_str(),
                    percentile(&times, 0.5), percentile(&times, 0.95), bytes.len() as f64 / 1024.0);
            }
        }
    }
    // Growth: the same 3-page PDF many times; steady state should not climb.
    let sections = resume(8);
    let before = status_kib("VmRSS:");
    let n = runs * 4;
    for i in 0..n {
        let template = Template::ALL[i % 2];
        render(&varied(&sections, 1000 + i), template, Paper::A4, OutputFormat::Pdf).expect("render");
    }
    let after = status_kib("VmRSS:");
    println!("pdf* = typst's caches cleared before each render");
    println!("peak memory (VmHWM): {:.1} MiB", status_kib("VmHWM:") as f64 / 1024.0);
    println!("resident memory growth over {n} more 3-page PDFs: {:+.1} MiB total, {:+.1} KiB per render",
        (after as f64 - before as f64) / 1024.0, (after as f64 - before as f64) / n as f64);
}
