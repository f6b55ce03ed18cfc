//! `jobpilot ingest FILE…`: reads job-board payloads and exports into the catalog, with a progress
//! bar and a summary line. Each file is one board; a file that cannot be read is reported and the
//! others still go in.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;
use crate::connectors::{self, BoardContext};
use crate::domain::posting::SourceKind;
use crate::domain::skills::SkillMatcher;
use crate::runtime::Database;
use crate::services::catalog::{self, IngestSummary};

/// Largest file `ingest` reads; larger exports should be split.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

#[derive(Clone, Debug, Args)]
pub struct IngestArgs {
    /// Files to read: a board's JSON (Greenhouse, Lever, Ashby, …), a page with JSON-LD, or a CSV/JSON export.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Payload format: `auto` recognises it from the content; otherwise one of greenhouse, lever,
    /// ashby, workday, smartrecruiters, recruitee, workable, teamtailor, bamboohr, rippling,
    /// eightfold, oracle_orc, jsonld, file.
    #[arg(long, default_value = "auto", value_parser = parse_format)]
    pub format: Format,
    /// Company the postings belong to, when the payload does not name it.
    #[arg(long)]
    pub company: Option<String>,
    /// The URL the file was downloaded from; some boards (Workday, BambooHR, Oracle) need it to
    /// build each posting's public link.
    #[arg(long)]
    pub source_url: Option<String>,
    /// The file holds only part of the board: do not close postings it does not list.
    #[arg(long)]
    pub partial: bool,
}

/// `--format`: detected, or named.
#[derive(Clone, Copy, Debug)]
pub struct Format(pub Option<SourceKind>);

fn parse_format(value: &str) -> Result<Format, String> {
    if value.eq_ignore_ascii_case("auto") {
        return Ok(Format(None));
    }
    SourceKind::from_name(value).map(|kind| Format(Some(kind))).ok_or_else(|| {
        let names: Vec<&str> = SourceKind::ALL.iter().map(|k| k.name()).collect();
        format!("unknown format '{value}'; use auto or one of: {}", names.join(", "))
    })
}

/// Ingests every input; fails (non-zero exit) if any input could not be read, after doing the rest.
pub async fn run(config: &Config, args: IngestArgs) -> anyhow::Result<()> {
    let database = Database::open(config).await?;
    // Drawn on stderr only when it is a terminal; the per-file lines always reach stdout.
    let progress = ProgressBar::new(args.inputs.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} files {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut total = IngestSummary::default();
    let mut failures = 0;
    for input in &args.inputs {
        progress.set_message(input.display().to_string());
        match ingest_file(&database, &args, input).await {
            Ok(summary) => {
                progress.suspend(|| println!("{}", describe(input, &summary)));
                add(&mut total, summary);
            }
            Err(error) => {
                failures += 1;
                progress.suspend(|| println!("{}: not ingested: {error:#}", input.display()));
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    println!("{}", counts(&total));
    database.close().await?;
    anyhow::ensure!(failures == 0, "{failures} of {} inputs could not be ingested", args.inputs.len());
    Ok(())
}

async fn ingest_file(database: &Database, args: &IngestArgs, input: &Path) -> anyhow::Result<IngestSummary> {
    let text = input.to_string_lossy();
    anyhow::ensure!(
        !text.starts_with("http://") && !text.starts_with("https://"),
        "fetching URLs is not supported yet; download the payload and pass the file"
    );
    let size = std::fs::metadata(input).with_context(|| "cannot read the file".to_string())?.len();
    anyhow::ensure!(size <= MAX_FILE_BYTES, "the file is {} MiB; the limit is {} MiB: split it", size >> 20, MAX_FILE_BYTES >> 20);
    let payload = std::fs::read(input).context("cannot read the file")?;
    let context =
        BoardContext { company_name: args.company.clone(), board_slug: None, source_url: args.source_url.clone() };
    let parsed = connectors::parse(args.format.0, &payload, &context)?;
    catalog::ingest(&database.system, parsed, SkillMatcher::builtin(), !args.partial).await
}

fn add(total: &mut IngestSummary, summary: IngestSummary) {
    total.inserted += summary.inserted;
    total.updated += summary.updated;
    total.unchanged += summary.unchanged;
    total.closed += summary.closed;
    total.skipped.extend(summary.skipped);
}

fn counts(summary: &IngestSummary) -> String {
    format!(
        "inserted {}, updated {}, unchanged {}, skipped {}, closed {}",
        summary.inserted,
        summary.updated,
        summary.unchanged,
        summary.skipped.len(),
        summary.closed
    )
}

/// One line per file, then one line per skipped posting with its reason.
fn describe(input: &Path, summary: &IngestSummary) -> String {
    let mut text = format!("{}: {}", input.display(), counts(summary));
    for (id, reason) in &summary.skipped {
        text.push_str(&format!("\n  skipped {}: {reason}", id.as_deref().unwrap_or("(no id)")));
    }
    text
}
