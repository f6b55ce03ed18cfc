//! Jobpilot's private PostgreSQL cluster, run from the system's server binaries when `DATABASE_URL` is unset.
//!
//! Layout under the data folder: `postgres/` (the cluster), `postgres.password` (the superuser's
//! password, 0600), `postgres.log` (server log) and `postgres.lock` (held while a Jobpilot process
//! owns the cluster). The server listens on 127.0.0.1 only, on a fresh free port at every start,
//! and has no unix socket, so it never needs write access to `/var/run/postgresql`.

use std::ffi::CString;
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use nix::unistd::{Gid, Uid, User};
use rand::Rng;
use rand::distr::Alphanumeric;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{Connection, Executor};

/// The cluster's superuser, which also owns the `jobpilot` database.
const SUPERUSER: &str = "jobpilot";
const DATABASE: &str = "jobpilot";
const PASSWORD_LEN: usize = 40;
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// Attempts at `pg_ctl start`, for when another process grabs the chosen port first.
const START_ATTEMPTS: usize = 3;
const LOG_TAIL_LINES: usize = 20;
/// The log is appended to on every start; past this size the old one is set aside.
const LOG_ROTATE_BYTES: u64 = 10 * 1024 * 1024;
const SEARCHED_BIN_DIRS: &str = "/usr/lib/postgresql/*/bin";
const REQUIRED_BINARIES: [&str; 3] = ["initdb", "pg_ctl", "postgres"];

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

/// The account PostgreSQL's programs run as when Jobpilot itself runs as root.
#[derive(Clone, Copy, Debug)]
struct RunAs {
    uid: Uid,
    gid: Gid,
}

