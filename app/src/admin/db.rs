//! SQL for administering people: users, teams, invitations. Every query names the
//! org explicitly; RLS checks it again.

use chrono::{DateTime, Utc};
use shared::auth::Role;
use shared::dto::{InvitationSummary, TeamSummary, UserSummary};
use shared::ids::{InvitationId, OrgId, TeamId, UserId};
use sqlx::PgConnection;

pub async fn select_users(
    conn: &mut PgConnection,
    org: OrgId,
) -> Result<Vec<UserSummary>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select u.id, u.name, u.email, u.role as "role!: String", u.team_id, t.name as "team_name?",
                  u.email_verified_at is not null as "verified!", u.disabled_at is not null as "disabled!", u.created_at
           from users u left join teams t on t.org_id = u.org_id and t.id = u.team_id
           where u.org_id = $1
           order by u.disabled_at is not null, lower(u.name)"#,
        org.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| UserSummary {
            id: UserId(r.id),
            name: r.name,
            email: r.email,
            role: Role::parse(&r.role).unwrap_or(Role::Viewer),
            team_id: r.team_id.map(TeamId),
            team_name: r.team_name,
            email_verified: r.verified,
            disabled: r.disabled,
            created_at: r.created_at,
        })
        .collect())
}

pub async fn select_teams(
    conn: &mut PgConnection,
    org: OrgId,
) -> Result<Vec<TeamSummary>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select t.id, t.name, t.lead_user_id, l.name as "lead_name?",
                  coalesce(array_agg(m.name order by lower(m.name)) filter (where m.id is not null), '{}') as "members!"
           from teams t
           left join users l on l.org_id = t.org_id and l.id = t.lead_user_id
           left join users m on m.org_id = t.org_id and m.team_id = t.id and m.disabled_at is null
           where t.org_id = $1
           group by t.id, t.name, t.lead_user_id, l.name
           order by lower(t.name)"#,
        org.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| TeamSummary {
            id: TeamId(r.id),
            name: r.name,
            lead_user_id: r.lead_user_id.map(UserId),
            lead_name: r.lead_name,
            members: r.members,
        })
        .collect())
}

pub async fn select_pending_invitations(
    conn: &mut PgConnection,
    org: OrgId,
    now: DateTime<Utc>,
) -> Result<Vec<InvitationSummary>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select id, email, role as "role!: String", created_at, expires_at from invitations
           where org_id = $1 and accepted_at is null and revoked_at is null and expires_at > $2
           order by created_at desc"#,
        org.0,
        now
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| InvitationSummary {
            id: InvitationId(r.id),
            email: r.email,
            role: Role::parse(&r.role).unwrap_or(Role::Viewer),
            created_at: r.created_at,
            expires_at: r.expires_at,
        })
        .collect())
}

/// Creates an invitation, replacing an earlier pending one for the same email.
pub async fn insert_invitation(
    conn: &mut PgConnection,
    org: OrgId,
    id: uuid::Uuid,
    invite: &shared::forms::Invite,
    by: UserId,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update invitations set revoked_at = $3
           where org_id = $1 and lower(email) = lower($2) and accepted_at is null and revoked_at is null"#,
        org.0,
        invite.email,
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"insert into invitations (org_id, id, email, role, invited_by, created_at, expires_at)
           values ($1, $2, $3, $4::text::user_role, $5, $6, $7)"#,
        org.0,
        id,
        invite.email,
        invite.role.as_str(),
        by.0,
        now,
        expires
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct UserState {
    pub role: Role,
    pub team_id: Option<uuid::Uuid>,
    pub disabled: bool,
    pub name: String,
}

pub async fn select_user_for_update(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
) -> Result<Option<UserState>, sqlx::Error> {
    let r = sqlx::query!(
        r#"select role as "role!: String", team_id, disabled_at is not null as "disabled!", name
           from users where org_id = $1 and id = $2 for update"#,
        org.0,
        user.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(r.map(|r| UserState {
        role: Role::parse(&r.role).unwrap_or(Role::Viewer),
        team_id: r.team_id,
        disabled: r.disabled,
        name: r.name,
    }))
}

/// Active admins other than `except`: an org must keep at least one.
/// Serialises every change that could leave the org without an active admin (issue 11
/// item 12): taken before any user row is locked, so two admins demoting each other at
/// once run one after the other and the second sees the first's change.
pub async fn lock_org_admins(conn: &mut PgConnection, org: OrgId) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('org-admins:' || $1::uuid, 0))",
        org.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count_other_active_admins(
    conn: &mut PgConnection,
    org: OrgId,
    except: UserId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from users where org_id = $1 and id <> $2 and role = 'admin' and disabled_at is null"#,
        org.0,
        except.0
    )
    .fetch_one(conn)
    .await
}

pub async fn update_user_role_team(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    role: Role,
    team: Option<uuid::Uuid>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update users set role = $3::text::user_role, team_id = $4 where org_id = $1 and id = $2",
        org.0,
        user.0,
        role.as_str(),
        team
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update_user_disabled(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    disabled_at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update users set disabled_at = $3 where org_id = $1 and id = $2",
        org.0,
        user.0,
        disabled_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn team_exists(
    conn: &mut PgConnection,
    org: OrgId,
    team: uuid::Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists(select 1 from teams where org_id = $1 and id = $2) as "e!""#,
        org.0,
        team
    )
    .fetch_one(conn)
    .await
}

/// Inserts a team; `Ok(false)` when the org already has one with that name.
pub async fn insert_team(
    conn: &mut PgConnection,
    org: OrgId,
    id: uuid::Uuid,
    name: &str,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query!(
        "insert into teams (org_id, id, name) values ($1, $2, $3)",
        org.0,
        id,
        name
    )
    .execute(conn)
    .await;
    match r {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.constraint() == Some("teams_org_name_key") => Ok(false),
        Err(e) => Err(e),
    }
}

pub async fn update_team_lead(
    conn: &mut PgConnection,
    org: OrgId,
    team: uuid::Uuid,
    lead: Option<uuid::Uuid>,
) -> Result<bool, sqlx::Error> {
    let n = sqlx::query!(
        "update teams set lead_user_id = $3 where org_id = $1 and id = $2",
        org.0,
        team,
        lead
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}
