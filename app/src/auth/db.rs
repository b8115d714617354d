//! SQL for accounts: organizations, users, sign-in attempts, invitations. Sessions
//! are in `session/db.rs`.

use chrono::{DateTime, Duration, Utc};
use shared::auth::Role;
use shared::ids::{OrgId, UserId};
use shared::lockout::{admit, Admission, AttemptCounts, PENDING_STALE_AFTER};
use sqlx::{PgConnection, PgPool};

pub struct LoginRow {
    pub user_id: UserId,
    pub org_id: OrgId,
    pub password_hash: String,
    pub disabled: bool,
}

/// Cross-org look-up by email (SECURITY DEFINER, see migration 0001).
pub async fn find_login(pool: &PgPool, email: &str) -> Result<Option<LoginRow>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select user_id as "user_id!", org_id as "org_id!", password_hash as "password_hash!", disabled_at
           from auth_find_login($1)"#,
        email
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| LoginRow {
        user_id: UserId(r.user_id),
        org_id: OrgId(r.org_id),
        password_hash: r.password_hash,
        disabled: r.disabled_at.is_some(),
    }))
}

pub async fn insert_org(
    conn: &mut PgConnection,
    org: OrgId,
    name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!("insert into orgs (id, name) values ($1, $2)", org.0, name)
        .execute(conn)
        .await?;
    Ok(())
}

pub struct NewUser<'a> {
    pub org: OrgId,
    pub id: UserId,
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub team_id: Option<uuid::Uuid>,
    pub password_hash: &'a str,
    pub verified_at: Option<DateTime<Utc>>,
}

/// Inserts a user; `Ok(false)` when the email is already taken.
pub async fn insert_user(conn: &mut PgConnection, u: &NewUser<'_>) -> Result<bool, sqlx::Error> {
    let result = sqlx::query!(
        r#"insert into users (org_id, id, email, name, role, team_id, password_hash, email_verified_at)
           values ($1, $2, $3, $4, $5::text::user_role, $6, $7, $8)"#,
        u.org.0,
        u.id.0,
        u.email,
        u.name,
        u.role.as_str(),
        u.team_id,
        u.password_hash,
        u.verified_at,
    )
    .execute(conn)
    .await;
    match result {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.constraint() == Some("users_email_key") => Ok(false),
        Err(e) => Err(e),
    }
}

/// Reserves a sign-in attempt, atomically with the rules that may refuse it
/// (issue 11 item 1): under advisory locks on the IP and on the account (always taken in
/// that order), it reads the counts, decides with `shared::lockout::admit`, and records
/// the attempt as 'pending' (to be settled) or 'blocked'. Answers the pending attempt's
/// id, or the refusal. The locks end with the transaction, before the password check.
pub async fn reserve_attempt(
    pool: &PgPool,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
    ip_limit: i64,
) -> Result<Result<i64, Admission>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('sign-in-ip:' || $1, 0))",
        ip
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('sign-in-email:' || lower($1), 0))",
        email
    )
    .execute(&mut *tx)
    .await?;
    let r = sqlx::query!(
        r#"select
             (select count(*) from login_attempts where ip = $1 and at > $3 and at <= $4) as "ip_n!",
             (select min(at) from login_attempts where ip = $1 and at > $3 and at <= $4) as ip_oldest,
             (select count(*) from login_attempts
               where lower(email) = lower($2) and outcome = 'pending' and at > $5) as "in_flight!""#,
        ip,
        email,
        now - Duration::minutes(1),
        now,
        now - PENDING_STALE_AFTER,
    )
    .fetch_one(&mut *tx)
    .await?;
    let counts = AttemptCounts {
        ip_attempts: r.ip_n,
        ip_oldest: r.ip_oldest,
        in_flight: r.in_flight,
        failures: recent_failures(&mut tx, email, now).await?,
    };
    let admission = admit(&counts, ip_limit, now);
    let outcome = match admission {
        Admission::Check => "pending",
        Admission::Refuse { .. } => "blocked",
    };
    let id = sqlx::query_scalar!(
        "insert into login_attempts (email, ip, at, outcome) values ($1, $2, $3, $4) returning id",
        email,
        ip,
        now,
        outcome
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(match admission {
        Admission::Check => Ok(id),
        refused => Err(refused),
    })
}

