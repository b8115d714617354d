//! Account endpoints: who is signed in, registration, sign-in and sign-out, email
//! verification, password reset, invitations accepted (engineering.md "Server
//! functions"). Most run before anyone is signed in: their bodies get the process
//! context and the request's metadata (`serve_public`). Form posts also work without
//! JavaScript: a refusal goes back to the page with the typed values (never passwords).

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use server_fn::ServerFn;
use shared::dto::{InvitationInfo, Me};

#[cfg(feature = "ssr")]
use super::{invite, login, registration, reset, session::signed_in, verification};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::platform::{ctx::maybe_user, respond::back_with_values, serve, serve_public, Scope};

/// The signed-in user, or `None` (no error) for a visitor.
#[server(prefix = "/api", endpoint = "auth/me", input = server_fn::codec::GetUrl)]
pub async fn get_me() -> Result<Option<Me>, AppError> {
    serve_public(async |_, _| signed_in::me(Scope::from_request().ok()).await).await
}

/// Whether the sign-in page lists the demo accounts.
#[server(prefix = "/api", endpoint = "auth/demo-accounts", input = server_fn::codec::GetUrl)]
pub async fn demo_accounts() -> Result<bool, AppError> {
    serve_public(async |ctx, _| Ok(login::shows_demo_accounts(&ctx))).await
}

#[server(prefix = "/api", endpoint = "auth/register")]
pub async fn register(
    org_name: String,
    name: String,
    email: String,
    password: String,
) -> Result<String, AppError> {
    let result = serve_public(async |ctx, meta| {
        registration::register(&ctx, &meta, &org_name, &name, &email, password).await
    })
    .await;
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

/// The emailed registration link: creates the brokerage's admin and signs them in.
#[server(prefix = "/api", endpoint = "auth/confirm-registration")]
pub async fn confirm_registration(token: String) -> Result<(), AppError> {
    let result =
        serve_public(async |ctx, meta| registration::confirm(&ctx, &meta, token.clone()).await)
            .await;
    if let Err(e) = &result {
        back_with_values(
            ConfirmRegistration::PATH,
            "/register/confirm",
            &[("token", &token)],
            e,
        );
    }
    result
}

/// Whether this server saves mail to a folder instead of sending it (the embedded
/// default): the signed-out pages then say where the email went.
#[server(prefix = "/api", endpoint = "auth/mail-folder", input = server_fn::codec::GetUrl)]
pub async fn mail_to_folder() -> Result<bool, AppError> {
    use crate::platform::mail::DeliveryKind;
    serve_public(async |ctx, _| Ok(ctx.mail.kind() == DeliveryKind::Folder)).await
}

/// Signs in and goes to `next` (a path on this site, where a signed-out visitor was
/// going) or the Today page.
#[server(prefix = "/api", endpoint = "auth/login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let next = next.unwrap_or_default();
    let result = serve_public(async |ctx, meta| {
        login::sign_in(&ctx, &meta, maybe_user(), email.clone(), password, &next).await
    })
    .await;
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
    serve_public(async |ctx, _| signed_in::sign_out(&ctx, Scope::from_request().ok()).await).await
}

#[server(prefix = "/api", endpoint = "auth/resend-verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    serve(async |s| verification::resend(&s).await).await
}

#[server(prefix = "/api", endpoint = "auth/verify-email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    serve_public(async |ctx, meta| verification::verify(&ctx, &meta, token).await).await
}

#[server(prefix = "/api", endpoint = "auth/forgot-password")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let result =
        serve_public(async |ctx, meta| reset::request(&ctx, &meta, email.clone()).await).await;
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
    let result =
        serve_public(async |ctx, meta| reset::reset(&ctx, &meta, token.clone(), password).await)
            .await;
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
    serve_public(async |ctx, _| invite::info(&ctx, token).await).await
}

#[server(prefix = "/api", endpoint = "auth/accept-invitation")]
pub async fn accept_invitation(
    token: String,
    name: String,
    password: String,
) -> Result<(), AppError> {
    let result = serve_public(async |ctx, meta| {
        invite::accept(&ctx, &meta, token.clone(), name.clone(), password).await
    })
    .await;
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
