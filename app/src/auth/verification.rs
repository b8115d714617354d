//! Email verification (ssr only): a signed, single-use, one-hour link, sent at
//! registration and again on request.

use std::sync::Arc;

use shared::ids::{OrgId, UserId};

use super::db;
use super::visitor::{audit_as, open_link};
use crate::error::AppError;
use crate::platform::tokens::{consume, Purpose};
use crate::platform::{limits, mail, RequestMeta, Scope, ServerCtx};

/// Sends the caller a new verification link, unless they are verified already.
pub async fn resend(s: &Scope) -> Result<(), AppError> {
    let (user, now) = (&s.user, s.now);
    let mut tx = s.tx().await?;
    let (email, name, verified) = db::select_user_email(&mut tx, user.org_id, user.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if verified {
        return Ok(());
    }
    let key = user.user_id.0.to_string();
    limits::take(&mut tx, &limits::VERIFY_PER_USER, &key, now).await?;
    let mail = super::emails::verification(user.org_id, user.user_id, &email, &name);
    mail::queue(&mut tx, &mail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Follows a verification link (signed in or not).
pub async fn verify(
    ctx: &Arc<ServerCtx>,
    meta: &RequestMeta,
    token: String,
) -> Result<(), AppError> {
    let now = ctx.clock.now();
    let (claims, mut tx) = open_link(ctx, &token, Purpose::VerifyEmail, now).await?;
    let (org, user) = (OrgId(claims.org), UserId(claims.sub));
    consume(&mut tx, &claims, now).await?;
    db::mark_verified(&mut tx, org, user, now).await?;
    audit_as(meta, now, org, user, "email_verified")
        .target("user", user)
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    // a fresh URL, so reloading the page does not try the used link again
    leptos_axum::redirect("/verify-email?done=1");
    Ok(())
}
