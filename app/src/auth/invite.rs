//! Accepting an invitation (ssr only): the invitee sees who invited them to what, sets
//! their name and password, and is signed in.

use std::sync::Arc;

use shared::forms::AcceptInvite;
use shared::ids::{OrgId, UserId};
use sqlx::PgConnection;

use super::db::{self, NewUser, PendingInvitation};
use super::session;
use super::visitor::{audit_as, open_link};
use crate::error::AppError;
use crate::platform::tokens::{consume, Claims, Purpose, LINK_INVALID};
use crate::platform::{passwords, RequestMeta, ServerCtx};
use shared::dto::InvitationInfo;

/// The invitation a link names, if it is still open (locked until the transaction ends).
async fn pending(
    conn: &mut PgConnection,
    claims: &Claims,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PendingInvitation, AppError> {
    db::select_pending_invitation(conn, OrgId(claims.org), claims.sub, now)
        .await?
        .ok_or_else(|| AppError::Conflict(LINK_INVALID.into()))
}

/// What the invitation page shows before the invitee accepts.
pub async fn info(ctx: &ServerCtx, token: String) -> Result<InvitationInfo, AppError> {
    let now = ctx.clock.now();
    let (claims, mut tx) = open_link(ctx, &token, Purpose::Invitation, now).await?;
    let p = pending(&mut tx, &claims, now).await?;
    tx.commit().await?;
    Ok(InvitationInfo {
        org_name: p.org_name,
        email: p.email,
        role: p.role,
    })
}

pub async fn accept(
    ctx: &Arc<ServerCtx>,
    meta: &RequestMeta,
    token: String,
    name: String,
    password: String,
) -> Result<(), AppError> {
    let now = ctx.clock.now();
    let (claims, mut tx) = open_link(ctx, &token, Purpose::Invitation, now).await?;
    let org = OrgId(claims.org);
    let p = pending(&mut tx, &claims, now).await?;
    let input = AcceptInvite::parse(&name, &password, &p.email)?;
    let hash = passwords::hash(&ctx.hash_permits, input.password).await?;
    consume(&mut tx, &claims, now).await?;
    let user = UserId(uuid::Uuid::new_v4());
    let new_user = NewUser {
        org,
        id: user,
        email: &p.email,
        name: &input.name,
        role: p.role,
        team_id: p.team_id,
        password_hash: &hash,
        // the link arrived in this mailbox: the address is proven
        verified_at: Some(now),
    };
    if !db::insert_user(&mut tx, &new_user).await? {
        return Err(AppError::Conflict(
            "An account with this email already exists. Sign in instead.".into(),
        ));
    }
    db::mark_invitation_accepted(&mut tx, org, claims.sub, now).await?;
    audit_as(meta, now, org, user, "invitation_accepted")
        .target("invitation", claims.sub)
        .detail(serde_json::json!({ "role": p.role.as_str() }))
        .record(&mut tx)
        .await?;
    let token = session::start(&mut tx, org, user, meta, now).await?;
    tx.commit().await?;
    session::set_session_cookie(ctx, Some(&token));
    leptos_axum::redirect("/");
    Ok(())
}
