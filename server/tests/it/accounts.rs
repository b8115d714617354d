//! Accounts over real HTTP: registration, sign-in, lockout, links, sessions.

use crate::common::{client, spawn_app, spawn_app_with, PASSWORD};
use chrono::Duration;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn registering_creates_an_org_admin_who_is_signed_in(pool: PgPool) {
    let app = spawn_app(pool).await;
    let c = app.register("Bayview Homes", "ada@bayview.test").await;
    let me = app.me(&c).await;
    assert_eq!(me["role"], "admin");
    assert_eq!(me["org_name"], "Bayview Homes");
    assert_eq!(
        me["email_verified"], true,
        "the emailed link proved the address"
    );
    let (subject, url) = app.last_email("ada@bayview.test").await;
    assert_eq!(
        subject,
        "Confirm your email to create Bayview Homes on PropertyPro"
    );
    assert!(url.contains("/register/confirm?token="));
    // the link works once
    let token = url.split("token=").nth(1).unwrap();
    let r = app
        .post(&client(), "auth/confirm-registration", &[("token", token)])
        .await;
    assert_eq!(r.status(), 409);
}

#[sqlx::test(migrations = "../migrations")]
async fn nothing_exists_until_the_registration_link_is_opened(pool: PgPool) {
    let app = spawn_app(pool).await;
    let c = client();
    let r = app
        .post(
            &c,
            "auth/register",
            &[
                ("org_name", "Bayview Homes"),
                ("name", "Ada"),
                ("email", "ada@bayview.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "\"ada@bayview.test\"");
    assert!(app.me(&c).await.is_null(), "not signed in yet");
    app.run_jobs().await;
    let users: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(users, 0);
    assert_eq!(app.login("ada@bayview.test", PASSWORD).await.1, 401);
    // an unconfirmed registration (and its empty org) is purged after a day
    app.clock.advance(Duration::hours(25));
    sqlx::query("select * from app_purge_expired($1)")
        .bind(app::platform::Clock::now(&*app.clock))
        .execute(&app.owner)
        .await
        .unwrap();
    let orgs: i64 = sqlx::query_scalar("select count(*) from orgs")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(orgs, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn registration_errors_name_each_field(pool: PgPool) {
    let app = spawn_app(pool).await;
    let c = client();
    let r = app
        .post(
            &c,
            "auth/register",
            &[
                ("org_name", "B"),
                ("name", "Ada"),
                ("email", "nope"),
                ("password", "password1234"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.unwrap();
    let fields = body["Invalid"].as_array().unwrap();
    let names: Vec<&str> = fields.iter().map(|f| f[0].as_str().unwrap()).collect();
    assert_eq!(names, ["org_name", "email", "password"]);
}

/// Issue 11 item 8: registering with an address that has an account answers exactly as
/// for a new one; the owner of the address is told by email, and nothing is created.
#[sqlx::test(migrations = "../migrations")]
async fn registering_a_taken_address_answers_like_a_new_one(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.register("Bayview Homes", "ada@bayview.test").await;
    let form = |email| {
        [
            ("org_name", "Other Homes"),
            ("name", "Someone"),
            ("email", email),
            ("password", PASSWORD),
        ]
    };
    let c = client();
    let taken = app
        .post(&c, "auth/register", &form("ADA@bayview.test"))
        .await;
    let (taken_status, taken_body) = (taken.status(), taken.text().await.unwrap());
    let new = app
        .post(&c, "auth/register", &form("zed@bayview.test"))
        .await;
    assert_eq!(taken_status, new.status());
    assert_eq!(
        taken_body.to_lowercase(),
        new.text().await.unwrap().replace("zed", "ada"),
        "the same answer, but for the address"
    );
    let mails = app.mails_to("ada@bayview.test").await;
    let last = mails.last().unwrap();
    assert_eq!(last.subject, "You already have a PropertyPro account");
    assert!(!last.text.contains("token="));
    let orgs: Vec<String> = sqlx::query_scalar("select name from orgs order by name")
        .fetch_all(&app.owner)
        .await
        .unwrap();
    assert_eq!(
        orgs,
        ["Bayview Homes", "Other Homes"],
        "only zed's pending one"
    );
    let zed = app.last_email("zed@bayview.test").await;
    assert!(zed.1.contains("/register/confirm?token="));
}

#[sqlx::test(migrations = "../migrations")]
async fn sign_in_sign_out_and_a_wrong_password(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.register("Bayview Homes", "ada@bayview.test").await;
    let (_, status, body) = app.login("ada@bayview.test", "wrong-password-123").await;
    assert_eq!(status, 401);
    assert!(body.contains("BadCredentials"));
    let (_, status, body) = app.login("nobody@bayview.test", "wrong-password-123").await;
    assert_eq!(
        status, 401,
        "unknown emails answer exactly like wrong passwords"
    );
    assert!(body.contains("BadCredentials"));
    let (c, status, _) = app.login("ada@bayview.test", PASSWORD).await;
    assert!(status.is_success(), "{status}");
    assert_eq!(app.me(&c).await["email"], "ada@bayview.test");
    app.post(&c, "auth/logout", &[]).await;
    assert!(app.me(&c).await.is_null());
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_emails_take_as_long_as_known_ones(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.register("Bayview Homes", "ada@bayview.test").await;
    let time = |email: &'static str| {
        let app = &app;
        async move {
            let start = std::time::Instant::now();
            app.login(email, "wrong-password-123").await;
            start.elapsed()
        }
    };
    // warm both paths (pool connections, prepared statements), then take the fastest
    // of two each (three failures stay under the lockout) so a busy machine does not decide
    let (mut known, mut unknown) = (std::time::Duration::MAX, std::time::Duration::MAX);
    for round in 0..3 {
        let (k, u) = (
            time("ada@bayview.test").await,
            time("nobody@bayview.test").await,
        );
        if round > 0 {
            (known, unknown) = (known.min(k), unknown.min(u));
        }
    }
    let ratio = unknown.as_secs_f64() / known.as_secs_f64();
    assert!(
        ratio > 0.5,
        "unknown {unknown:?} vs known {known:?}: the dummy hash must be verified"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn five_failures_lock_the_account_for_fifteen_minutes(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.register("Bayview Homes", "ada@bayview.test").await;
    for _ in 0..5 {
        let (_, status, _) = app.login("ada@bayview.test", "wrong-password-123").await;
        assert_eq!(status, 401);
    }
    let c = client();
    let r = app
        .post(
            &c,
            "auth/login",
            &[("email", "ada@bayview.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        r.status(),
        429,
        "even the right password is refused while locked"
    );
    assert_eq!(r.headers()["retry-after"], "900");
    assert!(r.text().await.unwrap().contains("Try again in 15 minutes"));
    app.clock.advance(Duration::minutes(15));
    let (_, status, _) = app.login("ada@bayview.test", PASSWORD).await;
    assert!(status.is_success(), "unlocked after 15 minutes: {status}");
}

#[sqlx::test(migrations = "../migrations")]
async fn one_ip_gets_ten_sign_in_attempts_a_minute(pool: PgPool) {
    let app = spawn_app_with(pool, 10).await;
    for i in 0..10 {
        let (_, status, _) = app
            .login(&format!("user{i}@nowhere.test"), "wrong-password-123")
            .await;
        assert_eq!(status, 401);
    }
    let c = client();
    let r = app
        .post(
            &c,
            "auth/login",
            &[
                ("email", "user11@nowhere.test"),
                ("password", "wrong-password-123"),
            ],
        )
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    app.clock.advance(Duration::seconds(61));
    let (_, status, _) = app.login("user12@nowhere.test", "wrong-password-123").await;
    assert_eq!(status, 401);
}

#[sqlx::test(migrations = "../migrations")]
async fn sign_in_rotates_the_session_and_sets_a_safe_cookie(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.register("Bayview Homes", "ada@bayview.test").await;
    let c = client();
    let r = app
        .post(
            &c,
            "auth/login",
            &[("email", "ada@bayview.test"), ("password", PASSWORD)],
        )
        .await;
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("pp_session="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    let first: String = cookie.split(';').next().unwrap().to_owned();
    let r = app
        .post(
            &c,
            "auth/login",
            &[("email", "ada@bayview.test"), ("password", PASSWORD)],
        )
        .await;
    let second = r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_ne!(first, second, "a new id at every sign-in");
    let old = reqwest::Client::new();
    let me = old
        .get(format!("{}/api/auth/me", app.base))
        .header("cookie", first)
        .send()
        .await
        .unwrap();
    assert!(
        me.json::<serde_json::Value>().await.unwrap().is_null(),
        "the old session was ended"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn sessions_expire_after_seven_idle_days(pool: PgPool) {
    let app = spawn_app(pool).await;
    let c = app.register("Bayview Homes", "ada@bayview.test").await;
    app.clock.advance(Duration::days(6));
    assert!(!app.me(&c).await.is_null());
    app.clock.advance(Duration::days(6));
    assert!(!app.me(&c).await.is_null(), "activity renewed it");
    app.clock.advance(Duration::days(7));
    assert!(app.me(&c).await.is_null());
}

#[sqlx::test(migrations = "../migrations")]
async fn sessions_end_thirty_days_after_sign_in_however_active(pool: PgPool) {
    let app = spawn_app(pool).await;
    let c = app.register("Bayview Homes", "ada@bayview.test").await;
    for _ in 0..4 {
        app.clock.advance(Duration::days(6));
        assert!(!app.me(&c).await.is_null());
    }
    app.clock.advance(Duration::days(6));
    assert!(app.me(&c).await.is_null(), "day 30");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_reset_link_works_once_and_within_the_hour(pool: PgPool) {
    let app = spawn_app(pool).await;
    let signed_in = app.register("Bayview Homes", "ada@bayview.test").await;
    let c = client();
    app.clock.advance(Duration::seconds(1)); // the reset email is the newest one
    let r = app
        .post(&c, "auth/forgot-password", &[("email", "ada@bayview.test")])
        .await;
    assert!(r.status().is_success());
    let r = app
        .post(
            &c,
            "auth/forgot-password",
            &[("email", "nobody@bayview.test")],
        )
        .await;
    assert!(r.status().is_success(), "no hint whether the email exists");
    let token = app.last_token("ada@bayview.test").await;
    let r = app
        .post(
            &c,
            "auth/reset-password",
            &[("token", &token), ("password", "short")],
        )
        .await;
    assert_eq!(r.status(), 422, "a bad password leaves the link usable");
    let r = app
        .post(
            &c,
            "auth/reset-password",
            &[("token", &token), ("password", "a brand new passphrase")],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = app
        .post(
            &c,
            "auth/reset-password",
            &[("token", &token), ("password", "another new passphrase")],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("expired or was already used"));
    assert!(
        app.me(&signed_in).await.is_null(),
        "reset ends other sessions"
    );
    assert!(app
        .login("ada@bayview.test", "a brand new passphrase")
        .await
        .1
        .is_success());
    assert_eq!(app.login("ada@bayview.test", PASSWORD).await.1, 401);

    app.clock.advance(Duration::seconds(1));
    app.post(&c, "auth/forgot-password", &[("email", "ada@bayview.test")])
        .await;
    let token = app.last_token("ada@bayview.test").await;
    app.clock.advance(Duration::minutes(61));
    let r = app
        .post(
            &c,
            "auth/reset-password",
            &[("token", &token), ("password", "yet another passphrase")],
        )
        .await;
    assert_eq!(r.status(), 409, "expired after one hour");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_verification_link_verifies_once(pool: PgPool) {
    let app = spawn_app(pool).await;
    let c = app.register("Bayview Homes", "ada@bayview.test").await;
    // registering verifies; an address not yet verified (accounts from before that)
    // asks for a link
    sqlx::query("update users set email_verified_at = null")
        .execute(&app.owner)
        .await
        .unwrap();
    assert_eq!(app.me(&c).await["email_verified"], false);
    let r = app.post(&c, "auth/resend-verification", &[]).await;
    assert!(r.status().is_success(), "{}", r.status());
    let (subject, _) = app.last_email("ada@bayview.test").await;
    assert_eq!(subject, "Verify your email for PropertyPro");
    let token = app.last_token("ada@bayview.test").await;
    let r = app
        .post(&client(), "auth/verify-email", &[("token", &token)])
        .await;
    assert!(r.status().is_success());
    assert_eq!(app.me(&c).await["email_verified"], true);
    let r = app
        .post(&client(), "auth/verify-email", &[("token", &token)])
        .await;
    assert_eq!(r.status(), 409);
    let r = app
        .post(
            &client(),
            "auth/reset-password",
            &[("token", &token), ("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(r.status(), 409, "a verification link is not a reset link");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_user_sees_and_ends_their_other_sessions(pool: PgPool) {
    let app = spawn_app(pool).await;
    let first = app.register("Bayview Homes", "ada@bayview.test").await;
    let (second, _, _) = app.login("ada@bayview.test", PASSWORD).await;
    let sessions: Vec<serde_json::Value> = app
        .get(&first, "account/sessions")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sessions.len(), 2);
    let other = sessions.iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = app
        .post(&first, "account/end-session", &[("id", &other)])
        .await;
    assert!(r.status().is_success());
    assert!(app.me(&second).await.is_null());
    assert!(!app.me(&first).await.is_null());
}

#[sqlx::test(migrations = "../migrations")]
async fn cross_site_posts_are_refused(pool: PgPool) {
    let app = spawn_app(pool).await;
    let c = client();
    let r = c
        .post(format!("{}/api/auth/login", app.base))
        .header("sec-fetch-site", "cross-site")
        .form(&[("email", "a@b.test"), ("password", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = c
        .post(format!("{}/api/auth/login", app.base))
        .header("origin", "https://evil.example")
        .form(&[("email", "a@b.test"), ("password", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = c
        .post(format!("{}/api/auth/login", app.base))
        .header("origin", app.base.clone())
        .form(&[("email", "a@b.test"), ("password", "wrong-password-1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[sqlx::test(migrations = "../migrations")]
async fn health_reports_the_database_and_pages_carry_security_headers(pool: PgPool) {
    let app = spawn_app(pool).await;
    let c = client();
    let r = c.get(format!("{}/health", app.base)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["checks"]["database"],
        "ok"
    );
    let r = c.get(format!("{}/login", app.base)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "no-store");
    assert!(h.contains_key("x-request-id"));
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"));
    let html = r.text().await.unwrap();
    assert!(html.contains("<h1>Sign in</h1>") || html.contains("Sign in</h1>"));
    let m = c
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(m.contains("http_requests_total"));

    app.app_pool.close().await;
    let r = c.get(format!("{}/health", app.base)).send().await.unwrap();
    assert_eq!(r.status(), 503);
}

#[sqlx::test(migrations = "../migrations")]
async fn two_instances_on_one_database_share_sessions_and_lockouts(pool: PgPool) {
    let a = spawn_app(pool.clone()).await;
    let b = spawn_app(pool).await;
    // cookies are not port-specific, so one client is one browser for both instances
    let c = a.register("Bayview Homes", "ada@bayview.test").await;
    let me = b.me(&c).await;
    assert_eq!(
        me["email"], "ada@bayview.test",
        "a session made on A is valid on B"
    );
    for app in [&a, &b, &a, &b, &a] {
        assert_eq!(
            app.login("ada@bayview.test", "wrong-password-123").await.1,
            401
        );
    }
    assert_eq!(
        b.login("ada@bayview.test", PASSWORD).await.1,
        429,
        "failures on both instances count together"
    );
}
