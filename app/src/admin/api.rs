//! Admin server functions: the user directory, invitations, roles, teams, disabling,
//! the outbox and the audit log. All need `ManageUsers` (audit: `SystemConfig`).

use leptos::prelude::*;
use shared::dto::{AuditEntry, AuditFilter, Directory, OutboxEmail, TodaySummary};

use crate::error::AppError;

#[server(prefix = "/api", endpoint = "admin/directory", input = server_fn::codec::GetUrl)]
pub async fn get_directory() -> Result<Directory, AppError> {
    use crate::platform::{ctx, current_user, handle, tenant_tx};
    use shared::auth::Permission;
    handle(async {
        let user = current_user()?;
        user.require(Permission::ManageUsers).await?;
        let ctx = ctx()?;
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        let users = super::db::select_users(&mut tx, user.org_id).await?;
        let teams = super::db::select_teams(&mut tx, user.org_id).await?;
        let invitations =
            super::db::select_pending_invitations(&mut tx, user.org_id, ctx.clock.now()).await?;
        tx.commit().await?;
        Ok(Directory {
            users,
            teams,
            invitations,
        })
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/invite")]
pub async fn invite_user(email: String, role: String) -> Result<String, AppError> {
    use crate::platform::respond::back_with_values;
    use server_fn::ServerFn;
    let result = super::members::invite(email.clone(), role.clone()).await;
    match &result {
        Err(e) => back_with_values(
            InviteUser::PATH,
            "/admin/users",
            &[("email", &email), ("role", &role)],
            e,
        ),
        // without JavaScript the confirmation travels in the URL
        Ok(sent) if crate::platform::request_meta().wants_html => {
            let encoded = crate::platform::respond::urlencode(sent);
            leptos_axum::redirect(&format!("/admin/users?invited={encoded}"));
        }
        Ok(_) => {}
    }
    result
}

/// Changes a user's role and team (an empty team means none).
#[server(prefix = "/api", endpoint = "admin/update-user")]
pub async fn update_user(user_id: String, role: String, team_id: String) -> Result<(), AppError> {
    super::members::update(user_id, role, team_id).await
}

#[server(prefix = "/api", endpoint = "admin/set-disabled")]
pub async fn set_user_disabled(user_id: String, disabled: bool) -> Result<(), AppError> {
    super::members::set_disabled(user_id, disabled).await
}

#[server(prefix = "/api", endpoint = "admin/create-team")]
pub async fn create_team(name: String) -> Result<(), AppError> {
    use crate::platform::respond::back_with_values;
    use server_fn::ServerFn;
    let result = super::teams::create(name.clone()).await;
    if let Err(e) = &result {
        back_with_values(CreateTeam::PATH, "/admin/teams", &[("name", &name)], e);
    }
    result
}

/// Sets (or clears, with an empty `lead_id`) the broker who leads a team.
#[server(prefix = "/api", endpoint = "admin/set-team-lead")]
pub async fn set_team_lead(team_id: String, lead_id: String) -> Result<(), AppError> {
    super::teams::set_lead(team_id, lead_id).await
}

#[server(prefix = "/api", endpoint = "admin/outbox", input = server_fn::codec::GetUrl)]
pub async fn list_outbox() -> Result<Vec<OutboxEmail>, AppError> {
    use crate::platform::{ctx, current_user, handle, tenant_tx};
    use shared::auth::Permission;
    handle(async {
        let user = current_user()?;
        user.require(Permission::ManageUsers).await?;
        let ctx = ctx()?;
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        let rows = super::db::select_outbox(&mut tx, user.org_id, 100).await?;
        tx.commit().await?;
        Ok(rows)
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/audit", input = server_fn::codec::GetUrl)]
pub async fn list_audit(
    #[server(flatten)] filter: AuditFilter,
) -> Result<Vec<AuditEntry>, AppError> {
    use crate::platform::{ctx, current_user, handle, tenant_tx};
    use shared::auth::Permission;
    handle(async {
        let user = current_user()?;
        user.require(Permission::SystemConfig).await?;
        let clean = |s: Option<String>| s.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let filter = AuditFilter {
            action: clean(filter.action),
            actor: clean(filter.actor),
            from: clean(filter.from),
            to: clean(filter.to),
        };
        let day = |s: &Option<String>,
                   field: &str|
         -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
            s.as_deref()
                .map(|d| {
                    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                        .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
                        .map_err(|_| AppError::field(field, "Use a date like 2026-11-25."))
                })
                .transpose()
        };
        let from = day(&filter.from, "from")?;
        // "to" includes the whole day
        let to = day(&filter.to, "to")?.map(|d| d + chrono::Duration::days(1));
        let ctx = ctx()?;
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        let rows = super::db::select_audit(&mut tx, user.org_id, &filter, from, to, 200).await?;
        tx.commit().await?;
        Ok(rows)
    })
    .await
}

#[server(prefix = "/api", endpoint = "today/summary", input = server_fn::codec::GetUrl)]
pub async fn get_today_summary() -> Result<TodaySummary, AppError> {
    use crate::platform::{ctx, current_user, handle, tenant_tx};
    handle(async {
        let user = current_user()?;
        let ctx = ctx()?;
        let now = ctx.clock.now();
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        let r = sqlx::query!(
            r#"select
                 (select count(*) from users where org_id = $1 and disabled_at is null) as "members!",
                 (select count(*) from teams where org_id = $1) as "teams!",
                 (select count(*) from invitations where org_id = $1 and accepted_at is null and revoked_at is null and expires_at > $3) as "invites!",
                 (select count(*) from sessions where org_id = $1 and user_id = $2 and revoked_at is null and last_seen_at > $4) as "sessions!""#,
            user.org_id.0,
            user.user_id.0,
            now,
            now - crate::auth::session::IDLE_TIMEOUT
        )
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(TodaySummary { members: r.members, teams: r.teams, pending_invitations: r.invites, active_sessions: r.sessions })
    })
    .await
}

/// AI requests, tokens and cost per person over the last 30 days.
#[server(prefix = "/api", endpoint = "admin/ai-usage", input = server_fn::codec::GetUrl)]
pub async fn get_ai_usage() -> Result<shared::dto::AiUsageReport, AppError> {
    use crate::platform::{ctx, current_user, handle, tenant_tx};
    use shared::auth::Permission;
    handle(async {
        let user = current_user()?;
        user.require(Permission::SystemConfig).await?;
        let ctx = ctx()?;
        let since = ctx.clock.now() - chrono::Duration::days(30);
        let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
        let rows = super::db::select_ai_usage(&mut tx, user.org_id, since).await?;
        tx.commit().await?;
        let mut total = shared::dto::AiUsageRow {
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
        for r in &rows {
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
        Ok(shared::dto::AiUsageReport {
            days: 30,
            provider: ctx.ai.name().to_owned(),
            model: ctx.ai.model().to_owned(),
            rows,
            total,
            user_limit_per_hour: ctx.ai_user_limit_per_hour,
            org_limit_per_hour: ctx.ai_org_limit_per_hour,
        })
    })
    .await
}
