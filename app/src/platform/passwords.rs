//! Argon2id with the crate defaults (m = 19 MiB, t = 2, p = 1), run off the async
//! threads and bounded by a semaphore. Unknown emails verify against a dummy hash so
//! they take as long as known ones.

use std::sync::{Arc, LazyLock};

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::error::AppError;

static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_now("an unguessable dummy password for timing").unwrap_or_default());

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let mut salt = [0u8; 16];
    rand::fill(&mut salt);
    Ok(Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)?
        .to_string())
}

/// Hashes a new password.
pub async fn hash(permits: &Arc<Semaphore>, password: String) -> Result<String, AppError> {
    let _permit = permits.acquire().await.map_err(|_| AppError::Unavailable)?;
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Internal
        })
}

/// Checks `password` against `stored`; with `None` it burns the same time and fails.
pub async fn verify(
    permits: &Arc<Semaphore>,
    password: String,
    stored: Option<String>,
) -> Result<bool, AppError> {
    let _permit = permits.acquire().await.map_err(|_| AppError::Unavailable)?;
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let ok = PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        known && ok
    })
    .await
    .map_err(|_| AppError::Internal)
}
