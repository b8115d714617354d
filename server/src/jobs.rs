//! Background jobs on graphile_worker (engineering.md "Jobs"): jobs live in PostgreSQL,
//! are taken with `SKIP LOCKED`, woken by LISTEN/NOTIFY, retried with exponential
//! backoff, and enqueued by the app inside its own transaction (`app::platform::jobs`).
//! Every job runs through one generic runner (`Run<J>`: context, metrics, logs); the
//! schedules below are graphile_worker crontab entries, kept in its `known_crontabs`
//! table, so they survive restarts (missed runs are backfilled) and run once across
//! several instances.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use app::auth::registration::StartRegistration;
use app::auth::reset::SendPasswordReset;
use app::listings::pricing::ExplainPrice;
use app::listings::texts::generate::GenerateText;
use app::platform::jobs::Job;
use app::platform::mail::DeliverMail;
use app::platform::purge::PurgeExpired;
use app::platform::ServerCtx;
use graphile_worker::{
    Cron, CrontabFill, IntoTaskHandlerResult, TaskHandler, Worker, WorkerContext, WorkerOptions,
};
use serde::{Deserialize, Serialize};

/// The process context, handed to every job through the worker's extensions.
#[derive(Clone)]
pub struct JobState(pub Arc<ServerCtx>);

impl std::fmt::Debug for JobState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JobState")
    }
}

/// Runs any `Job`: the one place for its metrics and logs.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Run<J>(pub J);

impl<J: Job> TaskHandler for Run<J> {
    const IDENTIFIER: &'static str = J::NAME;

    async fn run(self, ctx: WorkerContext) -> impl IntoTaskHandlerResult {
        let Some(JobState(state)) = ctx.get_ext::<JobState>() else {
            return Err("job state missing".to_owned());
        };
        let attempt = *ctx.job().attempts();
        let started = std::time::Instant::now();
        let result = self.0.run(state.clone()).await;
        metrics::histogram!("job_duration_seconds", "job" => J::NAME)
            .record(started.elapsed().as_secs_f64());
        let outcome = if result.is_ok() { "ok" } else { "error" };
        metrics::counter!("jobs_total", "job" => J::NAME, "outcome" => outcome).increment(1);
        result.map_err(|e| {
            // graphile_worker retries it with backoff until the job's max attempts
            tracing::error!(job = J::NAME, attempt, error = ?e, "job failed");
            e.to_string()
        })
    }
}

/// Daily clean-up at 03:17 UTC; a run missed while no instance was up is made up for
/// within 6 hours.
fn schedules(options: WorkerOptions) -> anyhow::Result<WorkerOptions> {
    Ok(options.with_cron(
        Cron::daily_at::<Run<PurgeExpired>>(3, 17)
            .context("the purge schedule")?
            .fill(CrontabFill::hours(6)),
    ))
}

/// Installs or upgrades the job schema (as the owner) and builds a worker. The worker
/// installs no signal handlers of its own (they would swallow SIGTERM for the whole
/// process); `run` hands it the server's shutdown signal instead.
pub async fn worker(owner: sqlx::PgPool, ctx: Arc<ServerCtx>) -> anyhow::Result<Worker> {
    worker_with(owner, ctx, None).await
}

pub async fn worker_with(
    owner: sqlx::PgPool,
    ctx: Arc<ServerCtx>,
    shutdown: Option<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>>,
) -> anyhow::Result<Worker> {
    let mut options = WorkerOptions::default().listen_os_shutdown_signals(false);
    if let Some(signal) = shutdown {
        options = options.shutdown_signal(signal);
    }
    let options = options
        .pg_pool(owner)
        .schema("graphile_worker")
        .concurrency(4)
        .poll_interval(Duration::from_secs(2))
        // crash recovery: a worker that stops heartbeating has its jobs released
        .heartbeat_interval(Duration::from_secs(30))
        .define_job::<Run<GenerateText>>()
        .define_job::<Run<ExplainPrice>>()
        .define_job::<Run<DeliverMail>>()
        .define_job::<Run<PurgeExpired>>()
        .define_job::<Run<SendPasswordReset>>()
        .define_job::<Run<StartRegistration>>()
        .add_extension(JobState(ctx));
    schedules(options)?
        .init()
        .await
        .context("starting the job worker")
}

/// Runs the worker until the process ends.
pub fn spawn(worker: Worker) {
    tokio::spawn(async move {
        if let Err(e) = worker.run().await {
            tracing::error!(error = %e, "the job worker stopped");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedules_are_valid_crontab_entries() {
        assert!(schedules(WorkerOptions::default()).is_ok());
    }
}
