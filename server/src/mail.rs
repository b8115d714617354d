//! SMTP delivery (lettre) when `SMTP_URL` is set; the outbox row is written either way.

use app::platform::mail::{MailDelivery, OutgoingEmail};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    #[error("SMTP_URL is not valid: {0}")]
    Url(#[from] lettre::transport::smtp::Error),
    #[error("MAIL_FROM is not a valid mailbox: {0}")]
    From(#[from] lettre::address::AddressError),
}

impl Smtp {
    pub fn new(url: &secrecy::SecretString, from: &str) -> Result<Self, SmtpError> {
        Ok(Smtp {
            transport: AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())?.build(),
            from: from.parse()?,
        })
    }
}

#[async_trait::async_trait]
impl MailDelivery for Smtp {
    async fn deliver(&self, email: &OutgoingEmail) -> Result<bool, String> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e| format!("bad recipient: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&email.subject)
            .body(email.body_text.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map_err(|e| e.to_string())?;
        Ok(true)
    }
}
