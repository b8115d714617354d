//! Changing the password (ssr only): the current one is required (and counts as the
//! step-up), the new one follows the same rules as at registration. It ends the user's
//! other sessions and tells them by email.

use shared::forms::parse_new_password;

use super::db;
use super::step_up::{own_email, password_audit};
use crate::auth::login::check_password;
use crate::error::AppError;
use crate::platform::{mail, passwords, RequestMeta, Scope};

pub async fn change(
    s: &Scope,
    meta: &RequestMeta,
    current: String,
    password: String,
) -> Result<(), AppError> {
    let (user, now) = (&s.user, s.now);
    let email = own_email(s).await?;
    // the new password's shape first: a typo there costs no attempt
    let new = parse_new_password(&password, &email)?;
    if current.is_empty() {
        return Err(AppError::field("current", "Enter your current password."));
    }
    let (ok, account) = check_password(&s.ctx, meta, &email, current, now).await?;
    if !ok {
        if account.is_some() {
            let entry = password_audit(s, meta, "password_change_failed");
            s.in_tx(async |tx| Ok(entry.record(tx).await?)).await?;
        }
        return Err(AppError::field(
            "current",
            "That isn't your current password.",
        ));
    }
    let hash = passwords::hash(&s.ctx.hash_permits, new).await?;
    let mut tx = s.tx().await?;
    crate::auth::db::update_password(&mut tx, user.org_id, user.user_id, &hash, now).await?;
    let ended = db::revoke_user_sessions(
        &mut tx,
        user.org_id,
        user.user_id,
        Some(user.session_id),
        now,
    )
    .await?;
    db::mark_reauthenticated(&mut tx, user.org_id, user.session_id, now).await?;
    let (to, name, _) = crate::auth::db::select_user_email(&mut tx, user.org_id, user.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mail =
        crate::auth::emails::password_changed(user.org_id, &to, &name, &s.ctx.public_url, now);
    mail::queue(&mut tx, &mail, now).await?;
    password_audit(s, meta, "password_changed")
        .detail(serde_json::json!({ "other_sessions_ended": ended }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// After a plain form post (`path` is the endpoint's): back to the Account page with the
/// error, or with the confirmation in the URL.
pub fn after_change(path: &str, result: &Result<(), AppError>) {
    match result {
        Err(e) => crate::platform::respond::back_with_values(path, "/account", &[], e),
        Ok(()) if crate::platform::request_meta().wants_html => {
            leptos_axum::redirect("/account?password_changed=1")
        }
        Ok(()) => {}
    }
}
