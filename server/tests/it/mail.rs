//! With SMTP configured, mail goes out through a real SMTP conversation (lettre
//! against a small SMTP server on 127.0.0.1) and is still kept in the outbox.

use std::sync::{Arc, Mutex};

use crate::common::spawn_app_full;
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

#[sqlx::test(migrations = "../migrations")]
async fn with_smtp_configured_mail_is_sent_and_still_recorded(pool: PgPool) {
    let (port, messages) = smtp_sink().await;
    let url = secrecy::SecretString::from(format!("smtp://127.0.0.1:{port}"));
    let smtp = server::mail::Smtp::new(&url, "PropertyPro <no-reply@propertypro.test>").unwrap();
    let app = spawn_app_full(pool, 1000, Arc::new(smtp)).await;
    app.register("Bayview Homes", "ada@bayview.test").await;
    assert!(
        messages.lock().unwrap().is_empty(),
        "sent by the job, not the request"
    );
    app.run_jobs().await;
    let sent = messages.lock().unwrap().clone();
    assert_eq!(sent.len(), 1, "one verification email");
    assert!(sent[0].contains("To: ada@bayview.test"));
    assert!(sent[0].contains("Subject: Verify your email for PropertyPro"));
    assert!(sent[0].contains("/verify-email?token="));
    let status: String =
        sqlx::query_scalar("select status from outbox_emails where to_email = 'ada@bayview.test'")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(status, "sent");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_failing_smtp_server_is_retried_then_marked_failed_and_the_action_stands(pool: PgPool) {
    // a port nobody listens on
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = secrecy::SecretString::from(format!("smtp://127.0.0.1:{port}"));
    let smtp = server::mail::Smtp::new(&url, "PropertyPro <no-reply@propertypro.test>").unwrap();
    let app = spawn_app_full(pool, 1000, Arc::new(smtp)).await;
    let c = app.register("Bayview Homes", "ada@bayview.test").await;
    assert!(!app.me(&c).await.is_null(), "registration stands");
    let row = |app: &crate::common::TestApp| {
        let owner = app.owner.clone();
        async move {
            sqlx::query_as::<_, (String, Option<String>, i32)>(
                "select status, error, attempts from outbox_emails where to_email = 'ada@bayview.test'",
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
    assert_eq!(outbox[0]["status"], "queued");
    assert_eq!(outbox[0]["attempts"], 1);
    assert!(outbox[0]["error"].is_string(), "{outbox}");
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
