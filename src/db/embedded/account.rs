//! The `postgres` account PostgreSQL's programs run as when Jobpilot runs as root.

use std::ffi::CString;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use anyhow::Context;
use nix::unistd::{Gid, Uid, User};

use super::EmbeddedError;

/// The account PostgreSQL's programs run as when Jobpilot itself runs as root.
#[derive(Clone, Copy, Debug)]
pub(super) struct RunAs {
    pub(super) uid: Uid,
    pub(super) gid: Gid,
}

/// PostgreSQL refuses to run as root, so as root its programs run as the `postgres` user.
pub(super) fn run_as() -> anyhow::Result<Option<RunAs>> {
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
pub(super) fn check_reachable(data_dir: &Path, account: RunAs) -> anyhow::Result<()> {
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

pub(super) fn chown(path: &Path, account: RunAs) -> anyhow::Result<()> {
    std::os::unix::fs::chown(path, Some(account.uid.as_raw()), Some(account.gid.as_raw()))
        .with_context(|| format!("could not hand {} to the postgres user", path.display()))
}
