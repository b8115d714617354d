//! Email: every message is written to the org's outbox table in the caller's
//! transaction together with a `DeliverMail` job; the job hands it to the delivery
//! (none by default: it stays in the outbox; SMTP when configured), records each
//! attempt and its error, and is retried with backoff until `MAX_ATTEMPTS`.
//!
//! Account links (verification, reset, invitation, registration) carry a token that
//! acts for the recipient, so they are never stored: the outbox keeps what the link is
//! for (`SignedLink`), and the job signs a fresh token as it hands the message over.
//! Admins see that the mail went, never the link (issue 11 item 3).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shared::ids::OrgId;
use sqlx::PgConnection;
use uuid::Uuid;

use super::jobs::Job;
use super::tokens::Purpose;
use super::ServerCtx;
use crate::error::AppError;

/// A message. `body_text` is the text without its action link; `text()` is what is sent.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub org_id: OrgId,
    pub id: Uuid,
    pub to: String,
    pub subject: String,
    pub body_text: String,
    pub action: Option<Action>,
}

/// The one button of a message.
#[derive(Debug, Clone)]
pub struct Action {
    pub label: String,
    pub link: Link,
}

#[derive(Debug, Clone)]
pub enum Link {
    /// A link anyone may see (e.g. the sign-in page).
    Plain(String),
    /// A link with a token for the recipient: signed only when the message is sent.
    Signed(SignedLink),
}

/// What a private link is for: its purpose, subject (user, invitation or org) and, for
/// reset links, the password state (`Claims::pwv`).
#[derive(Debug, Clone, Copy)]
pub struct SignedLink {
    pub purpose: Purpose,
    pub subject: Uuid,
    pub pwv: Option<i64>,
}

impl OutgoingEmail {
    /// The whole text as sent: the body, the action link, the signature.
    pub fn text(&self) -> String {
        let link = match &self.action {
            Some(Action {
                label,
                link: Link::Plain(url),
            }) => format!("\n\n{label}: {url}"),
            _ => String::new(),
        };
        format!("{}{link}\n\n— PropertyPro", self.body_text)
    }

    /// The plain action URL, if there is one (a private link only once signed).
    pub fn action_url(&self) -> Option<&str> {
        match &self.action {
            Some(Action {
                link: Link::Plain(url),
                ..
            }) => Some(url),
            _ => None,
        }
    }

    /// With its private link signed now, ready for the delivery.
    fn signed(mut self, ctx: &ServerCtx, now: DateTime<Utc>) -> Result<Self, AppError> {
        if let Some(Action {
            link: Link::Signed(l),
            ..
        }) = &self.action
        {
            let token = ctx
                .tokens
                .sign_bound(l.purpose, self.org_id, l.subject, now, l.pwv)?;
            let url = format!("{}{}?token={token}", ctx.public_url, l.purpose.path());
            if let Some(a) = self.action.as_mut() {
                a.link = Link::Plain(url);
            }
        }
        Ok(self)
    }
}

/// Where mail goes: shown on the Outbox page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryKind {
    /// Sent over SMTP.
    Smtp,
    /// Written as files to a folder on the server (the embedded default).
    Folder,
}

/// How mail leaves the building.
#[async_trait::async_trait]
pub trait MailDelivery: Send + Sync {
    /// `Ok(true)` when the message went to its recipient's mail server, `Ok(false)` when
    /// this delivery keeps it on the machine (the mail folder).
    async fn deliver(&self, email: &OutgoingEmail) -> Result<bool, String>;

    fn kind(&self) -> DeliveryKind;
}

/// Writes the message to the outbox and queues its delivery, both inside the caller's
/// transaction: the mail exists if and only if the action that wrote it committed.
pub async fn queue(
    conn: &mut PgConnection,
    email: &OutgoingEmail,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let signed = match &email.action {
        Some(Action {
            link: Link::Signed(l),
            ..
        }) => Some(*l),
        _ => None,
    };
    let row = super::db::OutboxRow {
        org: email.org_id,
        id: email.id,
        to: &email.to,
        subject: &email.subject,
        body_text: &email.body_text,
        action_url: email.action_url(),
        action_label: email.action.as_ref().map(|a| a.label.as_str()),
        link_purpose: signed.map(|l| l.purpose.as_str()),
        link_subject: signed.map(|l| l.subject),
        link_pwv: signed.and_then(|l| l.pwv),
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
        let link = match (
            row.link_purpose.as_deref().and_then(Purpose::parse),
            row.link_subject,
        ) {
            (Some(purpose), Some(subject)) => Some(Link::Signed(SignedLink {
                purpose,
                subject,
                pwv: row.link_pwv,
            })),
            _ => row.action_url.map(Link::Plain),
        };
        let email = OutgoingEmail {
            org_id: self.org_id,
            id: self.id,
            to: row.to_email,
            subject: row.subject,
            body_text: row.body_text,
            action: row
                .action_label
                .zip(link)
                .map(|(label, link)| Action { label, link }),
        }
        .signed(&ctx, ctx.clock.now())?;
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
