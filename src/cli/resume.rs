//! `jobpilot resume parse FILE [--json]`: reads a resume file with the same parser as uploads and
//! prints its sections, as text or as the parser's JSON. Needs no database. A file that cannot
//! be read ends with the parser's message and a failing exit code.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use jobpilot_resume::{Parsed, Sections};

#[derive(Debug, Args)]
pub struct ResumeArgs {
    #[command(subcommand)]
    pub command: ResumeCommand,
}

#[derive(Debug, Subcommand)]
pub enum ResumeCommand {
    /// Read a resume (PDF, DOCX, text or JSON Resume) and print its sections.
    Parse(ParseArgs),
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The resume file.
    pub file: PathBuf,
    /// Print the parser's result as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ResumeArgs) -> anyhow::Result<()> {
    match args.command {
        ResumeCommand::Parse(args) => parse(args),
    }
}

fn parse(args: ParseArgs) -> anyhow::Result<()> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let name = args.file.file_name().map(|n| n.to_string_lossy().into_owned());
    let parsed = jobpilot_resume::parse(&bytes, name.as_deref())
        .map_err(|e| anyhow::anyhow!("{} could not be read as a resume: {e}", args.file.display()))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&parsed)?);
    } else {
        print!("{}", text(&parsed));
    }
    Ok(())
}

/// The sections as a person reads them, with what was not found at the end.
pub fn text(parsed: &Parsed) -> String {
    let s: &Sections = &parsed.sections;
    let mut out = String::new();
    let c = &s.contact;
    let line = |out: &mut String, label: &str, value: Option<&str>| {
        if let Some(value) = value {
            let _ = writeln!(out, "{label:<10} {value}");
        }
    };
    line(&mut out, "Name", c.name.as_deref());
    line(&mut out, "Email", c.email.as_deref());
    line(&mut out, "Phone", c.phone.as_deref());
    line(&mut out, "Location", c.location.as_deref());
    if !c.links.is_empty() {
        line(&mut out, "Links", Some(&c.links.join(", ")));
    }
    line(&mut out, "Headline", s.headline.as_deref());
    if let Some(summary) = &s.summary {
        let _ = writeln!(out, "\nSUMMARY\n  {summary}");
    }
    if !s.experience.is_empty() {
        let _ = writeln!(out, "\nEXPERIENCE");
        for e in &s.experience {
            let end = if e.current { Some("present") } else { e.end.as_deref() };
            let _ = writeln!(out, "  {} — {}  [{} – {}]{}", e.role, e.company, e.start.as_deref().unwrap_or("?"), end.unwrap_or("?"),
                e.location.as_deref().map(|l| format!("  {l}")).unwrap_or_default());
            for bullet in &e.bullets {
                let _ = writeln!(out, "    • {bullet}");
            }
        }
    }
    if !s.education.is_empty() {
        let _ = writeln!(out, "\nEDUCATION");
        for e in &s.education {
            let what = [e.degree.as_deref(), e.field.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
            let _ = writeln!(out, "  {}{}{}", e.school, if what.is_empty() { String::new() } else { format!(" — {what}") },
                e.year.as_deref().map(|y| format!("  ({y})")).unwrap_or_default());
        }
    }
    for (title, list) in [("SKILLS", &s.skills), ("CERTIFICATIONS", &s.certifications), ("LANGUAGES", &s.languages)] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{title}\n  {}", list.join(", "));
        }
    }
    if !s.projects.is_empty() {
        let _ = writeln!(out, "\nPROJECTS");
        for p in &s.projects {
            let _ = writeln!(out, "  {}{}", p.name, p.url.as_deref().map(|u| format!("  <{u}>")).unwrap_or_default());
        }
    }
    let _ = writeln!(out, "\nRead as {:?}, {} page(s).", parsed.format, parsed.pages);
    if !parsed.not_found.is_empty() {
        let _ = writeln!(out, "Not found: {}", parsed.not_found.join(", "));
    }
    for note in &parsed.notes {
        let _ = writeln!(out, "Note: {note}");
    }
    out
}
