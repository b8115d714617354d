//! Email: every message is written to the org's outbox table in the caller's
//! transaction; after commit, a delivery (none by default, SMTP when configured)
//! sends it and records the result.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use shared::ids::OrgId;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// A message ready to send.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub org_id: OrgId,
    pub id: Uuid,
    pub to: String,
    pub subject: String,
    pub body_text: String,
    pub action_url: Option<String>,
    pub action_label: Option<String>,
}

/// How mail leaves the building.
#[async_trait::async_trait]
pub trait MailDelivery: Send + Sync {
    /// `Ok(false)` when this delivery keeps mail in the outbox only.
    async fn deliver(&self, email: &OutgoingEmail) -> Result<bool, String>;
}

/// The default: mail stays in the outbox for admins to read in the app.
pub struct OutboxOnly;

#[async_trait::async_trait]
impl MailDelivery for OutboxOnly {
    async fn deliver(&self, _email: &OutgoingEmail) -> Result<bool, String> {
        Ok(false)
    }
}

/// Writes the message to the outbox inside the caller's transaction.
pub async fn queue(
    conn: &mut PgConnection,
    email: &OutgoingEmail,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into outbox_emails (org_id, id, to_email, subject, body_text, action_url, action_label, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8)"#,
        email.org_id.0,
        email.id,
        email.to,
        email.subject,
        email.body_text,
        email.action_url,
        email.action_label,
        now,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Sends a committed message and records whether it went out. Failures are logged
/// and kept on the row; the action that wrote the mail has already succeeded.
pub async fn deliver_after_commit(
    pool: &PgPool,
    delivery: &Arc<dyn MailDelivery>,
    email: OutgoingEmail,
    now: DateTime<Utc>,
) {
    let (status, error) = match delivery.deliver(&email).await {
        Ok(false) => return,
        Ok(true) => ("sent", None),
        Err(e) => {
            tracing::warn!(error = %e, to = %email.to, "mail delivery failed");
            ("failed", Some(e))
        }
    };
    let result = async {
        let mut tx = super::tenant_tx(pool, email.org_id).await.map_err(|_| sqlx::Error::PoolClosed)?;
        sqlx::query!(
            "update outbox_emails set status = $3, sent_at = $4, error = $5 where org_id = $1 and id = $2",
            email.org_id.0,
            email.id,
            status,
            (status == "sent").then_some(now),
            error,
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }
    .await;
    if let Err(e) = result {
        tracing::error!(error = ?e, "could not record mail delivery");
    }
}
