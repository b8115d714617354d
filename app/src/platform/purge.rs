//! The daily clean-up (issue 11, engineering.md "Retention"): old sign-in attempts,
//! long-ended sessions, the bodies and links of old emails and used link tokens. What
//! is kept for how long is stated once, in `app_purge_expired` (migration 0007).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::jobs::Job;
use super::ServerCtx;
use crate::error::AppError;

/// Scheduled daily by `server/src/jobs.rs`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PurgeExpired {}

impl Job for PurgeExpired {
    const NAME: &'static str = "purge_expired";

    async fn run(self, ctx: Arc<ServerCtx>) -> Result<(), AppError> {
        let mut conn = ctx.pool.acquire().await?;
        for (what, removed) in super::db::purge_expired(&mut conn, ctx.clock.now()).await? {
            tracing::info!(what, removed, "purged expired data");
        }
        Ok(())
    }
}
