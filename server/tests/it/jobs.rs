//! The platform's job services: the daily purge (retention) runs through the generic
//! runner and keeps what is recent.

use sqlx::PgPool;

use crate::common::spawn_app_with_jobs;

#[sqlx::test(migrations = "../migrations")]
async fn the_purge_job_removes_what_is_past_retention_and_keeps_the_rest(pool: PgPool) {
    let app = spawn_app_with_jobs(pool, 50).await;
    let c = app.register("Bayview Homes", "ada@bayview.test").await;
    assert!(!app.me(&c).await.is_null());
    let exec = |sql: &'static str| {
        let owner = app.owner.clone();
        async move { sqlx::query(sql).execute(&owner).await.unwrap() }
    };
    // old and recent sign-in attempts; an old mail; a session revoked long ago
    exec("insert into login_attempts (email, ip, at, outcome) values ('x@y.test', '10.0.0.1', now() - interval '40 days', 'failure'), ('x@y.test', '10.0.0.1', now(), 'failure')").await;
    exec("update outbox_emails set created_at = now() - interval '40 days', status = 'outbox'")
        .await;
    exec("insert into sessions (org_id, id, user_id, token_hash, created_at, last_seen_at, revoked_at) select org_id, gen_random_uuid(), id, '\\x00'::bytea, now() - interval '50 days', now() - interval '45 days', now() - interval '44 days' from users").await;
    exec("select graphile_worker.add_job('purge_expired', '{}'::json)").await;
    app.run_jobs().await;
    let count = |sql: &'static str| {
        let owner = app.owner.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&owner)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        count("select count(*) from login_attempts where at < now() - interval '30 days'").await,
        0
    );
    assert!(
        count("select count(*) from login_attempts").await >= 1,
        "recent attempts stay"
    );
    assert_eq!(
        count("select count(*) from sessions where revoked_at < now() - interval '30 days'").await,
        0
    );
    assert!(
        count("select count(*) from sessions").await >= 1,
        "the live session stays"
    );
    assert_eq!(
        count("select count(*) from outbox_emails where body_text <> '' or action_url is not null")
            .await,
        0
    );
    assert!(
        count("select count(*) from outbox_emails").await >= 1,
        "the mail's record stays"
    );
    assert!(!app.me(&c).await.is_null(), "still signed in");
}
