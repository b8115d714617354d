//! Mail delivery: SMTP (lettre) when `SMTP_URL` is set; otherwise every message is saved
//! as an `.eml` file in the mail folder (lettre's file transport), where whoever runs the
//! server can open it. The outbox row is written either way; private links exist only
//! in what these deliveries hand over (`app::platform::mail`).

use std::path::{Path, PathBuf};

use app::platform::mail::{DeliveryKind, MailDelivery, OutgoingEmail};
use lettre::message::header::ContentType;
use lettre::message::{Body, Mailbox};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
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
    #[error("the mail folder {0} can't be used: {1}")]
    Folder(PathBuf, std::io::Error),
}

/// The message as lettre builds it. `as_written`: the body exactly as written (UTF-8,
/// long lines kept: `binary`) for the folder, so a person or a test reads the link as it
/// is; over SMTP lettre picks a transport-safe encoding.
fn message(from: &Mailbox, email: &OutgoingEmail, as_written: bool) -> Result<Message, String> {
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|e| format!("bad recipient: {e}"))?;
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&email.subject)
        .header(ContentType::TEXT_PLAIN);
    let text = email.text();
    let body = if as_written {
        Body::new_with_encoding(
            text,
            lettre::message::header::ContentTransferEncoding::Binary,
        )
        .map_err(|_| "the message could not be encoded".to_string())?
    } else {
        Body::new(text)
    };
    builder.body(body).map_err(|e| e.to_string())
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
        let message = message(&self.from, email, false)?;
        self.transport
            .send(message)
            .await
            .map_err(|e| e.to_string())?;
        Ok(true)
    }

    fn kind(&self) -> DeliveryKind {
        DeliveryKind::Smtp
    }
}

/// The embedded default: one `.eml` file per message in a folder only the server's user
/// may open (0700), since messages carry personal links.
pub struct MailFolder {
    transport: AsyncFileTransport<Tokio1Executor>,
    from: Mailbox,
}

impl MailFolder {
    pub fn new(dir: &Path, from: &str) -> Result<Self, SmtpError> {
        let fail = |e| SmtpError::Folder(dir.to_owned(), e);
        std::fs::create_dir_all(dir).map_err(fail)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(fail)?;
        }
        Ok(MailFolder {
            transport: AsyncFileTransport::new(dir),
            from: from.parse()?,
        })
    }
}

#[async_trait::async_trait]
impl MailDelivery for MailFolder {
    async fn deliver(&self, email: &OutgoingEmail) -> Result<bool, String> {
        let message = message(&self.from, email, true)?;
        self.transport
            .send(message)
            .await
            .map_err(|e| e.to_string())?;
        Ok(false)
    }

    fn kind(&self) -> DeliveryKind {
        DeliveryKind::Folder
    }
}
