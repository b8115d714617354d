//! Harbor Realty's listings for the demo: Boston homes in every status, with photos
//! (drawn, then run through the real upload pipeline), sold comparables for the pricing
//! card, and a full set of AI texts on two of them.

use app::admin::db as admin_db;
use app::listings::db as listings_db;
use app::listings::photos::db as photos_db;
use app::listings::photos::store::NewPhoto;
use app::listings::texts::db as texts_db;
use app::listings::texts::generate::run_checks;
use app::platform::ai::AiTask;
use app::platform::{tenant_tx, ServerCtx};
use bytes::Bytes;
use chrono::{Duration, Utc};
use shared::content::{ContentKind, ContentOptions};
use shared::ids::{ListingId, OrgId};
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
    garage: Option<i16>,
    street: &'static str,
    city: &'static str,
    zip: &'static str,
    features: &'static [&'static str],
    photos: u64,
    texts: bool,
}

#[rustfmt::skip]
const LISTINGS: &[Demo] = &[
    Demo { agent: "priya@harbor.example", title: "Sunlit Harborview Condo", kind: PropertyType::Condo, status: ListingStatus::Active, price: 875_000, beds: 2, bath_halves: 4, sqft: Some(1150), lot: None, year: Some(2008), garage: Some(1), street: "45 Atlantic Avenue, Unit 7B", city: "Boston", zip: "02110", features: &["floor-to-ceiling windows", "in-unit laundry", "concierge", "garage parking"], photos: 4, texts: true },
    Demo { agent: "leo@harbor.example", title: "Classic Back Bay Brownstone", kind: PropertyType::Townhouse, status: ListingStatus::Active, price: 2_450_000, beds: 4, bath_halves: 7, sqft: Some(2900), lot: Some(1800), year: Some(1885), garage: None, street: "212 Marlborough Street", city: "Boston", zip: "02116", features: &["fireplace", "bay windows", "private patio", "hardwood floors"], photos: 3, texts: true },
    Demo { agent: "priya@harbor.example", title: "Modern Seaport Loft", kind: PropertyType::Condo, status: ListingStatus::ComingSoon, price: 640_000, beds: 1, bath_halves: 2, sqft: Some(780), lot: None, year: Some(2016), garage: None, street: "88 Seaport Boulevard, Unit 405", city: "Boston", zip: "02210", features: &["exposed brick", "rooftop deck"], photos: 2, texts: false },
    Demo { agent: "leo@harbor.example", title: "Charming Jamaica Plain Colonial", kind: PropertyType::House, status: ListingStatus::UnderContract, price: 925_000, beds: 3, bath_halves: 4, sqft: Some(1850), lot: Some(5200), year: Some(1925), garage: Some(1), street: "17 Greenough Avenue", city: "Boston", zip: "02130", features: &["front porch", "fenced yard", "updated kitchen"], photos: 3, texts: false },
    Demo { agent: "broker@harbor.example", title: "South End Penthouse", kind: PropertyType::Penthouse, status: ListingStatus::Draft, price: 3_200_000, beds: 3, bath_halves: 6, sqft: Some(2400), lot: None, year: Some(2019), garage: Some(2), street: "600 Tremont Street, PH", city: "Boston", zip: "02118", features: &["private elevator", "roof terrace", "chef's kitchen"], photos: 2, texts: false },
    Demo { agent: "priya@harbor.example", title: "Wharf District Two-Bedroom", kind: PropertyType::Condo, status: ListingStatus::Sold, price: 830_000, beds: 2, bath_halves: 4, sqft: Some(1100), lot: None, year: Some(2005), garage: None, street: "30 Rowes Wharf, Unit 502", city: "Boston", zip: "02110", features: &["harbor views", "doorman"], photos: 1, texts: false },
    Demo { agent: "leo@harbor.example", title: "India Wharf Corner Unit", kind: PropertyType::Condo, status: ListingStatus::Sold, price: 905_000, beds: 2, bath_halves: 4, sqft: Some(1240), lot: None, year: Some(1971), garage: None, street: "85 East India Row, Unit 22C", city: "Boston", zip: "02110", features: &["corner unit", "pool"], photos: 1, texts: false },
    Demo { agent: "priya@harbor.example", title: "Financial District Studio Plus", kind: PropertyType::Condo, status: ListingStatus::Sold, price: 610_000, beds: 1, bath_halves: 2, sqft: Some(760), lot: None, year: Some(2001), garage: None, street: "1 Devonshire Place, Unit 1804", city: "Boston", zip: "02110", features: &["concierge"], photos: 1, texts: false },
    Demo { agent: "leo@harbor.example", title: "Harbor Towers Three-Bedroom", kind: PropertyType::Condo, status: ListingStatus::Sold, price: 1_150_000, beds: 3, bath_halves: 4, sqft: Some(1420), lot: None, year: Some(1971), garage: None, street: "65 East India Row, Unit 30F", city: "Boston", zip: "02110", features: &["harbor views"], photos: 1, texts: false },
    Demo { agent: "priya@harbor.example", title: "Long Wharf Flat", kind: PropertyType::Condo, status: ListingStatus::Active, price: 799_000, beds: 2, bath_halves: 3, sqft: Some(1010), lot: None, year: Some(1999), garage: None, street: "9 Long Wharf, Unit 3", city: "Boston", zip: "02110", features: &["in-unit laundry"], photos: 1, texts: false },
    Demo { agent: "leo@harbor.example", title: "Dorchester Two-Family", kind: PropertyType::MultiFamily, status: ListingStatus::Active, price: 1_100_000, beds: 6, bath_halves: 8, sqft: Some(2600), lot: Some(4300), year: Some(1910), garage: Some(2), street: "52 Adams Street", city: "Boston", zip: "02125", features: &["separate utilities", "off-street parking"], photos: 2, texts: false },
    Demo { agent: "priya@harbor.example", title: "West Roxbury Building Lot", kind: PropertyType::Land, status: ListingStatus::Active, price: 450_000, beds: 0, bath_halves: 0, sqft: None, lot: Some(8000), year: None, garage: None, street: "140 Vermont Street", city: "Boston", zip: "02132", features: &["level lot", "utilities at street"], photos: 1, texts: false },
    Demo { agent: "leo@harbor.example", title: "Beacon Hill Garden Apartment", kind: PropertyType::Apartment, status: ListingStatus::Withdrawn, price: 720_000, beds: 1, bath_halves: 2, sqft: Some(820), lot: None, year: Some(1890), garage: None, street: "34 Pinckney Street, Unit 1", city: "Boston", zip: "02114", features: &["private garden"], photos: 1, texts: false },
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
    let org = OrgId(org);
    let mut tx = tenant_tx(owner, org).await?;
    let people = admin_db::select_users(&mut tx, org).await?;
    tx.commit().await?;
    for (i, d) in LISTINGS.iter().enumerate() {
        let agent = people
            .iter()
            .find(|p| p.email == d.agent)
            .ok_or_else(|| anyhow::anyhow!("demo agent {} missing", d.agent))?;
        let input = ListingInput {
            title: d.title.into(),
            property_type: d.kind,
            price_cents: d.price * 100,
            bedrooms: d.beds,
            bathroom_halves: d.bath_halves,
            living_area_sqft: d.sqft,
            lot_size_sqft: d.lot,
            year_built: d.year,
            garage_spaces: d.garage,
            street: d.street.into(),
            city: d.city.into(),
            state: "MA".into(),
            postal_code: d.zip.into(),
            description: String::new(),
            features: d.features.iter().map(|f| (*f).to_owned()).collect(),
        };
        let id = ListingId(Uuid::new_v4());
        // spread over the last weeks, newest first in the list
        let created =
            now - Duration::days(2 * (LISTINGS.len() - i) as i64) - Duration::hours(i as i64);
        let mut tx = tenant_tx(owner, org).await?;
        // the same steps as an agent's: created as a draft, then moved along its path
        listings_db::insert_listing(&mut tx, org, id, agent.id.0, &input, agent.id, created)
            .await?;
        let mut from = ListingStatus::Draft;
        let mut at = created;
        for to in path_to(d.status) {
            at = (at + Duration::hours(20)).min(now);
            listings_db::update_status(&mut tx, org, id, to, at).await?;
            listings_db::insert_status_change(&mut tx, org, id, Some(from), to, agent.id, at)
                .await?;
            from = to;
        }
        for n in 0..d.photos {
            let seed = (i as u64) * 10 + n;
            let drawn = tokio::task::spawn_blocking(move || demo_photo(seed, 1600, 1067)).await?;
            let processed = tokio::task::spawn_blocking(move || process_photo(&drawn))
                .await?
                .map_err(|e| anyhow::anyhow!("demo photo: {e}"))?;
            let photo = NewPhoto {
                id: Uuid::new_v4(),
                storage_key: random_key(org.0, id.0, "full"),
                thumb_key: random_key(org.0, id.0, "thumb"),
                width: processed.width as i32,
                height: processed.height as i32,
                bytes: processed.full.len() as i32,
                original_name: format!("photo-{}.jpg", n + 1),
            };
            ctx.files
                .put(&photo.storage_key, Bytes::from(processed.full))
                .await?;
            ctx.files
                .put(&photo.thumb_key, Bytes::from(processed.thumb))
                .await?;
            photos_db::insert_photo(&mut tx, org, id, n as i16, &photo, agent.id, created).await?;
        }
        photos_db::refresh_cover(&mut tx, org, id).await?;
        if d.texts {
            let facts = input.facts(d.status, &agent.name, &agent.email);
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
                texts_db::ensure_text(&mut tx, org, id, kind).await?;
                let version = texts_db::NewVersion {
                    kind,
                    version: 1,
                    subject: out.text.subject.as_deref(),
                    body: &out.text.body,
                    origin: "generated",
                    request: None,
                    ai: Some(&out),
                    tone: Some(options.tone),
                    audience: Some(options.audience),
                    word_count: shared::content::word_count(&out.text.body) as i32,
                    checks: serde_json::to_value(&checks)?,
                    by: Some(agent.id),
                    at: created,
                };
                texts_db::insert_version(&mut tx, org, id, &version).await?;
                texts_db::make_current(&mut tx, org, id, kind, 1, None).await?;
            }
        }
        tx.commit().await?;
    }
    Ok(())
}
