//! The `jobpilot` command line: one subcommand per thing an operator does.

pub mod ai;
pub mod applications;
pub mod feed;
pub mod fit;
pub mod ingest;
pub mod resume;

use clap::{Parser, Subcommand};

use crate::config::{Config, ServeArgs};
use crate::runtime::Database;

#[derive(Debug, Parser)]
#[command(name = "jobpilot", version, about = "Self-hostable, AI-assisted job-search copilot")]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and API, with the job runner in the same process.
    Serve(ServeArgs),
    /// Run only the job runner (for a separate worker process).
    Worker,
    /// Apply database migrations, then exit.
    Migrate,
    /// Load the demo user and data, then serve.
    Demo(ServeArgs),
    /// Read job postings from files into the catalog.
    Ingest(ingest::IngestArgs),
    /// Print a user's Daily Feed as a table.
    Feed(feed::FeedArgs),
    /// Score postings for users now: one user, or the nightly backfill for everyone.
    Enrich(feed::EnrichArgs),
    /// Show recent scoring runs and how far they got.
    Enrichments(feed::RunsArgs),
    /// Import a user's applications from CSV, or export them.
    Applications(applications::ApplicationsArgs),
    /// Work with resume files (no database needed).
    Resume(resume::ResumeArgs),
    /// Score or tailor a resume file against a job description file, offline.
    Fit(fit::FitArgs),
    /// Check the configured language-model service.
    Ai(ai::AiArgs),
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config;
    if matches!(cli.command, Command::Serve(_) | Command::Worker | Command::Demo(_)) {
        crate::jobs::check_config(&config)?;
    }
    match cli.command {
        Command::Serve(args) => {
            let database = Database::open(&config).await?;
            crate::server::run(config, database, args.bind, !args.no_worker).await
        }
        Command::Worker => crate::jobs::run_standalone(config).await,
        Command::Migrate => {
            let database = Database::open(&config).await?;
            let version = crate::db::applied_migration_version(&database.system).await?;
            println!("database is at migration {}", version.unwrap_or(0));
            database.close().await
        }
        Command::Ingest(args) => ingest::run(&config, args).await,
        Command::Feed(args) => feed::feed(&config, args).await,
        Command::Enrich(args) => feed::enrich(&config, args).await,
        Command::Enrichments(args) => feed::runs(&config, args).await,
        Command::Applications(args) => applications::run(&config, args).await,
        Command::Resume(args) => resume::run(args),
        Command::Fit(args) => fit::run(args),
        Command::Ai(args) => ai::run(&config, args).await,
        Command::Demo(args) => {
            let database = Database::open(&config).await?;
            crate::demo::load(&config, &database).await?;
            crate::server::run(config, database, args.bind, !args.no_worker).await
        }
    }
}
