//! The explicit input of every server-side body: who acts, in which org, at what time,
//! with which process services. An endpoint builds it from the request (`serve`); a
//! job or an assistant tool builds it for a known user (`Scope::for_user`). The body
//! never reads the request context itself, so all three can call it.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use shared::auth::Permission;
use sqlx::{PgConnection, Postgres, Transaction};

use super::audit::Entry;
use super::ctx::{ctx, current_user, request_meta, tenant_tx, ServerCtx, SessionUser};
use crate::error::AppError;

/// A signed-in caller: the user, the process services and the request's clock reading.
#[derive(Clone)]
pub struct Scope {
    pub ctx: Arc<ServerCtx>,
    pub user: SessionUser,
    /// Read once: every row a body writes carries the same time.
    pub now: DateTime<Utc>,
    /// The caller's address for audit entries (none for jobs).
    pub ip: Option<String>,
}

impl Scope {
    /// The signed-in user of the current request, or `Unauthorized`.
    pub fn from_request() -> Result<Self, AppError> {
        let user = current_user()?;
        let ctx = ctx()?;
        Ok(Self::for_user(ctx, user).with_ip(request_meta().ip))
    }

    /// Acting as `user` outside a request (a job, an assistant tool, a seeder).
    pub fn for_user(ctx: Arc<ServerCtx>, user: SessionUser) -> Self {
        let now = ctx.clock.now();
        Scope {
            ctx,
            user,
            now,
            ip: None,
        }
    }

    /// The caller's address, for audit entries.
    pub fn with_ip(mut self, ip: Option<String>) -> Self {
        self.ip = ip;
        self
    }

    /// `Forbidden` unless the caller's role allows `permission` (audited). Call it
    /// before `tx`: a refusal never holds a connection.
    pub async fn require(&self, permission: Permission) -> Result<(), AppError> {
        self.user.require(permission).await
    }

    pub fn can(&self, permission: Permission) -> bool {
        shared::auth::can(self.user.role, permission)
    }

    /// A transaction that sees the caller's org only (RLS).
    pub async fn tx(&self) -> Result<Transaction<'static, Postgres>, AppError> {
        tenant_tx(&self.ctx.pool, self.user.org_id).await
    }

    /// An audit entry for `action` by the caller, now, from the caller's address:
    /// add `.target(..)` / `.detail(..)` and `.record(&mut tx)` before committing.
    pub fn audit(&self, action: &'static str) -> Entry {
        let mut entry = Entry::new(self.user.org_id, self.now, Some(self.user.user_id), action);
        entry.ip = self.ip.clone();
        entry
    }

    /// Runs `body` in one tenant transaction and commits it when the body succeeds.
    pub async fn in_tx<T>(
        &self,
        body: impl AsyncFnOnce(&mut PgConnection) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut tx = self.tx().await?;
        let value = body(&mut tx).await?;
        tx.commit().await?;
        Ok(value)
    }
}

/// The body of an endpoint for a signed-in caller: builds the scope from the request
/// and maps the result onto the response (`handle`).
pub async fn serve<T>(body: impl AsyncFnOnce(Scope) -> Result<T, AppError>) -> Result<T, AppError> {
    super::handle(async move { body(Scope::from_request()?).await }).await
}

/// The body of an endpoint anyone may call (sign-in, registration, reset links): the
/// process services and what the request looked like, no user.
pub async fn serve_public<T>(
    body: impl AsyncFnOnce(Arc<ServerCtx>, super::RequestMeta) -> Result<T, AppError>,
) -> Result<T, AppError> {
    super::handle(async move { body(ctx()?, request_meta()).await }).await
}
