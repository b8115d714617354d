//! Issue 11: what an attack campaign found, each with the test that failed before the fix.
//! Concurrency first (sign-in bursts, pool starvation, raced limits, the last admin), then
//! proxies, metrics, reset links, redirects for signed-out pages.

use futures_util::future::join_all;
use sqlx::PgPool;

use crate::common::{client, spawn_app, spawn_app_opts, Opts, TestApp, PASSWORD};
use crate::listings::create;

async fn login_status(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    client()
        .post(format!("{}/api/auth/login", app.base))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn fifty_parallel_wrong_passwords_on_one_account_check_at_most_five(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.register("Harbor", "ada@harbor.test").await;
    let answers = join_all((0..50).map(|i| {
        login_status(
            &app,
            "ada@harbor.test",
            if i % 2 == 0 {
                "wrong-password-aa"
            } else {
                "wrong-password-bb"
            },
        )
    }))
    .await;
    let checked = answers.iter().filter(|r| r.status() == 401).count();
    let limited: Vec<_> = answers.iter().filter(|r| r.status() == 429).collect();
    assert!(checked <= 5, "{checked} guesses were checked");
    assert_eq!(checked + limited.len(), 50, "every other answer is 429");
    assert!(limited
        .iter()
        .all(|r| r.headers().get("retry-after").is_some()));
    if checked == 5 {
        // the account is locked now: the right password waits too
        assert_eq!(
            login_status(&app, "ada@harbor.test", PASSWORD)
                .await
                .status(),
            429
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn parallel_sign_ins_from_one_address_are_checked_at_most_ip_limit_times(pool: PgPool) {
    let app = spawn_app_opts(
        pool,
        Opts {
            ip_limit: 10,
            ..Opts::default()
        },
    )
    .await;
    let emails: Vec<String> = (0..30).map(|i| format!("nobody{i}@harbor.test")).collect();
    let answers = join_all(
        emails
            .iter()
            .map(|e| login_status(&app, e, "wrong-password-aa")),
    )
    .await;
    let checked = answers.iter().filter(|r| r.status() == 401).count();
    assert!(checked <= 10, "{checked} attempts were checked");
    assert_eq!(
        answers.iter().filter(|r| r.status() == 429).count(),
        30 - checked
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn refused_writes_never_starve_the_pool_and_health_stays_up(pool: PgPool) {
    let app = spawn_app_opts(
        pool,
        Opts {
            pool_size: 2,
            ..Opts::default()
        },
    )
    .await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    app.verify("ada@harbor.test").await;
    let id = create(&app, &admin, &[]).await;
    let viewer = app.add_member(&admin, "vic@harbor.test", "viewer").await;
    let form = [("id", id.as_str()), ("status", "coming_soon")];
    let writes = join_all((0..16).map(|_| app.post(&viewer, "listings/status", &form)));
    let health = async {
        let mut codes = Vec::new();
        for _ in 0..10 {
            let r = reqwest::get(format!("{}/health", app.base)).await.unwrap();
            codes.push(r.status().as_u16());
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        codes
    };
    let (answers, health) = tokio::join!(writes, health);
    let codes: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    assert!(codes.iter().all(|c| *c == 403), "{codes:?}");
    assert!(health.iter().all(|c| *c == 200), "health: {health:?}");
    let denied: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'permission_denied'")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(denied, 16, "every refusal is audited once");
}

#[sqlx::test(migrations = "../migrations")]
async fn overload_is_shed_with_503_at_once_while_health_answers(pool: PgPool) {
    let edge = server::config::EdgeConfig {
        max_in_flight: 1,
        ..Default::default()
    };
    let app = spawn_app_opts(
        pool,
        Opts {
            edge,
            ..Opts::default()
        },
    )
    .await;
    app.register("Harbor", "ada@harbor.test").await;
    // sign-ins are slow (argon2): with one slot, a burst must shed some with 503
    let answers =
        join_all((0..8).map(|_| login_status(&app, "ada@harbor.test", "wrong-password-aa"))).await;
    let shed = answers.iter().filter(|r| r.status() == 503).count();
    assert!(
        shed > 0,
        "nothing was shed: {:?}",
        answers.iter().map(|r| r.status()).collect::<Vec<_>>()
    );
    assert!(answers
        .iter()
        .filter(|r| r.status() == 503)
        .all(|r| r.headers().get("retry-after").is_some()));
    assert_eq!(
        reqwest::get(format!("{}/health", app.base))
            .await
            .unwrap()
            .status(),
        200
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn two_admins_demoting_each_other_at_once_leave_one_admin(pool: PgPool) {
    let app = spawn_app(pool).await;
    let ada = app.register("Harbor", "ada@harbor.test").await;
    app.verify("ada@harbor.test").await;
    let bo = app.add_member(&ada, "bo@harbor.test", "admin").await;
    let ada_id = app.user_id("ada@harbor.test").await;
    let bo_id = app.user_id("bo@harbor.test").await;
    let demote_bo = [
        ("user_id", bo_id.as_str()),
        ("role", "agent"),
        ("team_id", ""),
    ];
    let demote_ada = [
        ("user_id", ada_id.as_str()),
        ("role", "agent"),
        ("team_id", ""),
    ];
    for _ in 0..5 {
        let (a, b) = tokio::join!(
            app.post(&ada, "admin/update-user", &demote_bo),
            app.post(&bo, "admin/update-user", &demote_ada),
        );
        let admins: i64 = sqlx::query_scalar(
            "select count(*) from users where role = 'admin' and disabled_at is null",
        )
        .fetch_one(&app.owner)
        .await
        .unwrap();
        assert_eq!(admins, 1, "answers {} and {}", a.status(), b.status());
        // make both admins again for the next round
        sqlx::query("update users set role = 'admin'")
            .execute(&app.owner)
            .await
            .unwrap();
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn twenty_parallel_generate_all_requests_queue_at_most_the_hourly_limit(pool: PgPool) {
    let app = spawn_app_opts(pool, Opts { ..Opts::default() }).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let mut ids = Vec::new();
    for i in 0..20 {
        let street = format!("{i} Harbor Street");
        ids.push(create(&app, &admin, &[("street", &street)]).await);
    }
    let forms: Vec<[(&str, &str); 5]> = ids
        .iter()
        .map(|id| {
            [
                ("listing_id", id.as_str()),
                ("kinds", "all"),
                ("tone", "friendly"),
                ("audience", "buyers"),
                ("open_house_when", ""),
            ]
        })
        .collect();
    let answers = join_all(
        forms
            .iter()
            .map(|f| app.post(&admin, "listings/texts/generate", f)),
    )
    .await;
    let queued: i64 = sqlx::query_scalar("select count(*) from ai_usage")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert!(
        queued <= 50,
        "{queued} generations queued against a limit of 50"
    );
    let ok = answers.iter().filter(|r| r.status().is_success()).count() as i64;
    assert_eq!(queued, ok * 8, "each accepted request queued its 8 texts");
    assert!(answers
        .iter()
        .all(|r| r.status().is_success() || r.status() == 429));
}

#[sqlx::test(migrations = "../migrations")]
async fn an_older_reset_link_dies_when_a_newer_one_changed_the_password(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.register("Harbor", "ada@harbor.test").await;
    let c = client();
    app.post(&c, "auth/forgot-password", &[("email", "ada@harbor.test")])
        .await;
    let first = app.last_token("ada@harbor.test").await;
    app.clock.advance(chrono::Duration::seconds(5));
    app.post(&c, "auth/forgot-password", &[("email", "ada@harbor.test")])
        .await;
    let second = app.last_token("ada@harbor.test").await;
    assert_ne!(first, second);
    let r = app
        .post(
            &c,
            "auth/reset-password",
            &[("token", &second), ("password", "a-brand-new-passphrase")],
        )
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let r = app
        .post(
            &c,
            "auth/reset-password",
            &[("token", &first), ("password", "an-attackers-passphrase")],
        )
        .await;
    assert_eq!(r.status(), 409, "the older link must be dead");
    let (_, status, _) = app.login("ada@harbor.test", "a-brand-new-passphrase").await;
    assert!(status.is_success() || status.is_redirection());
}

#[sqlx::test(migrations = "../migrations")]
async fn behind_a_proxy_the_client_is_the_rightmost_forwarded_address(pool: PgPool) {
    let edge = server::config::EdgeConfig {
        trusted_proxies: 1,
        ..Default::default()
    };
    let app = spawn_app_opts(
        pool,
        Opts {
            ip_limit: 3,
            edge,
            ..Opts::default()
        },
    )
    .await;
    // the client varies the leftmost entry; the proxy's entry (rightmost) stays the same
    let mut codes = Vec::new();
    for i in 0..5 {
        codes.push(forwarded_sign_in(&app, &format!("10.9.8.{i}, 203.0.113.7")).await);
        app.clock.advance(chrono::Duration::seconds(2));
    }
    assert_eq!(
        codes,
        [401, 401, 401, 429, 429],
        "spoofed entries must not reset the limit"
    );
    // a different client behind the same proxy has its own budget
    assert_eq!(forwarded_sign_in(&app, "203.0.113.8").await, 401);
}

async fn forwarded_sign_in(app: &TestApp, xff: &str) -> u16 {
    client()
        .post(format!("{}/api/auth/login", app.base))
        .header("x-forwarded-for", xff)
        .form(&[
            ("email", "nobody@harbor.test"),
            ("password", "wrong-password-aa"),
        ])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[sqlx::test(migrations = "../migrations")]
async fn metrics_count_junk_paths_as_one_series_and_need_the_token(pool: PgPool) {
    let edge = server::config::EdgeConfig {
        metrics_token: Some("a-long-metrics-token-123".to_owned().into()),
        ..Default::default()
    };
    let app = spawn_app_opts(
        pool,
        Opts {
            edge,
            ..Opts::default()
        },
    )
    .await;
    let c = client();
    for i in 0..20 {
        c.get(format!("{}/junk-{i}/x", app.base))
            .send()
            .await
            .unwrap();
        c.post(format!("{}/api/junk-{i}", app.base))
            .send()
            .await
            .unwrap();
        c.request(
            reqwest::Method::from_bytes(format!("BREW{i}").as_bytes()).unwrap(),
            format!("{}/", app.base),
        )
        .send()
        .await
        .unwrap();
    }
    assert_eq!(
        c.get(format!("{}/metrics", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let text = c
        .get(format!("{}/metrics", app.base))
        .bearer_auth("a-long-metrics-token-123")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("route=\"unmatched\""), "{text}");
    assert!(text.contains("method=\"other\""), "{text}");
    assert!(!text.contains("junk-"), "raw paths became series");
    assert!(!text.contains("BREW"), "raw methods became series");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_signed_out_page_request_is_a_303_to_sign_in_that_keeps_the_way_back(pool: PgPool) {
    let app = spawn_app(pool).await;
    let c = client();
    let r = c
        .get(format!("{}/listings?status=active", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/login?next=%2Flistings%3Fstatus%3Dactive",
        "a visitor who was never signed in sees the plain sign-in page"
    );
    // a session that ended: told so
    let r = c
        .get(format!("{}/admin/users", app.base))
        .header("cookie", "pp_session=ended-or-forged")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/login?reason=signed_out&next=%2Fadmin%2Fusers"
    );
    // public pages and assets are not redirected
    assert_eq!(
        c.get(format!("{}/login", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // after signing in, the way back is followed, but only to this site
    app.register("Harbor", "ada@harbor.test").await;
    for (next, expected) in [
        ("/listings", "/listings"),
        ("//evil.example", "/"),
        ("https://evil.example", "/"),
    ] {
        let r = client()
            .post(format!("{}/api/auth/login", app.base))
            .header("accept", "text/html")
            .form(&[
                ("email", "ada@harbor.test"),
                ("password", PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["location"], expected, "next={next}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(pool: PgPool) {
    let app = spawn_app(pool).await;
    let ada = app.register("Harbor", "ada@harbor.test").await;
    let (other_device, _, _) = app.login("ada@harbor.test", PASSWORD).await;
    let r = app
        .post(
            &ada,
            "account/change-password",
            &[
                ("current", "not-my-password"),
                ("password", "a-brand-new-passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("current"));
    let r = app
        .post(
            &ada,
            "account/change-password",
            &[("current", PASSWORD), ("password", "short")],
        )
        .await;
    assert_eq!(r.status(), 422, "the new password follows the rules");
    app.clock.advance(chrono::Duration::seconds(1)); // its email is the newest one
    let r = app
        .post(
            &ada,
            "account/change-password",
            &[
                ("current", PASSWORD),
                ("password", "a-brand-new-passphrase"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert!(
        app.me(&ada).await.is_object(),
        "this device stays signed in"
    );
    assert!(
        app.me(&other_device).await.is_null(),
        "the other device is signed out"
    );
    let (subject, _) = app.last_email("ada@harbor.test").await;
    assert_eq!(subject, "Your PropertyPro password was changed");
    let actions: Vec<String> = sqlx::query_scalar("select action from audit_log order by id")
        .fetch_all(&app.owner)
        .await
        .unwrap();
    assert!(actions.contains(&"password_change_failed".to_owned()));
    assert!(actions.contains(&"password_changed".to_owned()));
    let (_, status, _) = app.login("ada@harbor.test", "a-brand-new-passphrase").await;
    assert!(status.is_success() || status.is_redirection());
}

#[sqlx::test(migrations = "../migrations")]
async fn managing_users_asks_for_the_password_again_after_fifteen_minutes(pool: PgPool) {
    let app = spawn_app(pool).await;
    let ada = app.register("Harbor", "ada@harbor.test").await;
    app.verify("ada@harbor.test").await;
    app.clock.advance(chrono::Duration::minutes(16));
    let r = app
        .post(
            &ada,
            "admin/invite",
            &[("email", "leo@harbor.test"), ("role", "agent")],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("ReauthRequired"));
    let r = app
        .post(
            &ada,
            "auth/confirm-password",
            &[("password", "wrong-password-aa")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = app
        .post(&ada, "auth/confirm-password", &[("password", PASSWORD)])
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let r = app
        .post(
            &ada,
            "admin/invite",
            &[("email", "leo@harbor.test"), ("role", "agent")],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    // and again 15 minutes after the confirmation
    app.clock.advance(chrono::Duration::minutes(16));
    let leo = app.user_id("ada@harbor.test").await;
    let r = app
        .post(
            &ada,
            "admin/update-user",
            &[("user_id", &leo), ("role", "admin"), ("team_id", "")],
        )
        .await;
    assert_eq!(r.status(), 403);
}

#[sqlx::test(migrations = "../migrations")]
async fn definer_functions_cannot_be_steered_by_the_search_path(pool: PgPool) {
    let configs: Vec<(String, Option<Vec<String>>)> = sqlx::query_as(
        "select proname::text, proconfig from pg_proc where prosecdef and pronamespace = 'public'::regnamespace",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(configs.len() >= 3);
    for (name, config) in configs {
        let path = config
            .unwrap_or_default()
            .into_iter()
            .find(|c| c.starts_with("search_path="))
            .unwrap_or_default();
        assert!(path.ends_with("pg_temp"), "{name}: {path}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_audit_log_opens_without_a_filter(pool: PgPool) {
    let app = spawn_app(pool).await;
    let ada = app.register("Harbor", "ada@harbor.test").await;
    let r = app.get(&ada, "admin/audit").await;
    assert_eq!(r.status(), 200);
    let entries: serde_json::Value = r.json().await.unwrap();
    assert!(!entries.as_array().unwrap().is_empty());
}
