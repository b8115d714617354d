//! Harbor Realty's listings for the demo: Boston homes in every status, with photos
//! (drawn, then run through the real upload pipeline), sold comparables for the pricing
//! card, and a full set of AI texts on two of them.

use app::listings::texts::generate::run_checks;
use app::platform::ai::AiTask;
use app::platform::ServerCtx;
use bytes::Bytes;
use chrono::{Duration, Utc};
use shared::content::{ContentKind, ContentOptions};
use shared::listing::{ListingInput, ListingStatus, PropertyType};
use sqlx::PgPool;
use uuid::Uuid;

use super::photos::demo_photo;
use crate::photos::process::process_photo;
use crate::storage::random_key;

struct Demo {
    agent: &'static str,
    title: &'static str,
    kind: PropertyType,
    status: ListingStatus,
    price: i64,
    beds: i16,
    bath_halves: i16,
    sqft: Option<i32>,
    lot: Option<i32>,
    year: Option<i16>,
    street: &'static str,
    city: &'static str,
    zip: &'static str,
    features: &'static [&'static str],
    photos: u64,
    texts: bool,
}

#[rustfmt::skip]
const LISTINGS: &[Demo] = &[
    Demo { agent: "priya@harbor.example", title: "Sunlit Harborview Condo", kind: PropertyType::Condo, status: ListingStatus::Active, price: 875_000, beds: 2, bath_halves: 4, sqft: Some(1150), lot: None, year: Some(2008), street: "45 Atlantic Avenue, Unit 7B", city: "Boston", zip: "02110", features: &["floor-to-ceiling windows", "in-unit laundry", "concierge", "garage parking"], photos: 4, texts: true },
    Demo { agent: "leo@harbor.example", title: "Classic Back Bay Brownstone", kind: PropertyType::Townhouse, status: ListingStatus::Active, price: 2_450_000, beds: 4, bath_halves: 7, sqft: Some(2900), lot: Some(1800), year: Some(1885), street: "212 Marlborough Street", city: "Boston", zip: "02116", features: &["fireplace", "bay windows", "private patio", "hardwood floors"], photos: 3, texts: true },
    Demo { agent: "priya@harbor.example", title: "Modern Seaport Loft", kind: PropertyType::Condo, status: ListingStatus::ComingSoon, price: 640_000, beds: 1, bath_halves: 2, sqft: Some(780), lot: None, year: Some(2016), street: "88 Seaport Boulevard, Unit 405", city: "Boston", zip: "02210", features: &["exposed brick", "rooftop deck"], photos: 2, texts: false },
    Demo { agent: "leo@harbor.example", title: "Charming Jamaica Plain Colonial", kind: PropertyType::House, status: ListingStatus::UnderContract, price: 925_000, beds: 3, bath_halves: 4, sqft: Some(1850), lot: Some(5200), year: Some(1925), street: "17 Greenough Avenue", city: "Boston", zip: "02130", features: &["front porch", "fenced yard", "updated kitchen"], photos: 3, texts: false },
    Demo { agent: "broker@harbor.example", title: "South End Penthouse", kind: PropertyType::Penthouse, status: ListingStatus::Draft, price: 3_200_000, beds: 3, bath_halves: 6, sqft: Some(2400), lot: None, year: Some(2019), street: "600 Tremont Street, PH", city: "Boston", zip: "02118", features: &["private elevator", "roof terrace", "chef's kitchen"], photos: 2, texts: false },
    Demo { agent: "priya@harbor.example", title: "Wharf District Two-Bedroom", kind: PropertyType::Condo, status: ListingStatus::Sold, price: 830_000, beds: 2, bath_halves: 4, sqft: Some(1100), lot: None, year: Some(2005), street: "30 Rowes Wharf, Unit 502", city: "Boston", zip: "02110", features: &["harbor views", "doorman"], photos: 1, texts: false },
    Demo { agent: "leo@harbor.example", title: "India Wharf Corner Unit", kind: PropertyType::Condo, status: ListingStatus::Sold, price: 905_000, beds: 2, bath_halves: 4, sqft: Some(1240), lot: None, year: Some(1971), street: "85 East India Row, Unit 22C", city: "Boston", zip: "02110", features: &["corner unit", "pool"], photos: 1, texts: false },
    Demo { agent: "priya@harbor.example", title: "Financial District Studio Plus", kind: PropertyType::Condo, status: ListingStatus::Sold, price: 610_000, beds: 1, bath_halves: 2, sqft: Some(760), lot: None, year: Some(2001), street: "1 Devonshire Place, Unit 1804", city: "Boston", zip: "02110", features: &["concierge"], photos: 1, texts: false },
    Demo { agent: "leo@harbor.example", title: "Harbor Towers Three-Bedroom", kind: PropertyType::Condo, status: ListingStatus::Sold, price: 1_150_000, beds: 3, bath_halves: 4, sqft: Some(1420), lot: None, year: Some(1971), street: "65 East India Row, Unit 30F", city: "Boston", zip: "02110", features: &["harbor views"], photos: 1, texts: false },
    Demo { agent: "priya@harbor.example", title: "Long Wharf Flat", kind: PropertyType::Condo, status: ListingStatus::Active, price: 799_000, beds: 2, bath_halves: 3, sqft: Some(1010), lot: None, year: Some(1999), street: "9 Long Wharf, Unit 3", city: "Boston", zip: "02110", features: &["in-unit laundry"], photos: 1, texts: false },
    Demo { agent: "leo@harbor.example", title: "Dorchester Two-Family", kind: PropertyType::MultiFamily, status: ListingStatus::Active, price: 1_100_000, beds: 6, bath_halves: 8, sqft: Some(2600), lot: Some(4300), year: Some(1910), street: "52 Adams Street", city: "Boston", zip: "02125", features: &["separate utilities", "off-street parking"], photos: 2, texts: false },
    Demo { agent: "priya@harbor.example", title: "West Roxbury Building Lot", kind: PropertyType::Land, status: ListingStatus::Active, price: 450_000, beds: 0, bath_halves: 0, sqft: None, lot: Some(8000), year: None, street: "140 Vermont Street", city: "Boston", zip: "02132", features: &["level lot", "utilities at street"], photos: 1, texts: false },
    Demo { agent: "leo@harbor.example", title: "Beacon Hill Garden Apartment", kind: PropertyType::Apartment, status: ListingStatus::Withdrawn, price: 720_000, beds: 1, bath_halves: 2, sqft: Some(820), lot: None, year: Some(1890), street: "34 Pinckney Street, Unit 1", city: "Boston", zip: "02114", features: &["private garden"], photos: 1, texts: false },
];

