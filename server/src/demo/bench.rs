//! `server seed-bench [N]`: a brokerage with N listings (default 100,000) for the load
//! benchmarks in `server/benches/` — "Bench Realty", one admin and 20 agents, listings
//! spread over types, statuses, prices and Boston-area streets, written by the same db
//! functions as the app (1,000 a transaction).

use app::auth::db as auth_db;
use app::listings::db as listings_db;
use app::platform::{passwords, tenant_tx};
use chrono::Utc;
use shared::auth::Role;
use shared::ids::{ListingId, OrgId, UserId};
use shared::listing::{ListingInput, ListingStatus, PropertyType};
use sqlx::PgPool;
use uuid::Uuid;

pub const BENCH_ORG: Uuid = Uuid::from_u128(0xbe4c_0000_0000_4000_8000_0000_0000_0001);
pub const BENCH_ADMIN: &str = "bench@bench.example";
pub const BENCH_PASSWORD: &str = "bench-realty-2026";

const BATCH: i64 = 1_000;

/// Deterministic variety from the listing's number; streets are unique per number.
fn bench_listing(g: i64) -> (ListingInput, ListingStatus) {
    let pick = |list: &[&'static str], i: i64| list[(i.rem_euclid(list.len() as i64)) as usize];
    const ADJ: [&str; 8] = [
        "Sunny",
        "Modern",
        "Classic",
        "Charming",
        "Spacious",
        "Renovated",
        "Quiet",
        "Bright",
    ];
    const NOUN: [&str; 6] = ["condo", "home", "townhouse", "loft", "colonial", "flat"];
    const STREETS: [&str; 10] = [
        "Harbor",
        "Maple",
        "Beacon",
        "Tremont",
        "Commonwealth",
        "Elm",
        "Atlantic",
        "Summer",
        "Boylston",
        "Park",
    ];
    const CITIES: [&str; 5] = ["Boston", "Cambridge", "Somerville", "Brookline", "Quincy"];
    use ListingStatus::*;
    const STATUSES: [ListingStatus; 8] = [
        Draft,
        ComingSoon,
        Active,
        Active,
        Active,
        UnderContract,
        Sold,
        Withdrawn,
    ];
    let status = STATUSES[((g / 3) % 8) as usize];
    let input = ListingInput {
        title: format!("{} {}", pick(&ADJ, g), pick(&NOUN, g / 8)),
        property_type: PropertyType::ALL[(g % PropertyType::ALL.len() as i64) as usize],
        price_cents: (200_000 + (g * 7919) % 2_800_000) * 100,
        bedrooms: (g % 6) as i16,
        bathroom_halves: (2 + g % 7) as i16,
        living_area_sqft: Some((500 + (g * 31) % 4000) as i32),
        lot_size_sqft: Some((1000 + (g * 17) % 20000) as i32),
        year_built: Some((1900 + g % 125) as i16),
        garage_spaces: Some((g % 3) as i16),
        street: format!("{g} {} Street", pick(&STREETS, g / 10)),
        city: pick(&CITIES, g).to_owned(),
        state: "MA".into(),
        postal_code: format!("02{:03}", 100 + g % 60),
        description: "A well-kept home with good light and an easy layout.".into(),
        features: vec!["garage".into(), "fireplace".into(), "deck".into()],
    };
    (input, status)
}

/// The moves from draft to `to` along the status machine.
fn path_to(to: ListingStatus) -> &'static [ListingStatus] {
    use ListingStatus::*;
    match to {
        ComingSoon => &[ComingSoon],
        Active => &[ComingSoon, Active],
        UnderContract => &[ComingSoon, Active, UnderContract],
        Sold => &[ComingSoon, Active, UnderContract, Sold],
        Withdrawn => &[ComingSoon, Active, Withdrawn],
        _ => &[],
    }
}

pub async fn seed(owner: &PgPool, n: i64) -> anyhow::Result<()> {
    let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(2));
    let hash = passwords::hash(&permits, BENCH_PASSWORD.into())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    crate::db::delete_org(owner, BENCH_ORG, "bench.example").await?;
    let org = OrgId(BENCH_ORG);
    let now = Utc::now();
    let mut tx = tenant_tx(owner, org).await?;
    auth_db::insert_org(&mut tx, org, "Bench Realty").await?;
    let mut agents = Vec::new();
    for g in 0..=20 {
        let (email, name, role) = if g == 0 {
            (
                BENCH_ADMIN.to_owned(),
                "Bench Admin".to_owned(),
                Role::Admin,
            )
        } else {
            (
                format!("agent{g}@bench.example"),
                format!("Agent {g}"),
                Role::Agent,
            )
        };
        let id = UserId(Uuid::new_v4());
        let user = auth_db::NewUser {
            org,
            id,
            email: &email,
            name: &name,
            role,
            team_id: None,
            password_hash: &hash,
            verified_at: Some(now),
        };
        auth_db::insert_user(&mut tx, &user).await?;
        if role == Role::Agent {
            agents.push(id);
        }
    }
    tx.commit().await?;

    // the same db functions as the app's own writes (one round trip each), in batches
    let mut done = 0;
    while done < n {
        let size = BATCH.min(n - done);
        let mut tx = tenant_tx(owner, org).await?;
        for g in done + 1..=done + size {
            let (input, status) = bench_listing(g);
            let agent = agents[(g % agents.len() as i64) as usize];
            let id = ListingId(Uuid::new_v4());
            let at = now - chrono::Duration::seconds(g);
            listings_db::insert_listing(&mut tx, org, id, agent.0, &input, agent, at).await?;
            let mut from = ListingStatus::Draft;
            for &to in path_to(status) {
                listings_db::update_status(&mut tx, org, id, to, at).await?;
                listings_db::insert_status_change(&mut tx, org, id, Some(from), to, agent, at)
                    .await?;
                from = to;
            }
        }
        tx.commit().await?;
        done += size;
        println!("{done} / {n} listings");
    }
    crate::db::analyze_listings(owner).await?;
    println!("Bench Realty ready: sign in as {BENCH_ADMIN} / {BENCH_PASSWORD}");
    Ok(())
}
