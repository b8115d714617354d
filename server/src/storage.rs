//! Listing photo storage (product.md "Listings"): a folder on this machine by default,
//! S3 or an S3-compatible service (MinIO, R2, …) when several instances run. Both go
//! through the `object_store` crate, so they behave alike: a local write goes to a
//! staging file beside its target and is renamed into place (fsynced), so a failed or
//! interrupted write never leaves a partial photo under its key.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::{bail, Context};
use app::platform::storage::{FileStore, StoreError};
use bytes::Bytes;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};
use secrecy::ExposeSecret;
use uuid::Uuid;

use crate::config::{S3Config, StorageConfig};

/// Longest key accepted.
const MAX_KEY_LEN: usize = 512;
/// The prefix `check()` lists (S3), or the start of the key it writes and deletes (local).
const CHECK_KEY: &str = "_health/check";

/// The store chosen by configuration. Building makes no network call: an
/// unreachable S3 shows up in `check()` (/health), not at start-up.
pub fn build_store(cfg: &StorageConfig) -> anyhow::Result<Arc<dyn FileStore>> {
    Ok(match cfg {
        StorageConfig::Local { dir } => {
            let store = LocalStore::new(dir);
            store.open()?;
            Arc::new(store)
        }
        StorageConfig::S3(s3) => Arc::new(S3Store::new(s3)?),
    })
}

/// A fresh, unguessable key for a listing photo:
/// `org/<org>/listing/<listing>/<32 hex>-<suffix>.jpg`. `suffix` names the variant
/// (`full`, `thumb`) and must itself be a valid key part ([A-Za-z0-9_-]).
pub fn random_key(org: Uuid, listing: Uuid, suffix: &str) -> String {
    let bytes: [u8; 16] = rand::random();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("org/{org}/listing/{listing}/{hex}-{suffix}.jpg")
}

/// Keys are relative paths made by the server; anything else is refused before it
/// reaches a store: only `[A-Za-z0-9/_.-]`, no `..`, no leading or trailing `/`, no
/// empty or `.` segments.
pub fn validate_key(key: &str) -> Result<ObjectPath, StoreError> {
    let bad = |why: &str| Err(StoreError::Io(format!("invalid key {key:?}: {why}")));
    if key.is_empty() || key.len() > MAX_KEY_LEN {
        return bad("empty or too long");
    }
    if !key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'.' | b'-'))
    {
        return bad("only letters, digits and / _ . - are allowed");
    }
    if key.contains("..") {
        return bad("`..` is not allowed");
    }
    if key.starts_with('/') || key.ends_with('/') {
        return bad("must be a relative path to a file");
    }
    if key.split('/').any(|part| part.is_empty() || part == ".") {
        return bad("empty or `.` path segment");
    }
    ObjectPath::parse(key).or_else(|e| bad(&e.to_string()))
}

fn store_error(e: object_store::Error) -> StoreError {
    match e {
        object_store::Error::NotFound { .. } => StoreError::NotFound,
        other => StoreError::Io(other.to_string()),
    }
}

async fn put(store: &dyn ObjectStore, key: &str, bytes: Bytes) -> Result<(), StoreError> {
    let path = validate_key(key)?;
    store
        .put(&path, PutPayload::from_bytes(bytes))
        .await
        .map(|_| ())
        .map_err(store_error)
}

async fn get(store: &dyn ObjectStore, key: &str) -> Result<Bytes, StoreError> {
    let path = validate_key(key)?;
    let result = store.get(&path).await.map_err(store_error)?;
    result.bytes().await.map_err(store_error)
}

async fn delete(store: &dyn ObjectStore, key: &str) -> Result<(), StoreError> {
    let path = validate_key(key)?;
    match store.delete(&path).await {
        Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
        Err(e) => Err(store_error(e)),
    }
}

/// Photos in a folder on this machine (`STORAGE_DIR`). Fine for one instance; several
/// instances need a shared folder or `S3Store`.
#[derive(Debug)]
pub struct LocalStore {
    root: PathBuf,
    inner: OnceLock<LocalFileSystem>,
}

impl LocalStore {
    /// A store in `root`, which is created when first needed (`open` creates it now).
    /// Subfolders are made as keys need them, and removed again when their last file
    /// is deleted.
    pub fn new(root: impl AsRef<Path>) -> Self {
        LocalStore {
            root: root.as_ref().to_path_buf(),
            inner: OnceLock::new(),
        }
    }

    /// Creates the folder if needed and opens it: a bad `STORAGE_DIR` fails here.
    pub fn open(&self) -> anyhow::Result<()> {
        self.fs().map(|_| ()).map_err(|e| anyhow::anyhow!("{e}"))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn fs(&self) -> Result<&LocalFileSystem, StoreError> {
        if let Some(fs) = self.inner.get() {
            return Ok(fs);
        }
        let root = &self.root;
        let io = |what: &str, e: &dyn std::fmt::Display| {
            StoreError::Io(format!("{what} the storage folder {}: {e}", root.display()))
        };
        std::fs::create_dir_all(root).map_err(|e| io("creating", &e))?;
        let fs = LocalFileSystem::new_with_prefix(root)
            .map_err(|e| io("opening", &e))?
            .with_fsync(true)
            .with_automatic_cleanup(true);
        Ok(self.inner.get_or_init(|| fs))
    }
}

#[async_trait::async_trait]
impl FileStore for LocalStore {
    fn name(&self) -> &str {
        "local"
    }

    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StoreError> {
        put(self.fs()?, key, bytes).await
    }

