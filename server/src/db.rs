//! Pools and migrations. Migrations run as the connecting (owner) login; the app
//! pool runs as `propertypro_app`, which owns nothing and cannot bypass RLS.

use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Executor, PgPool};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

pub async fn migrate(owner_url: &str) -> anyhow::Result<PgPool> {
    let owner = PgPoolOptions::new()
        .max_connections(2)
        .connect(owner_url)
        .await
        .context("connecting to PostgreSQL")?;
    MIGRATOR.run(&owner).await.context("running migrations")?;
    Ok(owner)
}

/// The app's own login: LOGIN, NOSUPERUSER, NOBYPASSRLS, owns nothing, a member of
/// `propertypro_app` (whose grants and RLS policies apply to it). Requests run as it; the
/// owner login only migrates and sets up.
pub const APP_LOGIN: &str = "propertypro_web";

/// Creates the app's login, or brings it to these attributes and `password`. Several
/// processes may do this at once (tests, instances starting together): retried.
pub async fn ensure_app_login(owner: &PgPool, password: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        !password.is_empty()
            && password
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-'),
        "the app login's password must be letters, digits and dashes"
    );
    let attrs = "login nosuperuser nobypassrls nocreatedb nocreaterole inherit";
    let sql = format!(
        r#"do $$ begin
             if not exists (select 1 from pg_roles where rolname = '{APP_LOGIN}') then
               create role {APP_LOGIN} {attrs} password '{password}';
             else
               alter role {APP_LOGIN} {attrs} password '{password}';
             end if;
             if not pg_has_role('{APP_LOGIN}', 'propertypro_app', 'member') then
               grant propertypro_app to {APP_LOGIN};
             end if;
           exception when unique_violation or duplicate_object then null;
           end $$"#
    );
    let mut attempt = 0;
    loop {
        // audited: the name and attributes are constants, the password letters/digits/dashes
        match sqlx::raw_sql(sqlx::AssertSqlSafe(sql.clone()))
            .execute(owner)
            .await
        {
            Ok(_) => return Ok(()),
            // "tuple concurrently updated" when another process alters the role right now
            Err(_) if attempt < 5 => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
            }
            Err(e) => return Err(e).context("creating the app's database login"),
        }
    }
}

/// The request pool. With no separate app login, each new connection drops to
/// the app role before it is used.
pub async fn app_pool(
    options: PgConnectOptions,
    separate_login: bool,
    max_connections: u32,
) -> anyhow::Result<PgPool> {
    let mut pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5));
    if !separate_login {
        pool = pool.after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute("set role propertypro_app").await?;
                Ok(())
            })
        });
    }
    pool.connect_with(options)
        .await
        .context("connecting the app pool")
}

/// Whether an org exists (the owner may read every org: `orgs_auth_lookup`).
pub async fn org_exists(owner: &PgPool, org: uuid::Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from orgs where id = $1) as "e!""#,
        org
    )
    .fetch_one(owner)
    .await
}

/// Deletes an org with everything in it (cascades), and the sign-in attempts of
/// `email_domain` (not tenant data). For the demo and benchmark brokerages only.
pub async fn delete_org(
    owner: &PgPool,
    org: uuid::Uuid,
    email_domain: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = app::platform::tenant_tx(owner, shared::ids::OrgId(org))
        .await
        .map_err(|_| sqlx::Error::PoolClosed)?;
    sqlx::query!("delete from orgs where id = $1", org)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "delete from login_attempts where email like '%@' || $1",
        email_domain
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Fresh planner statistics after a bulk load.
pub async fn analyze_listings(owner: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query!("analyze listings").execute(owner).await?;
    Ok(())
}
