//! Test harness: the real router over HTTP on 127.0.0.1, a fresh database per test
//! (`#[sqlx::test]`), the app pool dropped to `propertypro_app`, a settable clock.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use app::platform::{Clock, ServerCtx};
use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;

pub struct FakeClock(Mutex<DateTime<Utc>>);

impl FakeClock {
    pub fn advance(&self, by: Duration) {
        let mut t = self.0.lock().unwrap();
        *t += by;
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

pub struct TestApp {
    pub base: String,
    pub clock: Arc<FakeClock>,
    pub owner: PgPool,
    pub app_pool: PgPool,
    pub ctx: Arc<ServerCtx>,
    /// Where this app's photo files live (a fresh temp directory per test).
    pub files_dir: std::path::PathBuf,
    /// The job worker, when the test asked for one; `run_jobs` drains the queue.
    pub worker: Option<graphile_worker::Worker>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.files_dir);
    }
}

pub const PASSWORD: &str = "glacier-otter-violin";
/// The app login's password in tests (the role is shared by every test database).
const TEST_APP_PASSWORD: &str = "test-app-login-password";

pub async fn spawn_app(owner: PgPool) -> TestApp {
    spawn_app_with(owner, 1000).await
}

pub async fn spawn_app_with(owner: PgPool, ip_limit: i64) -> TestApp {
    spawn_app_full(owner, ip_limit, Arc::new(app::platform::mail::OutboxOnly)).await
}

pub async fn spawn_app_full(
    owner: PgPool,
    ip_limit: i64,
    mail: Arc<dyn app::platform::mail::MailDelivery>,
) -> TestApp {
    // mail leaves through the `deliver_mail` job: `run_jobs` delivers it
    spawn(owner, ip_limit, mail, 50, true).await
}

/// How a test wants its app, beyond the defaults.
pub struct Opts {
    pub ip_limit: i64,
    pub ai_user_limit: i64,
    pub with_worker: bool,
    pub pool_size: u32,
    pub edge: server::config::EdgeConfig,
}

impl Default for Opts {
    fn default() -> Self {
        Opts {
            ip_limit: 1000,
            ai_user_limit: 50,
            with_worker: false,
            pool_size: 16,
            edge: server::config::EdgeConfig::default(),
        }
    }
}

pub async fn spawn_app_opts(owner: PgPool, o: Opts) -> TestApp {
    spawn_inner(
        owner,
        o.ip_limit,
        Arc::new(app::platform::mail::OutboxOnly),
        o.ai_user_limit,
        o.with_worker,
        o.pool_size,
        o.edge,
    )
    .await
}

/// An app with the job worker (its schema installed) and `ai_user_limit` generations
/// per user per hour; the offline AI provider writes.
pub async fn spawn_app_with_jobs(owner: PgPool, ai_user_limit: i64) -> TestApp {
    spawn(
        owner,
        1000,
        Arc::new(app::platform::mail::OutboxOnly),
        ai_user_limit,
        true,
    )
    .await
}

async fn spawn(
    owner: PgPool,
    ip_limit: i64,
    mail: Arc<dyn app::platform::mail::MailDelivery>,
    ai_user_limit: i64,
    with_worker: bool,
) -> TestApp {
    let edge = server::config::EdgeConfig::default();
    spawn_inner(owner, ip_limit, mail, ai_user_limit, with_worker, 16, edge).await
}

async fn spawn_inner(
    owner: PgPool,
    ip_limit: i64,
    mail: Arc<dyn app::platform::mail::MailDelivery>,
    ai_user_limit: i64,
    with_worker: bool,
    pool_size: u32,
    edge: server::config::EdgeConfig,
) -> TestApp {
    // the server's reqwest brings no TLS provider of its own (rustls with ring, as the server)
    let _ = rustls::crypto::ring::default_provider().install_default();
    // server errors show in a failing test's output (captured otherwise)
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter("warn")
        .try_init();
    // requests run as the app's own login, as in production (never the owner)
    server::db::ensure_app_login(&owner, TEST_APP_PASSWORD)
        .await
        .unwrap();
    let options = (*owner.connect_options())
        .clone()
        .username(server::db::APP_LOGIN)
        .password(TEST_APP_PASSWORD);
    let app_pool = server::db::app_pool(options, true, pool_size)
        .await
        .unwrap();
    let clock = Arc::new(FakeClock(Mutex::new(Utc::now())));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let base = format!("http://{addr}");
    let files_dir = std::env::temp_dir().join(format!("pp-test-files-{}", uuid::Uuid::new_v4()));
    let ctx = ServerCtx {
        pool: app_pool.clone(),
        clock: clock.clone(),
        mail,
        tokens: app::platform::tokens::TokenKeys::new(b"test-secret-test-secret-test-secret!!"),
        public_url: base.clone(),
        secure_cookies: false,
        demo_mode: false,
        login_ip_limit_per_min: ip_limit,
        hash_permits: Arc::new(tokio::sync::Semaphore::new(2)),
        files: Arc::new(server::storage::LocalStore::new(&files_dir)),
        ai: Arc::new(server::ai::offline::OfflineProvider),
        ai_user_limit_per_hour: ai_user_limit,
        ai_org_limit_per_hour: 10_000,
    };
    let ctx = Arc::new(ctx);
    // the job schema is always installed (requests queue jobs, e.g. every email);
    // only tests that asked for the worker get to run the jobs
    let worker = server::jobs::worker(owner.clone(), ctx.clone())
        .await
        .unwrap();
    let worker = with_worker.then_some(worker);
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("propertypro")
        .site_root("target/site")
        .site_addr(addr)
        .build();
    let router = server::build_router(server::AppState {
        leptos_options,
        ctx: ctx.clone(),
        edge,
    });
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    TestApp {
        base,
        clock,
        owner,
        app_pool,
        ctx,
        files_dir,
        worker,
    }
}

