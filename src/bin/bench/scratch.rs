//! A benchmark's own embedded cluster in a scratch folder, migrated and ready, with an owner
//! pool. Shared by `jobpilot-bench-ingest`, `-search` and `-feed` (included there by path).

use std::path::Path;

use jobpilot::db::embedded::EmbeddedPostgres;
use sqlx::PgPool;

/// Starts the cluster in `dir` (emptied first unless `reuse`) and returns it with a migrated
/// owner pool of `connections`.
pub async fn cluster(dir: &Path, reuse: bool, connections: u32) -> anyhow::Result<(EmbeddedPostgres, PgPool)> {
    if !reuse {
        let _ = std::fs::remove_dir_all(dir);
    }
    std::fs::create_dir_all(dir)?;
    // The server runs as the postgres user, which must be able to enter the folder.
    std::fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o755))?;
    let cluster = EmbeddedPostgres::start(dir, None).await?;
    let owner = jobpilot::db::connect_owner_pool(&cluster.url(), connections).await?;
    jobpilot::db::migrate(&owner).await?;
    Ok((cluster, owner))
}
