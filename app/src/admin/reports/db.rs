//! SQL for the admin reports: the outbox, the audit log, AI usage. Every query names
//! the org explicitly; RLS checks it again.

use chrono::{DateTime, Utc};
use shared::dto::{AiUsageRow, AuditEntry, AuditFilter, OutboxEmail};
use shared::ids::OrgId;
use sqlx::PgConnection;

pub async fn select_outbox(
    conn: &mut PgConnection,
    org: OrgId,
    limit: i64,
) -> Result<Vec<OutboxEmail>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select id, to_email, subject, body_text, action_url, action_label,
                  link_purpose is not null as "private_link!", created_at, status, attempts, error
           from outbox_emails where org_id = $1 order by created_at desc, id limit $2"#,
        org.0,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| OutboxEmail {
            id: r.id,
            to_email: r.to_email,
            subject: r.subject,
            body_text: r.body_text,
            action_url: r.action_url,
            action_label: r.action_label,
            private_link: r.private_link,
            created_at: r.created_at,
            status: r.status,
            attempts: r.attempts,
            error: r.error,
        })
        .collect())
}

/// The newest entries matching the filter, up to `limit`.
pub async fn select_audit(
    conn: &mut PgConnection,
    org: OrgId,
    f: &AuditFilter,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select id, at, actor_email, action, target_type, target_id, ip, detail::text as "detail!"
           from audit_log
           where org_id = $1
             and ($2::text is null or action = $2)
             and ($3::text is null or actor_email ilike '%' || $3 || '%')
             and ($4::timestamptz is null or at >= $4)
             and ($5::timestamptz is null or at < $5)
           order by at desc, id desc
           limit $6"#,
        org.0,
        f.action.as_deref(),
        f.actor.as_deref(),
        from,
        to,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at,
            actor_email: r.actor_email,
            action: r.action,
            // ids are long; their first block tells entries apart
            target: r.target_type.map(|t| match r.target_id {
                Some(id) => format!("{t} {}", id.split('-').next().unwrap_or_default()),
                None => t,
            }),
            ip: r.ip,
            detail: r.detail,
        })
        .collect())
}

pub async fn select_ai_usage(
    conn: &mut PgConnection,
    org: OrgId,
    since: DateTime<Utc>,
) -> Result<Vec<AiUsageRow>, sqlx::Error> {
    sqlx::query_as!(
        AiUsageRow,
        r#"select coalesce(u.name, 'Former member') as "user_name!", count(*) as "requests!",
             coalesce(sum(a.tokens_in), 0)::bigint as "tokens_in!", coalesce(sum(a.tokens_out), 0)::bigint as "tokens_out!",
             coalesce(sum(a.cost_micro_usd), 0)::bigint as "cost_micro_usd!",
             count(*) filter (where a.outcome = 'fallback') as "fallbacks!",
             count(*) filter (where a.outcome = 'failed') as "failures!",
             coalesce(avg(a.latency_ms) filter (where a.outcome in ('ok', 'fallback')), 0)::bigint as "avg_latency_ms!"
           from ai_usage a left join users u on u.org_id = a.org_id and u.id = a.user_id
           where a.org_id = $1 and a.created_at >= $2
           group by u.name
           order by count(*) desc"#,
        org.0,
        since
    )
    .fetch_all(conn)
    .await
}
