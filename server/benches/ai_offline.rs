//! The offline AI provider: time to write a full content set (all eight kinds) for one
//! listing, and one description. Goal (issue 4): a full set under 50 ms.
//!
//!   cargo bench -p server --bench ai_offline

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use server::ai::writer::write_listing_copy;
use shared::content::{ContentKind, ContentOptions, ListingFacts, Tone};
use shared::listing::{ListingStatus, PropertyType};

fn facts() -> ListingFacts {
    ListingFacts {
        title: "Sunlit Harborview Condo".into(),
        property_type: PropertyType::Condo,
        status: ListingStatus::Active,
        price_cents: 87_500_000,
        bedrooms: 2,
        bathroom_halves: 4,
        living_area_sqft: Some(1150),
        lot_size_sqft: None,
        year_built: Some(2008),
        street: "45 Atlantic Avenue, Unit 7B".into(),
        city: "Boston".into(),
        state: "MA".into(),
        postal_code: "02110".into(),
        features: vec![
            "floor-to-ceiling windows".into(),
            "in-unit laundry".into(),
            "concierge".into(),
            "garage parking".into(),
        ],
        agent_name: "Priya Patel".into(),
        agent_email: "priya@harbor.example".into(),
    }
}

fn bench(c: &mut Criterion) {
    let facts = facts();
    let options = ContentOptions {
        tone: Tone::Friendly,
        ..ContentOptions::default()
    };
    c.bench_function("offline: full content set (8 kinds)", |b| {
        b.iter(|| {
            for kind in ContentKind::ALL {
                black_box(write_listing_copy(kind, black_box(&facts), &options));
            }
        })
    });
    c.bench_function("offline: one description", |b| {
        b.iter(|| {
            black_box(write_listing_copy(
                ContentKind::Description,
                black_box(&facts),
                &options,
            ))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
