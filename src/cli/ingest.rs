//! `jobpilot ingest FILE|URL… [--board greenhouse:SLUG]…`: reads job-board payloads, exports and
//! live boards into the catalog, with a progress bar and a summary line per input. An input that
//! cannot be read is reported and the others still go in.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use futures::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;
use crate::connectors::fetch::{BoardRef, Fetcher, Origin};
use crate::connectors::{self, BoardContext};
use crate::domain::posting::{ParsedBoard, SourceKind};
use crate::domain::skills::SkillMatcher;
use crate::runtime::Database;
use crate::services::catalog::{self, IngestSummary};

/// Largest file `ingest` reads (and largest answer it downloads); larger exports should be split.
pub const MAX_FILE_BYTES: u64 = connectors::fetch::MAX_BODY_BYTES;

#[derive(Clone, Debug, Args)]
pub struct IngestArgs {
    /// Files or http(s) URLs to read: a board's JSON (Greenhouse, Lever, Ashby, …), a page with
    /// JSON-LD, or a CSV/JSON export.
    #[arg(required_unless_present = "boards")]
    pub inputs: Vec<PathBuf>,
    /// A live board to fetch: greenhouse:SLUG, lever:SLUG or ashby:SLUG. Repeatable.
    #[arg(long = "board", value_name = "KIND:SLUG", value_parser = parse_board)]
    pub boards: Vec<BoardRef>,
    /// Payload format: `auto` recognises it from the content; otherwise one of greenhouse, lever,
    /// ashby, workday, smartrecruiters, recruitee, workable, teamtailor, bamboohr, rippling,
    /// eightfold, oracle_orc, jsonld, file. A `--board` always reads its own board's format.
    #[arg(long, default_value = "auto", value_parser = parse_format)]
    pub format: Format,
    /// Company the postings belong to, when the payload does not name it (a board's slug is
    /// used otherwise).
    #[arg(long)]
    pub company: Option<String>,
    /// The URL a file was downloaded from; some boards (Workday, BambooHR, Oracle) need it to
    /// build each posting's public link. Fetched inputs use the URL they came from.
    #[arg(long)]
    pub source_url: Option<String>,
    /// The input holds only part of the board: do not close postings it does not list.
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

/// `--board` takes board names only; URLs are plain inputs.
fn parse_board(value: &str) -> Result<BoardRef, String> {
    match BoardRef::parse(value).map_err(|error| error.to_string())? {
        BoardRef::Url(_) => Err("give URLs as plain inputs, not with --board".into()),
        board => Ok(board),
    }
}

/// One thing to ingest, in the order given: the inputs, then the boards.
enum Input {
    File(PathBuf),
    Live(BoardRef),
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(path) => write!(f, "{}", path.display()),
            Self::Live(board) => write!(f, "{board}"),
        }
    }
}

fn inputs(args: &IngestArgs) -> Vec<Result<Input, String>> {
    let given = args.inputs.iter().map(|path| {
        let text = path.to_string_lossy();
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            BoardRef::parse(&text).map(Input::Live).map_err(|error| format!("{text}: not ingested: {error}"))
        } else {
            Ok(Input::File(path.clone()))
        }
    });
    given.chain(args.boards.iter().cloned().map(|board| Ok(Input::Live(board)))).collect()
}

/// Ingests every input; fails (non-zero exit) if any input could not be read, after doing the rest.
pub async fn run(config: &Config, args: IngestArgs) -> anyhow::Result<()> {
    let inputs = inputs(&args);
    let fetcher = Fetcher::from_config(config)?;
    let database = Database::open(config).await?;
    // Drawn on stderr only when it is a terminal; the per-input lines always reach stdout.
    let progress = ProgressBar::new(inputs.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} inputs {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let (db, fetcher, args) = (&database, &fetcher, &args);
    // Inputs overlap (each read and parsed on a blocking thread, then stored) and report in order.
    let mut outcomes = futures::stream::iter(inputs.iter().map(|input| async move {
        let input = input.as_ref().map_err(String::clone)?;
        let summary = ingest_one(db, fetcher, args, input).await;
        summary.map(|summary| (input, summary)).map_err(|error| format!("{input}: not ingested: {error:#}"))
    }))
    .buffered(catalog::BOARDS_AT_ONCE);
    let mut total = IngestSummary::default();
    let mut failures = 0;
    for input in &inputs {
        progress.set_message(input.as_ref().map_or_else(String::clone, ToString::to_string));
        let Some(outcome) = outcomes.next().await else { break };
        match outcome {
            Ok((input, summary)) => {
                progress.suspend(|| println!("{}", describe(input, &summary)));
                total.add(summary);
            }
            Err(message) => {
                failures += 1;
                progress.suspend(|| println!("{message}"));
            }
        }
        progress.inc(1);
    }
    drop(outcomes); // it borrows `database`, closed below
    progress.finish_and_clear();
    println!("{}", counts(&total));
    database.close().await?;
    anyhow::ensure!(failures == 0, "{failures} of {} inputs could not be ingested", inputs.len());
    Ok(())
}

async fn ingest_one(database: &Database, fetcher: &Fetcher, args: &IngestArgs, input: &Input) -> anyhow::Result<IngestSummary> {
    let parsed = match input {
        Input::File(path) => {
            let (path, format, context) = (path.clone(), args.format.0, file_context(args));
            tokio::task::spawn_blocking(move || read_file(&path, format, &context)).await??
        }
        Input::Live(board) => fetcher.fetch_board(board, Origin::Operator, args.company.as_deref(), args.format.0).await?,
    };
    catalog::ingest(&database.system, parsed, SkillMatcher::builtin(), !args.partial).await
}

fn file_context(args: &IngestArgs) -> BoardContext {
    BoardContext { company_name: args.company.clone(), board_slug: None, source_url: args.source_url.clone() }
}

fn read_file(input: &Path, format: Option<SourceKind>, context: &BoardContext) -> anyhow::Result<ParsedBoard> {
    let size = std::fs::metadata(input).context("cannot read the file")?.len();
    anyhow::ensure!(size <= MAX_FILE_BYTES, "the file is {} MiB; the limit is {} MiB: split it", size >> 20, MAX_FILE_BYTES >> 20);
    let payload = std::fs::read(input).context("cannot read the file")?;
    Ok(connectors::parse(format, &payload, context)?)
}

/// The counts, then how much of what was stored is tagged and how much has no company (both
/// feed the scores users see, so an operator should notice a board that tags poorly).
fn counts(summary: &IngestSummary) -> String {
    let tagged = summary
        .tagged_percent()
        .map_or_else(|| "-".to_string(), |percent| format!("{percent}%"));
    format!(
        "inserted {}, updated {}, unchanged {}, skipped {}, closed {}, tagged {tagged}, without company {}",
        summary.inserted,
        summary.updated,
        summary.unchanged,
        summary.skipped.len(),
        summary.closed,
        summary.without_company
    )
}

/// One line per input, then one line per skipped posting with its reason.
fn describe(input: &Input, summary: &IngestSummary) -> String {
    let mut text = format!("{input}: {}", counts(summary));
    for (id, reason) in &summary.skipped {
        text.push_str(&format!("\n  skipped {}: {reason}", id.as_deref().unwrap_or("(no id)")));
    }
    text
}
