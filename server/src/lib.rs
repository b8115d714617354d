//! PropertyPro's server: configuration, PostgreSQL (local or given), the router
//! (Leptos SSR + server functions + health and metrics), middleware, mail, AI providers.
#![recursion_limit = "256"]

pub mod ai;
pub mod config;
pub mod db;
pub mod demo;
pub mod jobs;
pub mod mail;
pub mod middleware;
pub mod pg_local;
pub mod photo_routes;
pub mod photos;
pub mod secrets;
pub mod storage;
pub mod telemetry;

use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use anyhow::Context;
use app::platform::mail::MailDelivery;
use app::platform::tokens::TokenKeys;
use app::platform::{Clock, ServerCtx};
use app::{shell, App};
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Extension, Json, Router};
use chrono::{DateTime, Utc};
use http::StatusCode;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use secrecy::ExposeSecret;
use sqlx::postgres::PgConnectOptions;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::config::Config;

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Everything `build_router` needs; tests build it with their own pool and clock.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub ctx: Arc<ServerCtx>,
    pub edge: config::EdgeConfig,
}

/// The one Prometheus recorder of the process.
fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

pub fn build_router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let ctx = state.ctx.clone();
    let options = state.leptos_options.clone();
    let mw = middleware::MwState {
        ctx: state.ctx.clone(),
        trusted_proxies: state.edge.trusted_proxies,
        hsts: state.ctx.public_url.starts_with("https://"),
    };
    let handle = metrics_handle();
    let request_id = http::HeaderName::from_static("x-request-id");
    // Overload answers 503 at once instead of queueing for the database: at most
    // `max_in_flight` requests are served, the rest are shed before any work.
    let shed = tower::ServiceBuilder::new()
        .layer(axum::error_handling::HandleErrorLayer::new(
            |_: tower::BoxError| async {
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(http::header::RETRY_AFTER, "1")],
                    "The service is busy. Try again in a moment.",
                )
            },
        ))
        .load_shed()
        .concurrency_limit(state.edge.max_in_flight);
    let app = Router::new()
        .merge(photo_routes::routes())
        .leptos_routes_with_context(
            &options,
            routes,
            {
                let ctx = ctx.clone();
                move || provide_context(ctx.clone())
            },
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler(shell))
        .layer(axum::middleware::from_fn_with_state(
            mw.clone(),
            middleware::session,
        ))
        .layer(axum::middleware::from_fn_with_state(
            mw.clone(),
            middleware::same_origin,
        ))
        .layer(axum::middleware::from_fn(middleware::api_input))
        .layer(axum::middleware::from_fn(middleware::server_fn_status))
        .layer(shed);
    // /health and /metrics stay outside the limit: they must answer while the app is busy
    Router::new()
        .route("/health", get(health))
        .route("/metrics", get(metrics_endpoint))
        .merge(app)
        .layer(axum::middleware::from_fn_with_state(mw, middleware::headers))
        .layer(axum::middleware::from_fn(middleware::metrics))
        // brotli or gzip for server-rendered HTML and server-function JSON; the WASM, JS and
        // CSS are precompressed at build time (`--precompress`) and served as they are
        .layer(CompressionLayer::new())
        .layer(Extension(ctx))
        .layer(Extension(handle))
        .layer(Extension(MetricsAccess(state.edge.metrics_token.clone())))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &http::Request<_>| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(options)
}

/// Who may read `/metrics`: the bearer of this token, or without one loopback clients
/// that came through no proxy.
#[derive(Clone)]
struct MetricsAccess(Option<secrecy::SecretString>);

impl MetricsAccess {
    fn allows(&self, headers: &http::HeaderMap, peer: Option<std::net::IpAddr>) -> bool {
        match &self.0 {
            Some(token) => headers
                .get(http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .is_some_and(|given| {
                    // constant time: compare digests of equal length
                    use sha2::Digest;
                    let a = sha2::Sha256::digest(given.trim().as_bytes());
                    let b = sha2::Sha256::digest(token.expose_secret().as_bytes());
                    a.iter()
                        .zip(b.iter())
                        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
                        == 0
                }),
            None => {
                peer.is_some_and(|p| p.is_loopback()) && !headers.contains_key("x-forwarded-for")
            }
        }
    }
}

async fn health(Extension(ctx): Extension<Arc<ServerCtx>>) -> impl IntoResponse {
    let db = tokio::time::timeout(
        std::time::Duration::from_secs(3),
        sqlx::query("select 1").execute(&ctx.pool),
    )
    .await;
    let (status, database) = match db {
        Ok(Ok(_)) => (StatusCode::OK, "ok".to_string()),
        Ok(Err(e)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "error: {}",
                e.to_string().lines().next().unwrap_or("failed")
            ),
        ),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "error: timed out".to_string(),
        ),
    };
    // file storage is needed for photos; the AI provider always has the offline fallback,
    // so it is reported but never makes the service unhealthy
    let storage =
        match tokio::time::timeout(std::time::Duration::from_secs(3), ctx.files.check()).await {
            Ok(Ok(())) => format!("ok ({})", ctx.files.name()),
            Ok(Err(e)) => format!("error: {e}"),
            Err(_) => "error: timed out".to_string(),
        };
    let status = if storage.starts_with("ok") {
        status
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let overall = if status == StatusCode::OK {
        "ok"
    } else {
        "degraded"
    };
    (
        status,
        Json(serde_json::json!({
            "status": overall,
            "checks": {
                "database": database,
                "storage": storage,
                "ai": format!("{} ({})", ctx.ai.name(), ctx.ai.model()),
            }
        })),
    )
}

