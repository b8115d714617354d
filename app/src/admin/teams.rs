//! Teams: created by admins, each led by a broker (ssr only). Like every change to
//! users and roles, they need a password proved in the last 15 minutes.

use serde_json::json;
use shared::auth::{Permission, Role};
use shared::forms::parse_team_name;
use shared::ids::UserId;

use super::db;
use crate::auth::session::step_up::require_recent;
use crate::error::AppError;
use crate::platform::Scope;

pub async fn create(s: &Scope, name: String) -> Result<(), AppError> {
    s.require(Permission::ManageUsers).await?;
    let name = parse_team_name(&name)?;
    let id = uuid::Uuid::new_v4();
    let mut tx = s.tx().await?;
    require_recent(s, &mut tx).await?;
    if !db::insert_team(&mut tx, s.user.org_id, id, &name).await? {
        return Err(AppError::field(
            "name",
            "A team with this name already exists.",
        ));
    }
    s.audit("team_created")
        .target("team", id)
        .detail(json!({ "name": name }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets (or clears, with an empty `lead_id`) the active broker who leads a team.
pub async fn set_lead(s: &Scope, team_id: String, lead_id: String) -> Result<(), AppError> {
    s.require(Permission::ManageUsers).await?;
    let team: uuid::Uuid = team_id.parse().map_err(|_| AppError::NotFound)?;
    let lead = match lead_id.trim() {
        "" => None,
        l => Some(
            l.parse::<UserId>()
                .map_err(|_| AppError::field("lead_id", "Choose a broker."))?,
        ),
    };
    let org = s.user.org_id;
    let mut tx = s.tx().await?;
    require_recent(s, &mut tx).await?;
    if let Some(l) = lead {
        let state = db::select_user_for_update(&mut tx, org, l).await?;
        if !matches!(state, Some(u) if u.role == Role::Broker && !u.disabled) {
            return Err(AppError::field(
                "lead_id",
                "A team is led by an active broker.",
            ));
        }
    }
    if !db::update_team_lead(&mut tx, org, team, lead.map(|l| l.0)).await? {
        return Err(AppError::NotFound);
    }
    s.audit("team_lead_changed")
        .target("team", team)
        .detail(json!({ "lead": lead.map(|l| l.0) }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
