//! `server seed-bench [N]`: a brokerage with N listings (default 100,000) for the load
//! benchmarks in `server/benches/` — "Bench Realty", one admin and 20 agents, listings
//! spread over types, statuses, prices and Boston-area streets, inserted in SQL batches.

use app::platform::passwords;
use sqlx::PgPool;
use uuid::Uuid;

pub const BENCH_ORG: Uuid = Uuid::from_u128(0xbe4c_0000_0000_4000_8000_0000_0000_0001);
pub const BENCH_ADMIN: &str = "bench@bench.example";
pub const BENCH_PASSWORD: &str = "bench-realty-2026";

const BATCH: i64 = 10_000;

pub async fn seed(owner: &PgPool, n: i64) -> anyhow::Result<()> {
    let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(2));
    let hash = passwords::hash(&permits, BENCH_PASSWORD.into())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut tx = owner.begin().await?;
    sqlx::query("select set_config('app.org_id', $1, true)")
        .bind(BENCH_ORG.to_string())
        .execute(&mut *tx)
        .await?;
    sqlx::query("delete from orgs where id = $1")
        .bind(BENCH_ORG)
        .execute(&mut *tx)
        .await?;
    sqlx::query("insert into orgs (id, name) values ($1, 'Bench Realty')")
        .bind(BENCH_ORG)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "insert into users (org_id, id, email, name, role, password_hash, email_verified_at)
         values ($1, gen_random_uuid(), $2, 'Bench Admin', 'admin', $3, now())",
    )
    .bind(BENCH_ORG)
    .bind(BENCH_ADMIN)
    .bind(&hash)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into users (org_id, id, email, name, role, password_hash, email_verified_at)
         select $1, gen_random_uuid(), 'agent' || g || '@bench.example', 'Agent ' || g, 'agent', $2, now()
         from generate_series(1, 20) g",
    )
    .bind(BENCH_ORG)
    .bind(&hash)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;

    let mut done = 0;
    while done < n {
        let size = BATCH.min(n - done);
        let mut tx = owner.begin().await?;
        sqlx::query("select set_config('app.org_id', $1, true)")
            .bind(BENCH_ORG.to_string())
            .execute(&mut *tx)
            .await?;
        // deterministic variety from the row number; streets are unique per number
        sqlx::query(
            r#"insert into listings (org_id, id, agent_id, title, property_type, status, price_cents, bedrooms,
                 bathroom_halves, living_area_sqft, lot_size_sqft, year_built, street, city, state, postal_code,
                 address_key, description, features, created_by, created_at, status_changed_at)
               select $1, gen_random_uuid(), a.id,
                 (array['Sunny','Modern','Classic','Charming','Spacious','Renovated','Quiet','Bright'])[1 + g % 8]
                   || ' ' || (array['condo','home','townhouse','loft','colonial','flat'])[1 + (g / 8) % 6],
                 (array['house','condo','townhouse','apartment','multi_family','villa','penthouse','land'])[1 + g % 8]::property_type,
                 (array['draft','coming_soon','active','active','active','under_contract','sold','withdrawn'])[1 + (g / 3) % 8]::listing_status,
                 (200000 + (g * 7919) % 2800000) * 100,
                 (g % 6)::smallint, (2 + g % 7)::smallint, 500 + (g * 31) % 4000, 1000 + (g * 17) % 20000,
                 (1900 + g % 125)::smallint,
                 g || ' ' || (array['Harbor','Maple','Beacon','Tremont','Commonwealth','Elm','Atlantic','Summer','Boylston','Park'])[1 + (g / 10) % 10] || ' Street',
                 (array['Boston','Cambridge','Somerville','Brookline','Quincy'])[1 + g % 5], 'MA',
                 '02' || lpad((100 + g % 60)::text, 3, '0'),
                 'bench ' || g,
                 'A well-kept home with good light and an easy layout.',
                 array['garage','fireplace','deck'],
                 a.id,
                 now() - (g || ' seconds')::interval, now()
               from generate_series($2::bigint, $3::bigint) g
               join lateral (
                 select id from users where org_id = $1 and role = 'agent' order by email offset (g % 20) limit 1
               ) a on true"#,
        )
        .bind(BENCH_ORG)
        .bind(done + 1)
        .bind(done + size)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        done += size;
        println!("{done} / {n} listings");
    }
    sqlx::query("analyze listings").execute(owner).await?;
    println!("Bench Realty ready: sign in as {BENCH_ADMIN} / {BENCH_PASSWORD}");
    Ok(())
}
