//! Platform SQL (ssr only): the tenant setting, locks and counters shared by features.

use chrono::{DateTime, Utc};
use shared::ids::{OrgId, UserId};
use sqlx::PgConnection;

/// Serialises AI-usage reservations of one org until the transaction ends.
pub async fn lock_ai_usage(conn: &mut PgConnection, org: OrgId) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('ai-usage:' || $1::uuid, 0))",
        org.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// AI generations recorded since `since` for the org, or for one of its users, and the
/// oldest of them (when the window next frees a slot).
pub async fn ai_used_since(
    conn: &mut PgConnection,
    org: OrgId,
    user: Option<UserId>,
    since: DateTime<Utc>,
) -> Result<(i64, Option<DateTime<Utc>>), sqlx::Error> {
    let row = sqlx::query!(
        r#"select count(*) as "n!", min(created_at) as oldest from ai_usage
           where org_id = $1 and created_at > $2 and ($3::uuid is null or user_id = $3)"#,
        org.0,
        since,
        user.map(|u| u.0)
    )
    .fetch_one(conn)
    .await?;
    Ok((row.n, row.oldest))
}
