//! Step-up authentication and the password change (product.md "Accounts and sessions"):
//! changing the password, managing users and roles and exporting data ask for the password
//! again when the session's last proof of it is older than 15 minutes. Changing the
//! password ends the user's other sessions and tells them by email.

use chrono::{DateTime, Utc};
use shared::auth::REAUTH_AFTER;
use shared::forms::parse_new_password;
use sqlx::PgConnection;

use super::login::{check_password, entry};
use crate::error::AppError;
use crate::platform::SessionUser;
use crate::platform::{audit, ctx, current_user, handle, passwords, request_meta, tenant_tx};

/// `ReauthRequired` unless the caller proved their password in the last 15 minutes.
pub async fn require_recent(
    conn: &mut PgConnection,
    user: &SessionUser,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let proved = super::db::select_session_proof(conn, user.org_id, user.session_id).await?;
    match proved {
        Some(at) if now - at <= REAUTH_AFTER => Ok(()),
        _ => Err(AppError::ReauthRequired),
    }
}

/// "Confirm your password": the session counts as freshly signed in for 15 minutes.
pub async fn confirm(password: String) -> Result<(), AppError> {
    handle(async {
        let Caller {
            user,
            ctx,
            meta,
            ip,
            now,
            email,
        } = caller().await?;
        let (ok, account) = check_password(&ctx, &meta, &ip, &email, password, now).await?;
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        let Some(account) = account.filter(|_| ok) else {
            if let Some(a) = super::db::find_login(&ctx.pool, &email).await? {
                audit::record(&mut tx, &entry(&a, now, "reauthentication_failed", &meta)).await?;
            }
            tx.commit().await?;
            return Err(AppError::field("password", "That password isn't right."));
        };
        super::db::mark_reauthenticated(&mut tx, user.org_id, user.session_id, now).await?;
        audit::record(&mut tx, &entry(&account, now, "reauthenticated", &meta)).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Changes the signed-in user's password: the current one is required (and counts as the
/// step-up), the new one follows the same rules as at registration.
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    handle(async {
        let Caller {
            user,
            ctx,
            meta,
            ip,
            now,
            email,
        } = caller().await?;
        // the new password's shape first: a typo there costs no attempt
        let new = parse_new_password(&password, &email)?;
        if current.is_empty() {
            return Err(AppError::field("current", "Enter your current password."));
        }
        let (ok, account) = check_password(&ctx, &meta, &ip, &email, current, now).await?;
        let Some(account) = account.filter(|_| ok) else {
            if let Some(a) = super::db::find_login(&ctx.pool, &email).await? {
                let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
                audit::record(&mut tx, &entry(&a, now, "password_change_failed", &meta)).await?;
                tx.commit().await?;
            }
            return Err(AppError::field(
                "current",
                "That isn't your current password.",
            ));
        };
        let hash = passwords::hash(&ctx.hash_permits, new).await?;
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        super::db::update_password(&mut tx, user.org_id, user.user_id, &hash, now).await?;
        let ended = super::db::revoke_user_sessions(
            &mut tx,
            user.org_id,
            user.user_id,
            Some(user.session_id),
            now,
        )
        .await?;
        super::db::mark_reauthenticated(&mut tx, user.org_id, user.session_id, now).await?;
        let (to, name, _) = super::db::select_user_email(&mut tx, user.org_id, user.user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mail = super::emails::password_changed(user.org_id, &to, &name, &ctx.public_url, now);
        crate::platform::mail::queue(&mut tx, &mail, now).await?;
        audit::record(
            &mut tx,
            &entry(&account, now, "password_changed", &meta)
                .detail(serde_json::json!({ "other_sessions_ended": ended })),
        )
        .await?;
        tx.commit().await?;
        crate::platform::mail::deliver_after_commit(&ctx.pool, &ctx.mail, mail, now).await;
        Ok(())
    })
    .await
}

/// The signed-in caller of a password check, and what the check needs.
struct Caller {
    user: SessionUser,
    ctx: std::sync::Arc<crate::platform::ServerCtx>,
    meta: crate::platform::RequestMeta,
    ip: String,
    now: DateTime<Utc>,
    email: String,
}

async fn caller() -> Result<Caller, AppError> {
    let user = current_user()?;
    let ctx = ctx()?;
    let meta = request_meta();
    let ip = meta.ip.clone().unwrap_or_else(|| "unknown".into());
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    let (email, _, _) = super::db::select_user_email(&mut tx, user.org_id, user.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    tx.commit().await?;
    Ok(Caller {
        user,
        ctx,
        meta,
        ip,
        now,
        email,
    })
}
