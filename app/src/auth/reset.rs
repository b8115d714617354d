//! Forgotten passwords (ssr only): an emailed, single-use, one-hour link. The request
//! never says whether the email has an account.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use shared::forms::{parse_email, parse_new_password};
use shared::ids::{OrgId, UserId};

use super::db;
use super::session;
use super::visitor::{audit_as, open_link};
use crate::error::AppError;
use crate::platform::jobs::{self, Job};
use crate::platform::limits::{self, reset_per_ip, RESET_PER_ADDRESS};
use crate::platform::tokens::{consume, Purpose, LINK_INVALID};
use crate::platform::{mail, passwords, tenant_tx, RequestMeta, ServerCtx};

/// Asks for a reset link. The answer and the work are the same whether or not the
/// address has an account (issue 11 item 8): after the rate limits (3 per address per
/// hour, 10 per IP per minute) the request only queues `SendPasswordReset`, which looks
/// the address up and sends.
pub async fn request(
    ctx: &Arc<ServerCtx>,
    meta: &RequestMeta,
    email: String,
) -> Result<(), AppError> {
    let email = parse_email(&email).map_err(|m| AppError::field("email", m))?;
    let now = ctx.clock.now();
    let mut tx = ctx.pool.begin().await?;
    let per_ip = reset_per_ip(ctx.login_ip_limit_per_min);
    limits::take(
        &mut tx,
        &per_ip,
        meta.ip.as_deref().unwrap_or("unknown"),
        now,
    )
    .await?;
    limits::take(&mut tx, &RESET_PER_ADDRESS, &email, now).await?;
    jobs::enqueue(
        &mut tx,
        &SendPasswordReset {
            email,
            ip: meta.ip.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    if meta.wants_html {
        leptos_axum::redirect("/forgot-password?sent=1");
    }
    Ok(())
}

/// Sends a reset link to `email` if it belongs to an enabled account; nothing otherwise.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendPasswordReset {
    pub email: String,
    pub ip: Option<String>,
}

impl Job for SendPasswordReset {
    const NAME: &'static str = "send_password_reset";
    const MAX_ATTEMPTS: i32 = 5;

    async fn run(self, ctx: Arc<ServerCtx>) -> Result<(), AppError> {
        let now = ctx.clock.now();
        let Some(account) = db::find_login(&ctx.pool, &self.email).await? else {
            return Ok(());
        };
        if account.disabled {
            return Ok(());
        }
        let (org, user) = (account.org_id, account.user_id);
        let mut tx = tenant_tx(&ctx.pool, org).await?;
        let Some((to, name, _)) = db::select_user_email(&mut tx, org, user).await? else {
            return Ok(());
        };
        let Some(version) = db::select_password_version(&mut tx, org, user).await? else {
            return Ok(());
        };
        let mail = super::emails::password_reset(org, user, &to, &name, version);
        mail::queue(&mut tx, &mail, now).await?;
        let meta = RequestMeta::from_ip(self.ip);
        audit_as(&meta, now, org, user, "password_reset_requested")
            .target("user", user)
            .record(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Sets a new password from a reset link; signs out every device.
pub async fn reset(
    ctx: &Arc<ServerCtx>,
    meta: &RequestMeta,
    token: String,
    password: String,
) -> Result<(), AppError> {
    let now = ctx.clock.now();
    let (claims, mut tx) = open_link(ctx, &token, Purpose::ResetPassword, now).await?;
    let (org, user) = (OrgId(claims.org), UserId(claims.sub));
    let (email, name, _) = db::select_user_email(&mut tx, org, user)
        .await?
        .ok_or_else(|| AppError::Conflict(LINK_INVALID.into()))?;
    // a link made before the password last changed is dead (issue 11 item 9)
    let version = db::select_password_version(&mut tx, org, user).await?;
    if claims.pwv.is_none() || claims.pwv != version {
        return Err(AppError::Conflict(LINK_INVALID.into()));
    }
    let password = parse_new_password(&password, &email)?;
    let hash = passwords::hash(&ctx.hash_permits, password).await?;
    consume(&mut tx, &claims, now).await?;
    db::update_password(&mut tx, org, user, &hash, now).await?;
    // a reset proves the mailbox, and ends every signed-in device
    db::mark_verified(&mut tx, org, user, now).await?;
    session::db::revoke_user_sessions(&mut tx, org, user, None, now).await?;
    let notice = super::emails::password_changed(org, &email, &name, &ctx.public_url, now);
    mail::queue(&mut tx, &notice, now).await?;
    audit_as(meta, now, org, user, "password_reset")
        .target("user", user)
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    session::set_session_cookie(ctx, None);
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}