/// A running private cluster; stopped by [`EmbeddedPostgres::stop`] or, failing that, on drop.
#[derive(Debug)]
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

    fn pg_ctl_stop(&self) -> Command {
        let mut cmd = self.command("pg_ctl");
        cmd.arg("stop").arg("-D").arg(&self.cluster_dir);
        cmd.args(["-m", "fast", "-w"]);
        cmd
    }

    /// A command for one of PostgreSQL's programs, run as the account that owns the cluster.
    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bin_dir.join(program));
        cmd.current_dir(&self.data_dir).stdin(Stdio::null());
        // Keeps the postmaster out of the terminal's process group, so Ctrl-C reaches only
        // Jobpilot, which can then finish its requests before stopping the database itself.
        cmd.process_group(0);
        if let Some(account) = self.run_as {
            cmd.uid(account.uid.as_raw()).gid(account.gid.as_raw());
        }
        cmd
    }

    /// Creates the cluster directory and log file up front, because as root the data folder
    /// belongs to root and the `postgres` user could not create them itself.
    fn prepare_cluster_files(&self) -> anyhow::Result<()> {
        let log = self.log_path();
        rotate_log(&log)?;
        create_dir_0700(&self.cluster_dir)?;
        OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(&log)
            .with_context(|| format!("could not create {}", log.display()))?;
        if let Some(account) = self.run_as {
            for path in [&self.cluster_dir, &log] {
                chown(path, account)?;
            }
        }
        Ok(())
    }

    async fn initdb(&self) -> anyhow::Result<()> {
        if fs::read_dir(&self.cluster_dir)?.next().is_some() {
            bail!(
                "{} is neither empty nor a PostgreSQL cluster (an interrupted first start?): remove it and start again",
                self.cluster_dir.display()
            );
        }
        tracing::info!(
            "initialising the embedded PostgreSQL cluster in {}",
            self.cluster_dir.display()
        );
        let pwfile = self.write_pwfile()?;
        let mut cmd = self.command("initdb");
        cmd.arg("-D").arg(&self.cluster_dir);
        cmd.args([
            "-U",
            SUPERUSER,
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--no-locale",
        ]);
        cmd.arg(format!("--pwfile={}", pwfile.display()));
        let result = run(cmd, "initdb").await;
        let _ = fs::remove_file(&pwfile);
        result.map(drop)
    }

    /// Writes the password where initdb, possibly running as `postgres`, can read it; the
    /// cluster directory itself is no place for it, as initdb insists on an empty one.
    fn write_pwfile(&self) -> anyhow::Result<PathBuf> {
        let path = self
            .data_dir
            .join(format!(".initdb-pwfile-{}", uuid::Uuid::new_v4()));
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .with_context(|| format!("could not create {}", path.display()))?;
        file.write_all(self.password.as_bytes())?;
        if let Some(account) = self.run_as {
            chown(&path, account)?;
        }
        Ok(path)
    }

    /// A postmaster running while we hold the lock can only be left over from a Jobpilot that
    /// died without stopping it (SIGKILL, OOM, power-user `kill -9`). Nobody else can be using
    /// it, and its port is unknown to us, so we stop it and start afresh rather than refuse.
    async fn stop_leftover_postmaster(&self) -> anyhow::Result<()> {
        let pid_file = self.cluster_dir.join("postmaster.pid");
        let Some(pid) = read_postmaster_pid(&pid_file) else {
            return Ok(());
        };
        if !is_live_postgres(pid) {
            // A stale file naming a recycled pid would make postgres refuse to start.
            let _ = fs::remove_file(&pid_file);
            return Ok(());
        }
        tracing::warn!(
            "stopping a PostgreSQL server (pid {pid}) left running by an earlier Jobpilot"
        );
        run(self.pg_ctl_stop(), "pg_ctl stop (of a leftover server)").await?;
        Ok(())
    }

    async fn start_server(&mut self) -> anyhow::Result<()> {
        let mut attempt = 1;
        loop {
            self.port = free_port()?;
            let log_offset = fs::metadata(self.log_path()).map(|m| m.len()).unwrap_or(0);
            let Err(err) = run(self.pg_ctl_start(), "pg_ctl start").await else {
                self.running = true;
                return Ok(());
            };
            let log = self.log_tail(log_offset);
            if attempt < START_ATTEMPTS && log.contains("could not bind") {
                tracing::warn!(
                    "port {} was taken before PostgreSQL could bind it; retrying",
                    self.port
                );
                attempt += 1;
                continue;
            }
            return Err(err.context(format!(
                "embedded PostgreSQL did not start; last lines of {}:\n{log}",
                self.log_path().display()
            )));
        }
    }

    fn pg_ctl_start(&self) -> Command {
        let mut cmd = self.command("pg_ctl");
        cmd.args(["start", "-w", "-t", "60", "-D"])
            .arg(&self.cluster_dir);
        cmd.arg("-l").arg(self.log_path());
        cmd.arg("-o").arg(format!(
            "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''",
            self.port
        ));
        cmd
    }

    /// Waits for the server to accept our password, then creates the `jobpilot` database once.
    async fn ensure_database(&self) -> anyhow::Result<()> {
        let mut conn = self.connect_when_ready().await?;
        let exists: bool =
            sqlx::query_scalar("select exists (select 1 from pg_database where datname = $1)")
                .bind(DATABASE)
                .fetch_one(&mut conn)
                .await?;
        if !exists {
            conn.execute("create database jobpilot").await?;
        }
        conn.close().await?;
        Ok(())
    }

    async fn connect_when_ready(&self) -> anyhow::Result<PgConnection> {
        let options = PgConnectOptions::new()
            .host("127.0.0.1")
            .port(self.port)
            .username(SUPERUSER)
            .password(&self.password)
            .database("postgres");
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            match PgConnection::connect_with(&options).await {
                Ok(conn) => return Ok(conn),
                Err(err) if Instant::now() >= deadline => {
                    return Err(err).context(format!(
                        "embedded PostgreSQL on port {} did not accept connections within {} s",
                        self.port,
                        READY_TIMEOUT.as_secs()
                    ));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    fn log_path(&self) -> PathBuf {
        self.data_dir.join("postgres.log")
    }

    /// The last lines the server logged since `offset`, i.e. during this start attempt.
    fn log_tail(&self, offset: u64) -> String {
        let mut text = String::new();
        if let Ok(mut file) = File::open(self.log_path()) {
            let _ = file.seek(SeekFrom::Start(offset));
            let _ = file.read_to_string(&mut text);
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
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

/// Creates the data folder and returns its absolute path, since PostgreSQL's programs run in
/// another working directory than ours.
fn prepare_data_dir(data_dir: &Path) -> anyhow::Result<PathBuf> {
    fs::create_dir_all(data_dir)
        .with_context(|| format!("could not create the data folder {}", data_dir.display()))?;
    fs::canonicalize(data_dir)
        .with_context(|| format!("could not resolve the data folder {}", data_dir.display()))
}

/// The major version an existing cluster was created with, so that a machine with several
/// PostgreSQL versions installed keeps using the one the cluster's files are compatible with.
fn cluster_version(cluster_dir: &Path) -> Option<u32> {
    let text = fs::read_to_string(cluster_dir.join("PG_VERSION")).ok()?;
    text.trim().parse().ok()
}

fn find_bin_dir(given: Option<&Path>, wanted: Option<u32>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = given {
        if has_server_binaries(dir) {
            return Ok(dir.to_path_buf());
        }
        let searched = dir.display().to_string();
        return Err(EmbeddedError::BinariesNotFound { searched }.into());
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, bin)| has_server_binaries(bin))
        .collect();
    versions.sort();
    let matching = versions
        .iter()
        .find(|(version, _)| Some(*version) == wanted);
    match matching.or(versions.last()) {
        Some((_, bin)) => Ok(bin.clone()),
        None => Err(EmbeddedError::BinariesNotFound {
            searched: SEARCHED_BIN_DIRS.into(),
        }
        .into()),
    }
}

fn has_server_binaries(dir: &Path) -> bool {
    REQUIRED_BINARIES
        .iter()
        .all(|name| dir.join(name).is_file())
}

/// PostgreSQL refuses to run as root, so as root its programs run as the `postgres` user.
fn run_as() -> anyhow::Result<Option<RunAs>> {
    if !nix::unistd::geteuid().is_root() {
        return Ok(None);
    }
    let user = User::from_name("postgres")
        .context("could not look up the `postgres` system user")?
        .ok_or(EmbeddedError::NoPostgresUser)?;
    Ok(Some(RunAs {
        uid: user.uid,
        gid: user.gid,
    }))
}

/// Checks that the `postgres` user can traverse every directory down to the data folder, so a
/// root-only parent (such as `/root`) yields one clear line instead of initdb's confusing errors.
fn check_reachable(data_dir: &Path, account: RunAs) -> anyhow::Result<()> {
    let groups = account_groups(account);
    for dir in data_dir.ancestors() {
        let meta =
            fs::metadata(dir).with_context(|| format!("could not inspect {}", dir.display()))?;
        let search_bit = if meta.uid() == account.uid.as_raw() {
            0o100
        } else if groups.contains(&Gid::from_raw(meta.gid())) {
            0o010
        } else {
            0o001
        };
        if meta.mode() & search_bit == 0 {
            let (dir, blocker) = (data_dir.to_path_buf(), dir.to_path_buf());
            return Err(EmbeddedError::DataDirUnreachable { dir, blocker }.into());
        }
    }
    Ok(())
}

fn account_groups(account: RunAs) -> Vec<Gid> {
    let name = User::from_uid(account.uid)
        .ok()
        .flatten()
        .map(|user| user.name);
    let name = name.and_then(|name| CString::new(name).ok());
    name.and_then(|name| nix::unistd::getgrouplist(&name, account.gid).ok())
        .unwrap_or_else(|| vec![account.gid])
}

fn acquire_lock(data_dir: &Path) -> anyhow::Result<File> {
    let path = data_dir.join("postgres.lock");
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("could not open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(EmbeddedError::DataDirInUse {
            dir: data_dir.to_path_buf(),
        }
        .into()),
        Err(fs::TryLockError::Error(err)) => {
            Err(err).with_context(|| format!("could not lock {}", path.display()))
        }
    }
}

/// Reads the superuser's password, creating it on first start. The file stays owned by us
/// (root, when root) so only Jobpilot can read it; initdb gets its own copy.
fn load_or_create_password(data_dir: &Path) -> anyhow::Result<String> {
    let path = data_dir.join("postgres.password");
    match fs::read_to_string(&path) {
        Ok(text) => {
            // Tightens a file someone loosened, as it grants full control of the database.
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;
            let password = text.trim().to_owned();
            if password.is_empty() {
                bail!(
                    "{} is empty: restore it or remove the data folder",
                    path.display()
                );
            }
            Ok(password)
        }
        Err(err) if err.kind() == ErrorKind::NotFound => {
            if data_dir.join("postgres/PG_VERSION").exists() {
                bail!(
                    "{} is missing but the cluster next to it exists: restore the file, or remove {} to start with an empty database",
                    path.display(),
                    data_dir.join("postgres").display()
                );
            }
            create_password_file(&path)
        }
        Err(err) => Err(err).with_context(|| format!("could not read {}", path.display())),
    }
}

fn create_password_file(path: &Path) -> anyhow::Result<String> {
    let password: String = rand::rng()
        .sample_iter(Alphanumeric)
        .take(PASSWORD_LEN)
        .map(char::from)
        .collect();
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("could not create {}", path.display()))?;
    file.write_all(password.as_bytes())?;
    file.sync_all()?;
    Ok(password)
}

fn create_dir_0700(dir: &Path) -> anyhow::Result<()> {
    match fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(err).with_context(|| format!("could not create {}", dir.display())),
    }
}

