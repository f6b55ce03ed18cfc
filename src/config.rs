//! Runtime configuration, read once from command-line flags and environment variables.
//!
//! Nothing else in Jobpilot reads `std::env`: every knob is a field here, documented in
//! `.env.sample` and the README. Secrets are redacted from `Debug` so the config can be logged.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Settings shared by every subcommand.
#[derive(Clone, Args)]
pub struct Config {
    /// PostgreSQL server to use. Unset: Jobpilot runs its own embedded cluster in the data folder.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// Folder for the embedded database and other local state.
    #[arg(long, env = "JOBPILOT_DATA_DIR", default_value = "./.jobpilot", global = true)]
    pub data_dir: PathBuf,

    /// Folder holding PostgreSQL's server binaries (initdb, pg_ctl, postgres) for the embedded cluster.
    #[arg(long, env = "PG_BIN_DIR", global = true)]
    pub pg_bin_dir: Option<PathBuf>,

    /// Most database connections each pool may open.
    #[arg(long, env = "JOBPILOT_DB_MAX_CONNECTIONS", default_value_t = 10, global = true,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub db_max_connections: u32,

    /// Address users reach Jobpilot at; an https URL makes session cookies `Secure`.
    #[arg(long, env = "JOBPILOT_PUBLIC_URL", default_value = "http://127.0.0.1:8080", global = true)]
    pub public_url: String,

    /// Take the client address from the last `X-Forwarded-For` hop, the one your reverse proxy
    /// appended (only behind your own proxy: the earlier hops are whatever the client sent).
    #[arg(long, env = "JOBPILOT_TRUST_PROXY", default_value_t = false, global = true)]
    pub trust_proxy: bool,

    /// Log filter, in tracing's `EnvFilter` syntax.
    #[arg(long, env = "JOBPILOT_LOG", default_value = "info,sqlx=warn", global = true)]
    pub log: String,

    /// Log line format.
    #[arg(long, env = "JOBPILOT_LOG_FORMAT", value_enum, default_value = "text", global = true)]
    pub log_format: LogFormat,

