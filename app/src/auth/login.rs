//! Signing in: per-IP limit, per-account lockout, constant-time-ish password check,
//! session rotation and the audit trail.

use shared::forms::Login;
use shared::lockout::{retry_after_secs, Admission};

use crate::error::AppError;
use crate::platform::{audit, ctx, handle, passwords, request_meta, tenant_tx};

pub async fn sign_in(email: String, password: String, next: &str) -> Result<(), AppError> {
    handle(async {
        let input = Login::parse(&email, &password)?;
        let ctx = ctx()?;
        let meta = request_meta();
        let ip = meta.ip.clone().unwrap_or_else(|| "unknown".into());
        let now = ctx.clock.now();

        let (ok, account) =
            check_password(&ctx, &meta, &ip, &input.email, input.password, now).await?;
        let Some(account) = account.filter(|_| ok) else {
            if let Some(a) = super::db::find_login(&ctx.pool, &input.email).await? {
                let mut tx = tenant_tx(&ctx.pool, a.org_id).await?;
                audit::record(&mut tx, &entry(&a, now, "sign_in_failed", &meta)).await?;
                tx.commit().await?;
            }
            return Err(AppError::BadCredentials);
        };
        if account.disabled {
            let mut tx = tenant_tx(&ctx.pool, account.org_id).await?;
            audit::record(&mut tx, &entry(&account, now, "sign_in_failed", &meta)).await?;
            tx.commit().await?;
            return Err(AppError::Conflict("This account is disabled.".into()));
        }

        let mut tx = tenant_tx(&ctx.pool, account.org_id).await?;
        // rotation: a session this browser already had is ended, a new id is issued
        if let Some(previous) = crate::platform::ctx::maybe_user() {
            super::db::revoke_session(&mut tx, previous.org_id, previous.session_id, now).await?;
        }
        let token =
            super::session::start(&mut tx, account.org_id, account.user_id, &meta, now).await?;
        audit::record(&mut tx, &entry(&account, now, "sign_in", &meta)).await?;
        tx.commit().await?;
        super::session::set_session_cookie(&ctx, Some(&token));
        leptos_axum::redirect(shared::forms::local_path(next).unwrap_or("/"));
        Ok(())
    })
    .await
}

/// Checks a password for `email` under the sign-in rules (per-IP limit, account lock, one
/// check in flight per account), reserving the attempt first and settling it after, so
/// parallel guesses can't all pass the counts. Sign-in, step-up and password change all
/// come through here. Answers whether it matched, and the account if there is one.
pub(super) async fn check_password(
    ctx: &std::sync::Arc<crate::platform::ServerCtx>,
    meta: &crate::platform::RequestMeta,
    ip: &str,
    email: &str,
    password: String,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(bool, Option<super::db::LoginRow>), AppError> {
    let attempt =
        match super::db::reserve_attempt(&ctx.pool, email, ip, now, ctx.login_ip_limit_per_min)
            .await?
        {
            Ok(id) => id,
            Err(Admission::Refuse {
                wait,
                message,
                account_locked,
            }) => {
                if account_locked {
                    if let Some(a) = super::db::find_login(&ctx.pool, email).await? {
                        let mut tx = tenant_tx(&ctx.pool, a.org_id).await?;
                        audit::record(&mut tx, &entry(&a, now, "sign_in_blocked", meta)).await?;
                        tx.commit().await?;
                    }
                }
                return Err(AppError::RateLimited {
                    retry_after_secs: retry_after_secs(wait),
                    message,
                });
            }
            Err(Admission::Check) => return Err(AppError::Internal),
        };
    let account = super::db::find_login(&ctx.pool, email).await?;
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    // the check and its settlement run on their own task: a request dropped half-way
    // still settles its attempt (an unsettled one blocks the account for 30 s)
    let ctx = ctx.clone();
    tokio::spawn(async move {
        let ok = passwords::verify(&ctx.hash_permits, password, stored).await;
        let success = matches!(ok, Ok(true));
        let disabled = account.as_ref().is_some_and(|a| a.disabled);
        super::db::settle_attempt(&ctx.pool, attempt, success && !disabled).await?;
        Ok::<_, AppError>((ok?, account))
    })
    .await
    .map_err(|_| AppError::Internal)?
}

pub(super) fn entry(
    a: &super::db::LoginRow,
    now: chrono::DateTime<chrono::Utc>,
    action: &'static str,
    meta: &crate::platform::RequestMeta,
) -> audit::Entry {
    audit::Entry::new(a.org_id, now, Some(a.user_id), action)
        .target("user", a.user_id)
        .detail(serde_json::json!({ "user_agent": meta.user_agent }))
}