/// The moves from draft to `to`, so the history reads like a real listing's.
fn path_to(to: ListingStatus) -> Vec<ListingStatus> {
    use ListingStatus::*;
    match to {
        Draft => vec![],
        ComingSoon => vec![ComingSoon],
        Active => vec![ComingSoon, Active],
        UnderContract => vec![ComingSoon, Active, UnderContract],
        Sold => vec![ComingSoon, Active, UnderContract, Sold],
        Rented => vec![ComingSoon, Active, UnderContract, Rented],
        Withdrawn => vec![ComingSoon, Active, Withdrawn],
        Expired => vec![ComingSoon, Active, Expired],
    }
}

pub async fn load(owner: &PgPool, ctx: &ServerCtx, org: Uuid) -> anyhow::Result<()> {
    let now = Utc::now();
    for (i, d) in LISTINGS.iter().enumerate() {
        let mut tx = owner.begin().await?;
        sqlx::query("select set_config('app.org_id', $1, true)")
            .bind(org.to_string())
            .execute(&mut *tx)
            .await?;
        let (agent, agent_name, agent_email): (Uuid, String, String) =
            sqlx::query_as("select id, name, email from users where org_id = $1 and email = $2")
                .bind(org)
                .bind(d.agent)
                .fetch_one(&mut *tx)
                .await?;
        let input = ListingInput {
            title: d.title.into(),
            property_type: d.kind,
            price_cents: d.price * 100,
            bedrooms: d.beds,
            bathroom_halves: d.bath_halves,
            living_area_sqft: d.sqft,
            lot_size_sqft: d.lot,
            year_built: d.year,
            street: d.street.into(),
            city: d.city.into(),
            state: "MA".into(),
            postal_code: d.zip.into(),
            description: String::new(),
            features: d.features.iter().map(|f| (*f).to_owned()).collect(),
        };
        let id = Uuid::new_v4();
        // spread over the last weeks, newest first in the list
        let created =
            now - Duration::days(2 * (LISTINGS.len() - i) as i64) - Duration::hours(i as i64);
        sqlx::query(
            "insert into listings (org_id, id, agent_id, title, property_type, status, price_cents, bedrooms,
               bathroom_halves, living_area_sqft, lot_size_sqft, year_built, street, city, state, postal_code,
               address_key, description, features, created_by, created_at, status_changed_at)
             values ($1, $2, $3, $4, $5::property_type, $6::listing_status, $7, $8, $9, $10, $11, $12, $13, $14,
               $15, $16, $17, $18, $19, $3, $20, $20)",
        )
        .bind(org)
        .bind(id)
        .bind(agent)
        .bind(&input.title)
        .bind(input.property_type.as_str())
        .bind(d.status.as_str())
        .bind(input.price_cents)
        .bind(input.bedrooms)
        .bind(input.bathroom_halves)
        .bind(input.living_area_sqft)
        .bind(input.lot_size_sqft)
        .bind(input.year_built)
        .bind(&input.street)
        .bind(&input.city)
        .bind(&input.state)
        .bind(&input.postal_code)
        .bind(input.address_key())
        .bind(&input.description)
        .bind(&input.features)
        .bind(created)
        .execute(&mut *tx)
        .await?;
        let mut from: Option<ListingStatus> = None;
        let mut at = created;
        for to in std::iter::once(ListingStatus::Draft).chain(path_to(d.status)) {
            sqlx::query(
                "insert into listing_status_history (org_id, id, listing_id, from_status, to_status, changed_by, changed_at)
                 values ($1, $2, $3, $4::listing_status, $5::listing_status, $6, $7)",
            )
            .bind(org)
            .bind(Uuid::new_v4())
            .bind(id)
            .bind(from.map(|f| f.as_str()))
            .bind(to.as_str())
            .bind(agent)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            from = Some(to);
            at += Duration::hours(20);
        }
        for n in 0..d.photos {
            let seed = (i as u64) * 10 + n;
            let drawn = tokio::task::spawn_blocking(move || demo_photo(seed, 1600, 1067)).await?;
            let processed = tokio::task::spawn_blocking(move || process_photo(&drawn))
                .await?
                .map_err(|e| anyhow::anyhow!("demo photo: {e}"))?;
            let (full, thumb) = (random_key(org, id, "full"), random_key(org, id, "thumb"));
            ctx.files.put(&full, Bytes::from(processed.full)).await?;
            ctx.files.put(&thumb, Bytes::from(processed.thumb)).await?;
            sqlx::query(
                "insert into listing_photos (org_id, id, listing_id, position, storage_key, thumb_key, width, height,
                   bytes, original_name, created_by, created_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11)",
            )
            .bind(org)
            .bind(Uuid::new_v4())
            .bind(id)
            .bind(n as i16)
            .bind(&full)
            .bind(&thumb)
            .bind(processed.width as i32)
            .bind(processed.height as i32)
            .bind(format!("photo-{}.jpg", n + 1))
            .bind(agent)
            .bind(created)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "update listings set photo_count = (select count(*) from listing_photos p where p.org_id = $1 and p.listing_id = $2),
               cover_photo_id = (select p.id from listing_photos p where p.org_id = $1 and p.listing_id = $2 order by p.position limit 1)
             where org_id = $1 and id = $2",
        )
        .bind(org)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if d.texts {
            let facts = input.facts(d.status, &agent_name, &agent_email);
            for kind in ContentKind::ALL {
                let options = ContentOptions::default();
                let task = AiTask::ListingCopy {
                    kind,
                    facts: facts.clone(),
                    options: options.clone(),
                };
                let out = ctx
                    .ai
                    .generate(&task)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                let checks = run_checks(
                    kind,
                    &out.text,
                    &facts,
                    &shared::fair_housing::default_phrases(),
                    1000,
                );
                sqlx::query(
                    "insert into listing_texts (org_id, listing_id, kind, state, current_version, requested_by, requested_at)
                     values ($1, $2, $3, 'ready', 1, $4, $5)",
                )
                .bind(org)
                .bind(id)
                .bind(kind.as_str())
                .bind(agent)
                .bind(created)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "insert into listing_text_versions (org_id, id, listing_id, kind, version, subject, body, origin,
                       provider, model, tone, audience, tokens_in, tokens_out, cost_micro_usd, latency_ms, word_count,
                       checks, created_by, created_at)
                     values ($1, $2, $3, $4, 1, $5, $6, 'generated', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
                )
                .bind(org)
                .bind(Uuid::new_v4())
                .bind(id)
                .bind(kind.as_str())
                .bind(&out.text.subject)
                .bind(&out.text.body)
                .bind(&out.provider)
                .bind(&out.model)
                .bind(options.tone.as_str())
                .bind(options.audience.as_str())
                .bind(out.tokens_in)
                .bind(out.tokens_out)
                .bind(out.cost_micro_usd)
                .bind(out.latency_ms)
                .bind(shared::content::word_count(&out.text.body) as i32)
                .bind(serde_json::to_value(&checks)?)
                .bind(agent)
                .bind(created)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
    }
    Ok(())
}
