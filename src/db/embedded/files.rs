//! The data folder's files: the folder itself, the lock, the password, the server log and `postmaster.pid`.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use rand::Rng;
use rand::distr::Alphanumeric;

use super::account::chown;
use super::{EmbeddedError, EmbeddedPostgres};

const PASSWORD_LEN: usize = 40;
const LOG_TAIL_LINES: usize = 20;
/// The log is appended to on every start; past this size the old one is set aside.
const LOG_ROTATE_BYTES: u64 = 10 * 1024 * 1024;

impl EmbeddedPostgres {
    /// Creates the cluster directory and log file up front, because as root the data folder
    /// belongs to root and the `postgres` user could not create them itself.
    pub(super) fn prepare_cluster_files(&self) -> anyhow::Result<()> {
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

    /// Writes the password where initdb, possibly running as `postgres`, can read it; the
    /// cluster directory itself is no place for it, as initdb insists on an empty one.
    pub(super) fn write_pwfile(&self) -> anyhow::Result<PathBuf> {
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

    pub(super) fn log_path(&self) -> PathBuf {
        self.data_dir.join("postgres.log")
    }

    /// The last lines the server logged since `offset`, i.e. during this start attempt.
    pub(super) fn log_tail(&self, offset: u64) -> String {
        let mut text = String::new();
        if let Ok(mut file) = File::open(self.log_path()) {
            let _ = file.seek(SeekFrom::Start(offset));
            let _ = file.read_to_string(&mut text);
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
    }
}

/// Creates the data folder and returns its absolute path, since PostgreSQL's programs run in
/// another working directory than ours.
pub(super) fn prepare_data_dir(data_dir: &Path) -> anyhow::Result<PathBuf> {
    fs::create_dir_all(data_dir)
        .with_context(|| format!("could not create the data folder {}", data_dir.display()))?;
    fs::canonicalize(data_dir)
        .with_context(|| format!("could not resolve the data folder {}", data_dir.display()))
}

pub(super) fn acquire_lock(data_dir: &Path) -> anyhow::Result<File> {
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
pub(super) fn load_or_create_password(data_dir: &Path) -> anyhow::Result<String> {
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

fn rotate_log(log: &Path) -> anyhow::Result<()> {
    if fs::metadata(log).is_ok_and(|meta| meta.len() > LOG_ROTATE_BYTES) {
        fs::rename(log, log.with_extension("log.old"))
            .with_context(|| format!("could not rotate {}", log.display()))?;
    }
    Ok(())
}

pub(super) fn read_postmaster_pid(pid_file: &Path) -> Option<i32> {
    let text = fs::read_to_string(pid_file).ok()?;
    text.lines().next()?.trim().parse().ok()
}

/// Whether `pid` is alive and, where `/proc` can tell, a postgres process rather than an
/// unrelated one that inherited a recycled pid.
pub(super) fn is_live_postgres(pid: i32) -> bool {
    let pid_alive = match nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None) {
        Ok(()) => true,
        Err(errno) => errno == nix::errno::Errno::EPERM,
    };
    match fs::read_to_string(format!("/proc/{pid}/comm")) {
        Ok(comm) => pid_alive && comm.trim() == "postgres",
        Err(_) => pid_alive,
    }
}
