//! Accepting an invitation: the invitee sets their name and password and is signed in.

use shared::auth::Role;
use shared::forms::AcceptInvite;
use shared::ids::{OrgId, UserId};
use sqlx::PgConnection;

use super::api::InvitationInfo;
use crate::error::AppError;
use crate::platform::tokens::{consume, Claims, Purpose, LINK_INVALID};
use crate::platform::{audit, ctx, passwords, request_meta, tenant_tx};

struct Pending {
    info: InvitationInfo,
    team_id: Option<uuid::Uuid>,
}

async fn pending(
    conn: &mut PgConnection,
    claims: &Claims,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Pending, AppError> {
    let row = sqlx::query!(
        r#"select i.email, i.role as "role!: String", i.team_id, o.name as org_name
           from invitations i join orgs o on o.id = i.org_id
           where i.org_id = $1 and i.id = $2 and i.accepted_at is null and i.revoked_at is null and i.expires_at > $3
           for update of i"#,
        claims.org,
        claims.sub,
        now
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| AppError::Conflict(LINK_INVALID.into()))?;
    Ok(Pending {
        info: InvitationInfo {
            org_name: row.org_name,
            email: row.email,
            role: Role::parse(&row.role).unwrap_or(Role::Viewer),
        },
        team_id: row.team_id,
    })
}

pub async fn info(token: String) -> Result<InvitationInfo, AppError> {
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let claims = ctx.tokens.verify(&token, Purpose::Invitation, now)?;
    let mut tx = tenant_tx(&ctx.pool, OrgId(claims.org)).await?;
    let p = pending(&mut tx, &claims, now).await?;
    tx.commit().await?;
    Ok(p.info)
}

pub async fn accept(token: String, name: String, password: String) -> Result<(), AppError> {
    crate::platform::handle(async {
        let ctx = ctx()?;
        let meta = request_meta();
        let now = ctx.clock.now();
        let claims = ctx.tokens.verify(&token, Purpose::Invitation, now)?;
        let org = OrgId(claims.org);
        let mut tx = tenant_tx(&ctx.pool, org).await?;
        let p = pending(&mut tx, &claims, now).await?;
        let input = AcceptInvite::parse(&name, &password, &p.info.email)?;
        let hash = passwords::hash(&ctx.hash_permits, input.password).await?;
        consume(&mut tx, &claims, now).await?;
        let user = UserId(uuid::Uuid::new_v4());
        let new_user = super::db::NewUser {
            org,
            id: user,
            email: &p.info.email,
            name: &input.name,
            role: p.info.role,
            team_id: p.team_id,
            password_hash: &hash,
            // the link arrived in this mailbox: the address is proven
            verified_at: Some(now),
        };
        if !super::db::insert_user(&mut tx, &new_user).await? {
            return Err(AppError::Conflict(
                "An account with this email already exists. Sign in instead.".into(),
            ));
        }
        sqlx::query!(
            "update invitations set accepted_at = $3 where org_id = $1 and id = $2",
            org.0,
            claims.sub,
            now
        )
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            &audit::Entry::new(org, now, Some(user), "invitation_accepted")
                .target("invitation", claims.sub)
                .detail(serde_json::json!({ "role": p.info.role.as_str() })),
        )
        .await?;
        let token = super::session::start(&mut tx, org, user, &meta, now).await?;
        tx.commit().await?;
        super::session::set_session_cookie(&ctx, Some(&token));
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}
