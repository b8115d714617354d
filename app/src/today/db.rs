//! SQL for the Today page. Every query names the org explicitly; RLS checks it again.

use chrono::{DateTime, Utc};
use shared::dto::TodaySummary;
use shared::ids::{OrgId, UserId};
use sqlx::PgConnection;

/// Active members, teams, invitations still open at `now`, and the user's sessions
/// used since `seen_since`.
pub async fn select_summary(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    now: DateTime<Utc>,
    seen_since: DateTime<Utc>,
) -> Result<TodaySummary, sqlx::Error> {
    let r = sqlx::query!(
        r#"select
             (select count(*) from users where org_id = $1 and disabled_at is null) as "members!",
             (select count(*) from teams where org_id = $1) as "teams!",
             (select count(*) from invitations where org_id = $1 and accepted_at is null and revoked_at is null and expires_at > $3) as "invites!",
             (select count(*) from sessions where org_id = $1 and user_id = $2 and revoked_at is null and last_seen_at > $4) as "sessions!""#,
        org.0,
        user.0,
        now,
        seen_since
    )
    .fetch_one(conn)
    .await?;
    Ok(TodaySummary {
        members: r.members,
        teams: r.teams,
        pending_invitations: r.invites,
        active_sessions: r.sessions,
    })
}
