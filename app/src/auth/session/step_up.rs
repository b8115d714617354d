//! Step-up authentication (product.md "Accounts and sessions"): changing the password,
//! managing users and roles and exporting data ask for the password again when the
//! session's last proof of it is older than 15 minutes (ssr only).

use shared::auth::REAUTH_AFTER;
use sqlx::PgConnection;

use super::db;
use crate::auth::login::check_password;
use crate::error::AppError;
use crate::platform::{audit, RequestMeta, Scope};

/// `ReauthRequired` unless the caller proved their password in the last 15 minutes.
pub async fn require_recent(s: &Scope, conn: &mut PgConnection) -> Result<(), AppError> {
    let proved = db::select_session_proof(conn, s.user.org_id, s.user.session_id).await?;
    match proved {
        Some(at) if s.now - at <= REAUTH_AFTER => Ok(()),
        _ => Err(AppError::ReauthRequired),
    }
}

/// "Confirm your password": the session counts as freshly signed in for 15 minutes.
pub async fn confirm(s: &Scope, meta: &RequestMeta, password: String) -> Result<(), AppError> {
    let email = own_email(s).await?;
    let (ok, account) = check_password(&s.ctx, meta, &email, password, s.now).await?;
    let mut tx = s.tx().await?;
    if !ok {
        if account.is_some() {
            password_audit(s, meta, "reauthentication_failed")
                .record(&mut tx)
                .await?;
        }
        tx.commit().await?;
        return Err(AppError::field("password", "That password isn't right."));
    }
    db::mark_reauthenticated(&mut tx, s.user.org_id, s.user.session_id, s.now).await?;
    password_audit(s, meta, "reauthenticated")
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The caller's email address (`Unauthorized` if the account is gone).
pub(super) async fn own_email(s: &Scope) -> Result<String, AppError> {
    let (org, user) = (s.user.org_id, s.user.user_id);
    let found = s
        .in_tx(async |tx| Ok(crate::auth::db::select_user_email(tx, org, user).await?))
        .await?;
    let (email, _, _) = found.ok_or(AppError::Unauthorized)?;
    Ok(email)
}

/// An audit entry about a password check by the caller, with the device it came from.
pub(super) fn password_audit(s: &Scope, meta: &RequestMeta, action: &'static str) -> audit::Entry {
    s.audit(action)
        .target("user", s.user.user_id)
        .detail(serde_json::json!({ "user_agent": meta.user_agent }))
}
