//! Where uploaded files' bytes live: a folder under the data folder by default, or an
//! S3-compatible bucket when one is configured. Rows in `artifacts` hold only the key.

use std::fmt;
use std::sync::Arc;

use anyhow::Context;
use axum::body::Bytes;
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::config::Config;

/// The object store behind uploads. Cheap to clone.
#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// Where it is, for logs: a folder or `s3://bucket` (never a credential).
    place: String,
}

impl fmt::Debug for Storage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Storage").field("place", &self.place).finish()
    }
}

impl Storage {
    /// The S3 bucket when `JOBPILOT_S3_BUCKET` is set, else `<data dir>/files` (created here).
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        match &config.s3_bucket {
            Some(bucket) => Self::s3(config, bucket),
            None => Self::local(&config.data_dir.join("files")),
        }
    }

    /// A folder on this machine.
    pub fn local(dir: &std::path::Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating the files folder {}", dir.display()))?;
        // Cleanup removes empty folders a delete leaves behind.
        let store = LocalFileSystem::new_with_prefix(dir)
            .with_context(|| format!("opening the files folder {}", dir.display()))?
            .with_automatic_cleanup(true);
        Ok(Self { store: Arc::new(store), place: dir.display().to_string() })
    }

    fn s3(config: &Config, bucket: &str) -> anyhow::Result<Self> {
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(bucket)
            .with_region(&config.s3_region)
            .with_allow_http(config.s3_allow_http);
        if let Some(endpoint) = &config.s3_endpoint {
            // Self-hosted stores answer on paths (`endpoint/bucket/key`), not bucket subdomains.
            builder = builder.with_endpoint(endpoint).with_virtual_hosted_style_request(false);
        }
        if let Some(key) = &config.s3_access_key_id {
            builder = builder.with_access_key_id(key);
        }
        if let Some(secret) = &config.s3_secret_access_key {
            builder = builder.with_secret_access_key(secret);
        }
        let store = builder.build().context("configuring the S3 store (JOBPILOT_S3_*)")?;
        Ok(Self { store: Arc::new(store), place: format!("s3://{bucket}") })
    }

    pub fn place(&self) -> &str {
        &self.place
    }

    /// Stores `bytes` under `key` whole or not at all (both stores write atomically).
    pub async fn put(&self, key: &str, bytes: Bytes) -> anyhow::Result<()> {
        self.store.put(&Path::from(key), PutPayload::from(bytes)).await.with_context(|| format!("storing {key}"))?;
        Ok(())
    }

    /// The object's bytes as a stream, so a download never holds a whole file in memory.
    pub async fn get(&self, key: &str) -> anyhow::Result<BoxStream<'static, std::io::Result<Bytes>>> {
        let result = self.store.get(&Path::from(key)).await.with_context(|| format!("reading {key}"))?;
        Ok(result.into_stream().map_err(std::io::Error::other).boxed())
    }

    /// Removes the object; one already gone is not an error (a retried delete must succeed).
    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(anyhow::Error::new(error).context(format!("deleting {key}"))),
        }
    }
}