/// Settles a reserved attempt as 'success' or 'failure'.
pub async fn settle_attempt(pool: &PgPool, id: i64, success: bool) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update login_attempts set outcome = $2 where id = $1 and outcome = 'pending'",
        id,
        if success { "success" } else { "failure" }
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Failed attempts for an email since its last success, within the last 30 minutes.
async fn recent_failures(
    conn: &mut PgConnection,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, sqlx::Error> {
    let rows = sqlx::query_scalar!(
        r#"select at from login_attempts
           where lower(email) = lower($1) and outcome = 'failure' and at > $2 and at <= $3
             and at > coalesce((select max(at) from login_attempts
                                where lower(email) = lower($1) and outcome = 'success' and at <= $3), '-infinity')
           order by at"#,
        email,
        now - Duration::minutes(30),
        now
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

pub async fn update_password(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update users set password_hash = $3, password_changed_at = $4 where org_id = $1 and id = $2",
        org.0,
        user.0,
        hash,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// When the user's password last changed, in microseconds: the version reset links are
/// bound to.
pub async fn select_password_version(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
) -> Result<Option<i64>, sqlx::Error> {
    let r = sqlx::query_scalar!(
        r#"select password_changed_at from users where org_id = $1 and id = $2"#,
        org.0,
        user.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(r.map(|at| at.timestamp_micros()))
}

pub async fn select_user_email(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
) -> Result<Option<(String, String, bool)>, sqlx::Error> {
    let r = sqlx::query!(
        r#"select email, name, email_verified_at is not null as "verified!" from users where org_id = $1 and id = $2"#,
        org.0,
        user.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(r.map(|r| (r.email, r.name, r.verified)))
}

pub async fn mark_verified(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update users set email_verified_at = coalesce(email_verified_at, $3) where org_id = $1 and id = $2",
        org.0,
        user.0,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An invitation still open at `now`, locked until the transaction ends.
pub struct PendingInvitation {
    pub org_name: String,
    pub email: String,
    pub role: Role,
    pub team_id: Option<uuid::Uuid>,
}

pub async fn select_pending_invitation(
    conn: &mut PgConnection,
    org: OrgId,
    id: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<Option<PendingInvitation>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select i.email, i.role as "role!: String", i.team_id, o.name as org_name
           from invitations i join orgs o on o.id = i.org_id
           where i.org_id = $1 and i.id = $2 and i.accepted_at is null and i.revoked_at is null and i.expires_at > $3
           for update of i"#,
        org.0,
        id,
        now
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| PendingInvitation {
        org_name: r.org_name,
        email: r.email,
        role: Role::parse(&r.role).unwrap_or(Role::Viewer),
        team_id: r.team_id,
    }))
}

pub async fn mark_invitation_accepted(
    conn: &mut PgConnection,
    org: OrgId,
    id: uuid::Uuid,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update invitations set accepted_at = $3 where org_id = $1 and id = $2",
        org.0,
        id,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A brokerage waiting for its admin to confirm the email (migration 0008).
pub struct PendingRegistration {
    pub email: String,
    pub name: String,
    pub password_hash: String,
}

pub async fn insert_registration(
    conn: &mut PgConnection,
    org: OrgId,
    r: &PendingRegistration,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into org_registrations (org_id, email, name, password_hash, created_at)
           values ($1, $2, $3, $4, $5)"#,
        org.0,
        r.email,
        r.name,
        r.password_hash,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes the pending registration of `org` (deleted as it is read; `None` once taken).
pub async fn take_registration(
    conn: &mut PgConnection,
    org: OrgId,
) -> Result<Option<PendingRegistration>, sqlx::Error> {
    sqlx::query_as!(
        PendingRegistration,
        r#"delete from org_registrations where org_id = $1
           returning email, name, password_hash"#,
        org.0
    )
    .fetch_optional(conn)
    .await
}
