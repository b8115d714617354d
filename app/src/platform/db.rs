//! Platform SQL (ssr only): the tenant setting, locks and counters shared by features.

use chrono::{DateTime, Utc};
use shared::ids::{OrgId, UserId};
use sqlx::PgConnection;
use uuid::Uuid;

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

/// Adds a graphile_worker job in the caller's transaction (SECURITY DEFINER: the app
/// role has no rights on the job schema itself).
pub async fn enqueue_job(
    conn: &mut PgConnection,
    name: &str,
    payload_json: &str,
    key: Option<String>,
    max_attempts: i32,
    run_at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "select app_enqueue_job($1, $2::text::json, $3, $4, $5)",
        name,
        payload_json,
        key,
        max_attempts,
        run_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An outbox row, queued for delivery.
pub struct OutboxRow<'a> {
    pub org: OrgId,
    pub id: Uuid,
    pub to: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub action_url: Option<&'a str>,
    pub action_label: Option<&'a str>,
    /// A link signed as the mail is sent: its purpose, subject and password state.
    pub link_purpose: Option<&'a str>,
    pub link_subject: Option<Uuid>,
    pub link_pwv: Option<i64>,
}

pub async fn insert_outbox_email(
    conn: &mut PgConnection,
    email: &OutboxRow<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into outbox_emails (org_id, id, to_email, subject, body_text, action_url, action_label,
             link_purpose, link_subject, link_pwv, created_at, status)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'queued')"#,
        email.org.0,
        email.id,
        email.to,
        email.subject,
        email.body_text,
        email.action_url,
        email.action_label,
        email.link_purpose,
        email.link_subject,
        email.link_pwv,
        now,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A message still waiting for delivery.
pub struct QueuedEmail {
    pub to_email: String,
    pub subject: String,
    pub body_text: String,
    pub action_url: Option<String>,
    pub action_label: Option<String>,
    pub link_purpose: Option<String>,
    pub link_subject: Option<Uuid>,
    pub link_pwv: Option<i64>,
    pub attempts: i32,
}

pub async fn select_queued_email(
    conn: &mut PgConnection,
    org: OrgId,
    id: Uuid,
) -> Result<Option<QueuedEmail>, sqlx::Error> {
    sqlx::query_as!(
        QueuedEmail,
        r#"select to_email, subject, body_text, action_url, action_label, link_purpose, link_subject,
                  link_pwv, attempts
           from outbox_emails where org_id = $1 and id = $2 and status = 'queued'"#,
        org.0,
        id
    )
    .fetch_optional(conn)
    .await
}

pub async fn record_mail_attempt(
    conn: &mut PgConnection,
    org: OrgId,
    id: Uuid,
    status: &str,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update outbox_emails set status = $3, error = $4, attempts = attempts + 1, last_attempt_at = $5,
             sent_at = case when $3 = 'sent' then $5 else sent_at end
           where org_id = $1 and id = $2"#,
        org.0,
        id,
        status,
        error,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Runs the retention rules; what was removed, per kind.
pub async fn purge_expired(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select what as "what!", removed as "removed!" from app_purge_expired($1)"#,
        now
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.what, r.removed)).collect())
}

/// One AI request, reserved: counted against the limits from now on.
pub async fn insert_ai_usage(
    conn: &mut PgConnection,
    org: OrgId,
    id: Uuid,
    user: UserId,
    listing: Option<Uuid>,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into ai_usage (org_id, id, user_id, listing_id, purpose, created_at)
           values ($1, $2, $3, $4, $5, $6)"#,
        org.0,
        id,
        user.0,
        listing,
        purpose,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// What a reserved request cost and how it ended ("ok", "fallback", "failed").
#[allow(clippy::too_many_arguments)]
pub async fn finish_ai_usage(
    conn: &mut PgConnection,
    org: OrgId,
    id: Uuid,
    out: Option<&super::ai::AiOutput>,
    outcome: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update ai_usage set provider = coalesce($3, provider), model = coalesce($4, model),
             tokens_in = coalesce($5, tokens_in), tokens_out = coalesce($6, tokens_out),
             cost_micro_usd = coalesce($7, cost_micro_usd), latency_ms = coalesce($8, latency_ms),
             outcome = $9, finished_at = $10
           where org_id = $1 and id = $2"#,
        org.0,
        id,
        out.map(|o| o.provider.clone()),
        out.map(|o| o.model.clone()),
        out.map(|o| o.tokens_in),
        out.map(|o| o.tokens_out),
        out.map(|o| o.cost_micro_usd),
        out.map(|o| o.latency_ms),
        outcome,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a single-use link as used; false when it was used before.
pub async fn insert_used_token(
    conn: &mut PgConnection,
    org: Uuid,
    jti: Uuid,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = sqlx::query!(
        "insert into used_tokens (org_id, jti, purpose, used_at) values ($1, $2, $3, $4) on conflict do nothing",
        org,
        jti,
        purpose,
        now,
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// An audit log row (see `audit::Entry`).
pub struct AuditRow<'a> {
    pub org: OrgId,
    pub at: DateTime<Utc>,
    pub actor: Option<UserId>,
    pub action: &'a str,
    pub target_type: Option<&'a str>,
    pub target_id: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub detail: &'a serde_json::Value,
}

/// Appends to the audit log (the app role may insert and read, never change).
pub async fn insert_audit_entry(
    conn: &mut PgConnection,
    e: &AuditRow<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into audit_log (org_id, at, actor_user_id, actor_email, action, target_type, target_id, ip, detail)
           values ($1, $2, $3, (select email from users where org_id = $1 and id = $3), $4, $5, $6, $7, $8)"#,
        e.org.0,
        e.at,
        e.actor.map(|a| a.0),
        e.action,
        e.target_type,
        e.target_id,
        e.ip,
        e.detail,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// One request against a rate limit (see `platform::limits`): 0 when admitted, else the
/// seconds until a slot frees.
pub async fn rate_limit_take(
    conn: &mut PgConnection,
    bucket: &str,
    key: &str,
    now: DateTime<Utc>,
    window_secs: i64,
    max: i32,
) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select app_rate_limit_take($1, $2, $3, make_interval(secs => $4), $5) as "wait!""#,
        bucket,
        key,
        now,
        window_secs as f64,
        max
    )
    .fetch_one(conn)
    .await
}
