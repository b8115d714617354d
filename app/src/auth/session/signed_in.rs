//! What a signed-in user does with their own sessions (ssr only): who they are, their
//! devices, ending one or all others, signing out.

use serde_json::json;
use shared::dto::{Me, SessionSummary};
use shared::ids::SessionId;

use super::db;
use super::store::{set_session_cookie, ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
use crate::error::AppError;
use crate::platform::{Scope, ServerCtx};

/// The signed-in user as the app shell shows them; `None` when signed out.
pub async fn me(s: Option<Scope>) -> Result<Option<Me>, AppError> {
    let Some(s) = s else {
        return Ok(None);
    };
    let (org, user) = (s.user.org_id, s.user.user_id);
    s.in_tx(async |tx| Ok(db::select_me(tx, org, user).await?))
        .await
}

/// Ends the caller's session (if any), clears the cookie and goes to the sign-in page.
pub async fn sign_out(ctx: &ServerCtx, s: Option<Scope>) -> Result<(), AppError> {
    if let Some(s) = s {
        let mut tx = s.tx().await?;
        db::revoke_session(&mut tx, s.user.org_id, s.user.session_id, s.now).await?;
        s.audit("sign_out")
            .target("session", s.user.session_id)
            .record(&mut tx)
            .await?;
        tx.commit().await?;
    }
    set_session_cookie(ctx, None);
    leptos_axum::redirect("/login");
    Ok(())
}

/// The caller's live sessions, newest use first.
pub async fn list(s: &Scope) -> Result<Vec<SessionSummary>, AppError> {
    let u = &s.user;
    // live sessions only: seen within the idle timeout, younger than the absolute one
    let live = (s.now - IDLE_TIMEOUT, s.now - ABSOLUTE_TIMEOUT);
    s.in_tx(async |tx| Ok(db::select_sessions(tx, u.org_id, u.user_id, u.session_id, live).await?))
        .await
}

/// Ends one of the caller's other sessions, or all of them when `id` is "others".
pub async fn end(s: &Scope, id: String) -> Result<(), AppError> {
    let (u, now) = (&s.user, s.now);
    let mut tx = s.tx().await?;
    let ended = if id == "others" {
        db::revoke_user_sessions(&mut tx, u.org_id, u.user_id, Some(u.session_id), now).await?
    } else {
        let sid: SessionId = id.parse().map_err(|_| AppError::NotFound)?;
        if !db::revoke_own_session(&mut tx, u.org_id, u.user_id, sid, now).await? {
            return Err(AppError::NotFound);
        }
        1
    };
    s.audit("session_ended")
        .target("session", id)
        .detail(json!({ "ended": ended }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
