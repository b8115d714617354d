//! Inviting, changing and disabling members.

use shared::auth::{Permission, Role};
use shared::forms::Invite;
use shared::ids::UserId;

use crate::error::AppError;
use crate::platform::{audit, ctx, current_user, handle, tenant_tx, SessionUser};

fn entry(
    user: &SessionUser,
    now: chrono::DateTime<chrono::Utc>,
    action: &'static str,
    target_type: &'static str,
    target: String,
    detail: serde_json::Value,
) -> audit::Entry {
    audit::Entry::new(user.org_id, now, Some(user.user_id), action)
        .target(target_type, target)
        .detail(detail)
}

pub async fn invite(email: String, role: String) -> Result<String, AppError> {
    handle(async {
        let user = current_user()?;
        user.require(Permission::ManageUsers).await?;
        let input = Invite::parse(&email, &role)?;
        let ctx = ctx()?;
        let now = ctx.clock.now();
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        // managing users and roles needs a password proved in the last 15 minutes
        crate::auth::step_up::require_recent(&mut tx, &user, now).await?;
        let me = crate::auth::db::select_me(&mut tx, user.org_id, user.user_id)
            .await?
            .ok_or(AppError::Unauthorized)?;
        if !me.email_verified {
            return Err(AppError::Conflict(
                "Verify your email address before inviting people.".into(),
            ));
        }
        if crate::auth::db::find_login(&ctx.pool, &input.email)
            .await?
            .is_some()
        {
            return Err(AppError::field(
                "email",
                "This person already has a PropertyPro account.",
            ));
        }
        let id = uuid::Uuid::new_v4();
        let expires = now + crate::platform::tokens::Purpose::Invitation.lifetime();
        super::db::insert_invitation(&mut tx, user.org_id, id, &input, user.user_id, now, expires)
            .await?;
        let mail = crate::auth::emails::invitation(&ctx, &me, id, &input, now)?;
        crate::platform::mail::queue(&mut tx, &mail, now).await?;
        audit::record(
            &mut tx,
            &entry(
                &user,
                now,
                "user_invited",
                "invitation",
                id.to_string(),
                serde_json::json!({ "email": input.email, "role": input.role.as_str() }),
            ),
        )
        .await?;
        tx.commit().await?;
        crate::platform::mail::deliver_after_commit(&ctx.pool, &ctx.mail, mail, now).await;
        Ok(input.email)
    })
    .await
}

pub async fn update(user_id: String, role: String, team_id: String) -> Result<(), AppError> {
    handle(async {
        let user = current_user()?;
        user.require(Permission::ManageUsers).await?;
        let target: UserId = user_id.parse().map_err(|_| AppError::NotFound)?;
        let role = Role::parse(&role).ok_or_else(|| AppError::field("role", "Choose a role."))?;
        let team = match team_id.trim() {
            "" => None,
            t => Some(t.parse::<uuid::Uuid>().map_err(|_| AppError::field("team_id", "Choose a team."))?),
        };
        let ctx = ctx()?;
        let now = ctx.clock.now();
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        // managing users and roles needs a password proved in the last 15 minutes
        crate::auth::step_up::require_recent(&mut tx, &user, now).await?;
        super::db::lock_org_admins(&mut tx, user.org_id).await?;
        let before = super::db::select_user_for_update(&mut tx, user.org_id, target).await?.ok_or(AppError::NotFound)?;
        if let Some(t) = team {
            if !super::db::team_exists(&mut tx, user.org_id, t).await? {
                return Err(AppError::field("team_id", "Choose a team."));
            }
        }
        if before.role == Role::Admin && role != Role::Admin && !before.disabled && super::db::count_other_active_admins(&mut tx, user.org_id, target).await? == 0 {
            return Err(AppError::Conflict("The brokerage needs at least one active admin.".into()));
        }
        super::db::update_user_role_team(&mut tx, user.org_id, target, role, team).await?;
        if before.role != role {
            audit::record(&mut tx, &entry(&user, now, "role_changed", "user", target.to_string(), serde_json::json!({ "name": before.name, "from": before.role.as_str(), "to": role.as_str() }))).await?;
        }
        if before.team_id != team {
            audit::record(&mut tx, &entry(&user, now, "team_changed", "user", target.to_string(), serde_json::json!({ "name": before.name, "from": before.team_id, "to": team }))).await?;
        }
        tx.commit().await?;
        Ok(())
    })
    .await
}

pub async fn set_disabled(user_id: String, disabled: bool) -> Result<(), AppError> {
    handle(async {
        let user = current_user()?;
        user.require(Permission::ManageUsers).await?;
        let target: UserId = user_id.parse().map_err(|_| AppError::NotFound)?;
        let ctx = ctx()?;
        let now = ctx.clock.now();
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        // managing users and roles needs a password proved in the last 15 minutes
        crate::auth::step_up::require_recent(&mut tx, &user, now).await?;
        super::db::lock_org_admins(&mut tx, user.org_id).await?;
        let before = super::db::select_user_for_update(&mut tx, user.org_id, target)
            .await?
            .ok_or(AppError::NotFound)?;
        if disabled && target == user.user_id {
            return Err(AppError::Conflict(
                "You can't disable your own account.".into(),
            ));
        }
        if disabled
            && before.role == Role::Admin
            && super::db::count_other_active_admins(&mut tx, user.org_id, target).await? == 0
        {
            return Err(AppError::Conflict(
                "The brokerage needs at least one active admin.".into(),
            ));
        }
        super::db::update_user_disabled(&mut tx, user.org_id, target, disabled.then_some(now))
            .await?;
        if disabled {
            crate::auth::db::revoke_user_sessions(&mut tx, user.org_id, target, None, now).await?;
        }
        let action = if disabled {
            "user_disabled"
        } else {
            "user_enabled"
        };
        audit::record(
            &mut tx,
            &entry(
                &user,
                now,
                action,
                "user",
                target.to_string(),
                serde_json::json!({ "name": before.name }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}
