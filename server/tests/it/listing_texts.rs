//! AI listing copy end to end on the server: queued as jobs in the request's
//! transaction, written by the worker (offline provider), checked for Fair Housing
//! phrases, edited as new versions, approved only with a reason when flagged;
//! per-user hourly limits; pricing from comparables.

use serde_json::Value;
use sqlx::PgPool;

use crate::common::{spawn_app_with_jobs, TestApp};
use crate::listings::create;

async fn texts(app: &TestApp, c: &reqwest::Client, id: &str) -> Value {
    let r = app.get(c, &format!("listings/texts?listing_id={id}")).await;
    assert!(r.status().is_success(), "texts: {}", r.status());
    r.json().await.unwrap()
}

fn text<'a>(all: &'a Value, kind: &str) -> &'a Value {
    all["texts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == kind)
        .unwrap()
}

async fn generate(app: &TestApp, c: &reqwest::Client, id: &str, kinds: &str) -> reqwest::Response {
    app.post(
        c,
        "listings/texts/generate",
        &[
            ("listing_id", id),
            ("kinds", kinds),
            ("tone", "friendly"),
            ("audience", "buyers"),
            ("open_house_when", ""),
        ],
    )
    .await
}

#[sqlx::test(migrations = "../migrations")]
async fn generating_all_texts_queues_jobs_that_write_every_kind(pool: PgPool) {
    let app = spawn_app_with_jobs(pool, 50).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let id = create(&app, &admin, &[]).await;
    let r = generate(&app, &admin, &id, "all").await;
    assert!(r.status().is_success(), "{}", r.status());
    let before = texts(&app, &admin, &id).await;
    assert_eq!(before["busy"], true);
    assert_eq!(text(&before, "description")["state"], "queued");

    app.run_jobs().await;

    let after = texts(&app, &admin, &id).await;
    assert_eq!(after["busy"], false);
    for t in after["texts"].as_array().unwrap() {
        assert_eq!(t["state"], "ready", "{}", t["kind"]);
        let current = &t["current"];
        assert_eq!(current["provider"], "offline");
        assert!(current["body"].as_str().unwrap().len() > 40);
        assert!(current["fair_housing"].as_array().unwrap().is_empty());
        assert!(
            current["grounding"].as_array().unwrap().is_empty(),
            "{}",
            current
        );
    }
    let usage: i64 = sqlx::query_scalar("select count(*) from ai_usage where outcome = 'ok'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(usage, 8, "usage recorded per request");
    // a job delivered twice writes nothing twice (at-least-once delivery)
    app.run_jobs().await;
    let versions: i64 = sqlx::query_scalar("select count(*) from listing_text_versions")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(versions, 8);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_flagged_text_needs_a_written_reason_to_be_approved(pool: PgPool) {
    let app = spawn_app_with_jobs(pool, 50).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let id = create(&app, &admin, &[]).await;
    let r = app
        .post(
            &admin,
            "listings/texts/save",
            &[
                ("listing_id", &id),
                ("kind", "description"),
                ("subject", ""),
                (
                    "body",
                    "A bright condo, perfect for families, in a safe neighborhood.",
                ),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let all = texts(&app, &admin, &id).await;
    let current = &text(&all, "description")["current"];
    let hits: Vec<&str> = current["fair_housing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["phrase"].as_str().unwrap())
        .collect();
    assert!(hits.len() >= 2, "both phrases flagged: {hits:?}");
    let version = current["version"].as_i64().unwrap().to_string();
    let approve = |reason: &'static str| {
        let version = version.clone();
        let id = id.clone();
        let app = &app;
        let admin = &admin;
        async move {
            app.post(
                admin,
                "listings/texts/approve",
                &[
                    ("listing_id", &id),
                    ("kind", "description"),
                    ("version", &version),
                    ("override_reason", reason),
                ],
            )
            .await
        }
    };
    let r = approve("").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("override_reason"));
    let r = approve("Reviewed with our compliance officer.").await;
    assert!(r.status().is_success(), "{}", r.status());
    let detail: Value =
        sqlx::query_scalar("select detail from audit_log where action = 'listing_text_approved'")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(
        detail["override_reason"],
        "Reviewed with our compliance officer."
    );
    assert!(detail["text"]
        .as_str()
        .unwrap()
        .contains("perfect for families"));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_hourly_limit_answers_429_with_the_reset_time(pool: PgPool) {
    let app = spawn_app_with_jobs(pool, 10).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let id = create(&app, &admin, &[]).await;
    assert!(generate(&app, &admin, &id, "all")
        .await
        .status()
        .is_success());
    let r = generate(&app, &admin, &id, "all").await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    let body = r.text().await.unwrap();
    assert!(body.contains("minute"), "{body}");
    assert!(body.contains("You can still write 2 texts"), "{body}");
    // an hour later the window has moved on
    app.clock.advance(chrono::Duration::minutes(61));
    assert!(generate(&app, &admin, &id, "all")
        .await
        .status()
        .is_success());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_viewer_cannot_generate_and_another_org_gets_404(pool: PgPool) {
    let app = spawn_app_with_jobs(pool, 50).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    app.verify("ada@harbor.test").await;
    let viewer = app.add_member(&admin, "vi@harbor.test", "viewer").await;
    let other = app.register("Other", "bob@other.test").await;
    let id = create(&app, &admin, &[]).await;
    assert_eq!(generate(&app, &viewer, &id, "all").await.status(), 403);
    assert_eq!(generate(&app, &other, &id, "all").await.status(), 404);
    let r = app
        .post(
            &other,
            "listings/texts/save",
            &[
                ("listing_id", &id),
                ("kind", "description"),
                ("subject", ""),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(r.status(), 404);
}

#[sqlx::test(migrations = "../migrations")]
async fn pricing_uses_the_orgs_own_comparables_and_says_how_many(pool: PgPool) {
    let app = spawn_app_with_jobs(pool, 50).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let subject = create(
        &app,
        &admin,
        &[("street", "1 Subject St"), ("price", "500000")],
    )
    .await;
    for (i, price) in ["480000", "510000", "495000", "530000"].iter().enumerate() {
        let street = format!("{} Comp St", i + 10);
        let id = create(&app, &admin, &[("street", &street), ("price", price)]).await;
        for to in ["coming_soon", "active", "under_contract", "sold"] {
            app.post(&admin, "listings/status", &[("id", &id), ("status", to)])
                .await;
        }
    }
    // a different type is never a comparable
    create(
        &app,
        &admin,
        &[
            ("street", "99 House St"),
            ("property_type", "house"),
            ("price", "2000000"),
        ],
    )
    .await;
    let pricing = format!("listings/pricing?listing_id={subject}");
    // the page never waits for the AI: the explanation is asked for, written by a job
    let first: Value = app.get(&admin, &pricing).await.json().await.unwrap();
    assert_eq!(first["explanation_pending"], true);
    assert_eq!(first["explanation"], "");
    app.run_jobs().await;
    let card: Value = app.get(&admin, &pricing).await.json().await.unwrap();
    assert_eq!(card["explanation_pending"], false);
    // once per set of comparables, metered like every AI request
    app.get(&admin, &pricing).await;
    app.run_jobs().await;
    let explained: i64 = sqlx::query_scalar(
        "select count(*) from ai_usage where purpose = 'pricing_explanation' and outcome = 'ok'",
    )
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert_eq!(explained, 1);
    let s = &card["suggestion"];
    assert_eq!(s["used"].as_array().unwrap().len(), 4);
    let suggested = s["suggested_cents"].as_i64().unwrap();
    assert!(
        (47_000_000..=54_000_000).contains(&suggested),
        "{suggested}"
    );
    assert!(
        card["explanation"].as_str().unwrap().contains('4'),
        "{}",
        card["explanation"]
    );
}

/// Issue 11 item 11: control characters in an edited text are a field error (422), not
/// a 500, and nothing is saved.
#[sqlx::test(migrations = "../migrations")]
async fn an_edit_with_control_characters_is_refused_by_field(pool: PgPool) {
    let app = spawn_app_with_jobs(pool, 50).await;
    let admin = app.register("Harbor", "ada@harbor.test").await;
    let id = create(&app, &admin, &[]).await;
    let r = app
        .post(
            &admin,
            "listings/texts/save",
            &[
                ("listing_id", &id),
                ("kind", "email"),
                ("subject", "Open\u{7}house"),
                ("body", "A bright condo\u{1b}[2J with a view."),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("\"body\"") && body.contains("\"subject\""),
        "{body}"
    );
    assert!(body.contains("control characters"), "{body}");
    let all = texts(&app, &admin, &id).await;
    assert!(text(&all, "email")["current"].is_null(), "nothing saved");
}
