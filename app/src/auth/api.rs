//! Account server functions: register, sign in/out, email verification, password
//! reset, invitations accepted, sessions, theme. Each: caller → permission → parse
//! (shared) → db in a transaction → respond.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::dto::{Me, SessionSummary};

use crate::error::AppError;

/// What the invitation page shows before the invitee accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub org_name: String,
    pub email: String,
    pub role: shared::auth::Role,
}

#[server(prefix = "/api", endpoint = "auth/me", input = server_fn::codec::GetUrl)]
pub async fn get_me() -> Result<Option<Me>, AppError> {
    use crate::platform::ctx::maybe_user;
    use crate::platform::{ctx, handle, tenant_tx};
    handle(async {
        let Some(user) = maybe_user() else {
            return Ok(None);
        };
        let ctx = ctx()?;
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        let me = super::db::select_me(&mut tx, user.org_id, user.user_id).await?;
        tx.commit().await?;
        Ok(me)
    })
    .await
}

#[server(prefix = "/api", endpoint = "auth/register")]
pub async fn register(
    org_name: String,
    name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::platform::respond::back_with_values;
    use server_fn::ServerFn;
    let result = handle_register(org_name.clone(), name.clone(), email.clone(), password).await;
    if let Err(e) = &result {
        back_with_values(
            Register::PATH,
            "/register",
            &[("org_name", &org_name), ("name", &name), ("email", &email)],
            e,
        );
    }
    result
}

#[cfg(feature = "ssr")]
async fn handle_register(
    org_name: String,
    name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::platform::{audit, ctx, handle, passwords, request_meta, tenant_tx};
    use shared::auth::Role;
    use shared::forms::Registration;
    use shared::ids::{OrgId, UserId};
    handle(async {
        let input = Registration::parse(&org_name, &name, &email, &password)?;
        let ctx = ctx()?;
        let meta = request_meta();
        let now = ctx.clock.now();
        let hash = passwords::hash(&ctx.hash_permits, input.password.clone()).await?;
        let org = OrgId(uuid::Uuid::new_v4());
        let user = UserId(uuid::Uuid::new_v4());
        let mut tx = tenant_tx(&ctx.pool, org).await?;
        super::db::insert_org(&mut tx, org, &input.org_name).await?;
        let new_user = super::db::NewUser {
            org,
            id: user,
            email: &input.email,
            name: &input.name,
            role: Role::Admin,
            team_id: None,
            password_hash: &hash,
            verified_at: None,
        };
        if !super::db::insert_user(&mut tx, &new_user).await? {
            return Err(AppError::field(
                "email",
                "An account with this email already exists.",
            ));
        }
        audit::record(
            &mut tx,
            &audit::Entry::new(org, now, Some(user), "org_registered")
                .target("org", org)
                .detail(serde_json::json!({ "org_name": input.org_name })),
        )
        .await?;
        let mail = super::emails::verification(&ctx, org, user, &input.email, &input.name, now)?;
        crate::platform::mail::queue(&mut tx, &mail, now).await?;
        let token = super::session::start(&mut tx, org, user, &meta, now).await?;
        tx.commit().await?;
        crate::platform::mail::deliver_after_commit(&ctx.pool, &ctx.mail, mail, now).await;
        super::session::set_session_cookie(&ctx, Some(&token));
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

/// Signs in and goes to `next` (a path on this site, where a signed-out visitor was
/// going) or the Today page.
#[server(prefix = "/api", endpoint = "auth/login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::platform::respond::back_with_values;
    use server_fn::ServerFn;
    let next = next.unwrap_or_default();
    let result = super::login::sign_in(email.clone(), password, &next).await;
    if let Err(e) = &result {
        back_with_values(
            Login::PATH,
            "/login",
            &[("email", &email), ("next", &next)],
            e,
        );
    }
    result
}

#[server(prefix = "/api", endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::platform::ctx::maybe_user;
    use crate::platform::{audit, ctx, handle, tenant_tx};
    handle(async {
        let ctx = ctx()?;
        if let Some(user) = maybe_user() {
            let now = ctx.clock.now();
            let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
            super::db::revoke_session(&mut tx, user.org_id, user.session_id, now).await?;
            audit::record(
                &mut tx,
                &audit::Entry::new(user.org_id, now, Some(user.user_id), "sign_out")
                    .target("session", user.session_id),
            )
            .await?;
            tx.commit().await?;
        }
        super::session::set_session_cookie(&ctx, None);
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}

#[server(prefix = "/api", endpoint = "auth/resend-verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    use crate::platform::{ctx, current_user, handle, tenant_tx};
    handle(async {
        let user = current_user()?;
        let ctx = ctx()?;
        let now = ctx.clock.now();
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        let (email, name, verified) =
            super::db::select_user_email(&mut tx, user.org_id, user.user_id)
                .await?
                .ok_or(AppError::NotFound)?;
        if verified {
            return Ok(());
        }
        let mail =
            super::emails::verification(&ctx, user.org_id, user.user_id, &email, &name, now)?;
        crate::platform::mail::queue(&mut tx, &mail, now).await?;
        tx.commit().await?;
        crate::platform::mail::deliver_after_commit(&ctx.pool, &ctx.mail, mail, now).await;
        Ok(())
    })
    .await
}

#[server(prefix = "/api", endpoint = "auth/verify-email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    use crate::platform::tokens::{consume, Purpose};
    use crate::platform::{audit, ctx, handle, tenant_tx};
    use shared::ids::{OrgId, UserId};
    handle(async {
        let ctx = ctx()?;
        let now = ctx.clock.now();
        let claims = ctx.tokens.verify(&token, Purpose::VerifyEmail, now)?;
        let (org, user) = (OrgId(claims.org), UserId(claims.sub));
        let mut tx = tenant_tx(&ctx.pool, org).await?;
        consume(&mut tx, &claims, now).await?;
        super::db::mark_verified(&mut tx, org, user, now).await?;
        audit::record(
            &mut tx,
            &audit::Entry::new(org, now, Some(user), "email_verified").target("user", user),
        )
        .await?;
        tx.commit().await?;
        // a fresh URL, so reloading the page does not try the used link again
        leptos_axum::redirect("/verify-email?done=1");
        Ok(())
    })
    .await
}

#[server(prefix = "/api", endpoint = "auth/forgot-password")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::platform::respond::back_with_values;
    use server_fn::ServerFn;
    let result = super::reset::request(email.clone()).await;
    if let Err(e) = &result {
        back_with_values(
            RequestPasswordReset::PATH,
            "/forgot-password",
            &[("email", &email)],
            e,
        );
    }
    result
}

