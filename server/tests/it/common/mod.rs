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
    /// Where its mail is saved (the embedded default's mail folder), unless the test
    /// gave its own delivery.
    pub mail_dir: std::path::PathBuf,
    /// The job worker (not running by itself): `run_jobs` drains the queue.
    pub worker: Option<graphile_worker::Worker>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.files_dir);
        let _ = std::fs::remove_dir_all(&self.mail_dir);
    }
}

/// One saved message: its headers and its text (8-bit, as the mail folder writes it).
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
}

impl Mail {
    /// The first link in the text starting with the app's `base` (e.g. the action link).
    pub fn link(&self) -> Option<String> {
        self.text
            .split_whitespace()
            .find(|w| w.starts_with("http://") || w.starts_with("https://"))
            .map(str::to_owned)
    }
}

pub const PASSWORD: &str = "glacier-otter-violin";
/// The app login's password in tests (the role is shared by every test database).
const TEST_APP_PASSWORD: &str = "test-app-login-password";

pub async fn spawn_app(owner: PgPool) -> TestApp {
    spawn_app_with(owner, 1000).await
}

pub async fn spawn_app_with(owner: PgPool, ip_limit: i64) -> TestApp {
    spawn(owner, ip_limit, None, 50).await
}

pub async fn spawn_app_full(
    owner: PgPool,
    ip_limit: i64,
    mail: Arc<dyn app::platform::mail::MailDelivery>,
) -> TestApp {
    // mail leaves through the `deliver_mail` job: `run_jobs` delivers it
    spawn(owner, ip_limit, Some(mail), 50).await
}

/// How a test wants its app, beyond the defaults.
pub struct Opts {
    pub ip_limit: i64,
    pub ai_user_limit: i64,
    pub pool_size: u32,
    pub edge: server::config::EdgeConfig,
}

impl Default for Opts {
    fn default() -> Self {
        Opts {
            ip_limit: 1000,
            ai_user_limit: 50,
            pool_size: 16,
            edge: server::config::EdgeConfig::default(),
        }
    }
}

pub async fn spawn_app_opts(owner: PgPool, o: Opts) -> TestApp {
    spawn_inner(
        owner,
        o.ip_limit,
        None,
        o.ai_user_limit,
        o.pool_size,
        o.edge,
    )
    .await
}

/// An app with the job worker (its schema installed) and `ai_user_limit` generations
/// per user per hour; the offline AI provider writes.
pub async fn spawn_app_with_jobs(owner: PgPool, ai_user_limit: i64) -> TestApp {
    spawn(owner, 1000, None, ai_user_limit).await
}

async fn spawn(
    owner: PgPool,
    ip_limit: i64,
    mail: Option<Arc<dyn app::platform::mail::MailDelivery>>,
    ai_user_limit: i64,
) -> TestApp {
    let edge = server::config::EdgeConfig::default();
    spawn_inner(owner, ip_limit, mail, ai_user_limit, 16, edge).await
}

async fn spawn_inner(
    owner: PgPool,
    ip_limit: i64,
    mail: Option<Arc<dyn app::platform::mail::MailDelivery>>,
    ai_user_limit: i64,
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
    let mail_dir = std::env::temp_dir().join(format!("pp-test-mail-{}", uuid::Uuid::new_v4()));
    let mail = mail.unwrap_or_else(|| {
        Arc::new(
            server::mail::MailFolder::new(&mail_dir, "PropertyPro <no-reply@test.local>").unwrap(),
        )
    });
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
    // every app has the worker (mail and sign-up go through jobs); tests drive it
    let worker = Some(worker);
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
        mail_dir,
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
    /// Jobs that jobs queue (e.g. a sign-up's email) run too: passes repeat while any
    /// job is due (a failed one waits for its backoff, so this ends).
    pub async fn run_jobs(&self) {
        let worker = self.worker.as_ref().expect("the app's worker");
        for _ in 0..10 {
            worker.run_once().await.unwrap();
            let due: i64 = sqlx::query_scalar(
                "select count(*) from graphile_worker.jobs
                  where run_at <= now() and locked_at is null and attempts < max_attempts",
            )
            .fetch_one(&self.owner)
            .await
            .unwrap();
            if due == 0 {
                return;
            }
        }
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

    /// Registers a brokerage as a visitor would: the form, the emailed link (from the mail
    /// folder), then "Create my brokerage". Returns a signed-in client of its admin.
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
        let token = self.last_token(email).await;
        let r = self
            .post(&c, "auth/confirm-registration", &[("token", &token)])
            .await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "confirming the registration failed: {} {}",
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

    /// Every message saved to the mail folder for `to`, oldest first (after running the
    /// queued jobs, which send mail).
    pub async fn mails_to(&self, to: &str) -> Vec<Mail> {
        self.run_jobs().await;
        let mut files: Vec<(std::time::SystemTime, std::path::PathBuf)> =
            std::fs::read_dir(&self.mail_dir)
                .map(|d| {
                    d.filter_map(Result::ok)
                        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                        .map(|e| (e.metadata().unwrap().modified().unwrap(), e.path()))
                        .collect()
                })
                .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .map(|(_, p)| parse_mail(&std::fs::read_to_string(p).unwrap()))
            .filter(|m| m.to.contains(to))
            .collect()
    }

    /// The newest message to `to`: (subject, its action link).
    pub async fn last_email(&self, to: &str) -> (String, String) {
        let mail = self
            .mails_to(to)
            .await
            .pop()
            .unwrap_or_else(|| panic!("no mail to {to}"));
        let link = mail.link().unwrap_or_default();
        (mail.subject, link)
    }

    /// The token of the newest private link (`?token=`) mailed to `to`.
    pub async fn last_token(&self, to: &str) -> String {
        self.mails_to(to)
            .await
            .iter()
            .rev()
            .find_map(|m| m.link().filter(|l| l.contains("token=")))
            .and_then(|l| l.split("token=").nth(1).map(str::to_owned))
            .unwrap_or_else(|| panic!("no link with a token mailed to {to}"))
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

/// Headers and text of an `.eml` file written with an 8-bit body.
fn parse_mail(raw: &str) -> Mail {
    let raw = raw.replace("\r\n", "\n");
    let (head, text) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_owned()))
            .unwrap_or_default()
    };
    Mail {
        to: header("To:"),
        subject: header("Subject:"),
        text: text.to_owned(),
    }
}
