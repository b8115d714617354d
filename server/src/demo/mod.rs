//! The demo brokerage: Harbor Realty with an admin, a broker leading the Downtown
//! team, and two agents. Loaded on the first run with the embedded defaults and on
//! demand (`server demo-data`, which replaces it). Its listings: `listings`, with
//! the drawn `photos`. The load-benchmark brokerage (`server seed-bench`): `bench`.

pub mod bench;
pub mod listings;
pub mod photos;

use app::platform::passwords;
use sqlx::PgPool;
use uuid::Uuid;

/// Fixed, so reloading replaces the same org.
pub const DEMO_ORG: Uuid = Uuid::from_u128(0x0d3e_0000_0000_4000_8000_0000_0000_0001);
pub const DEMO_PASSWORD: &str = "harbor-demo-2026";

const PEOPLE: [(&str, &str, &str, bool); 4] = [
    ("admin@harbor.example", "Dana Whitfield", "admin", false),
    ("broker@harbor.example", "Marcus Chen", "broker", true),
    ("priya@harbor.example", "Priya Patel", "agent", true),
    ("leo@harbor.example", "Leo Martinez", "agent", true),
];

pub async fn exists(owner: &PgPool) -> anyhow::Result<bool> {
    let mut tx = owner.begin().await?;
    sqlx::query("select set_config('app.org_id', $1, true)")
        .bind(DEMO_ORG.to_string())
        .execute(&mut *tx)
        .await?;
    let n: i64 = sqlx::query_scalar("select count(*) from orgs where id = $1")
        .bind(DEMO_ORG)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(n > 0)
}

/// Replaces the demo org with a fresh copy (runs as the owner: it deletes).
pub async fn load(owner: &PgPool, ctx: &app::platform::ServerCtx) -> anyhow::Result<()> {
    let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(2));
    let hash = passwords::hash(&permits, DEMO_PASSWORD.into())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut tx = owner.begin().await?;
    sqlx::query("select set_config('app.org_id', $1, true)")
        .bind(DEMO_ORG.to_string())
        .execute(&mut *tx)
        .await?;
    sqlx::query("delete from orgs where id = $1")
        .bind(DEMO_ORG)
        .execute(&mut *tx)
        .await?;
    sqlx::query("delete from login_attempts where email like '%@harbor.example'")
        .execute(&mut *tx)
        .await?;
    sqlx::query("insert into orgs (id, name) values ($1, 'Harbor Realty')")
        .bind(DEMO_ORG)
        .execute(&mut *tx)
        .await?;
    let team = Uuid::new_v4();
    sqlx::query("insert into teams (org_id, id, name) values ($1, $2, 'Downtown')")
        .bind(DEMO_ORG)
        .bind(team)
        .execute(&mut *tx)
        .await?;
    let mut broker = None;
    for (email, name, role, in_team) in PEOPLE {
        let id = Uuid::new_v4();
        if role == "broker" {
            broker = Some(id);
        }
        sqlx::query(
            "insert into users (org_id, id, email, name, role, team_id, password_hash, email_verified_at)
             values ($1, $2, $3, $4, $5::user_role, $6, $7, now())",
        )
        .bind(DEMO_ORG)
        .bind(id)
        .bind(email)
        .bind(name)
        .bind(role)
        .bind(in_team.then_some(team))
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("update teams set lead_user_id = $3 where org_id = $1 and id = $2")
        .bind(DEMO_ORG)
        .bind(team)
        .bind(broker)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    listings::load(owner, ctx, DEMO_ORG).await?;
    tracing::info!("demo brokerage Harbor Realty loaded");
    Ok(())
}
