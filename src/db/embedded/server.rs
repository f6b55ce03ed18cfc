//! Running PostgreSQL's programs: initdb, pg_ctl start and stop, the readiness wait and the database.

use std::fs;
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::process::CommandExt;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{Connection, Executor};

use super::files::{is_live_postgres, read_postmaster_pid};
use super::{DATABASE, EmbeddedPostgres, SUPERUSER};

const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// Attempts at `pg_ctl start`, for when another process grabs the chosen port first.
const START_ATTEMPTS: usize = 3;

impl EmbeddedPostgres {
    pub(super) fn pg_ctl_stop(&self) -> Command {
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

    pub(super) async fn initdb(&self) -> anyhow::Result<()> {
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

    /// A postmaster running while we hold the lock can only be left over from a Jobpilot that
    /// died without stopping it (SIGKILL, OOM, power-user `kill -9`). Nobody else can be using
    /// it, and its port is unknown to us, so we stop it and start afresh rather than refuse.
    pub(super) async fn stop_leftover_postmaster(&self) -> anyhow::Result<()> {
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

    pub(super) async fn start_server(&mut self) -> anyhow::Result<()> {
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
    pub(super) async fn ensure_database(&self) -> anyhow::Result<()> {
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
}

/// Asks the kernel for a free port. Another process could take it before PostgreSQL binds it,
/// which [`EmbeddedPostgres::start_server`] handles by retrying.
fn free_port() -> anyhow::Result<u16> {
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("could not find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// Runs a command to completion off the async threads, failing with its stderr if it fails.
pub(super) async fn run(cmd: Command, what: &str) -> anyhow::Result<Output> {
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
