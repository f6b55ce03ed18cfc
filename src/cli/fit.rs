//! `jobpilot fit score|tailor`: the ATS score and the tailored sections of a resume file for a
//! job description file, offline (no database, the built-in rules), for an operator checking
//! the rules on their own documents.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use jobpilot_resume::Sections;

use crate::domain::resume_fit::{self, PostingText};

#[derive(Debug, Args)]
pub struct FitArgs {
    #[command(subcommand)]
    pub command: FitCommand,
}

#[derive(Debug, Subcommand)]
pub enum FitCommand {
    /// Score a resume against a job description: keywords, breakdown, suggestions.
    Score(FitFiles),
    /// Print the tailored sections (JSON) and the RFC 6902 patch from the resume to them.
    Tailor(FitFiles),
}

#[derive(Debug, Args)]
pub struct FitFiles {
    /// The resume: PDF, DOCX, plain text, JSON Resume, or Jobpilot's sections JSON.
    #[arg(long)]
    pub resume: PathBuf,
    /// The job description as plain text.
    #[arg(long)]
    pub posting: PathBuf,
    /// The posting's title (default: the description's first line).
    #[arg(long)]
    pub title: Option<String>,
    /// Print JSON instead of a summary.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: FitArgs) -> anyhow::Result<()> {
    match args.command {
        FitCommand::Score(files) => {
            let (resume, posting) = read(&files)?;
            let report = resume_fit::score(&resume, &posting);
            if files.json {
                println!("{}", serde_json::to_string_pretty(&report)?);
                return Ok(());
            }
            println!("ATS score: {}/100 for “{}”", report.score, posting.title);
            for part in &report.breakdown {
                println!("  {:<20} {:>5.1} of {:>4.1}  ({})", part.name, part.points, part.weight, part.detail);
            }
            println!("Matched: {}", report.matched.join(", "));
            println!("Missing: {}", report.missing.join(", "));
            for suggestion in &report.suggestions {
                println!("- {}{}", suggestion.text, if suggestion.kind == "weak_bullet" { format!(" “{}”", suggestion.subject) } else { String::new() });
            }
            Ok(())
        }
        FitCommand::Tailor(files) => {
            let (resume, posting) = read(&files)?;
            let tailored = resume_fit::tailor(&resume, &posting);
            let problems = resume_fit::violations(&resume, &tailored);
            anyhow::ensure!(problems.is_empty(), "the tailored version broke the truth guard: {problems:?}");
            let patch = json_patch::diff(&serde_json::to_value(&resume)?, &serde_json::to_value(&tailored)?);
            println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "sections": tailored, "patch": patch }))?);
            Ok(())
        }
    }
}

fn read(files: &FitFiles) -> anyhow::Result<(Sections, PostingText)> {
    let bytes = std::fs::read(&files.resume).with_context(|| format!("reading {}", files.resume.display()))?;
    // Jobpilot's own sections JSON (as `resume parse --json` or the API give it) is read as is;
    // anything else goes through the resume parser.
    let sections = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .filter(|v| v.is_object() && !jobpilot_resume::jsonresume::looks_like(v))
        // `resume parse --json` wraps the sections with what was not found.
        .map(|v| v.get("sections").cloned().unwrap_or(v))
        .map(serde_json::from_value::<Sections>);
    let resume = match sections {
        Some(sections) => sections.with_context(|| format!("{} is neither JSON Resume nor resume sections", files.resume.display()))?,
        None => jobpilot_resume::parse(&bytes, files.resume.to_str()).map_err(|e| anyhow::anyhow!("{}: {e}", files.resume.display()))?.sections,
    };
    let description = std::fs::read_to_string(&files.posting).with_context(|| format!("reading {}", files.posting.display()))?;
    let title = match &files.title {
        Some(title) => title.clone(),
        None => description.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().to_string(),
    };
    Ok((resume, PostingText { title, company: None, description }))
}
