//! The `jobpilot` binary: parse the command line, start logging, run the command.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = jobpilot::cli::Cli::parse();
    jobpilot::telemetry::init(&cli.config);
    match jobpilot::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
