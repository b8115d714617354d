//! Report endpoints: the outbox (`ManageUsers`), the audit log and AI usage
//! (`SystemConfig`).

use leptos::prelude::*;
use shared::dto::{AiUsageReport, AuditEntry, AuditFilter, Outbox};

#[cfg(feature = "ssr")]
use super::read;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::platform::serve;

#[server(prefix = "/api", endpoint = "admin/outbox", input = server_fn::codec::GetUrl)]
pub async fn list_outbox() -> Result<Outbox, AppError> {
    serve(async |s| read::outbox(&s).await).await
}

#[server(prefix = "/api", endpoint = "admin/audit", input = server_fn::codec::GetUrl)]
pub async fn list_audit(
    #[server(flatten)] filter: AuditFilter,
) -> Result<Vec<AuditEntry>, AppError> {
    serve(async |s| read::audit(&s, filter).await).await
}

/// AI requests, tokens and cost per person over the last 30 days.
#[server(prefix = "/api", endpoint = "admin/ai-usage", input = server_fn::codec::GetUrl)]
pub async fn get_ai_usage() -> Result<AiUsageReport, AppError> {
    serve(async |s| read::ai_usage(&s).await).await
}
