//! Admin endpoints: the user directory, invitations, roles, teams, disabling
//! (engineering.md "Server functions"). All need `ManageUsers`. Without JavaScript a
//! refused form post goes back to its page with the typed values.

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use server_fn::ServerFn;
use shared::dto::Directory;

#[cfg(feature = "ssr")]
use super::{members, teams};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::platform::{respond::back_with_values, serve};

#[server(prefix = "/api", endpoint = "admin/directory", input = server_fn::codec::GetUrl)]
pub async fn get_directory() -> Result<Directory, AppError> {
    serve(async |s| members::directory(&s).await).await
}

/// Invites by email; answers the address. Without JavaScript the confirmation travels
/// in the URL.
#[server(prefix = "/api", endpoint = "admin/invite")]
pub async fn invite_user(email: String, role: String) -> Result<String, AppError> {
    let result = serve(async |s| members::invite(&s, email.clone(), role.clone()).await).await;
    members::after_invite(InviteUser::PATH, &email, &role, &result);
    result
}

/// Changes a user's role and team (an empty team means none).
#[server(prefix = "/api", endpoint = "admin/update-user")]
pub async fn update_user(user_id: String, role: String, team_id: String) -> Result<(), AppError> {
    serve(async |s| members::update(&s, user_id, role, team_id).await).await
}

#[server(prefix = "/api", endpoint = "admin/set-disabled")]
pub async fn set_user_disabled(user_id: String, disabled: bool) -> Result<(), AppError> {
    serve(async |s| members::set_disabled(&s, user_id, disabled).await).await
}

#[server(prefix = "/api", endpoint = "admin/create-team")]
pub async fn create_team(name: String) -> Result<(), AppError> {
    let result = serve(async |s| teams::create(&s, name.clone()).await).await;
    if let Err(e) = &result {
        back_with_values(CreateTeam::PATH, "/admin/teams", &[("name", &name)], e);
    }
    result
}

/// Sets (or clears, with an empty `lead_id`) the broker who leads a team.
#[server(prefix = "/api", endpoint = "admin/set-team-lead")]
pub async fn set_team_lead(team_id: String, lead_id: String) -> Result<(), AppError> {
    serve(async |s| teams::set_lead(&s, team_id, lead_id).await).await
}
