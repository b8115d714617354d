//! Registering a brokerage (ssr only), in two steps so the answer never says whether an
//! address already has an account (issue 11 item 8):
//! 1. `register` checks the form and the rate limits, hashes the password and queues
//!    `StartRegistration`; every valid request gets the same answer ("check your inbox").
//! 2. The job creates the org with its pending registration and emails a confirmation
//!    link, or, when the address has an account, emails its owner that instead.
//! 3. `confirm` (the emailed link) creates the first admin, verified, and signs them in.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use shared::auth::Role;
use shared::forms::Registration;
use shared::ids::{OrgId, UserId};

use super::db::{self, NewUser, PendingRegistration};
use super::session;
use super::visitor::{audit_as, open_link};
use crate::error::AppError;
use crate::platform::jobs::{self, Job};
use crate::platform::limits::{self, register_per_ip, REGISTER_PER_ADDRESS};
use crate::platform::respond::urlencode;
use crate::platform::tokens::{consume, Purpose, LINK_INVALID};
use crate::platform::{mail, passwords, tenant_tx, RequestMeta, ServerCtx};

/// Step 1: answers the address the confirmation goes to.
pub async fn register(
    ctx: &Arc<ServerCtx>,
    meta: &RequestMeta,
    org_name: &str,
    name: &str,
    email: &str,
    password: String,
) -> Result<String, AppError> {
    let input = Registration::parse(org_name, name, email, &password)?;
    let now = ctx.clock.now();
    let ip = meta.ip.as_deref().unwrap_or("unknown");
    // the limits first, in a transaction of their own (never held while hashing)
    let mut tx = ctx.pool.begin().await?;
    limits::take(
        &mut tx,
        &register_per_ip(ctx.login_ip_limit_per_min),
        ip,
        now,
    )
    .await?;
    limits::take(&mut tx, &REGISTER_PER_ADDRESS, &input.email, now).await?;
    tx.commit().await?;
    let password_hash = passwords::hash(&ctx.hash_permits, input.password.clone()).await?;
    let mut tx = ctx.pool.begin().await?;
    jobs::enqueue(
        &mut tx,
        &StartRegistration {
            org_name: input.org_name,
            name: input.name,
            email: input.email.clone(),
            password_hash,
            ip: meta.ip.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    if meta.wants_html {
        leptos_axum::redirect(&format!("/register?sent={}", urlencode(&input.email)));
    }
    Ok(input.email)
}

/// Step 2, in the background (the same work for every valid request).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StartRegistration {
    pub org_name: String,
    pub name: String,
    pub email: String,
    pub password_hash: String,
    pub ip: Option<String>,
}

impl Job for StartRegistration {
    const NAME: &'static str = "start_registration";
    const MAX_ATTEMPTS: i32 = 5;

    async fn run(self, ctx: Arc<ServerCtx>) -> Result<(), AppError> {
        let now = ctx.clock.now();
        if let Some(account) = db::find_login(&ctx.pool, &self.email).await? {
            let (org, user) = (account.org_id, account.user_id);
            let mut tx = tenant_tx(&ctx.pool, org).await?;
            let Some((to, name, _)) = db::select_user_email(&mut tx, org, user).await? else {
                return Ok(());
            };
            let mail =
                super::emails::registration_for_existing_account(org, &to, &name, &ctx.public_url);
            mail::queue(&mut tx, &mail, now).await?;
            let meta = RequestMeta::from_ip(self.ip);
            audit_as(&meta, now, org, user, "registration_refused")
                .target("user", user)
                .record(&mut tx)
                .await?;
            tx.commit().await?;
            return Ok(());
        }
        let org = OrgId(uuid::Uuid::new_v4());
        let mut tx = tenant_tx(&ctx.pool, org).await?;
        db::insert_org(&mut tx, org, &self.org_name).await?;
        let pending = PendingRegistration {
            email: self.email,
            name: self.name,
            password_hash: self.password_hash,
        };
        db::insert_registration(&mut tx, org, &pending, now).await?;
        let mail = super::emails::registration(org, &pending.email, &pending.name, &self.org_name);
        mail::queue(&mut tx, &mail, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Step 3: the emailed link creates the admin (verified: the link reached the mailbox)
/// and signs them in.
pub async fn confirm(
    ctx: &Arc<ServerCtx>,
    meta: &RequestMeta,
    token: String,
) -> Result<(), AppError> {
    let now = ctx.clock.now();
    let (claims, mut tx) = open_link(ctx, &token, Purpose::Registration, now).await?;
    let org = OrgId(claims.org);
    consume(&mut tx, &claims, now).await?;
    let pending = db::take_registration(&mut tx, org)
        .await?
        .ok_or_else(|| AppError::Conflict(LINK_INVALID.into()))?;
    let user = UserId(uuid::Uuid::new_v4());
    let new_user = NewUser {
        org,
        id: user,
        email: &pending.email,
        name: &pending.name,
        role: Role::Admin,
        team_id: None,
        password_hash: &pending.password_hash,
        verified_at: Some(now),
    };
    if !db::insert_user(&mut tx, &new_user).await? {
        return Err(AppError::Conflict(
            "An account with this email already exists. Sign in instead.".into(),
        ));
    }
    audit_as(meta, now, org, user, "org_registered")
        .target("org", org)
        .record(&mut tx)
        .await?;
    let token = session::start(&mut tx, org, user, meta, now).await?;
    tx.commit().await?;
    session::set_session_cookie(ctx, Some(&token));
    leptos_axum::redirect("/");
    Ok(())
}
