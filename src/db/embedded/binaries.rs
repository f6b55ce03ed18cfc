//! Finding PostgreSQL's server binaries, and the major version an existing cluster needs.

use std::fs;
use std::path::{Path, PathBuf};

use super::EmbeddedError;

const SEARCHED_BIN_DIRS: &str = "/usr/lib/postgresql/*/bin";
const REQUIRED_BINARIES: [&str; 3] = ["initdb", "pg_ctl", "postgres"];

/// The major version an existing cluster was created with, so that a machine with several
/// PostgreSQL versions installed keeps using the one the cluster's files are compatible with.
pub(super) fn cluster_version(cluster_dir: &Path) -> Option<u32> {
    let text = fs::read_to_string(cluster_dir.join("PG_VERSION")).ok()?;
    text.trim().parse().ok()
}

pub(super) fn find_bin_dir(given: Option<&Path>, wanted: Option<u32>) -> anyhow::Result<PathBuf> {
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