    /// Days a web session lasts without use.
    #[arg(long, env = "JOBPILOT_SESSION_IDLE_DAYS", default_value_t = 7, global = true,
          value_parser = clap::value_parser!(i64).range(1..=365))]
    pub session_idle_days: i64,

    /// Days an API token lives before it expires.
    #[arg(long, env = "JOBPILOT_TOKEN_TTL_DAYS", default_value_t = 90, global = true,
          value_parser = clap::value_parser!(i64).range(1..=3650))]
    pub token_ttl_days: i64,

    /// Failed logins for one account within 15 minutes before it is locked for 15 minutes.
    #[arg(long, env = "JOBPILOT_LOGIN_MAX_FAILURES_PER_ACCOUNT", default_value_t = 5, global = true,
          value_parser = clap::value_parser!(i32).range(1..=1000))]
    pub login_max_failures_per_account: i32,

    /// Failed logins from one IP address within 15 minutes before it is locked for 15 minutes.
    #[arg(long, env = "JOBPILOT_LOGIN_MAX_FAILURES_PER_IP", default_value_t = 20, global = true,
          value_parser = clap::value_parser!(i32).range(1..=100_000))]
    pub login_max_failures_per_ip: i32,

    /// Sign-ups from one IP address within 15 minutes before it must wait 15 minutes (bounds
    /// account spam and probing which emails are registered).
    #[arg(long, env = "JOBPILOT_SIGNUP_MAX_PER_IP", default_value_t = 20, global = true,
          value_parser = clap::value_parser!(i32).range(1..=100_000))]
    pub signup_max_per_ip: i32,

    /// Cron schedule (UTC) of the job that purges expired sessions and API tokens: 5 fields, or 6
    /// with leading seconds.
    #[arg(long, env = "JOBPILOT_PURGE_CRON", default_value = "*/15 * * * *", global = true)]
    pub purge_cron: String,

    /// Base URL of Greenhouse's public boards API (tests point it at a local server).
    #[arg(long, env = "JOBPILOT_GREENHOUSE_API_URL", default_value = "https://boards-api.greenhouse.io", global = true)]
    pub greenhouse_api_url: String,

    /// Base URL of Lever's public postings API.
    #[arg(long, env = "JOBPILOT_LEVER_API_URL", default_value = "https://api.lever.co", global = true)]
    pub lever_api_url: String,

    /// Base URL of Ashby's public posting API.
    #[arg(long, env = "JOBPILOT_ASHBY_API_URL", default_value = "https://api.ashbyhq.com", global = true)]
    pub ashby_api_url: String,

    /// Seconds one board fetch may take, from connecting to the last byte.
    #[arg(long, env = "JOBPILOT_FETCH_TIMEOUT_SECS", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub fetch_timeout_secs: u64,

    /// Least time between the end of one request to a host and the start of the next.
    #[arg(long, env = "JOBPILOT_FETCH_HOST_GAP_MS", default_value_t = 1000, global = true,
          value_parser = clap::value_parser!(u64).range(0..=600_000))]
    pub fetch_host_gap_ms: u64,

    /// Let users register source URLs on private, loopback or link-local addresses (off: a
    /// registered URL could otherwise make the server fetch from its own network).
    #[arg(long, env = "JOBPILOT_FETCH_ALLOW_PRIVATE", default_value_t = false, global = true)]
    pub fetch_allow_private: bool,

    /// Cron schedule (UTC) of the check that queues a refresh for every registered source that is due.
    #[arg(long, env = "JOBPILOT_SOURCES_CRON", default_value = "* * * * *", global = true)]
    pub sources_cron: String,

    /// Cron schedule (UTC) of the check that runs every saved search whose own schedule is due.
    #[arg(long, env = "JOBPILOT_SCOUT_CRON", default_value = "* * * * *", global = true)]
    pub scout_cron: String,

    /// Cron schedule (UTC) of the nightly rescoring of recent postings for every user, after
    /// rebuilding the salary benchmarks.
    #[arg(long, env = "JOBPILOT_BACKFILL_CRON", default_value = "30 3 * * *", global = true)]
    pub backfill_cron: String,

    /// Cron schedule (UTC) of the reminders: a notification for each task due and each event
    /// starting within the next 24 hours (once each).
    #[arg(long, env = "JOBPILOT_REMINDERS_CRON", default_value = "*/5 * * * *", global = true)]
    pub reminders_cron: String,

    /// SMTP server for digest emails; unset, no email is sent (notifications still are).
    #[arg(long, env = "JOBPILOT_SMTP_HOST", global = true)]
    pub smtp_host: Option<String>,

    /// SMTP port (587 for STARTTLS, 465 for TLS, 25 or a local relay's port for none).
    #[arg(long, env = "JOBPILOT_SMTP_PORT", default_value_t = 587, global = true)]
    pub smtp_port: u16,

    /// How the SMTP connection is secured.
    #[arg(long, env = "JOBPILOT_SMTP_TLS", value_enum, default_value = "starttls", global = true)]
    pub smtp_tls: SmtpTls,

    /// SMTP user name, if the server wants one.
    #[arg(long, env = "JOBPILOT_SMTP_USERNAME", global = true)]
    pub smtp_username: Option<String>,

    /// SMTP password (never logged).
    #[arg(long, env = "JOBPILOT_SMTP_PASSWORD", global = true, hide_env_values = true)]
    pub smtp_password: Option<String>,

    /// The From address of digest emails.
    #[arg(long, env = "JOBPILOT_SMTP_FROM", default_value = "Jobpilot <jobpilot@localhost>", global = true)]
    pub smtp_from: String,

    /// Largest file a user may upload to an application, in bytes (413 beyond it).
    #[arg(long, env = "JOBPILOT_UPLOAD_MAX_BYTES", default_value_t = 10 * 1024 * 1024, global = true,
          value_parser = clap::value_parser!(u64).range(1..=1024 * 1024 * 1024))]
    pub upload_max_bytes: u64,

    /// Bucket of an S3-compatible object store for uploaded files; unset, files are kept in
    /// `<data dir>/files`.
    #[arg(long, env = "JOBPILOT_S3_BUCKET", global = true)]
    pub s3_bucket: Option<String>,

    /// Endpoint of the S3-compatible store (MinIO, Garage, …); unset means AWS S3 itself.
    #[arg(long, env = "JOBPILOT_S3_ENDPOINT", global = true)]
    pub s3_endpoint: Option<String>,

    /// Region of the bucket.
    #[arg(long, env = "JOBPILOT_S3_REGION", default_value = "us-east-1", global = true)]
    pub s3_region: String,

    /// Access key id for the bucket.
    #[arg(long, env = "JOBPILOT_S3_ACCESS_KEY_ID", global = true)]
    pub s3_access_key_id: Option<String>,

    /// Secret access key for the bucket (never logged).
    #[arg(long, env = "JOBPILOT_S3_SECRET_ACCESS_KEY", global = true, hide_env_values = true)]
    pub s3_secret_access_key: Option<String>,

    /// Allow a plain-http endpoint (a store on the same machine or private network only).
    #[arg(long, env = "JOBPILOT_S3_ALLOW_HTTP", default_value_t = false, global = true)]
    pub s3_allow_http: bool,

    /// Base URL of an OpenAI-compatible chat-completions service, the part before
    /// `/chat/completions` (e.g. `http://127.0.0.1:11434/v1` for Ollama). Unset, agents answer
    /// with the built-in deterministic engine only.
    #[arg(long, env = "JOBPILOT_LLM_BASE_URL", global = true)]
    pub llm_base_url: Option<String>,

    /// The model the service should use (required with a base URL).
    #[arg(long, env = "JOBPILOT_LLM_MODEL", global = true)]
    pub llm_model: Option<String>,

    /// API key, sent only as `Authorization: Bearer` (never logged); local servers need none.
    #[arg(long, env = "JOBPILOT_LLM_API_KEY", global = true, hide_env_values = true)]
    pub llm_api_key: Option<String>,

    /// Seconds one request to the model service may take before the deterministic engine answers.
    #[arg(long, env = "JOBPILOT_LLM_TIMEOUT_SECS", default_value_t = 60, global = true,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub llm_timeout_secs: u64,

    /// Requests per exchange when the service answers 429 or 5xx or cannot be reached (1: no retry).
    #[arg(long, env = "JOBPILOT_LLM_MAX_ATTEMPTS", default_value_t = 3, global = true,
          value_parser = clap::value_parser!(u32).range(1..=10))]
    pub llm_max_attempts: u32,

    /// Seconds one agent call may spend on the model in all, retries and the corrective round
    /// included, before the deterministic engine answers.
    #[arg(long, env = "JOBPILOT_LLM_DEADLINE_SECS", default_value_t = 180, global = true,
          value_parser = clap::value_parser!(u64).range(1..=7200))]
    pub llm_deadline_secs: u64,
}

