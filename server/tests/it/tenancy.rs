//! Tenant isolation and roles: RLS on every tenant table, transaction-local org
//! context, 404 across orgs, 403 for roles, disabling and role changes at once.

use crate::common::{spawn_app, PASSWORD};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn every_table_with_org_id_has_forced_row_level_security(pool: PgPool) {
    let missing: Vec<String> = sqlx::query_scalar(
        r#"select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind = 'r'
             and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
                  or c.relname = 'orgs')
             and not (c.relrowsecurity and c.relforcerowsecurity)"#,
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(missing.is_empty(), "tables without forced RLS: {missing:?}");
    let tenant_tables: i64 = sqlx::query_scalar(
        "select count(*) from information_schema.columns where table_schema = 'public' and column_name = 'org_id'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        tenant_tables >= 7,
        "teams, users, sessions, audit_log, outbox_emails, invitations, used_tokens"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_app_role_owns_nothing_and_cannot_bypass_rls(pool: PgPool) {
    let app = spawn_app(pool).await;
    let (who, superuser, bypass): (String, bool, bool) = sqlx::query_as(
        "select current_user::text, rolsuper, rolbypassrls from pg_roles where rolname = current_user",
    )
    .fetch_one(&app.app_pool)
    .await
    .unwrap();
    // requests run as the app's own login, a member of propertypro_app (issue 11 item 6)
    assert_eq!(who, "propertypro_web");
    assert!(!superuser && !bypass);
    let owned: i64 = sqlx::query_scalar(
        "select count(*) from pg_tables where tableowner in ('propertypro_app', 'propertypro_web')",
    )
    .fetch_one(&app.app_pool)
    .await
    .unwrap();
    assert_eq!(owned, 0);
    let denied = sqlx::query("delete from audit_log")
        .execute(&app.app_pool)
        .await;
    assert!(
        denied.is_err(),
        "the audit log cannot be deleted by the app"
    );
    let denied = sqlx::query("update audit_log set action = 'x'")
        .execute(&app.app_pool)
        .await;
    assert!(denied.is_err(), "…nor changed");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_pooled_connection_keeps_no_org_context_after_its_transaction(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.register("Bayview Homes", "ada@bayview.test").await;
    let org: uuid::Uuid =
        sqlx::query_scalar("select org_id from users where email = 'ada@bayview.test'")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    // a single-connection pool, so the second use is surely the same connection
    let one = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .after_connect(|c, _| {
            Box::pin(async move {
                sqlx::Executor::execute(c, "set role propertypro_app").await?;
                Ok(())
            })
        })
        .connect_with((*app.owner.connect_options()).clone())
        .await
        .unwrap();
    let mut tx = one.begin().await.unwrap();
    sqlx::query("select set_config('app.org_id', $1, true)")
        .bind(org.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let seen: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert_eq!(seen, 1);
    tx.commit().await.unwrap();
    let after: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&one)
        .await
        .unwrap();
    assert_eq!(after, 0, "no org context, no rows");
    let sessions: i64 = sqlx::query_scalar("select count(*) from sessions")
        .fetch_one(&one)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn another_orgs_records_answer_not_found(pool: PgPool) {
    let app = spawn_app(pool).await;
    let a = app.register("Bayview Homes", "ada@bayview.test").await;
    app.verify("ada@bayview.test").await;
    app.add_member(&a, "agent@bayview.test", "agent").await;
    let b = app.register("Hilltop Realty", "bob@hilltop.test").await;
    let a_user = app.user_id("agent@bayview.test").await;
    let a_session: String = {
        let id: uuid::Uuid = sqlx::query_scalar("select s.id from sessions s join users u on u.id = s.user_id where u.email = 'ada@bayview.test' limit 1")
            .fetch_one(&app.owner).await.unwrap();
        id.to_string()
    };
    let r = app
        .post(
            &b,
            "admin/update-user",
            &[("user_id", &a_user), ("role", "admin"), ("team_id", "")],
        )
        .await;
    assert_eq!(r.status(), 404);
    let r = app
        .post(
            &b,
            "admin/set-disabled",
            &[("user_id", &a_user), ("disabled", "true")],
        )
        .await;
    assert_eq!(r.status(), 404);
    let r = app
        .post(&b, "account/end-session", &[("id", &a_session)])
        .await;
    assert_eq!(r.status(), 404);
    let dir: serde_json::Value = app.get(&b, "admin/directory").await.json().await.unwrap();
    assert_eq!(
        dir["users"].as_array().unwrap().len(),
        1,
        "only Hilltop's own user"
    );
    let outbox: serde_json::Value = app.get(&b, "admin/outbox").await.json().await.unwrap();
    let emails = outbox["emails"].as_array().unwrap();
    assert!(!emails.is_empty());
    assert!(emails.iter().all(|m| m["to_email"] == "bob@hilltop.test"));
    let audit = app.get(&b, "admin/audit?filter[action]=").await;
    assert_eq!(audit.status(), 200);
    let entries: Vec<serde_json::Value> = audit.json().await.unwrap();
    assert!(!entries.is_empty());
    assert!(
        entries
            .iter()
            .all(|e| e["actor_email"] != "ada@bayview.test"),
        "no Bayview audit entries"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn roles_without_permission_get_forbidden_and_it_is_audited(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Bayview Homes", "ada@bayview.test").await;
    app.verify("ada@bayview.test").await;
    let viewer = app.add_member(&admin, "vic@bayview.test", "viewer").await;
    let r = app
        .post(
            &viewer,
            "admin/invite",
            &[("email", "x@bayview.test"), ("role", "agent")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = app
        .post(&viewer, "admin/create-team", &[("name", "Viewers")])
        .await;
    assert_eq!(r.status(), 403);
    let agent = app.add_member(&admin, "ann@bayview.test", "agent").await;
    assert_eq!(app.get(&agent, "admin/directory").await.status(), 403);
    let denied: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'permission_denied'")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(denied, 3);
}

#[sqlx::test(migrations = "../migrations")]
async fn inviting_needs_a_verified_email(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Bayview Homes", "ada@bayview.test").await;
    // registering verifies the address; an account from before that may not be
    sqlx::query("update users set email_verified_at = null")
        .execute(&app.owner)
        .await
        .unwrap();
    let r = app
        .post(
            &admin,
            "admin/invite",
            &[("email", "x@bayview.test"), ("role", "agent")],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("Verify your email"));
}

#[sqlx::test(migrations = "../migrations")]
async fn role_changes_and_disabling_apply_on_the_next_request(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Bayview Homes", "ada@bayview.test").await;
    app.verify("ada@bayview.test").await;
    let agent = app.add_member(&admin, "ann@bayview.test", "agent").await;
    let ann = app.user_id("ann@bayview.test").await;
    assert_eq!(app.get(&agent, "admin/directory").await.status(), 403);
    let r = app
        .post(
            &admin,
            "admin/update-user",
            &[("user_id", &ann), ("role", "admin"), ("team_id", "")],
        )
        .await;
    assert!(r.status().is_success());
    assert_eq!(
        app.get(&agent, "admin/directory").await.status(),
        200,
        "promoted at once"
    );
    let r = app
        .post(
            &admin,
            "admin/set-disabled",
            &[("user_id", &ann), ("disabled", "true")],
        )
        .await;
    assert!(r.status().is_success());
    assert_eq!(
        app.get(&agent, "admin/directory").await.status(),
        401,
        "disabled at once"
    );
    let (_, status, body) = app.login("ann@bayview.test", PASSWORD).await;
    assert_eq!(status, 409);
    assert!(body.contains("disabled"));
    let audit: Vec<String> = sqlx::query_scalar("select action from audit_log order by id")
        .fetch_all(&app.owner)
        .await
        .unwrap();
    for action in [
        "org_registered",
        "user_invited",
        "invitation_accepted",
        "role_changed",
        "user_disabled",
        "sign_in_failed",
    ] {
        assert!(
            audit.iter().any(|a| a == action),
            "{action} missing from {audit:?}"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_last_admin_cannot_be_demoted_or_disabled(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Bayview Homes", "ada@bayview.test").await;
    let me = app.user_id("ada@bayview.test").await;
    let r = app
        .post(
            &admin,
            "admin/update-user",
            &[("user_id", &me), ("role", "agent"), ("team_id", "")],
        )
        .await;
    assert_eq!(r.status(), 409);
    let r = app
        .post(
            &admin,
            "admin/set-disabled",
            &[("user_id", &me), ("disabled", "true")],
        )
        .await;
    assert_eq!(r.status(), 409);
}

#[sqlx::test(migrations = "../migrations")]
async fn teams_get_a_broker_as_lead(pool: PgPool) {
    let app = spawn_app(pool).await;
    let admin = app.register("Bayview Homes", "ada@bayview.test").await;
    app.verify("ada@bayview.test").await;
    app.add_member(&admin, "bo@bayview.test", "broker").await;
    app.add_member(&admin, "ann@bayview.test", "agent").await;
    assert!(app
        .post(&admin, "admin/create-team", &[("name", "Downtown")])
        .await
        .status()
        .is_success());
    assert_eq!(
        app.post(&admin, "admin/create-team", &[("name", "Downtown")])
            .await
            .status(),
        422
    );
    let team: uuid::Uuid = sqlx::query_scalar("select id from teams")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let team = team.to_string();
    let agent = app.user_id("ann@bayview.test").await;
    let broker = app.user_id("bo@bayview.test").await;
    assert_eq!(
        app.post(
            &admin,
            "admin/set-team-lead",
            &[("team_id", &team), ("lead_id", &agent)]
        )
        .await
        .status(),
        422
    );
    assert!(app
        .post(
            &admin,
            "admin/set-team-lead",
            &[("team_id", &team), ("lead_id", &broker)]
        )
        .await
        .status()
        .is_success());
    assert!(app
        .post(
            &admin,
            "admin/update-user",
            &[("user_id", &agent), ("role", "agent"), ("team_id", &team)]
        )
        .await
        .status()
        .is_success());
    let dir: serde_json::Value = app
        .get(&admin, "admin/directory")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(dir["teams"][0]["lead_name"], "Member Person");
    assert_eq!(dir["teams"][0]["members"].as_array().unwrap().len(), 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn requests_run_as_a_login_that_is_no_superuser_and_cannot_become_one(pool: PgPool) {
    let app = crate::common::spawn_app(pool).await;
    let mut c = app.app_pool.acquire().await.unwrap();
    let who = "select current_user::text, rolsuper, rolbypassrls from pg_roles where rolname = current_user";
    let (user, superuser, bypass): (String, bool, bool) =
        sqlx::query_as(who).fetch_one(&mut *c).await.unwrap();
    assert_eq!(user, "propertypro_web");
    assert!(!superuser && !bypass);
    // RESET ROLE goes back to the login itself, which is no superuser either
    sqlx::query("reset role").execute(&mut *c).await.unwrap();
    let (user, superuser, bypass): (String, bool, bool) =
        sqlx::query_as(who).fetch_one(&mut *c).await.unwrap();
    assert_eq!(user, "propertypro_web");
    assert!(!superuser && !bypass);
    assert!(sqlx::query("set role postgres")
        .execute(&mut *c)
        .await
        .is_err());
    let owns: i64 = sqlx::query_scalar(
        "select count(*) from pg_class where relowner = (select oid from pg_roles where rolname = current_user)",
    )
    .fetch_one(&mut *c)
    .await
    .unwrap();
    assert_eq!(owns, 0, "the app login owns nothing");
}
