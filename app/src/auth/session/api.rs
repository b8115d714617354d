//! Account page endpoints: the user's devices, the password change, and the step-up
//! confirmation other pages ask for (engineering.md "Server functions").

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use server_fn::ServerFn;
use shared::dto::SessionSummary;

#[cfg(feature = "ssr")]
use super::{password, signed_in, step_up};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::platform::{request_meta, serve};

#[server(prefix = "/api", endpoint = "account/sessions", input = server_fn::codec::GetUrl)]
pub async fn list_sessions() -> Result<Vec<SessionSummary>, AppError> {
    serve(async |s| signed_in::list(&s).await).await
}

/// Ends one of the caller's other sessions, or all of them when `id` is "others".
#[server(prefix = "/api", endpoint = "account/end-session")]
pub async fn end_session(id: String) -> Result<(), AppError> {
    serve(async |s| signed_in::end(&s, id).await).await
}

/// Changes the caller's password (the current one required); ends their other sessions.
/// Without JavaScript: back to the Account page, with the error or the confirmation.
#[server(prefix = "/api", endpoint = "account/change-password")]
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    let result =
        serve(async |s| password::change(&s, &request_meta(), current, password).await).await;
    password::after_change(ChangePassword::PATH, &result);
    result
}

/// "Confirm your password" before a sensitive action (valid for 15 minutes).
#[server(prefix = "/api", endpoint = "auth/confirm-password")]
pub async fn confirm_password(password: String) -> Result<(), AppError> {
    serve(async |s| step_up::confirm(&s, &request_meta(), password).await).await
}
