//! The process context given to every server function, and the caller's identity.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::use_context;
use shared::auth::{can, Permission, Role};
use shared::ids::{OrgId, SessionId, UserId};
use sqlx::{PgPool, Postgres, Transaction};

use super::mail::MailDelivery;
use super::tokens::TokenKeys;
use crate::error::AppError;

/// The time source: the system clock in production, a settable one in tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// Everything a server function may need from the process. Built once in `server/`.
pub struct ServerCtx {
    pub pool: PgPool,
    pub clock: Arc<dyn Clock>,
    pub mail: Arc<dyn MailDelivery>,
    pub tokens: TokenKeys,
    /// Absolute base URL for emailed links, e.g. "http://127.0.0.1:3000".
    pub public_url: String,
    /// Sessions cookie gets `Secure` and the `__Host-` prefix when served over https.
    pub secure_cookies: bool,
    /// Show the demo accounts on the sign-in page (embedded defaults only).
    pub demo_mode: bool,
    /// Requests per IP per minute for sign-in, registration and forgot-password (product.md:
    /// 10).
    pub login_ip_limit_per_min: i64,
    /// Bounds concurrent argon2 work (19 MiB each) so sign-in bursts can't exhaust memory.
    pub hash_permits: Arc<tokio::sync::Semaphore>,
    /// Where listing photos live (local directory or S3-compatible storage).
    pub files: Arc<dyn super::storage::FileStore>,
    /// The AI engine: offline writer, or a remote provider wrapped with fallback.
    pub ai: Arc<dyn super::ai::AiProvider>,
    /// AI generations per user per hour (product.md: 50) and per org per hour (config).
    pub ai_user_limit_per_hour: i64,
    pub ai_org_limit_per_hour: i64,
}

impl ServerCtx {
    pub fn session_cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-pp_session"
        } else {
            "pp_session"
        }
    }
}

/// The process context, or `Internal` when a handler runs without one (a wiring bug).
pub fn ctx() -> Result<Arc<ServerCtx>, AppError> {
    use_context::<Arc<ServerCtx>>().ok_or_else(|| {
        tracing::error!("ServerCtx missing from context");
        AppError::Internal
    })
}

/// The signed-in user of this request, loaded by the session middleware from the
/// database on every request (so role changes and disabling apply at once).
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub session_id: SessionId,
    pub user_id: UserId,
    pub org_id: OrgId,
    pub role: Role,
}

impl SessionUser {
    /// `Forbidden` unless the role allows `permission`. The refusal is audited by
    /// `handle` once the body has ended and let go of its connection: writing it here, in
    /// a second transaction while the caller may hold one open, let a burst of refused
    /// requests take every pooled connection (issue 11 item 2).
    pub async fn require(&self, permission: Permission) -> Result<(), AppError> {
        if can(self.role, permission) {
            return Ok(());
        }
        let denial = Denial {
            org_id: self.org_id,
            user_id: self.user_id,
            permission: format!("{permission:?}"),
            path: request_meta().path,
            ip: request_meta().ip,
        };
        match use_context::<Denials>() {
            Some(denials) => denials.push(denial),
            // outside `handle` (no body holds a transaction here): record it now
            None => {
                let ctx = ctx()?;
                record_denials(&ctx, vec![denial]).await?
            }
        }
        Err(AppError::Forbidden)
    }
}

/// A refused permission check, to be written to the audit log.
#[derive(Debug, Clone)]
pub struct Denial {
    pub org_id: OrgId,
    pub user_id: UserId,
    pub permission: String,
    pub path: String,
    pub ip: Option<String>,
}

/// The refusals of the server function running now (provided by `handle`).
#[derive(Debug, Clone, Default)]
pub struct Denials(Arc<std::sync::Mutex<Vec<Denial>>>);

impl Denials {
    fn push(&self, d: Denial) {
        if let Ok(mut v) = self.0.lock() {
            v.push(d);
        }
    }

    pub fn take(&self) -> Vec<Denial> {
        self.0
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }
}

/// Writes `permission_denied` entries, one transaction per entry's org.
pub async fn record_denials(ctx: &ServerCtx, denials: Vec<Denial>) -> Result<(), AppError> {
    let now = ctx.clock.now();
    for d in denials {
        let mut entry =
            super::audit::Entry::new(d.org_id, now, Some(d.user_id), "permission_denied")
                .target("permission", d.permission)
                .detail(serde_json::json!({ "path": d.path }));
        entry.ip = d.ip;
        let mut tx = tenant_tx(&ctx.pool, d.org_id).await?;
        super::audit::record(&mut tx, &entry).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// What the request looked like, for audit entries and session rows.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub path: String,
    /// A plain HTML form post (JavaScript off): errors travel back in the URL.
    pub wants_html: bool,
}

impl RequestMeta {
    /// A request handled later by a job: only the caller's IP is kept (for the audit log).
    pub fn from_ip(ip: Option<String>) -> Self {
        RequestMeta {
            ip,
            user_agent: None,
            path: String::new(),
            wants_html: false,
        }
    }
}

/// Set by the server's middleware as a request extension.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

pub fn request_meta() -> RequestMeta {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return RequestMeta::default();
    };
    let header = |name: http::header::HeaderName| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    RequestMeta {
        ip: parts.extensions.get::<ClientIp>().map(|c| c.0.clone()),
        user_agent: header(http::header::USER_AGENT).map(|ua| ua.chars().take(400).collect()),
        path: parts.uri.path().to_owned(),
        wants_html: header(http::header::ACCEPT).is_some_and(|a| a.contains("text/html")),
    }
}

/// The signed-in user, or `Unauthorized`.
pub fn current_user() -> Result<SessionUser, AppError> {
    maybe_user().ok_or(AppError::Unauthorized)
}

/// The signed-in user, if any.
pub fn maybe_user() -> Option<SessionUser> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<SessionUser>()
        .cloned()
}

/// A transaction scoped to one org: RLS sees only that org's rows. The setting is
/// transaction-local, so a pooled connection never carries it to the next request.
pub async fn tenant_tx(
    pool: &PgPool,
    org: OrgId,
) -> Result<Transaction<'static, Postgres>, AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query_scalar!(
        "select set_config('app.org_id', $1, true)",
        org.0.to_string()
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(tx)
}
