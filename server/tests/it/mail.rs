//! With SMTP configured, mail goes out through a real SMTP conversation (lettre
//! against a small SMTP server on 127.0.0.1) and is still kept in the outbox, without
//! its private link.

use std::sync::{Arc, Mutex};

use std::sync::atomic::{AtomicBool, Ordering};

use app::platform::mail::{DeliveryKind, MailDelivery, OutgoingEmail};

use crate::common::{client, spawn_app_full, PASSWORD};
use sqlx::PgPool;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// Accepts SMTP sessions and keeps each message's DATA.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let messages = Arc::new(Mutex::new(Vec::new()));
    let store = messages.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let (mut in_data, mut data) = (false, String::new());
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            store.lock().unwrap().push(std::mem::take(&mut data));
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let verb = line
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                        "DATA" => {
                            in_data = true;
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => b"221 bye\r\n",
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                    if verb == "QUIT" {
                        break;
                    }
                }
            });
        }
    });
    (port, messages)
}

/// The text of a message as the SMTP server got it, quoted-printable undone.
fn unfold(message: &str) -> String {
    message.replace("=\n", "").replace("=3D", "=")
}

#[sqlx::test(migrations = "../migrations")]
async fn with_smtp_configured_mail_is_sent_and_still_recorded(pool: PgPool) {
    let (port, messages) = smtp_sink().await;
    let url = secrecy::SecretString::from(format!("smtp://127.0.0.1:{port}"));
    let smtp = server::mail::Smtp::new(&url, "PropertyPro <no-reply@propertypro.test>").unwrap();
    let app = spawn_app_full(pool, 1000, Arc::new(smtp)).await;
    let c = client();
    let form = [
        ("org_name", "Bayview Homes"),
        ("name", "Ada Admin"),
        ("email", "ada@bayview.test"),
        ("password", PASSWORD),
    ];
    assert_eq!(app.post(&c, "auth/register", &form).await.status(), 200);
    assert!(
        messages.lock().unwrap().is_empty(),
        "sent by a job, not the request"
    );
    app.run_jobs().await;
    app.run_jobs().await;
    let sent = messages.lock().unwrap().clone();
    assert_eq!(sent.len(), 1, "one confirmation email");
    let text = unfold(&sent[0]);
    assert!(text.contains("To: ada@bayview.test"));
    assert!(text.contains("Subject: Confirm your email to create Bayview Homes on PropertyPro"));
    let token = text
        .split("/register/confirm?token=")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .expect("the link went out")
        .to_owned();
    // the outbox records the message, never the link (issue 11 item 3)
    let (status, body, url): (String, String, Option<String>) = sqlx::query_as(
        "select status, body_text, action_url from outbox_emails where to_email = 'ada@bayview.test'",
    )
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert_eq!(status, "sent");
    assert!(!body.contains(&token) && !body.contains("token="));
    assert_eq!(url, None);
    let r = app
        .post(&c, "auth/confirm-registration", &[("token", &token)])
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(app.me(&c).await["org_name"], "Bayview Homes");
}

/// Mail to the app's folder until `smtp_on`, then to a (failing) SMTP server.
struct Switch {
    folder: server::mail::MailFolder,
    smtp: server::mail::Smtp,
    smtp_on: AtomicBool,
}

#[async_trait::async_trait]
impl MailDelivery for Switch {
    async fn deliver(&self, email: &OutgoingEmail) -> Result<bool, String> {
        if self.smtp_on.load(Ordering::SeqCst) {
            self.smtp.deliver(email).await
        } else {
            self.folder.deliver(email).await
        }
    }

    fn kind(&self) -> DeliveryKind {
        DeliveryKind::Smtp
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_failing_smtp_server_is_retried_then_marked_failed_and_the_action_stands(pool: PgPool) {
    // a port nobody listens on
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = secrecy::SecretString::from(format!("smtp://127.0.0.1:{port}"));
    let dir = std::env::temp_dir().join(format!("pp-test-mail-{}", uuid::Uuid::new_v4()));
    let switch = Arc::new(Switch {
        folder: server::mail::MailFolder::new(&dir, "PropertyPro <no-reply@test.local>").unwrap(),
        smtp: server::mail::Smtp::new(&url, "PropertyPro <no-reply@propertypro.test>").unwrap(),
        smtp_on: AtomicBool::new(false),
    });
    let mut app = spawn_app_full(pool, 1000, switch.clone()).await;
    app.mail_dir = dir;
    let c = app.register("Bayview Homes", "ada@bayview.test").await;
    switch.smtp_on.store(true, Ordering::SeqCst);
    let r = app
        .post(
            &c,
            "admin/invite",
            &[("email", "ben@bayview.test"), ("role", "agent")],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let row = |app: &crate::common::TestApp| {
        let owner = app.owner.clone();
        async move {
            sqlx::query_as::<_, (String, Option<String>, i32)>(
                "select status, error, attempts from outbox_emails where to_email = 'ben@bayview.test'",
            )
            .fetch_one(&owner)
            .await
            .unwrap()
        }
    };
    app.run_jobs().await;
    let (status, error, attempts) = row(&app).await;
    assert_eq!(
        (status.as_str(), attempts),
        ("queued", 1),
        "kept for a retry"
    );
    assert!(error.is_some(), "the last error is recorded");
    // the admin's Outbox page says so
    let outbox: serde_json::Value = app.get(&c, "admin/outbox").await.json().await.unwrap();
    let ben = outbox["emails"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to_email"] == "ben@bayview.test")
        .unwrap();
    assert_eq!(ben["status"], "queued");
    assert_eq!(ben["attempts"], 1);
    assert!(ben["error"].is_string(), "{outbox}");
    assert_eq!(
        ben["private_link"], true,
        "the invitation link is not shown"
    );
    assert_eq!(outbox["delivery"], "smtp");
    // the invitation stands while its mail is retried
    let dir: serde_json::Value = app.get(&c, "admin/directory").await.json().await.unwrap();
    assert!(dir.to_string().contains("ben@bayview.test"), "{dir}");
    // the last attempt: due now, and it fails again
    sqlx::query("update outbox_emails set attempts = $1 - 1")
        .bind(app::platform::mail::MAX_ATTEMPTS)
        .execute(&app.owner)
        .await
        .unwrap();
    sqlx::query("update graphile_worker._private_jobs set run_at = now()")
        .execute(&app.owner)
        .await
        .unwrap();
    app.run_jobs().await;
    let (status, error, attempts) = row(&app).await;
    assert_eq!(status, "failed");
    assert_eq!(attempts, app::platform::mail::MAX_ATTEMPTS);
    assert!(error.is_some());
}
