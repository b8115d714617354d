//! Background jobs on graphile_worker (engineering.md "Jobs"): jobs live in PostgreSQL,
//! are taken with `SKIP LOCKED`, woken by LISTEN/NOTIFY, retried with backoff, and
//! enqueued by the app inside its own transaction (`app_enqueue_job`). Handlers are
//! idempotent (at-least-once delivery): see `app::listings::texts::run_generation`.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use app::listings::texts::{run_generation, GenerateTextJob, JOB_GENERATE_TEXT};
use app::platform::ServerCtx;
use graphile_worker::{IntoTaskHandlerResult, TaskHandler, Worker, WorkerContext, WorkerOptions};
use serde::{Deserialize, Serialize};

/// The process context, handed to every job through the worker's extensions.
#[derive(Clone)]
pub struct JobState(pub Arc<ServerCtx>);

impl std::fmt::Debug for JobState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JobState")
    }
}

/// Writes one AI listing text.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GenerateText(pub GenerateTextJob);

impl TaskHandler for GenerateText {
    const IDENTIFIER: &'static str = JOB_GENERATE_TEXT;

    async fn run(self, ctx: WorkerContext) -> impl IntoTaskHandlerResult {
        let Some(JobState(state)) = ctx.get_ext::<JobState>() else {
            return Err("job state missing".to_owned());
        };
        let started = std::time::Instant::now();
        let result = run_generation(state, &self.0).await;
        metrics::histogram!("job_duration_seconds", "job" => JOB_GENERATE_TEXT)
            .record(started.elapsed().as_secs_f64());
        match result {
            Ok(()) => {
                metrics::counter!("jobs_total", "job" => JOB_GENERATE_TEXT, "outcome" => "ok")
                    .increment(1);
                Ok(())
            }
            Err(e) => {
                // a database failure: graphile_worker retries with backoff
                metrics::counter!("jobs_total", "job" => JOB_GENERATE_TEXT, "outcome" => "error")
                    .increment(1);
                tracing::error!(error = %e, listing = %self.0.listing_id, kind = self.0.kind, "text generation job failed");
                Err(e.to_string())
            }
        }
    }
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
    options
        .pg_pool(owner)
        .schema("graphile_worker")
        .concurrency(4)
        .poll_interval(Duration::from_secs(2))
        // crash recovery: a worker that stops heartbeating has its jobs released
        .heartbeat_interval(Duration::from_secs(30))
        .define_job::<GenerateText>()
        .add_extension(JobState(ctx))
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
