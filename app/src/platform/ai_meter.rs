//! AI metering and rate limits as one service (issue 13 item 4, issue 11 item 4): every
//! feature that asks the AI engine for work reserves it here first. Limits: per user
//! (product.md: 50 generations an hour) and per org (config), counted in PostgreSQL so
//! every server instance agrees, and reserved under a per-org lock so parallel requests
//! can't all pass the count before any of them is recorded.

use chrono::{DateTime, Duration, Utc};
use shared::ids::{OrgId, UserId};
use sqlx::PgConnection;

use super::ai::AiOutput;
use super::db;
use super::ServerCtx;
use crate::error::AppError;

/// Takes the org's AI-usage lock (until the transaction ends) and checks that `wanted`
/// more generations fit both limits. The caller records them (`ai_usage` rows) in the same
/// transaction, so the count and the reservation are one step.
pub async fn reserve(
    conn: &mut PgConnection,
    ctx: &ServerCtx,
    org: OrgId,
    user: UserId,
    wanted: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db::lock_ai_usage(conn, org).await?;
    let hour_ago = now - Duration::hours(1);
    let (mine, my_oldest) = db::ai_used_since(conn, org, Some(user), hour_ago).await?;
    if mine + wanted > ctx.ai_user_limit_per_hour {
        return Err(with_remaining(
            limit_error("You have used", ctx.ai_user_limit_per_hour, my_oldest, now),
            ctx.ai_user_limit_per_hour - mine,
        ));
    }
    let (org_n, org_oldest) = db::ai_used_since(conn, org, None, hour_ago).await?;
    if org_n + wanted > ctx.ai_org_limit_per_hour {
        return Err(limit_error(
            "Your brokerage has used its",
            ctx.ai_org_limit_per_hour,
            org_oldest,
            now,
        ));
    }
    Ok(())
}

/// Reserves `wanted` requests and records each (`purpose`, e.g. "listing_email"): the
/// usage ids to finish once the work is done. One call, one lock: the count and the
/// records can't be raced.
#[allow(clippy::too_many_arguments)]
pub async fn reserve_and_record(
    conn: &mut PgConnection,
    ctx: &ServerCtx,
    org: OrgId,
    user: UserId,
    listing: Option<uuid::Uuid>,
    purposes: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<uuid::Uuid>, AppError> {
    reserve(conn, ctx, org, user, purposes.len() as i64, now).await?;
    let mut ids = Vec::with_capacity(purposes.len());
    for purpose in purposes {
        let id = uuid::Uuid::new_v4();
        db::insert_ai_usage(conn, org, id, user, listing, purpose, now).await?;
        ids.push(id);
    }
    Ok(ids)
}

/// Records how a reserved request ended: its provider, tokens, cost and latency, or
/// that it failed.
pub async fn finish(
    conn: &mut PgConnection,
    org: OrgId,
    usage: uuid::Uuid,
    result: Result<&AiOutput, ()>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let (out, outcome) = match result {
        Ok(out) if out.fallback_reason.is_some() => (Some(out), "fallback"),
        Ok(out) => (Some(out), "ok"),
        Err(()) => (None, "failed"),
    };
    db::finish_ai_usage(conn, org, usage, out, outcome, now).await
}

/// How many generations the user may still ask for this hour (for the UI).
pub async fn remaining_for_user(
    conn: &mut PgConnection,
    ctx: &ServerCtx,
    org: OrgId,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let (used, _) = db::ai_used_since(conn, org, Some(user), now - Duration::hours(1)).await?;
    Ok((ctx.ai_user_limit_per_hour - used).max(0))
}

fn limit_error(
    who: &str,
    limit: i64,
    oldest: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> AppError {
    let reset = oldest.map_or(now, |o| o + Duration::hours(1));
    let secs = (reset - now).num_seconds().max(1);
    let minutes = (secs + 59) / 60;
    AppError::RateLimited {
        retry_after_secs: secs as u64,
        message: format!(
            "{who} {limit} AI generations this hour. More become available in {minutes} minute{}.",
            if minutes == 1 { "" } else { "s" }
        ),
    }
}

/// "…this hour" plus how many are left when a set is bigger than what remains.
fn with_remaining(err: AppError, left: i64) -> AppError {
    match err {
        AppError::RateLimited {
            retry_after_secs,
            message,
        } if left > 0 => AppError::RateLimited {
            retry_after_secs,
            message: format!(
                "{message} You can still write {left} text{} now.",
                if left == 1 { "" } else { "s" }
            ),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_message_says_when_more_become_available() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let AppError::RateLimited {
            retry_after_secs,
            message,
        } = limit_error("You have used", 50, Some(now - Duration::minutes(59)), now)
        else {
            panic!("rate limited")
        };
        assert_eq!(retry_after_secs, 60);
        assert_eq!(
            message,
            "You have used 50 AI generations this hour. More become available in 1 minute."
        );
        let AppError::RateLimited { message, .. } =
            with_remaining(limit_error("You have used", 50, Some(now), now), 3)
        else {
            panic!("rate limited")
        };
        assert!(
            message.ends_with("You can still write 3 texts now."),
            "{message}"
        );
    }
}
