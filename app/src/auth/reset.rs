//! Forgotten passwords: an emailed, single-use, one-hour link. The request never
//! says whether the email has an account.

use shared::forms::{parse_email, parse_new_password};
use shared::ids::{OrgId, UserId};

use crate::error::AppError;
use crate::platform::tokens::{consume, Purpose};
use crate::platform::{audit, ctx, handle, passwords, tenant_tx};

pub async fn request(email: String) -> Result<(), AppError> {
    handle(async {
        let email = parse_email(&email).map_err(|m| AppError::field("email", m))?;
        let ctx = ctx()?;
        let now = ctx.clock.now();
        let Some(account) = super::db::find_login(&ctx.pool, &email).await? else {
            return Ok(());
        };
        if account.disabled {
            return Ok(());
        }
        let mut tx = tenant_tx(&ctx.pool, account.org_id).await?;
        let (to, name, _) = super::db::select_user_email(&mut tx, account.org_id, account.user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let version = super::db::select_password_version(&mut tx, account.org_id, account.user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mail = super::emails::password_reset(
            &ctx,
            account.org_id,
            account.user_id,
            &to,
            &name,
            version,
            now,
        )?;
        crate::platform::mail::queue(&mut tx, &mail, now).await?;
        audit::record(
            &mut tx,
            &audit::Entry::new(
                account.org_id,
                now,
                Some(account.user_id),
                "password_reset_requested",
            )
            .target("user", account.user_id),
        )
        .await?;
        tx.commit().await?;
        crate::platform::mail::deliver_after_commit(&ctx.pool, &ctx.mail, mail, now).await;
        Ok(())
    })
    .await
}

pub async fn reset(token: String, password: String) -> Result<(), AppError> {
    handle(async {
        let ctx = ctx()?;
        let now = ctx.clock.now();
        let claims = ctx.tokens.verify(&token, Purpose::ResetPassword, now)?;
        let (org, user) = (OrgId(claims.org), UserId(claims.sub));
        let mut tx = tenant_tx(&ctx.pool, org).await?;
        let (email, _, _) = super::db::select_user_email(&mut tx, org, user)
            .await?
            .ok_or_else(|| AppError::Conflict(crate::platform::tokens::LINK_INVALID.into()))?;
        // a link made before the password last changed is dead (issue 11 item 9)
        let version = super::db::select_password_version(&mut tx, org, user).await?;
        if claims.pwv.is_none() || claims.pwv != version {
            return Err(AppError::Conflict(
                crate::platform::tokens::LINK_INVALID.into(),
            ));
        }
        let password = parse_new_password(&password, &email)?;
        let hash = passwords::hash(&ctx.hash_permits, password).await?;
        consume(&mut tx, &claims, now).await?;
        super::db::update_password(&mut tx, org, user, &hash, now).await?;
        // a reset proves the mailbox, and ends every signed-in device
        super::db::mark_verified(&mut tx, org, user, now).await?;
        super::db::revoke_user_sessions(&mut tx, org, user, None, now).await?;
        audit::record(
            &mut tx,
            &audit::Entry::new(org, now, Some(user), "password_reset").target("user", user),
        )
        .await?;
        tx.commit().await?;
        super::session::set_session_cookie(&ctx, None);
        leptos_axum::redirect("/login?reset=1");
        Ok(())
    })
    .await
}
