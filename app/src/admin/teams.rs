//! Teams: created by admins, each led by a broker.

use shared::auth::{Permission, Role};
use shared::forms::parse_team_name;

use crate::error::AppError;
use crate::platform::{audit, ctx, current_user, handle, tenant_tx};

pub async fn create(name: String) -> Result<(), AppError> {
    handle(async {
        let user = current_user()?;
        user.require(Permission::ManageUsers).await?;
        let name = parse_team_name(&name)?;
        let ctx = ctx()?;
        let now = ctx.clock.now();
        let id = uuid::Uuid::new_v4();
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        // managing users and roles needs a password proved in the last 15 minutes
        crate::auth::step_up::require_recent(&mut tx, &user, now).await?;
        if !super::db::insert_team(&mut tx, user.org_id, id, &name).await? {
            return Err(AppError::field(
                "name",
                "A team with this name already exists.",
            ));
        }
        audit::record(
            &mut tx,
            &audit::Entry::new(user.org_id, now, Some(user.user_id), "team_created")
                .target("team", id)
                .detail(serde_json::json!({ "name": name })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

pub async fn set_lead(team_id: String, lead_id: String) -> Result<(), AppError> {
    handle(async {
        let user = current_user()?;
        user.require(Permission::ManageUsers).await?;
        let team: uuid::Uuid = team_id.parse().map_err(|_| AppError::NotFound)?;
        let lead = match lead_id.trim() {
            "" => None,
            l => Some(
                l.parse::<shared::ids::UserId>()
                    .map_err(|_| AppError::field("lead_id", "Choose a broker."))?,
            ),
        };
        let ctx = ctx()?;
        let now = ctx.clock.now();
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        // managing users and roles needs a password proved in the last 15 minutes
        crate::auth::step_up::require_recent(&mut tx, &user, now).await?;
        if let Some(l) = lead {
            let state = super::db::select_user_for_update(&mut tx, user.org_id, l).await?;
            if !matches!(state, Some(s) if s.role == Role::Broker && !s.disabled) {
                return Err(AppError::field(
                    "lead_id",
                    "A team is led by an active broker.",
                ));
            }
        }
        if !super::db::update_team_lead(&mut tx, user.org_id, team, lead.map(|l| l.0)).await? {
            return Err(AppError::NotFound);
        }
        audit::record(
            &mut tx,
            &audit::Entry::new(user.org_id, now, Some(user.user_id), "team_lead_changed")
                .target("team", team)
                .detail(serde_json::json!({ "lead": lead.map(|l| l.0) })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}