/// A browser-like client with its own cookie jar.
pub fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    /// Runs every queued job now (deterministic, instead of the background loop).
    pub async fn run_jobs(&self) {
        self.worker
            .as_ref()
            .expect("spawn_app_with_jobs")
            .run_once()
            .await
            .unwrap();
    }

    /// POSTs a form to a server function.
    pub async fn post(
        &self,
        c: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        c.post(format!("{}/api/{endpoint}", self.base))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// The signed-in user as `auth/me` returns it (JSON null when signed out).
    pub async fn me(&self, c: &reqwest::Client) -> serde_json::Value {
        self.get(c, "auth/me").await.json().await.unwrap()
    }

    pub async fn get(&self, c: &reqwest::Client, endpoint: &str) -> reqwest::Response {
        c.get(format!("{}/api/{endpoint}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// Registers a brokerage and returns a signed-in client of its admin.
    pub async fn register(&self, org: &str, email: &str) -> reqwest::Client {
        let c = client();
        let r = self
            .post(
                &c,
                "auth/register",
                &[
                    ("org_name", org),
                    ("name", "Ada Admin"),
                    ("email", email),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "register failed: {} {}",
            r.status(),
            r.text().await.unwrap()
        );
        c
    }

    pub async fn login(
        &self,
        email: &str,
        password: &str,
    ) -> (reqwest::Client, reqwest::StatusCode, String) {
        let c = client();
        let r = self
            .post(
                &c,
                "auth/login",
                &[("email", email), ("password", password)],
            )
            .await;
        let status = r.status();
        let body = r.text().await.unwrap();
        (c, status, body)
    }

    /// The newest outbox email to `to`: (subject, action_url), read as the owner.
    pub async fn last_email(&self, to: &str) -> (String, String) {
        let row: (String, String) = sqlx::query_as(
            "select subject, action_url from outbox_emails where to_email = $1 order by created_at desc limit 1",
        )
        .bind(to)
        .fetch_one(&self.owner)
        .await
        .unwrap();
        row
    }

    /// The token query parameter of the newest action link to `to`.
    pub async fn last_token(&self, to: &str) -> String {
        let (_, url) = self.last_email(to).await;
        url.split("token=").nth(1).unwrap().to_owned()
    }

    /// Marks a user's email verified (owner connection, as a test shortcut).
    pub async fn verify(&self, email: &str) {
        sqlx::query("update users set email_verified_at = now() where email = $1")
            .bind(email)
            .execute(&self.owner)
            .await
            .unwrap();
    }

    pub async fn user_id(&self, email: &str) -> String {
        let id: uuid::Uuid = sqlx::query_scalar("select id from users where email = $1")
            .bind(email)
            .fetch_one(&self.owner)
            .await
            .unwrap();
        id.to_string()
    }

    /// Invites and accepts: returns the new member's signed-in client.
    pub async fn add_member(
        &self,
        admin: &reqwest::Client,
        email: &str,
        role: &str,
    ) -> reqwest::Client {
        let r = self
            .post(admin, "admin/invite", &[("email", email), ("role", role)])
            .await;
        assert!(
            r.status().is_success(),
            "invite failed: {} {}",
            r.status(),
            r.text().await.unwrap()
        );
        let token = self.last_token(email).await;
        let c = client();
        let r = self
            .post(
                &c,
                "auth/accept-invitation",
                &[
                    ("token", &token),
                    ("name", "Member Person"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert!(
            r.status().is_success(),
            "accept failed: {} {}",
            r.status(),
            r.text().await.unwrap()
        );
        c
    }
}