fn chown(path: &Path, account: RunAs) -> anyhow::Result<()> {
    std::os::unix::fs::chown(path, Some(account.uid.as_raw()), Some(account.gid.as_raw()))
        .with_context(|| format!("could not hand {} to the postgres user", path.display()))
}

fn rotate_log(log: &Path) -> anyhow::Result<()> {
    if fs::metadata(log).is_ok_and(|meta| meta.len() > LOG_ROTATE_BYTES) {
        fs::rename(log, log.with_extension("log.old"))
            .with_context(|| format!("could not rotate {}", log.display()))?;
    }
    Ok(())
}

fn read_postmaster_pid(pid_file: &Path) -> Option<i32> {
    let text = fs::read_to_string(pid_file).ok()?;
    text.lines().next()?.trim().parse().ok()
}

/// Whether `pid` is alive and, where `/proc` can tell, a postgres process rather than an
/// unrelated one that inherited a recycled pid.
fn is_live_postgres(pid: i32) -> bool {
    let pid_alive = match nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None) {
        Ok(()) => true,
        Err(errno) => errno == nix::errno::Errno::EPERM,
    };
    match fs::read_to_string(format!("/proc/{pid}/comm")) {
        Ok(comm) => pid_alive && comm.trim() == "postgres",
        Err(_) => pid_alive,
    }
}

/// Asks the kernel for a free port. Another process could take it before PostgreSQL binds it,
/// which [`EmbeddedPostgres::start_server`] handles by retrying.
fn free_port() -> anyhow::Result<u16> {
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("could not find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// Runs a command to completion off the async threads, failing with its stderr if it fails.
async fn run(cmd: Command, what: &str) -> anyhow::Result<Output> {
    let output = tokio::process::Command::from(cmd)
        .output()
        .await
        .with_context(|| format!("could not run {what}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let detail = if stderr.trim().is_empty() {
            stdout
        } else {
            stderr
        };
        bail!("{what} failed ({}): {}", output.status, detail.trim());
    }
    Ok(output)
}
