//! Email: every message is written to the org's outbox table in the caller's
//! transaction together with a `DeliverMail` job; the job hands it to the delivery
//! (none by default: it stays in the outbox; SMTP when configured), records each
//! attempt and its error, and is retried with backoff until `MAX_ATTEMPTS`.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shared::ids::OrgId;
use sqlx::PgConnection;
use uuid::Uuid;

use super::jobs::Job;
use super::ServerCtx;
use crate::error::AppError;

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

/// Writes the message to the outbox and queues its delivery, both inside the caller's
/// transaction: the mail exists if and only if the action that wrote it committed.
pub async fn queue(
    conn: &mut PgConnection,
    email: &OutgoingEmail,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = super::db::OutboxRow {
        org: email.org_id,
        id: email.id,
        to: &email.to,
        subject: &email.subject,
        body_text: &email.body_text,
        action_url: email.action_url.as_deref(),
        action_label: email.action_label.as_deref(),
    };
    super::db::insert_outbox_email(conn, &row, now).await?;
    super::jobs::enqueue(
        conn,
        &DeliverMail {
            org_id: email.org_id,
            id: email.id,
        },
    )
    .await
}

/// Attempts before a message is marked failed (with backoff: about 20 minutes in all).
pub const MAX_ATTEMPTS: i32 = 8;

/// The job that hands one outbox message to the delivery.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliverMail {
    pub org_id: OrgId,
    pub id: Uuid,
}

impl Job for DeliverMail {
    const NAME: &'static str = "deliver_mail";
    const MAX_ATTEMPTS: i32 = MAX_ATTEMPTS;

    fn key(&self) -> Option<String> {
        Some(format!("mail:{}", self.id))
    }

    async fn run(self, ctx: Arc<ServerCtx>) -> Result<(), AppError> {
        // read, then let go of the connection while the delivery talks to the network
        let mut tx = super::tenant_tx(&ctx.pool, self.org_id).await?;
        let email = super::db::select_queued_email(&mut tx, self.org_id, self.id).await?;
        tx.commit().await?;
        let Some(row) = email else {
            return Ok(()); // sent already, or kept in the outbox: nothing to do
        };
        let attempts = row.attempts;
        let email = OutgoingEmail {
            org_id: self.org_id,
            id: self.id,
            to: row.to_email,
            subject: row.subject,
            body_text: row.body_text,
            action_url: row.action_url,
            action_label: row.action_label,
        };
        let outcome = ctx.mail.deliver(&email).await;
        let now = ctx.clock.now();
        let attempt = attempts + 1;
        let (status, error) = match &outcome {
            Ok(false) => ("outbox", None),
            Ok(true) => ("sent", None),
            Err(e) if attempt >= MAX_ATTEMPTS => ("failed", Some(e.clone())),
            Err(e) => ("queued", Some(e.clone())),
        };
        let mut tx = super::tenant_tx(&ctx.pool, self.org_id).await?;
        super::db::record_mail_attempt(
            &mut tx,
            self.org_id,
            self.id,
            status,
            error.as_deref(),
            now,
        )
        .await?;
        tx.commit().await?;
        match outcome {
            Err(e) if status == "queued" => {
                tracing::warn!(error = %e, attempt, "mail delivery failed; will retry");
                Err(AppError::Unavailable)
            }
            Err(e) => {
                tracing::error!(error = %e, attempt, "mail delivery failed; giving up");
                Ok(())
            }
            Ok(_) => Ok(()),
        }
    }
}
