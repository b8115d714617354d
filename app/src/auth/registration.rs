//! Registering a brokerage (ssr only): the org, its first admin, a verification email
//! and a signed-in session, in one transaction.

use std::sync::Arc;

use shared::auth::Role;
use shared::forms::Registration;
use shared::ids::{OrgId, UserId};

use super::db::{self, NewUser};
use super::session;
use super::visitor::audit_as;
use crate::error::AppError;
use crate::platform::{mail, passwords, tenant_tx, RequestMeta, ServerCtx};

pub async fn register(
    ctx: &Arc<ServerCtx>,
    meta: &RequestMeta,
    org_name: &str,
    name: &str,
    email: &str,
    password: String,
) -> Result<(), AppError> {
    let input = Registration::parse(org_name, name, email, &password)?;
    let now = ctx.clock.now();
    let hash = passwords::hash(&ctx.hash_permits, input.password.clone()).await?;
    let org = OrgId(uuid::Uuid::new_v4());
    let user = UserId(uuid::Uuid::new_v4());
    let mut tx = tenant_tx(&ctx.pool, org).await?;
    db::insert_org(&mut tx, org, &input.org_name).await?;
    let new_user = NewUser {
        org,
        id: user,
        email: &input.email,
        name: &input.name,
        role: Role::Admin,
        team_id: None,
        password_hash: &hash,
        verified_at: None,
    };
    if !db::insert_user(&mut tx, &new_user).await? {
        return Err(AppError::field(
            "email",
            "An account with this email already exists.",
        ));
    }
    audit_as(meta, now, org, user, "org_registered")
        .target("org", org)
        .detail(serde_json::json!({ "org_name": input.org_name }))
        .record(&mut tx)
        .await?;
    let mail = super::emails::verification(ctx, org, user, &input.email, &input.name, now)?;
    mail::queue(&mut tx, &mail, now).await?;
    let token = session::start(&mut tx, org, user, meta, now).await?;
    tx.commit().await?;
    session::set_session_cookie(ctx, Some(&token));
    leptos_axum::redirect("/");
    Ok(())
}
