//! What the bodies that run before anyone is signed in (sign-in, registration, emailed
//! links) share: they get the process context and the request's metadata explicitly
//! (`serve_public`), and write audit entries for the account they act on.

use chrono::{DateTime, Utc};
use shared::ids::{OrgId, UserId};
use sqlx::{Postgres, Transaction};

use crate::error::AppError;
use crate::platform::tokens::{Claims, Purpose};
use crate::platform::{audit, tenant_tx, RequestMeta, ServerCtx};

/// An audit entry for `action` by `user` where no session exists yet (sign-in,
/// registration, emailed links): the request's address, the time given.
pub fn audit_as(
    meta: &RequestMeta,
    now: DateTime<Utc>,
    org: OrgId,
    user: UserId,
    action: &'static str,
) -> audit::Entry {
    let mut entry = audit::Entry::new(org, now, Some(user), action);
    entry.ip = meta.ip.clone();
    entry
}

/// A signed link followed: its claims, checked for `purpose` and expiry, and a
/// transaction in the org it belongs to.
pub async fn open_link(
    ctx: &ServerCtx,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<(Claims, Transaction<'static, Postgres>), AppError> {
    let claims = ctx.tokens.verify(token, purpose, now)?;
    let tx = tenant_tx(&ctx.pool, OrgId(claims.org)).await?;
    Ok((claims, tx))
}

/// Writes one audit entry in a transaction of its own (a refusal: nothing else commits).
pub async fn record_alone(ctx: &ServerCtx, entry: audit::Entry) -> Result<(), AppError> {
    let mut tx = tenant_tx(&ctx.pool, entry.org_id).await?;
    entry.record(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}
