//! Rate limits that hold across every server process: each admitted request is a row in
//! PostgreSQL, counted and written under an advisory lock on its (bucket, key), so
//! parallel requests can't all pass (migration 0008). For requests that make the server
//! send mail to an address a visitor typed: forgot password and registration (issue 11
//! item 8). Keys are hashed; no address or IP is stored in the clear.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgConnection;

use crate::error::AppError;

/// At most `max` requests per `window_secs` for one key.
pub struct Limit {
    bucket: &'static str,
    window_secs: i64,
    max: i32,
    /// What the refused visitor reads, given the seconds to wait.
    message: fn(u64) -> String,
}

fn minutes(secs: u64) -> u64 {
    secs.div_ceil(60).max(1)
}

fn from_network(secs: u64) -> String {
    format!("Too many requests from your network. Try again in {secs} seconds.")
}

/// Reset links: 3 per address per hour.
pub const RESET_PER_ADDRESS: Limit = Limit {
    bucket: "reset_address",
    window_secs: 3600,
    max: 3,
    message: |s| {
        format!(
            "We already sent 3 links for this address in the last hour. Check your inbox and spam folder, or try again in {} minutes.",
            minutes(s)
        )
    },
};

/// Reset requests per IP per minute: the signed-out forms' limit (`LOGIN_IP_LIMIT_PER_MIN`,
/// 10 by default).
pub fn reset_per_ip(per_minute: i64) -> Limit {
    per_ip("reset_ip", per_minute)
}

/// Registration emails: 3 per address per hour.
pub const REGISTER_PER_ADDRESS: Limit = Limit {
    bucket: "register_address",
    window_secs: 3600,
    max: 3,
    message: |s| {
        format!(
            "We already sent 3 emails to this address in the last hour. Check your inbox and spam folder, or try again in {} minutes.",
            minutes(s)
        )
    },
};

/// Registrations per IP per minute (as `reset_per_ip`).
pub fn register_per_ip(per_minute: i64) -> Limit {
    per_ip("register_ip", per_minute)
}

fn per_ip(bucket: &'static str, per_minute: i64) -> Limit {
    Limit {
        bucket,
        window_secs: 60,
        max: i32::try_from(per_minute).unwrap_or(i32::MAX),
        message: from_network,
    }
}

/// New verification links for a signed-in user: 5 per hour.
pub const VERIFY_PER_USER: Limit = Limit {
    bucket: "verify_user",
    window_secs: 3600,
    max: 5,
    message: |s| {
        format!(
            "We already sent 5 verification links in the last hour. Check your inbox and spam folder, or try again in {} minutes.",
            minutes(s)
        )
    },
};

/// Takes one request from `limit` for `key` (an address, an IP, a user id), in the
/// caller's transaction: a request that fails later and rolls back gives its slot back.
/// Refused: 429 with Retry-After and the limit's message.
pub async fn take(
    conn: &mut PgConnection,
    limit: &Limit,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let key = hex::encode(Sha256::digest(key.trim().to_lowercase().as_bytes()));
    let wait =
        super::db::rate_limit_take(conn, limit.bucket, &key, now, limit.window_secs, limit.max)
            .await?;
    if wait <= 0 {
        return Ok(());
    }
    let wait = u64::try_from(wait).unwrap_or(1);
    Err(AppError::RateLimited {
        retry_after_secs: wait,
        message: (limit.message)(wait),
    })
}