#[server(prefix = "/api", endpoint = "auth/reset-password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::platform::respond::back_with_values;
    use server_fn::ServerFn;
    let result = super::reset::reset(token.clone(), password).await;
    if let Err(e) = &result {
        back_with_values(
            ResetPassword::PATH,
            "/reset-password",
            &[("token", &token)],
            e,
        );
    }
    result
}

#[server(prefix = "/api", endpoint = "auth/invitation", input = server_fn::codec::GetUrl)]
pub async fn get_invitation(token: String) -> Result<InvitationInfo, AppError> {
    use crate::platform::handle;
    handle(super::invite::info(token)).await
}

#[server(prefix = "/api", endpoint = "auth/accept-invitation")]
pub async fn accept_invitation(
    token: String,
    name: String,
    password: String,
) -> Result<(), AppError> {
    use crate::platform::respond::back_with_values;
    use server_fn::ServerFn;
    let result = super::invite::accept(token.clone(), name.clone(), password).await;
    if let Err(e) = &result {
        back_with_values(
            AcceptInvitation::PATH,
            "/invite",
            &[("token", &token), ("name", &name)],
            e,
        );
    }
    result
}

#[server(prefix = "/api", endpoint = "account/sessions", input = server_fn::codec::GetUrl)]
pub async fn list_sessions() -> Result<Vec<SessionSummary>, AppError> {
    use crate::platform::{ctx, current_user, handle, tenant_tx};
    handle(async {
        let user = current_user()?;
        let ctx = ctx()?;
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        let rows = super::db::select_sessions(
            &mut tx,
            user.org_id,
            user.user_id,
            user.session_id,
            ctx.clock.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(rows)
    })
    .await
}

/// Ends one of the caller's other sessions, or all of them when `id` is "others".
#[server(prefix = "/api", endpoint = "account/end-session")]
pub async fn end_session(id: String) -> Result<(), AppError> {
    use crate::platform::{audit, ctx, current_user, handle, tenant_tx};
    use shared::ids::SessionId;
    handle(async {
        let user = current_user()?;
        let ctx = ctx()?;
        let now = ctx.clock.now();
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        let ended = if id == "others" {
            super::db::revoke_user_sessions(
                &mut tx,
                user.org_id,
                user.user_id,
                Some(user.session_id),
                now,
            )
            .await?
        } else {
            let sid: SessionId = id.parse().map_err(|_| AppError::NotFound)?;
            if !super::db::revoke_own_session(&mut tx, user.org_id, user.user_id, sid, now).await? {
                return Err(AppError::NotFound);
            }
            1
        };
        audit::record(
            &mut tx,
            &audit::Entry::new(user.org_id, now, Some(user.user_id), "session_ended")
                .target("session", id)
                .detail(serde_json::json!({ "ended": ended })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Changes the caller's password (the current one required); ends their other sessions.
#[server(prefix = "/api", endpoint = "account/change-password")]
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    use crate::platform::respond::back_with_values;
    use server_fn::ServerFn;
    let result = super::step_up::change_password(current, password).await;
    match &result {
        Err(e) => back_with_values(ChangePassword::PATH, "/account", &[], e),
        Ok(()) if crate::platform::request_meta().wants_html => {
            leptos_axum::redirect("/account?password_changed=1")
        }
        Ok(()) => {}
    }
    result
}

/// "Confirm your password" before a sensitive action (valid for 15 minutes).
#[server(prefix = "/api", endpoint = "auth/confirm-password")]
pub async fn confirm_password(password: String) -> Result<(), AppError> {
    super::step_up::confirm(password).await
}

/// Keeps the light/dark choice in a cookie so the server renders it with no flash.
#[server(prefix = "/api", endpoint = "settings/theme")]
pub async fn set_theme(theme: String) -> Result<(), AppError> {
    use crate::platform::respond::set_cookie;
    let value = match theme.as_str() {
        "light" | "dark" => theme.as_str(),
        _ => "system",
    };
    set_cookie(format!(
        "theme={value}; Path=/; Max-Age=31536000; SameSite=Lax"
    ));
    Ok(())
}
