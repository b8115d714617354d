//! The member directory; inviting, changing and disabling members (ssr only).
//! Managing users and roles needs a password proved in the last 15 minutes.

use serde_json::json;
use shared::auth::{Permission, Role};
use shared::dto::Directory;
use shared::forms::Invite;
use shared::ids::{OrgId, UserId};
use sqlx::{PgConnection, Postgres, Transaction};

use super::db::{self, UserState};
use crate::auth::session::step_up::require_recent;
use crate::error::AppError;
use crate::platform::tokens::Purpose;
use crate::platform::{mail, request_meta, respond, Scope};

/// Everyone in the org, its teams and the invitations still open.
pub async fn directory(s: &Scope) -> Result<Directory, AppError> {
    s.require(Permission::ManageUsers).await?;
    let org = s.user.org_id;
    let mut tx = s.tx().await?;
    let users = db::select_users(&mut tx, org).await?;
    let teams = db::select_teams(&mut tx, org).await?;
    let invitations = db::select_pending_invitations(&mut tx, org, s.now).await?;
    tx.commit().await?;
    Ok(Directory {
        users,
        teams,
        invitations,
    })
}

/// Emails an invitation (replacing an earlier pending one); answers the address.
pub async fn invite(s: &Scope, email: String, role: String) -> Result<String, AppError> {
    s.require(Permission::ManageUsers).await?;
    let input = Invite::parse(&email, &role)?;
    let (user, now) = (&s.user, s.now);
    // an address with an account elsewhere is answered like any other (issue 11 item 8):
    // the admin learns nothing about other brokerages (the invitation is listed as
    // pending like any other); the address's owner is told by email. Looked up before
    // the transaction: a request never waits for a second connection while holding one.
    let existing = crate::auth::db::find_login(&s.ctx.pool, &input.email).await?;
    let mut tx = s.tx().await?;
    require_recent(s, &mut tx).await?;
    let me = crate::auth::session::db::select_me(&mut tx, user.org_id, user.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !me.email_verified {
        return Err(AppError::Conflict(
            "Verify your email address before inviting people.".into(),
        ));
    }
    if existing.as_ref().is_some_and(|a| a.org_id == user.org_id) {
        return Err(AppError::field(
            "email",
            "This person is already a member of your brokerage.",
        ));
    }
    let id = uuid::Uuid::new_v4();
    let expires = now + Purpose::Invitation.lifetime();
    db::insert_invitation(&mut tx, user.org_id, id, &input, user.user_id, now, expires).await?;
    let mail = if existing.is_some() {
        crate::auth::emails::invitation_for_member_elsewhere(&me, &input, &s.ctx.public_url)
    } else {
        crate::auth::emails::invitation(&me, id, &input)
    };
    mail::queue(&mut tx, &mail, now).await?;
    s.audit("user_invited")
        .target("invitation", id)
        .detail(json!({ "email": input.email, "role": input.role.as_str() }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(input.email)
}

/// After a plain form post (`path` is the endpoint's): back to the form with the error
/// and the typed values, or to the Users page with the confirmation in the URL.
pub fn after_invite(path: &str, email: &str, role: &str, result: &Result<String, AppError>) {
    match result {
        Err(e) => {
            respond::back_with_values(path, "/admin/users", &[("email", email), ("role", role)], e)
        }
        Ok(sent) if request_meta().wants_html => {
            let encoded = respond::urlencode(sent);
            leptos_axum::redirect(&format!("/admin/users?invited={encoded}"));
        }
        Ok(_) => {}
    }
}

/// Changes a member's role and team; the org always keeps an active admin.
pub async fn update(
    s: &Scope,
    user_id: String,
    role: String,
    team_id: String,
) -> Result<(), AppError> {
    s.require(Permission::ManageUsers).await?;
    let target: UserId = user_id.parse().map_err(|_| AppError::NotFound)?;
    let role = Role::parse(&role).ok_or_else(|| AppError::field("role", "Choose a role."))?;
    let team = match team_id.trim() {
        "" => None,
        t => Some(
            t.parse::<uuid::Uuid>()
                .map_err(|_| AppError::field("team_id", "Choose a team."))?,
        ),
    };
    let org = s.user.org_id;
    let (mut tx, before) = open_change(s, target).await?;
    if let Some(t) = team {
        if !db::team_exists(&mut tx, org, t).await? {
            return Err(AppError::field("team_id", "Choose a team."));
        }
    }
    if before.role == Role::Admin && role != Role::Admin && !before.disabled {
        keep_another_admin(&mut tx, org, target).await?;
    }
    db::update_user_role_team(&mut tx, org, target, role, team).await?;
    if before.role != role {
        s.audit("role_changed")
            .target("user", target)
            .detail(
                json!({ "name": before.name, "from": before.role.as_str(), "to": role.as_str() }),
            )
            .record(&mut tx)
            .await?;
    }
    if before.team_id != team {
        s.audit("team_changed")
            .target("user", target)
            .detail(json!({ "name": before.name, "from": before.team_id, "to": team }))
            .record(&mut tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Disables (and signs out everywhere) or enables a member; never yourself, never the
/// last active admin.
pub async fn set_disabled(s: &Scope, user_id: String, disabled: bool) -> Result<(), AppError> {
    s.require(Permission::ManageUsers).await?;
    let target: UserId = user_id.parse().map_err(|_| AppError::NotFound)?;
    let (org, now) = (s.user.org_id, s.now);
    let (mut tx, before) = open_change(s, target).await?;
    if disabled && target == s.user.user_id {
        return Err(AppError::Conflict(
            "You can't disable your own account.".into(),
        ));
    }
    if disabled && before.role == Role::Admin {
        keep_another_admin(&mut tx, org, target).await?;
    }
    db::update_user_disabled(&mut tx, org, target, disabled.then_some(now)).await?;
    if disabled {
        crate::auth::session::db::revoke_user_sessions(&mut tx, org, target, None, now).await?;
    }
    let action = if disabled {
        "user_disabled"
    } else {
        "user_enabled"
    };
    s.audit(action)
        .target("user", target)
        .detail(json!({ "name": before.name }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Opens a change to member `target`: the step-up check, the org's admin lock (taken
/// before any user row), and the member's row as it is, locked until the commit.
async fn open_change(
    s: &Scope,
    target: UserId,
) -> Result<(Transaction<'static, Postgres>, UserState), AppError> {
    let mut tx = s.tx().await?;
    require_recent(s, &mut tx).await?;
    db::lock_org_admins(&mut tx, s.user.org_id).await?;
    let before = db::select_user_for_update(&mut tx, s.user.org_id, target)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((tx, before))
}

/// `Conflict` unless the org has an active admin besides `target` (the caller holds
/// `lock_org_admins`).
async fn keep_another_admin(
    conn: &mut PgConnection,
    org: OrgId,
    target: UserId,
) -> Result<(), AppError> {
    if db::count_other_active_admins(conn, org, target).await? == 0 {
        return Err(AppError::Conflict(
            "The brokerage needs at least one active admin.".into(),
        ));
    }
    Ok(())
}
