//! Signing in (ssr only): per-IP limit, per-account lockout, constant-time-ish password
//! check, session rotation and the audit trail. Runs before there is a signed-in user,
//! so it takes the process context and the request's metadata explicitly.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use shared::forms::Login;
use shared::lockout::{retry_after_secs, Admission};

use super::db::{self, LoginRow};
use super::session;
use super::visitor::{audit_as, record_alone};
use crate::error::AppError;
use crate::platform::{audit, passwords, tenant_tx, RequestMeta, ServerCtx, SessionUser};

/// Signs in and goes to `next` (a local path) or the Today page. A session this browser
/// already had (`previous`) is ended and a new id issued.
pub async fn sign_in(
    ctx: &Arc<ServerCtx>,
    meta: &RequestMeta,
    previous: Option<SessionUser>,
    email: String,
    password: String,
    next: &str,
) -> Result<(), AppError> {
    let input = Login::parse(&email, &password)?;
    let now = ctx.clock.now();
    let (ok, account) = check_password(ctx, meta, &input.email, input.password, now).await?;
    let Some(account) = account.filter(|_| ok) else {
        if let Some(a) = db::find_login(&ctx.pool, &input.email).await? {
            record_alone(ctx, attempt_audit(meta, now, &a, "sign_in_failed")).await?;
        }
        return Err(AppError::BadCredentials);
    };
    if account.disabled {
        record_alone(ctx, attempt_audit(meta, now, &account, "sign_in_failed")).await?;
        return Err(AppError::Conflict("This account is disabled.".into()));
    }
    let mut tx = tenant_tx(&ctx.pool, account.org_id).await?;
    if let Some(previous) = previous {
        session::db::revoke_session(&mut tx, previous.org_id, previous.session_id, now).await?;
    }
    let token = session::start(&mut tx, account.org_id, account.user_id, meta, now).await?;
    attempt_audit(meta, now, &account, "sign_in")
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    session::set_session_cookie(ctx, Some(&token));
    leptos_axum::redirect(shared::forms::local_path(next).unwrap_or("/"));
    Ok(())
}

/// Whether the sign-in page lists the demo accounts (embedded defaults only).
pub fn shows_demo_accounts(ctx: &ServerCtx) -> bool {
    ctx.demo_mode
}

/// Checks a password for `email` under the sign-in rules (per-IP limit, account lock, one
/// check in flight per account), reserving the attempt first and settling it after, so
/// parallel guesses can't all pass the counts. Sign-in, step-up and password change all
/// come through here. Answers whether it matched, and the account if there is one.
pub(super) async fn check_password(
    ctx: &Arc<ServerCtx>,
    meta: &RequestMeta,
    email: &str,
    password: String,
    now: DateTime<Utc>,
) -> Result<(bool, Option<LoginRow>), AppError> {
    let ip = meta.ip.as_deref().unwrap_or("unknown");
    let attempt =
        match db::reserve_attempt(&ctx.pool, email, ip, now, ctx.login_ip_limit_per_min).await? {
            Ok(id) => id,
            Err(Admission::Refuse {
                wait,
                message,
                account_locked,
            }) => {
                if account_locked {
                    if let Some(a) = db::find_login(&ctx.pool, email).await? {
                        record_alone(ctx, attempt_audit(meta, now, &a, "sign_in_blocked")).await?;
                    }
                }
                return Err(AppError::RateLimited {
                    retry_after_secs: retry_after_secs(wait),
                    message,
                });
            }
            Err(Admission::Check) => return Err(AppError::Internal),
        };
    let account = db::find_login(&ctx.pool, email).await?;
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    // the check and its settlement run on their own task: a request dropped half-way
    // still settles its attempt (an unsettled one blocks the account for 30 s)
    let ctx = ctx.clone();
    tokio::spawn(async move {
        let ok = passwords::verify(&ctx.hash_permits, password, stored).await;
        let success = matches!(ok, Ok(true));
        let disabled = account.as_ref().is_some_and(|a| a.disabled);
        db::settle_attempt(&ctx.pool, attempt, success && !disabled).await?;
        Ok::<_, AppError>((ok?, account))
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// A sign-in attempt on account `a`, with the device it came from.
fn attempt_audit(
    meta: &RequestMeta,
    now: DateTime<Utc>,
    a: &LoginRow,
    action: &'static str,
) -> audit::Entry {
    audit_as(meta, now, a.org_id, a.user_id, action)
        .target("user", a.user_id)
        .detail(serde_json::json!({ "user_agent": meta.user_agent }))
}
