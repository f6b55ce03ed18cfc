//! Operator commands for matching: `jobpilot feed --user EMAIL` prints a user's feed as a
//! table; `jobpilot enrich` rescoring now (one user or everyone) and `jobpilot enrichments`
//! shows recent scoring runs and their progress.

use clap::Args;

use crate::config::Config;
use crate::db;
use crate::db::enrichments::FeedFilter;
use crate::runtime::Database;
use crate::services::{self, matching};

#[derive(Clone, Debug, Args)]
pub struct FeedArgs {
    /// The user's email.
    #[arg(long)]
    pub user: String,
    /// Rows to print (1 to 100).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(i64).range(1..=100))]
    pub limit: i64,
}

#[derive(Clone, Debug, Args)]
pub struct EnrichArgs {
    /// Rescore one user's recent postings; without it, the nightly backfill runs now (salary
    /// benchmarks, then every user).
    #[arg(long)]
    pub user: Option<String>,
}

#[derive(Clone, Debug, Args)]
pub struct RunsArgs {
    /// Runs to show, newest first.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(i64).range(1..=1000))]
    pub limit: i64,
}

/// The id of the user with this email (an error naming it when there is none).
pub(crate) async fn user_id(database: &Database, email: &str) -> anyhow::Result<uuid::Uuid> {
    let mut conn = database.system.acquire().await?;
    db::users::id_by_email(&mut conn, email.trim()).await?.ok_or_else(|| anyhow::anyhow!("no user with email {email:?}"))
}

/// `jobpilot feed`.
pub async fn feed(config: &Config, args: FeedArgs) -> anyhow::Result<()> {
    let database = Database::open(config).await?;
    let result = print_feed(&database, &args).await;
    database.close().await?;
    result
}

async fn print_feed(database: &Database, args: &FeedArgs) -> anyhow::Result<()> {
    let id = user_id(database, &args.user).await?;
    let page = services::feed::page(&database.app, id, &FeedFilter::default(), None, args.limit).await?;
    if page.items.is_empty() {
        let hint = page.hint.map(|h| h.message).unwrap_or_default();
        println!("{} has nothing in their feed. {hint}", args.user);
        return Ok(());
    }
    println!("{:>5}  {:<44} {:<24} {:<8} WHY", "FIT", "TITLE", "COMPANY", "REMOTE");
    for item in page.items {
        let company = item.company.map(|c| c.name).unwrap_or_default();
        let remote = if item.remote_flag { "remote" } else { "" };
        println!(
            "{:>5}  {:<44} {:<24} {:<8} {}",
            item.fit_score,
            clip(&item.title, 44),
            clip(&company, 24),
            remote,
            item.rationale.unwrap_or_default()
        );
    }
    Ok(())
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width { text.to_string() } else { text.chars().take(width - 1).collect::<String>() + "…" }
}

/// `jobpilot enrich`.
pub async fn enrich(config: &Config, args: EnrichArgs) -> anyhow::Result<()> {
    let database = Database::open(config).await?;
    let result = async {
        let summary = match &args.user {
            Some(email) => {
                let id = user_id(&database, email).await?;
                matching::enrich(&database.system, matching::Scope::User(id)).await?
            }
            None => {
                let groups = matching::refresh_benchmarks(&database.system).await?;
                let check = matching::check_estimates(&database.system).await?;
                println!(
                    "salary benchmarks: {groups} groups; with its employer's postings hidden, {} of {} postings that state pay get an estimate ({:.0}%), median error {:.1}%, {:.0}% inside the estimate's range",
                    check.estimated, check.postings, 100.0 * check.coverage, 100.0 * check.median_error, 100.0 * check.within_range
                );
                matching::enrich(&database.system, matching::Scope::Backfill).await?
            }
        };
        println!(
            "scored {} postings ({} pairs) in {:.1} s: {} rows written, {} removed in {:.1} s",
            summary.postings,
            summary.pairs,
            summary.scoring.as_secs_f64(),
            summary.rows_written,
            summary.rows_removed,
            summary.writing.as_secs_f64()
        );
        anyhow::Ok(())
    }
    .await;
    database.close().await?;
    result
}

/// `jobpilot enrichments`.
pub async fn runs(config: &Config, args: RunsArgs) -> anyhow::Result<()> {
    let database = Database::open(config).await?;
    let result = async {
        let mut conn = database.system.acquire().await?;
        let runs = db::enrichment_runs::recent(&mut conn, args.limit).await?;
        println!("{:<20} {:<9} {:>15} {:>12} {:>10} {:>9}  STATE", "STARTED", "KIND", "POSTINGS", "PAIRS", "WRITTEN", "REMOVED");
        for r in runs {
            let state = match (&r.finished_at, &r.error) {
                (_, Some(error)) => format!("failed: {error}"),
                (Some(done), None) => format!("done in {:.1}s", (*done - r.started_at).num_milliseconds() as f64 / 1000.0),
                (None, None) => "running".into(),
            };
            println!(
                "{:<20} {:<9} {:>15} {:>12} {:>10} {:>9}  {state}",
                r.started_at.format("%Y-%m-%d %H:%M:%S"),
                r.kind,
                format!("{}/{}", r.postings_done, r.postings_total),
                r.pairs_scored,
                r.rows_written,
                r.rows_removed
            );
        }
        anyhow::Ok(())
    }
    .await;
    database.close().await?;
    result
}
