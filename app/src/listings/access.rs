//! Who sees which listings (seed 002 L6016-6049): agents their own, brokers their
//! team's (the teams they lead or belong to), admins and viewers the org's. A listing
//! outside the caller's scope answers 404, exactly like another org's.

use shared::auth::{Permission, Role};
use shared::ids::ListingId;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;
use crate::platform::SessionUser;

/// The agents whose listings the caller may see; `None` means the whole org.
#[derive(Debug, Clone)]
pub struct Scope {
    pub agents: Option<Vec<Uuid>>,
}

impl Scope {
    pub fn contains(&self, agent: Uuid) -> bool {
        self.agents.as_ref().is_none_or(|a| a.contains(&agent))
    }
}

pub async fn scope(conn: &mut PgConnection, user: &SessionUser) -> Result<Scope, AppError> {
    let agents = match user.role {
        Role::Admin | Role::Viewer => None,
        Role::Agent => Some(vec![user.user_id.0]),
        Role::Broker => {
            Some(super::db::select_team_member_ids(conn, user.org_id, user.user_id).await?)
        }
    };
    Ok(Scope { agents })
}

/// Parses a listing id from the URL; garbage is simply "not found".
pub fn listing_id(raw: &str) -> Result<ListingId, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// The listing's agent after checking it exists in the caller's scope.
pub async fn visible_listing(
    conn: &mut PgConnection,
    user: &SessionUser,
    id: ListingId,
) -> Result<Uuid, AppError> {
    let agent = super::db::select_listing_agent(conn, user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !scope(conn, user).await?.contains(agent) {
        return Err(AppError::NotFound);
    }
    Ok(agent)
}

/// As `visible_listing`, and the caller may change it (403 for viewers).
pub async fn editable_listing(
    conn: &mut PgConnection,
    user: &SessionUser,
    id: ListingId,
) -> Result<Uuid, AppError> {
    let agent = visible_listing(conn, user, id).await?;
    user.require(Permission::WriteProperty).await?;
    Ok(agent)
}

/// Whether the caller's role may change listings it can see.
pub fn can_write(user: &SessionUser) -> bool {
    shared::auth::can(user.role, Permission::WriteProperty)
}
