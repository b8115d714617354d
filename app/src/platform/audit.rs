//! The security audit log (seed 002 L6190-6244): written in the same transaction
//! as the action it records; the app role may insert and read, never change.

use chrono::{DateTime, Utc};
use shared::ids::{OrgId, UserId};
use sqlx::PgConnection;

pub struct Entry {
    pub org_id: OrgId,
    pub at: DateTime<Utc>,
    pub actor: Option<UserId>,
    pub action: &'static str,
    pub target_type: Option<&'static str>,
    pub target_id: Option<String>,
    pub ip: Option<String>,
    pub detail: serde_json::Value,
}

impl Entry {
    /// An entry for `action` by `actor`, from this request's address.
    pub fn new(
        org_id: OrgId,
        at: DateTime<Utc>,
        actor: Option<UserId>,
        action: &'static str,
    ) -> Self {
        Entry {
            org_id,
            at,
            actor,
            action,
            target_type: None,
            target_id: None,
            ip: super::request_meta().ip,
            detail: serde_json::json!({}),
        }
    }

    pub fn target(mut self, kind: &'static str, id: impl ToString) -> Self {
        self.target_type = Some(kind);
        self.target_id = Some(id.to_string());
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }

    /// Writes the entry in the caller's transaction.
    pub async fn record(&self, conn: &mut PgConnection) -> Result<(), sqlx::Error> {
        record(conn, self).await
    }
}

pub async fn record(conn: &mut PgConnection, e: &Entry) -> Result<(), sqlx::Error> {
    let row = super::db::AuditRow {
        org: e.org_id,
        at: e.at,
        actor: e.actor,
        action: e.action,
        target_type: e.target_type,
        target_id: e.target_id.as_deref(),
        ip: e.ip.as_deref(),
        detail: &e.detail,
    };
    super::db::insert_audit_entry(conn, &row).await
}
