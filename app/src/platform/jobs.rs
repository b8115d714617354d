//! Background jobs (engineering.md "Jobs"): a typed payload with a name, an
//! idempotency key and an attempt limit, queued inside the caller's transaction (the
//! job exists if and only if the work that asked for it committed). `server/src/jobs.rs`
//! runs them on graphile_worker: one generic runner for every job (metrics, logs,
//! retries with exponential backoff) and the schedules.

use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::PgConnection;

use super::ServerCtx;
use crate::error::AppError;

/// One kind of background work.
pub trait Job: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The task's name in the queue; never rename one that may be queued.
    const NAME: &'static str;
    /// Attempts before the job is given up (graphile_worker backs off ~e^n seconds).
    const MAX_ATTEMPTS: i32 = 5;

    /// Jobs with the same key are one job: queueing again replaces the waiting one.
    fn key(&self) -> Option<String> {
        None
    }

    /// Does the work. Delivery is at least once: a body must be idempotent. An `Err`
    /// is retried until `MAX_ATTEMPTS`.
    fn run(self, ctx: Arc<ServerCtx>) -> impl Future<Output = Result<(), AppError>> + Send;
}

/// Queues `job` in the caller's transaction, to run now.
pub async fn enqueue<J: Job>(conn: &mut PgConnection, job: &J) -> Result<(), AppError> {
    enqueue_at(conn, job, None).await
}

/// Queues `job` in the caller's transaction, to run at `run_at` (or now).
pub async fn enqueue_at<J: Job>(
    conn: &mut PgConnection,
    job: &J,
    run_at: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    let payload = serde_json::to_string(job).map_err(|e| {
        tracing::error!(error = %e, job = J::NAME, "job payload could not be written");
        AppError::Internal
    })?;
    super::db::enqueue_job(conn, J::NAME, &payload, job.key(), J::MAX_ATTEMPTS, run_at).await?;
    Ok(())
}
