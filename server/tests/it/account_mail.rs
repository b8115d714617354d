//! Issue 11 items 3 and 8: private links are never stored or shown (only the recipient's
//! mail has them), and mail a visitor can trigger says nothing about which addresses
//! have accounts and is rate limited.

use futures_util::future::join_all;
use sqlx::PgPool;

use crate::common::{client, spawn_app, spawn_app_with, PASSWORD};

/// How many rows `sql` counts, as the owner.
async fn count(app: &crate::common::TestApp, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.owner).await.unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn no_outbox_row_or_page_holds_a_private_link(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Bayview Homes", "ada@bayview.test").await;
    let c = client();
    let r = app
        .post(
            &admin,
            "admin/invite",
            &[("email", "ben@bayview.test"), ("role", "agent")],
        )
        .await;
    assert!(r.status().is_success());
    app.post(&c, "auth/forgot-password", &[("email", "ada@bayview.test")])
        .await;
    // every message went (registration, invitation, reset) …
    let (_, reset) = app.last_email("ada@bayview.test").await;
    assert!(reset.contains("/reset-password?token="), "{reset}");
    let (_, invite) = app.last_email("ben@bayview.test").await;
    assert!(invite.contains("/invite?token="), "{invite}");
    assert_eq!(count(&app, "select count(*) from outbox_emails").await, 3);
    // … and no stored row holds a link
    assert_eq!(
        count(
            &app,
            "select count(*) from outbox_emails where body_text like '%token=%' or action_url like '%token=%'"
        )
        .await,
        0
    );
    // the admin's Outbox says a private link went, never which
    let page = app.get(&admin, "admin/outbox").await.text().await.unwrap();
    assert!(!page.contains("token="), "{page}");
    let outbox: serde_json::Value = serde_json::from_str(&page).unwrap();
    assert_eq!(outbox["delivery"], "folder");
    let emails = outbox["emails"].as_array().unwrap();
    assert_eq!(emails.len(), 3);
    assert!(emails.iter().all(|m| m["private_link"] == true), "{page}");
    // the admin can't act for the reset link's owner, yet the owner can
    let token = reset.split("token=").nth(1).unwrap();
    let r = app
        .post(
            &c,
            "auth/reset-password",
            &[("token", token), ("password", "a brand new passphrase")],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    // and is told their password changed (the audit log has both)
    let (subject, _) = app.last_email("ada@bayview.test").await;
    assert_eq!(subject, "Your PropertyPro password was changed");
    let actions: Vec<String> = sqlx::query_scalar("select action from audit_log order by id")
        .fetch_all(&app.owner)
        .await
        .unwrap();
    assert!(actions.contains(&"password_reset_requested".to_owned()));
    assert!(actions.contains(&"password_reset".to_owned()));
}

#[sqlx::test(migrations = "../migrations")]
async fn forgot_password_does_the_same_work_for_any_address(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.register("Bayview Homes", "ada@bayview.test").await;
    let mails_before = count(&app, "select count(*) from outbox_emails").await;
    let jobs = "select count(*) from graphile_worker._private_jobs where task_id = \
                (select id from graphile_worker._private_tasks where identifier = 'send_password_reset')";
    let c = client();
    let known = app
        .post(&c, "auth/forgot-password", &[("email", "ada@bayview.test")])
        .await;
    let (known_status, known_body) = (known.status(), known.text().await.unwrap());
    let unknown = app
        .post(
            &c,
            "auth/forgot-password",
            &[("email", "nobody@bayview.test")],
        )
        .await;
    assert_eq!(known_status, unknown.status());
    assert_eq!(known_body, unknown.text().await.unwrap());
    // the request wrote nothing about the account: both only queued the same job
    assert_eq!(
        count(&app, "select count(*) from outbox_emails").await,
        mails_before
    );
    assert_eq!(count(&app, jobs).await, 2);
    app.run_jobs().await;
    assert!(app.mails_to("nobody@bayview.test").await.is_empty());
    assert_eq!(
        app.mails_to("ada@bayview.test")
            .await
            .last()
            .unwrap()
            .subject,
        "Reset your PropertyPro password"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn forgot_password_allows_three_per_address_an_hour_and_ten_per_ip_a_minute(pool: PgPool) {
    // the signed-out forms' per-IP limit at its default, 10 a minute
    let app = spawn_app_with(pool, 10).await;
    app.register("Bayview Homes", "ada@bayview.test").await;
    let before = app.mails_to("ada@bayview.test").await.len();
    // one address, eight requests at once: three pass
    let c = client();
    let answers = join_all((0..8).map(|_| async {
        app.post(&c, "auth/forgot-password", &[("email", "ada@bayview.test")])
            .await
    }))
    .await;
    let ok = answers.iter().filter(|r| r.status().is_success()).count();
    assert_eq!(
        ok,
        3,
        "{:?}",
        answers.iter().map(|r| r.status()).collect::<Vec<_>>()
    );
    for r in answers.iter().filter(|r| !r.status().is_success()) {
        assert_eq!(r.status(), 429);
        assert!(r.headers().contains_key("retry-after"));
    }
    assert_eq!(app.mails_to("ada@bayview.test").await.len(), before + 3);
    // an hour later the address may ask again
    app.clock.advance(chrono::Duration::minutes(61));
    let r = app
        .post(&c, "auth/forgot-password", &[("email", "ada@bayview.test")])
        .await;
    assert!(r.status().is_success());
    // one IP, twenty addresses at once: ten pass within the minute
    app.clock.advance(chrono::Duration::minutes(2));
    let emails: Vec<String> = (0..20).map(|i| format!("p{i}@elsewhere.test")).collect();
    let answers = join_all(emails.iter().map(|e| async {
        app.post(&c, "auth/forgot-password", &[("email", e.as_str())])
            .await
    }))
    .await;
    let ok = answers.iter().filter(|r| r.status().is_success()).count();
    assert_eq!(ok, 10);
    let refused = answers.iter().find(|r| r.status() == 429).unwrap();
    assert!(refused.headers().contains_key("retry-after"));
}

#[sqlx::test(migrations = "../migrations")]
async fn registration_is_limited_per_address(pool: PgPool) {
    let app = spawn_app(pool).await;
    let c = client();
    let form = [
        ("org_name", "Bayview Homes"),
        ("name", "Ada Admin"),
        ("email", "ada@bayview.test"),
        ("password", PASSWORD),
    ];
    for _ in 0..3 {
        assert_eq!(app.post(&c, "auth/register", &form).await.status(), 200);
    }
    let r = app.post(&c, "auth/register", &form).await;
    assert_eq!(r.status(), 429);
    assert!(r.text().await.unwrap().contains("in the last hour"));
}

#[sqlx::test(migrations = "../migrations")]
async fn inviting_an_address_with_an_account_elsewhere_answers_like_any_other(pool: PgPool) {
    let app = spawn_app(pool).await;
    let bayview = app.register("Bayview Homes", "ada@bayview.test").await;
    app.register("Hilltop", "bob@hilltop.test").await;
    let invite = |email: &'static str| async {
        app.post(
            &bayview,
            "admin/invite",
            &[("email", email), ("role", "agent")],
        )
        .await
    };
    let elsewhere = invite("bob@hilltop.test").await;
    let (status, body) = (elsewhere.status(), elsewhere.text().await.unwrap());
    let new = invite("new@hilltop.test").await;
    assert_eq!(status, new.status());
    assert_eq!(body.replace("bob", "new"), new.text().await.unwrap());
    // both are listed as pending invitations
    let dir = app
        .get(&bayview, "admin/directory")
        .await
        .text()
        .await
        .unwrap();
    assert!(dir.contains("bob@hilltop.test") && dir.contains("new@hilltop.test"));
    // Bob learns what happened, with no link to accept
    let bob = app.mails_to("bob@hilltop.test").await;
    let last = bob.last().unwrap();
    assert!(
        last.text.contains("already has a PropertyPro account"),
        "{}",
        last.text
    );
    assert!(!last.text.contains("token="));
    // a member of the admin's own brokerage is named as one
    let r = invite("ada@bayview.test").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("already a member"));
}

#[sqlx::test(migrations = "../migrations")]
async fn new_verification_links_are_limited_to_five_an_hour(pool: PgPool) {
    let app = spawn_app(pool).await;
    let c = app.register("Bayview Homes", "ada@bayview.test").await;
    sqlx::query("update users set email_verified_at = null")
        .execute(&app.owner)
        .await
        .unwrap();
    for _ in 0..5 {
        let r = app.post(&c, "auth/resend-verification", &[]).await;
        assert!(r.status().is_success(), "{}", r.status());
    }
    let r = app.post(&c, "auth/resend-verification", &[]).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let sent = app.mails_to("ada@bayview.test").await;
    let links = sent
        .iter()
        .filter(|m| m.subject == "Verify your email for PropertyPro")
        .count();
    assert_eq!(links, 5);
}
