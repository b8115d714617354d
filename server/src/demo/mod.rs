//! The demo brokerage: Harbor Realty with an admin, a broker leading the Downtown
//! team, and two agents. Loaded on the first run with the embedded defaults and on
//! demand (`server demo-data`, which replaces it). Its listings: `listings`, with
//! the drawn `photos`. The load-benchmark brokerage (`server seed-bench`): `bench`.

pub mod bench;
pub mod listings;
pub mod photos;

use app::admin::db as admin_db;
use app::auth::db as auth_db;
use app::platform::{passwords, tenant_tx};
use chrono::Utc;
use shared::auth::Role;
use shared::ids::{OrgId, UserId};
use sqlx::PgPool;
use uuid::Uuid;

/// Fixed, so reloading replaces the same org.
pub const DEMO_ORG: Uuid = Uuid::from_u128(0x0d3e_0000_0000_4000_8000_0000_0000_0001);
pub const DEMO_PASSWORD: &str = "harbor-demo-2026";

const PEOPLE: [(&str, &str, Role, bool); 4] = [
    ("admin@harbor.example", "Dana Whitfield", Role::Admin, false),
    ("broker@harbor.example", "Marcus Chen", Role::Broker, true),
    ("priya@harbor.example", "Priya Patel", Role::Agent, true),
    ("leo@harbor.example", "Leo Martinez", Role::Agent, true),
];

pub async fn exists(owner: &PgPool) -> anyhow::Result<bool> {
    Ok(crate::db::org_exists(owner, DEMO_ORG).await?)
}

/// Replaces the demo org with a fresh copy (runs as the owner: it deletes). Rows are
/// written by the features' own db functions, so a schema change breaks the build,
/// not the demo.
pub async fn load(owner: &PgPool, ctx: &app::platform::ServerCtx) -> anyhow::Result<()> {
    let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(2));
    let hash = passwords::hash(&permits, DEMO_PASSWORD.into())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    crate::db::delete_org(owner, DEMO_ORG, "harbor.example").await?;
    let org = OrgId(DEMO_ORG);
    let mut tx = tenant_tx(owner, org).await?;
    auth_db::insert_org(&mut tx, org, "Harbor Realty").await?;
    let team = Uuid::new_v4();
    admin_db::insert_team(&mut tx, org, team, "Downtown").await?;
    let mut broker = None;
    for (email, name, role, in_team) in PEOPLE {
        let id = UserId(Uuid::new_v4());
        if role == Role::Broker {
            broker = Some(id.0);
        }
        let user = auth_db::NewUser {
            org,
            id,
            email,
            name,
            role,
            team_id: in_team.then_some(team),
            password_hash: &hash,
            verified_at: Some(Utc::now()),
        };
        auth_db::insert_user(&mut tx, &user).await?;
    }
    admin_db::update_team_lead(&mut tx, org, team, broker).await?;
    tx.commit().await?;
    listings::load(owner, ctx, DEMO_ORG).await?;
    tracing::info!("demo brokerage Harbor Realty loaded");
    Ok(())
}
