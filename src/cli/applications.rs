//! `jobpilot applications import|export`: a user's pipeline in and out as CSV from the command
//! line, through the same services as the API (so rows are checked, de-duplicated and audited
//! alike). A file refused whole, or any row in error, ends with a failing exit code.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::feed::user_id;
use crate::config::Config;
use crate::domain::csv_dates::DateOrder;
use crate::runtime::Database;
use crate::services::{self, Caller};

#[derive(Debug, Args)]
pub struct ApplicationsArgs {
    #[command(subcommand)]
    pub command: ApplicationsCommand,
}

#[derive(Debug, Subcommand)]
pub enum ApplicationsCommand {
    /// Import applications from a CSV file (columns: docs/pipeline-csv.md).
    Import(ImportArgs),
    /// Write every application of the user as CSV.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The user's email.
    #[arg(long)]
    pub user: String,
    /// The CSV file.
    pub file: PathBuf,
    /// Only report what would be imported.
    #[arg(long)]
    pub dry_run: bool,
    /// How to read 03/05/2024: mdy (month first) or dmy.
    #[arg(long, default_value = "mdy", value_parser = ["mdy", "dmy"])]
    pub date_order: String,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The user's email.
    #[arg(long)]
    pub user: String,
    /// Where to write the file (standard output without it).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// `jobpilot applications …`.
pub async fn run(config: &Config, args: ApplicationsArgs) -> anyhow::Result<()> {
    let database = Database::open(config).await?;
    let result = match args.command {
        ApplicationsCommand::Import(args) => import(&database, args).await,
        ApplicationsCommand::Export(args) => export(&database, args).await,
    };
    database.close().await?;
    result
}

async fn import(database: &Database, args: ImportArgs) -> anyhow::Result<()> {
    let bytes = std::fs::read(&args.file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.file.display()))?;
    let caller = Caller { user_id: user_id(database, &args.user).await?, ip: None };
    let order = DateOrder::parse(&args.date_order).unwrap_or_default();
    let report = services::applications_import::import(&database.app, &database.system, caller, &bytes, order, args.dry_run)
        .await
        .map_err(|error| match error {
            crate::error::AppError::Validation(errors) => {
                anyhow::anyhow!("{}: {}", args.file.display(), errors.into_iter().map(|e| e.detail).collect::<Vec<_>>().join("; "))
            }
            crate::error::AppError::TooLarge(error) => anyhow::anyhow!("{}: {}", args.file.display(), error.detail),
            other => anyhow::Error::new(other),
        })?;
    let verb = if args.dry_run { "would create" } else { "created" };
    for row in &report.created {
        println!("line {:>5}  {verb}  {} — {} ({})", row.line, row.company, row.title, row.stage);
    }
    for row in &report.skipped {
        println!("line {:>5}  skipped  {}", row.line, row.reason);
    }
    for row in &report.errors {
        println!("line {:>5}  error    {}", row.line, row.reason);
    }
    if !report.ignored_columns.is_empty() {
        println!("columns not read: {}", report.ignored_columns.join(", "));
    }
    println!("{} {verb}, {} skipped, {} with errors", report.created.len(), report.skipped.len(), report.errors.len());
    if report.errors.is_empty() { Ok(()) } else { Err(anyhow::anyhow!("{} rows had errors", report.errors.len())) }
}

async fn export(database: &Database, args: ExportArgs) -> anyhow::Result<()> {
    let id = user_id(database, &args.user).await?;
    let bytes = services::applications_export::all(&database.app, id).await?;
    match &args.output {
        Some(path) => std::fs::write(path, &bytes).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(())
}
