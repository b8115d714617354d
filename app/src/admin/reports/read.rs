//! Reading the reports (ssr only): the outbox, the filtered audit log, AI usage with
//! its totals.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use shared::auth::Permission;
use shared::dto::{AiUsageReport, AiUsageRow, AuditEntry, AuditFilter, Outbox};

use super::db;
use crate::error::AppError;
use crate::platform::Scope;

/// The newest 100 emails the app wrote for the org.
pub async fn outbox(s: &Scope) -> Result<Outbox, AppError> {
    use crate::platform::mail::DeliveryKind;
    s.require(Permission::ManageUsers).await?;
    let emails = s
        .in_tx(async |tx| Ok(db::select_outbox(tx, s.user.org_id, 100).await?))
        .await?;
    let delivery = match s.ctx.mail.kind() {
        DeliveryKind::Smtp => "smtp",
        DeliveryKind::Folder => "folder",
    };
    Ok(Outbox {
        delivery: delivery.into(),
        emails,
    })
}

/// "2026-11-25" as the start of that day (UTC); a field error otherwise.
fn day(s: &Option<String>, field: &str) -> Result<Option<DateTime<Utc>>, AppError> {
    s.as_deref()
        .map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
                .map_err(|_| AppError::field(field, "Use a date like 2026-11-25."))
        })
        .transpose()
}

/// The newest 200 audit entries matching the filter (blank fields match anything).
pub async fn audit(s: &Scope, filter: AuditFilter) -> Result<Vec<AuditEntry>, AppError> {
    s.require(Permission::SystemConfig).await?;
    let clean = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let filter = AuditFilter {
        action: clean(filter.action),
        actor: clean(filter.actor),
        from: clean(filter.from),
        to: clean(filter.to),
    };
    let from = day(&filter.from, "from")?;
    // "to" includes the whole day
    let to = day(&filter.to, "to")?.map(|d| d + Duration::days(1));
    s.in_tx(async |tx| Ok(db::select_audit(tx, s.user.org_id, &filter, from, to, 200).await?))
        .await
}

/// Days the AI usage report covers.
const USAGE_DAYS: i64 = 30;

/// AI requests, tokens and cost per person over the last 30 days, their total, and the
/// provider and limits in force.
pub async fn ai_usage(s: &Scope) -> Result<AiUsageReport, AppError> {
    s.require(Permission::SystemConfig).await?;
    let since = s.now - Duration::days(USAGE_DAYS);
    let rows = s
        .in_tx(async |tx| Ok(db::select_ai_usage(tx, s.user.org_id, since).await?))
        .await?;
    let total = total(&rows);
    let ctx = &s.ctx;
    Ok(AiUsageReport {
        days: USAGE_DAYS,
        provider: ctx.ai.name().to_owned(),
        model: ctx.ai.model().to_owned(),
        rows,
        total,
        user_limit_per_hour: ctx.ai_user_limit_per_hour,
        org_limit_per_hour: ctx.ai_org_limit_per_hour,
    })
}

/// The "All people" row: sums, and the latency averaged over every request.
fn total(rows: &[AiUsageRow]) -> AiUsageRow {
    let mut total = AiUsageRow {
        user_name: "All people".into(),
        requests: 0,
        tokens_in: 0,
        tokens_out: 0,
        cost_micro_usd: 0,
        fallbacks: 0,
        failures: 0,
        avg_latency_ms: 0,
    };
    let mut latency_sum = 0;
    for r in rows {
        total.requests += r.requests;
        total.tokens_in += r.tokens_in;
        total.tokens_out += r.tokens_out;
        total.cost_micro_usd += r.cost_micro_usd;
        total.fallbacks += r.fallbacks;
        total.failures += r.failures;
        latency_sum += r.avg_latency_ms * r.requests;
    }
    total.avg_latency_ms = if total.requests > 0 {
        latency_sum / total.requests
    } else {
        0
    };
    total
}
