//! File storage for listing photos (ssr only). Implementations in
//! `server/src/storage.rs`: a local directory (default) and S3-compatible object
//! storage via `object_store`, chosen by config (product.md "Listings").

use bytes::Bytes;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("storage failed: {0}")]
    Io(String),
}

/// Keys are relative paths such as `org/<org>/listing/<id>/<random>.jpg`; they are
/// made by the server only (never from user input).
#[async_trait::async_trait]
pub trait FileStore: Send + Sync {
    /// "local" or "s3", for /health and logs.
    fn name(&self) -> &str;
    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StoreError>;
    async fn get(&self, key: &str) -> Result<Bytes, StoreError>;
    /// Deleting a missing key is not an error.
    async fn delete(&self, key: &str) -> Result<(), StoreError>;
    /// A cheap round trip proving the store is reachable (for /health).
    async fn check(&self) -> Result<(), StoreError>;
}