/// Transport security of the SMTP connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same machine or network.
    None,
    /// Upgrade with STARTTLS (required: refused if the server does not offer it).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl Config {
    /// Session cookies carry `Secure` when users reach Jobpilot over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// Options of the commands that serve HTTP.
#[derive(Clone, Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "JOBPILOT_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Serve HTTP only; run the job runner separately with `jobpilot worker`.
    #[arg(long, default_value_t = false)]
    pub no_worker: bool,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &self.database_url.as_deref().map(redact_url))
            .field("data_dir", &self.data_dir)
            .field("pg_bin_dir", &self.pg_bin_dir)
            .field("db_max_connections", &self.db_max_connections)
            .field("public_url", &self.public_url)
            .field("trust_proxy", &self.trust_proxy)
            .field("log", &self.log)
            .field("log_format", &self.log_format)
            .field("session_idle_days", &self.session_idle_days)
            .field("token_ttl_days", &self.token_ttl_days)
            .field("login_max_failures_per_account", &self.login_max_failures_per_account)
            .field("login_max_failures_per_ip", &self.login_max_failures_per_ip)
            .field("signup_max_per_ip", &self.signup_max_per_ip)
            .field("purge_cron", &self.purge_cron)
            .field("greenhouse_api_url", &self.greenhouse_api_url)
            .field("lever_api_url", &self.lever_api_url)
            .field("ashby_api_url", &self.ashby_api_url)
            .field("fetch_timeout_secs", &self.fetch_timeout_secs)
            .field("fetch_host_gap_ms", &self.fetch_host_gap_ms)
            .field("fetch_allow_private", &self.fetch_allow_private)
            .field("sources_cron", &self.sources_cron)
            .field("scout_cron", &self.scout_cron)
            .field("backfill_cron", &self.backfill_cron)
            .field("reminders_cron", &self.reminders_cron)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_tls", &self.smtp_tls)
            .field("smtp_username", &self.smtp_username)
            .field("smtp_password", &self.smtp_password.as_ref().map(|_| "***"))
            .field("smtp_from", &self.smtp_from)
            .field("upload_max_bytes", &self.upload_max_bytes)
            .field("s3_bucket", &self.s3_bucket)
            .field("s3_endpoint", &self.s3_endpoint)
            .field("s3_region", &self.s3_region)
            .field("s3_access_key_id", &self.s3_access_key_id)
            .field("s3_secret_access_key", &self.s3_secret_access_key.as_ref().map(|_| "***"))
            .field("s3_allow_http", &self.s3_allow_http)
            .field("llm_base_url", &self.llm_base_url.as_deref().map(redact_url))
            .field("llm_model", &self.llm_model)
            .field("llm_api_key", &self.llm_api_key.as_ref().map(|_| "***"))
            .field("llm_timeout_secs", &self.llm_timeout_secs)
            .field("llm_max_attempts", &self.llm_max_attempts)
            .field("llm_deadline_secs", &self.llm_deadline_secs)
            .finish()
    }
}

/// Hides the password of a connection URL: `postgres://u:secret@h/db` → `postgres://u:***@h/db`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "***".to_string();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}")
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn redacting_a_url_hides_only_the_password() {
        assert_eq!(redact_url("postgres://app:s3cret@db:5432/jp"), "postgres://app:***@db:5432/jp");
        assert_eq!(redact_url("postgres://db/jp"), "postgres://db/jp");
    }
}
