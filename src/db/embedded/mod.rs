//! Jobpilot's private PostgreSQL cluster, run from the system's server binaries when `DATABASE_URL` is unset.
//!
//! Layout under the data folder: `postgres/` (the cluster), `postgres.password` (the superuser's
//! password, 0600), `postgres.log` (server log) and `postgres.lock` (held while a Jobpilot process
//! owns the cluster). The server listens on 127.0.0.1 only, on a fresh free port at every start,
//! and has no unix socket, so it never needs write access to `/var/run/postgresql`.
//!
//! This file owns the [`EmbeddedPostgres`] handle, its public API and [`EmbeddedError`]; the
//! submodules hold the steps of a start: `binaries` (which server to run), `account` (whom to
//! run it as), `files` (what lives in the data folder) and `server` (running PostgreSQL's programs).

mod account;
mod binaries;
mod files;
mod server;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use account::{RunAs, check_reachable, run_as};
use binaries::{cluster_version, find_bin_dir};
use files::{acquire_lock, load_or_create_password, prepare_data_dir};
use server::run;

/// The cluster's superuser, which also owns the `jobpilot` database.
const SUPERUSER: &str = "jobpilot";
const DATABASE: &str = "jobpilot";

/// Setup problems the user must fix; each displays as one self-contained line, so `main` can
/// print `{err}` (found with `anyhow::Error::downcast_ref`) without a backtrace or cause chain.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in {searched}: install them (Debian: apt-get install postgresql) or set PG_BIN_DIR, or set DATABASE_URL to use an existing server"
    )]
    BinariesNotFound { searched: String },
    #[error(
        "running as root, but there is no `postgres` system user to run PostgreSQL as (PostgreSQL refuses to run as root): install PostgreSQL's server package, run Jobpilot as a normal user, or set DATABASE_URL"
    )]
    NoPostgresUser,
    #[error(
        "the `postgres` system user cannot reach the data folder {dir} because {blocker} is not traversable by it: set JOBPILOT_DATA_DIR to a folder under world-traversable directories (e.g. /var/lib/jobpilot), or run Jobpilot as a normal user"
    )]
    DataDirUnreachable { dir: PathBuf, blocker: PathBuf },
    #[error(
        "the data folder {dir} is in use by another Jobpilot process: stop that process or set JOBPILOT_DATA_DIR to another folder"
    )]
    DataDirInUse { dir: PathBuf },
}

/// A running private cluster; stopped by [`EmbeddedPostgres::stop`] or, failing that, on drop.
pub struct EmbeddedPostgres {
    data_dir: PathBuf,
    cluster_dir: PathBuf,
    bin_dir: PathBuf,
    port: u16,
    password: String,
    run_as: Option<RunAs>,
    running: bool,
    startup_time: Duration,
    /// Held for our lifetime: tells a second Jobpilot on the same folder to keep out, and tells
    /// us that a postmaster found running without it is a leftover from a crashed process.
    _lock: File,
}

impl std::fmt::Debug for EmbeddedPostgres {
    /// Everything but the superuser's password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedPostgres")
            .field("data_dir", &self.data_dir)
            .field("cluster_dir", &self.cluster_dir)
            .field("bin_dir", &self.bin_dir)
            .field("port", &self.port)
            .field("password", &"***")
            .field("run_as", &self.run_as)
            .field("running", &self.running)
            .finish_non_exhaustive()
    }
}

impl EmbeddedPostgres {
    /// Finds binaries, initdb's on first start, starts on a free 127.0.0.1 port, waits until ready.
    pub async fn start(data_dir: &Path, pg_bin_dir: Option<&Path>) -> anyhow::Result<Self> {
        let began = Instant::now();
        let data_dir = prepare_data_dir(data_dir)?;
        let cluster_dir = data_dir.join("postgres");
        let bin_dir = find_bin_dir(pg_bin_dir, cluster_version(&cluster_dir))?;
        let run_as = run_as()?;
        if let Some(account) = run_as {
            check_reachable(&data_dir, account)?;
        }
        let lock = acquire_lock(&data_dir)?;
        let password = load_or_create_password(&data_dir)?;
        let mut pg = Self {
            data_dir,
            cluster_dir,
            bin_dir,
            port: 0,
            password,
            run_as,
            running: false,
            startup_time: Duration::ZERO,
            _lock: lock,
        };
        pg.prepare_cluster_files()?;
        if !pg.cluster_dir.join("PG_VERSION").exists() {
            pg.initdb().await?;
        }
        pg.stop_leftover_postmaster().await?;
        pg.start_server().await?;
        pg.ensure_database().await?;
        pg.startup_time = began.elapsed();
        tracing::info!(
            "embedded PostgreSQL ready on 127.0.0.1:{} in {} ms",
            pg.port,
            pg.startup_time.as_millis()
        );
        Ok(pg)
    }

    /// Connection URL for the cluster's superuser (owner of the `jobpilot` database), with password.
    pub fn url(&self) -> String {
        // The password is alphanumeric, so it needs no percent-encoding.
        format!(
            "postgres://{SUPERUSER}:{}@127.0.0.1:{}/{DATABASE}",
            self.password, self.port
        )
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Time from the `start` call until the `jobpilot` database accepted connections.
    pub fn startup_time(&self) -> Duration {
        self.startup_time
    }

    /// Fast, clean shutdown (pg_ctl stop -m fast -w). Idempotent.
    pub async fn stop(&mut self) -> anyhow::Result<()> {
        if !self.running {
            return Ok(());
        }
        let result = run(self.pg_ctl_stop(), "pg_ctl stop").await;
        // Someone else (an admin, the OOM killer) may have stopped it already: that is still stopped.
        if result.is_ok() || !self.cluster_dir.join("postmaster.pid").exists() {
            self.running = false;
            return Ok(());
        }
        result.map(drop)
    }
}

impl Drop for EmbeddedPostgres {
    fn drop(&mut self) {
        if !self.running {
            return;
        }
        match self.pg_ctl_stop().output() {
            Ok(output) if output.status.success() => {}
            Ok(output) => tracing::warn!(
                "could not stop embedded PostgreSQL: pg_ctl stop {}: {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            ),
            Err(err) => tracing::warn!("could not stop embedded PostgreSQL: running pg_ctl: {err}"),
        }
    }
}