async fn metrics_endpoint(
    Extension(ctx): Extension<Arc<ServerCtx>>,
    Extension(handle): Extension<PrometheusHandle>,
    Extension(access): Extension<MetricsAccess>,
    connect: Option<Extension<axum::extract::ConnectInfo<SocketAddr>>>,
    headers: http::HeaderMap,
    _: State<LeptosOptions>,
) -> axum::response::Response {
    if !access.allows(&headers, connect.map(|c| c.0 .0.ip())) {
        return (StatusCode::NOT_FOUND, "Not found.").into_response();
    }
    metrics::gauge!("db_pool_connections").set(ctx.pool.size() as f64);
    metrics::gauge!("db_pool_idle_connections").set(ctx.pool.num_idle() as f64);
    (
        [(http::header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        handle.render(),
    )
        .into_response()
}

/// The process context from configuration and an app pool.
pub fn server_ctx(
    config: &Config,
    pool: sqlx::PgPool,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<ServerCtx> {
    let mail: Arc<dyn MailDelivery> = match &config.smtp_url {
        Some(url) => Arc::new(mail::Smtp::new(url, &config.mail_from)?),
        None => Arc::new(mail::MailFolder::new(&config.mail_dir, &config.mail_from)?),
    };
    let clock_for_ai = clock.clone();
    Ok(ServerCtx {
        pool,
        clock,
        mail,
        tokens: TokenKeys::new(config.secret.expose_secret().as_bytes()),
        public_url: config.public_url.clone(),
        secure_cookies: config.public_url.starts_with("https://"),
        demo_mode: config.demo_enabled(),
        login_ip_limit_per_min: config.login_ip_limit_per_min,
        hash_permits: Arc::new(tokio::sync::Semaphore::new(2)),
        files: storage::build_store(&config.storage)?,
        ai: ai::build_provider(&config.ai, clock_for_ai),
        ai_user_limit_per_hour: config.ai.user_limit_per_hour,
        ai_org_limit_per_hour: config.ai.org_limit_per_hour,
    })
}

/// Connects (starting the local cluster when no DATABASE_URL is given), migrates,
/// and returns (owner pool, app pool). With the local cluster, requests run as the app's
/// own login (password generated into `DATA_DIR/db-app-password`, 0600); with another
/// server, as `APP_DATABASE_URL`, or else as `DATABASE_URL`'s login dropped to the app role.
pub async fn connect(config: &Config) -> anyhow::Result<(sqlx::PgPool, sqlx::PgPool)> {
    let owner_url = match &config.database_url {
        Some(url) => url.clone(),
        None => pg_local::ensure_running(&config.pg_local()).await?,
    };
    let owner = db::migrate(&owner_url).await?;
    let max = config.db_max_connections;
    let app = match (&config.app_database_url, &config.database_url) {
        (Some(url), _) => {
            let options = PgConnectOptions::from_str(url).context("parsing APP_DATABASE_URL")?;
            db::app_pool(options, true, max).await?
        }
        (None, None) => {
            let password = app_login_password(&config.data_dir)?;
            db::ensure_app_login(&owner, &password).await?;
            let options = PgConnectOptions::from_str(&owner_url)
                .context("parsing the database URL")?
                .username(db::APP_LOGIN)
                .password(&password);
            db::app_pool(options, true, max).await?
        }
        (None, Some(url)) => {
            let options = PgConnectOptions::from_str(url).context("parsing DATABASE_URL")?;
            db::app_pool(options, false, max).await?
        }
    };
    Ok((owner, app))
}

/// The local cluster's app-login password, generated once (mode 0600 beside the secret).
fn app_login_password(data_dir: &std::path::Path) -> anyhow::Result<String> {
    let path = data_dir.join("db-app-password");
    if let Ok(pw) = std::fs::read_to_string(&path) {
        if !pw.trim().is_empty() {
            return Ok(pw.trim().to_owned());
        }
    }
    std::fs::create_dir_all(data_dir)?;
    let pw = config::random_hex(24);
    config::write_private(&path, &pw).context("writing the app login's password")?;
    Ok(pw)
}

pub async fn run(config: Config) -> anyhow::Result<()> {
    let conf = get_configuration(None).context("reading Leptos options")?;
    let leptos_options = conf.leptos_options;
    let addr = leptos_options.site_addr;
    let (owner, pool) = connect(&config).await?;
    let ctx = Arc::new(server_ctx(&config, pool, Arc::new(SystemClock))?);
    // the worker migrates its own schema (as the owner) before anything can enqueue
    let worker = jobs::worker_with(
        owner.clone(),
        ctx.clone(),
        Some(Box::pin(shutdown_signal())),
    )
    .await?;
    if config.demo_enabled() && !demo::exists(&owner).await? {
        demo::load(&owner, &ctx).await?;
    }
    jobs::spawn(worker);
    let app = build_router(AppState {
        leptos_options,
        ctx,
        edge: config.edge.clone(),
    });
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    tracing::info!(url = %config.public_url, "PropertyPro is listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    Ok(())
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM (what `kill`, systemd and containers send).
pub async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
    tracing::info!("shutting down");
}

pub async fn reload_demo_data(config: Config) -> anyhow::Result<()> {
    let (owner, pool) = connect(&config).await?;
    let ctx = server_ctx(&config, pool, Arc::new(SystemClock))?;
    demo::load(&owner, &ctx).await?;
    println!(
        "Harbor Realty demo data loaded. Sign in as admin@harbor.example / {}",
        demo::DEMO_PASSWORD
    );
    Ok(())
}

pub async fn seed_bench(config: Config, listings: i64) -> anyhow::Result<()> {
    let (owner, _) = connect(&config).await?;
    demo::bench::seed(&owner, listings).await
}
