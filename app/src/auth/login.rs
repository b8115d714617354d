//! Signing in: per-IP limit, per-account lockout, constant-time-ish password check,
//! session rotation and the audit trail.

use shared::forms::Login;
use shared::lockout::{locked_until, retry_message};

use crate::error::AppError;
use crate::platform::{audit, ctx, handle, passwords, request_meta, tenant_tx};

pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    handle(async {
        let input = Login::parse(&email, &password)?;
        let ctx = ctx()?;
        let meta = request_meta();
        let ip = meta.ip.clone().unwrap_or_else(|| "unknown".into());
        let now = ctx.clock.now();

        let (per_ip, oldest) = super::db::ip_attempts_last_minute(&ctx.pool, &ip, now).await?;
        if per_ip >= ctx.login_ip_limit_per_min {
            super::db::insert_attempt(&ctx.pool, &input.email, &ip, now, "blocked").await?;
            let wait = oldest
                .map(|o| o + chrono::Duration::minutes(1) - now)
                .unwrap_or(chrono::Duration::minutes(1));
            return Err(AppError::RateLimited {
                retry_after_secs: whole_seconds(wait),
                message: retry_message(wait),
            });
        }

        let account = super::db::find_login(&ctx.pool, &input.email).await?;
        let failures = super::db::recent_failures(&ctx.pool, &input.email, now).await?;
        if let Some(until) = locked_until(&failures, now) {
            super::db::insert_attempt(&ctx.pool, &input.email, &ip, now, "blocked").await?;
            if let Some(a) = &account {
                let mut tx = tenant_tx(&ctx.pool, a.org_id).await?;
                audit::record(&mut tx, &entry(a, now, "sign_in_blocked", &meta)).await?;
                tx.commit().await?;
            }
            let wait = until - now;
            return Err(AppError::RateLimited {
                retry_after_secs: whole_seconds(wait),
                message: retry_message(wait),
            });
        }

        let stored = account.as_ref().map(|a| a.password_hash.clone());
        let ok = passwords::verify(&ctx.hash_permits, input.password, stored).await?;
        let Some(account) = account.filter(|_| ok) else {
            super::db::insert_attempt(&ctx.pool, &input.email, &ip, now, "failure").await?;
            if let Some(a) = super::db::find_login(&ctx.pool, &input.email).await? {
                let mut tx = tenant_tx(&ctx.pool, a.org_id).await?;
                audit::record(&mut tx, &entry(&a, now, "sign_in_failed", &meta)).await?;
                tx.commit().await?;
            }
            return Err(AppError::BadCredentials);
        };
        if account.disabled {
            super::db::insert_attempt(&ctx.pool, &input.email, &ip, now, "failure").await?;
            let mut tx = tenant_tx(&ctx.pool, account.org_id).await?;
            audit::record(&mut tx, &entry(&account, now, "sign_in_failed", &meta)).await?;
            tx.commit().await?;
            return Err(AppError::Conflict("This account is disabled.".into()));
        }

        super::db::insert_attempt(&ctx.pool, &input.email, &ip, now, "success").await?;
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
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

fn entry(
    a: &super::db::LoginRow,
    now: chrono::DateTime<chrono::Utc>,
    action: &'static str,
    meta: &crate::platform::RequestMeta,
) -> audit::Entry {
    audit::Entry::new(a.org_id, now, Some(a.user_id), action)
        .target("user", a.user_id)
        .detail(serde_json::json!({ "user_agent": meta.user_agent }))
}

/// Seconds to wait, rounded up (stored times have microsecond precision).
fn whole_seconds(wait: chrono::Duration) -> u64 {
    ((wait.num_milliseconds() + 999) / 1000).max(1) as u64
}
