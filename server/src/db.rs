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

/// The request pool. With no separate app login, each new connection drops to
/// the app role before it is used.
pub async fn app_pool(options: PgConnectOptions, separate_login: bool) -> anyhow::Result<PgPool> {
    let mut pool = PgPoolOptions::new()
        .max_connections(
            std::env::var("DB_MAX_CONNECTIONS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(16),
        )
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