    async fn get(&self, key: &str) -> Result<Bytes, StoreError> {
        get(self.fs()?, key).await
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        delete(self.fs()?, key).await
    }

    /// Writes, reads back and deletes a small file (its own name, so concurrent checks
    /// don't collide): the folder exists and is writable.
    async fn check(&self) -> Result<(), StoreError> {
        let key = format!("{CHECK_KEY}-{:032x}", rand::random::<u128>());
        let fs = self.fs()?;
        put(fs, &key, Bytes::from_static(b"ok")).await?;
        let read = get(fs, &key).await;
        delete(fs, &key).await?;
        match read? {
            b if b.as_ref() == b"ok" => Ok(()),
            _ => Err(StoreError::Io(
                "the storage folder returned other bytes than written".into(),
            )),
        }
    }
}

/// Photos in an S3 bucket, or an S3-compatible service's (`S3_ENDPOINT`).
pub struct S3Store {
    bucket: String,
    inner: object_store::aws::AmazonS3,
}

/// The bucket only: nothing about credentials, even redacted.
impl std::fmt::Debug for S3Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Store")
            .field("bucket", &self.bucket)
            .finish()
    }
}

impl S3Store {
    /// Makes no network call. Credentials: `S3_ACCESS_KEY_ID`/`S3_SECRET_ACCESS_KEY`
    /// when given, else the standard AWS ones (variables, web identity, roles).
    pub fn new(cfg: &S3Config) -> anyhow::Result<Self> {
        // HTTPS goes through rustls with ring, the provider sqlx and lettre use too
        // (object_store signs with ring as well): no aws-lc-sys. A provider that is
        // already installed stays.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&cfg.bucket)
            .with_region(&cfg.region)
            // Bounded, so a request (and /health) fails within ~half a minute.
            .with_retry(RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(20),
                ..RetryConfig::default()
            });
        if let Some(endpoint) = &cfg.endpoint {
            let http = endpoint.starts_with("http://");
            if http && !is_loopback(endpoint) {
                bail!("S3_ENDPOINT must use https:// unless it is on this machine (127.0.0.1, ::1 or localhost)");
            }
            if !http && !endpoint.starts_with("https://") {
                bail!("S3_ENDPOINT must start with https:// (or http:// on this machine)");
            }
            builder = builder.with_endpoint(endpoint).with_allow_http(http);
        }
        if let (Some(id), Some(secret)) = (&cfg.access_key_id, &cfg.secret_access_key) {
            builder = builder
                .with_access_key_id(id)
                .with_secret_access_key(secret.expose_secret());
        }
        let inner = builder
            .build()
            .with_context(|| format!("configuring S3 bucket {}", cfg.bucket))?;
        Ok(S3Store {
            bucket: cfg.bucket.clone(),
            inner,
        })
    }

    pub fn bucket(&self) -> &str {
        &self.bucket
    }
}

/// `http://127.0.0.1:9000`, `http://[::1]:9000/`, `http://localhost:9000`.
fn is_loopback(endpoint: &str) -> bool {
    let rest = endpoint.split_once("://").map_or(endpoint, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[async_trait::async_trait]
impl FileStore for S3Store {
    fn name(&self) -> &str {
        "s3"
    }

    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StoreError> {
        put(&self.inner, key, bytes).await
    }

    async fn get(&self, key: &str) -> Result<Bytes, StoreError> {
        get(&self.inner, key).await
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        delete(&self.inner, key).await
    }

    /// One signed LIST request for an empty prefix: it proves the endpoint answers,
    /// the credentials are good and the bucket exists (a HEAD of a missing key can't
    /// tell a missing bucket from a missing key). Writes nothing; needs
    /// `s3:ListBucket`, as any 404 from S3 does.
    async fn check(&self) -> Result<(), StoreError> {
        let prefix = validate_key(CHECK_KEY)?;
        self.inner
            .list_with_delimiter(Some(&prefix))
            .await
            .map(|_| ())
            .map_err(|e| StoreError::Io(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_endpoints_are_recognised() {
        assert!(is_loopback("http://127.0.0.1:9000"));
        assert!(is_loopback("http://localhost:9000/"));
        assert!(is_loopback("http://[::1]:9000"));
        assert!(!is_loopback("http://minio.internal:9000"));
        assert!(!is_loopback("http://10.0.0.5:9000"));
        assert!(!is_loopback("http://127.0.0.1.evil.example"));
    }

    #[test]
    fn random_keys_are_valid_and_differ() {
        let (org, listing) = (Uuid::new_v4(), Uuid::new_v4());
        let a = random_key(org, listing, "full");
        let b = random_key(org, listing, "full");
        assert_ne!(a, b);
        assert!(a.starts_with(&format!("org/{org}/listing/{listing}/")));
        assert!(a.ends_with("-full.jpg"));
        let name = a.rsplit('/').next().unwrap();
        assert_eq!(name.len(), 32 + "-full.jpg".len());
        assert!(validate_key(&a).is_ok());
    }
}
