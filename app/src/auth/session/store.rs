//! Server-side sessions (engineering.md "Decisions"): an opaque 256-bit token in a
//! cookie, its SHA-256 in PostgreSQL; idle timeout 7 days, absolute 30 days; the
//! user's role and status are re-read on every request. `load` runs in the server's
//! session middleware, before any scope exists.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use shared::auth::Role;
use shared::ids::{OrgId, SessionId, UserId};
use sqlx::PgConnection;

use super::db;
use crate::error::AppError;
use crate::platform::respond::set_cookie;
use crate::platform::{tenant_tx, RequestMeta, ServerCtx, SessionUser};

/// Signed-in devices expire after this long without a request (product.md).
pub const IDLE_TIMEOUT: Duration = Duration::days(7);
/// …and this long after sign-in, whatever happens.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(30);
/// `last_seen_at` is written at most this often, so reads stay reads.
const TOUCH_EVERY: Duration = Duration::minutes(1);

pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Creates a session row and returns the cookie value (never stored).
pub async fn start(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    db::insert_session(
        conn,
        org,
        user,
        hash_token(&token),
        now,
        meta.ip.as_deref(),
        meta.user_agent.as_deref(),
    )
    .await?;
    Ok(token)
}

/// The `Set-Cookie` value for a new session or for clearing it.
pub fn cookie(ctx: &ServerCtx, token: Option<&str>) -> String {
    let name = ctx.session_cookie_name();
    let secure = if ctx.secure_cookies { "; Secure" } else { "" };
    match token {
        Some(t) => format!(
            "{name}={t}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            ABSOLUTE_TIMEOUT.num_seconds()
        ),
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

pub fn set_session_cookie(ctx: &ServerCtx, token: Option<&str>) {
    set_cookie(cookie(ctx, token));
}

/// Why a presented session is not (or no longer) valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnd {
    Unknown,
    Revoked,
    Expired,
    Disabled,
}

/// Resolves a cookie token to the signed-in user, touching `last_seen_at`.
pub async fn load(
    ctx: &ServerCtx,
    token: &str,
) -> Result<Result<SessionUser, SessionEnd>, AppError> {
    let now = ctx.clock.now();
    let Some(row) = db::select_session_by_token(&ctx.pool, hash_token(token)).await? else {
        return Ok(Err(SessionEnd::Unknown));
    };
    if row.revoked_at.is_some() {
        return Ok(Err(SessionEnd::Revoked));
    }
    let (org, session) = (OrgId(row.org_id), SessionId(row.session_id));
    if row.last_seen_at + IDLE_TIMEOUT <= now
        || row.created_at + ABSOLUTE_TIMEOUT <= now
        || row.disabled_at.is_some()
    {
        let mut tx = tenant_tx(&ctx.pool, org).await?;
        db::revoke_session(&mut tx, org, session, now).await?;
        tx.commit().await?;
        let end = if row.disabled_at.is_some() {
            SessionEnd::Disabled
        } else {
            SessionEnd::Expired
        };
        return Ok(Err(end));
    }
    if row.last_seen_at + TOUCH_EVERY <= now {
        let mut tx = tenant_tx(&ctx.pool, org).await?;
        db::touch_session(&mut tx, org, session, now).await?;
        tx.commit().await?;
    }
    let role = Role::parse(&row.role).ok_or(AppError::Internal)?;
    Ok(Ok(SessionUser {
        session_id: session,
        user_id: UserId(row.user_id),
        org_id: org,
        role,
    }))
}
