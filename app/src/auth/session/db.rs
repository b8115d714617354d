//! SQL for sessions: the row behind each session cookie, the user's devices, step-up
//! proofs. Every query names the org explicitly (RLS checks it again), except the
//! look-up by token, which runs before the org is known (SECURITY DEFINER, migration 0001).

use chrono::{DateTime, Utc};
use shared::auth::Role;
use shared::dto::{Me, SessionSummary};
use shared::ids::{OrgId, SessionId, UserId};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// A new session for `user`, stored by the hash of its cookie token.
pub async fn insert_session(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    token_hash: Vec<u8>,
    now: DateTime<Utc>,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into sessions (org_id, id, user_id, token_hash, created_at, last_seen_at, ip, user_agent)
           values ($1, $2, $3, $4, $5, $5, $6, $7)"#,
        org.0,
        Uuid::new_v4(),
        user.0,
        token_hash,
        now,
        ip,
        user_agent,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The session a cookie token names, with its user's role and status.
pub struct SessionRow {
    pub session_id: Uuid,
    pub org_id: Uuid,
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub role: String,
    pub disabled_at: Option<DateTime<Utc>>,
}

/// Cross-org look-up by token hash (SECURITY DEFINER, see migration 0001).
pub async fn select_session_by_token(
    pool: &PgPool,
    token_hash: Vec<u8>,
) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as!(
        SessionRow,
        r#"select session_id as "session_id!", org_id as "org_id!", user_id as "user_id!",
                  created_at as "created_at!", last_seen_at as "last_seen_at!", revoked_at,
                  role as "role!: String", disabled_at
           from auth_session($1)"#,
        token_hash,
    )
    .fetch_optional(pool)
    .await
}

/// Records that the session was used (`load` writes it at most once a minute).
pub async fn touch_session(
    conn: &mut PgConnection,
    org: OrgId,
    session: SessionId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update sessions set last_seen_at = $3 where org_id = $1 and id = $2",
        org.0,
        session.0,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The signed-in user as the app shell shows them.
pub async fn select_me(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
) -> Result<Option<Me>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select u.id, u.org_id, o.name as org_name, u.name, u.email, u.role as "role!: String",
                  u.email_verified_at is not null as "verified!"
           from users u join orgs o on o.id = u.org_id
           where u.org_id = $1 and u.id = $2"#,
        org.0,
        user.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Me {
        id: UserId(r.id),
        org_id: OrgId(r.org_id),
        org_name: r.org_name,
        name: r.name,
        email: r.email,
        role: Role::parse(&r.role).unwrap_or(Role::Viewer),
        email_verified: r.verified,
    }))
}

/// Ends one session; `false` if it had already ended.
pub async fn revoke_session(
    conn: &mut PgConnection,
    org: OrgId,
    session: SessionId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = sqlx::query!(
        "update sessions set revoked_at = $3 where org_id = $1 and id = $2 and revoked_at is null",
        org.0,
        session.0,
        now
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Ends one of the user's own sessions; `false` if it is not theirs (or not live).
pub async fn revoke_own_session(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    session: SessionId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = sqlx::query!(
        "update sessions set revoked_at = $4 where org_id = $1 and user_id = $2 and id = $3 and revoked_at is null",
        org.0,
        user.0,
        session.0,
        now
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Ends every session of a user except `keep`.
pub async fn revoke_user_sessions(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    keep: Option<SessionId>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query!(
        "update sessions set revoked_at = $4 where org_id = $1 and user_id = $2 and revoked_at is null and id is distinct from $3",
        org.0,
        user.0,
        keep.map(|k| k.0),
        now
    )
    .execute(conn)
    .await?
    .rows_affected())
}

pub async fn select_sessions(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    current: SessionId,
    (seen_after, created_after): (DateTime<Utc>, DateTime<Utc>),
) -> Result<Vec<SessionSummary>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select id, ip, user_agent, created_at, last_seen_at from sessions
           where org_id = $1 and user_id = $2 and revoked_at is null
             and last_seen_at > $3 and created_at > $4
           order by last_seen_at desc"#,
        org.0,
        user.0,
        seen_after,
        created_after
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionSummary {
            id: SessionId(r.id),
            device: shared::dto::describe_device(r.user_agent.as_deref()),
            ip: r.ip,
            created_at: r.created_at,
            last_seen_at: r.last_seen_at,
            current: r.id == current.0,
        })
        .collect())
}

/// When this session last proved the password: its sign-in, or a later confirmation.
pub async fn select_session_proof(
    conn: &mut PgConnection,
    org: OrgId,
    session: SessionId,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select greatest(created_at, coalesce(reauthenticated_at, created_at)) as "at!"
           from sessions where org_id = $1 and id = $2 and revoked_at is null"#,
        org.0,
        session.0
    )
    .fetch_optional(conn)
    .await
}

pub async fn mark_reauthenticated(
    conn: &mut PgConnection,
    org: OrgId,
    session: SessionId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update sessions set reauthenticated_at = $3 where org_id = $1 and id = $2",
        org.0,
        session.0,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}
