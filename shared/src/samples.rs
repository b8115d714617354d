//! Realistic listing facts for the content tests (shared's, and those of the AI
//! writer and prompts in `server`): a full townhouse, a house with many features,
//! a sparse condo, land, a sold multi-family and a leased penthouse with almost
//! nothing known (no agent details either).

use crate::content::ListingFacts;
use crate::listing::{ListingStatus, PropertyType};

fn features(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

pub fn townhouse() -> ListingFacts {
    ListingFacts {
        title: "Renovated Back Bay townhouse".into(),
        property_type: PropertyType::Townhouse,
        status: ListingStatus::Active,
        price_cents: 185_000_000,
        bedrooms: 3,
        bathroom_halves: 5,
        living_area_sqft: Some(1850),
        lot_size_sqft: Some(1200),
        year_built: Some(1899),
        street: "112 Marlborough St".into(),
        city: "Boston".into(),
        state: "MA".into(),
        postal_code: "02116".into(),
        features: features(&[
            "hardwood floors",
            "two-car garage",
            "roof deck",
            "central air",
            "updated kitchen",
        ]),
        agent_name: "Dana Whitfield".into(),
        agent_email: "dana@harbor.example".into(),
    }
}

pub fn big_house() -> ListingFacts {
    ListingFacts {
        title: "Cedar Park home with pool".into(),
        property_type: PropertyType::House,
        status: ListingStatus::ComingSoon,
        price_cents: 72_500_000,
        bedrooms: 4,
        bathroom_halves: 6,
        living_area_sqft: Some(2640),
        lot_size_sqft: Some(8712),
        year_built: Some(2006),
        street: "4810 Lantana Ridge Dr".into(),
        city: "Austin".into(),
        state: "TX".into(),
        postal_code: "78732".into(),
        features: features(&[
            "Pool",
            "fenced backyard",
            "home office",
            "solar panels",
            "walk-in closet",
            "granite countertops",
            "three-car garage",
            "fireplace",
            "covered patio",
            "EV charger",
            "smart thermostat",
            "laundry room",
            "mother-in-law suite",
            "nursery",
        ]),
        agent_name: "Luis Ortega".into(),
        agent_email: "luis.ortega@lonestar.example".into(),
    }
}

pub fn sparse_condo() -> ListingFacts {
    ListingFacts {
        title: String::new(),
        property_type: PropertyType::Condo,
        status: ListingStatus::Active,
        price_cents: 28_900_000,
        bedrooms: 1,
        bathroom_halves: 2,
        living_area_sqft: None,
        lot_size_sqft: None,
        year_built: None,
        street: String::new(),
        city: "Denver".into(),
        state: "CO".into(),
        postal_code: String::new(),
        features: Vec::new(),
        agent_name: "Sam Lee".into(),
        agent_email: "sam@peak.example".into(),
    }
}

pub fn land() -> ListingFacts {
    ListingFacts {
        title: "Five acres off Bridger Canyon".into(),
        property_type: PropertyType::Land,
        status: ListingStatus::UnderContract,
        price_cents: 34_000_000,
        bedrooms: 0,
        bathroom_halves: 0,
        living_area_sqft: None,
        lot_size_sqft: Some(217_800),
        year_built: None,
        street: "Lot 7 Ridge Rd".into(),
        city: "Bozeman".into(),
        state: "MT".into(),
        postal_code: "59715".into(),
        features: features(&["well on site", "power at the road"]),
        agent_name: "Jo Park".into(),
        agent_email: "jo@bigsky.example".into(),
    }
}

pub fn sold_multi_family() -> ListingFacts {
    ListingFacts {
        title: "Three-unit building near the square".into(),
        property_type: PropertyType::MultiFamily,
        status: ListingStatus::Sold,
        price_cents: 124_000_000,
        bedrooms: 6,
        bathroom_halves: 6,
        living_area_sqft: Some(3300),
        lot_size_sqft: Some(4000),
        year_built: Some(1925),
        street: "18 Elm St".into(),
        city: "Somerville".into(),
        state: "MA".into(),
        postal_code: "02143".into(),
        features: features(&["separate meters", "basement storage", "off-street parking"]),
        agent_name: "Priya Shah".into(),
        agent_email: "priya@harbor.example".into(),
    }
}

pub fn rented_penthouse() -> ListingFacts {
    ListingFacts {
        title: String::new(),
        property_type: PropertyType::Penthouse,
        status: ListingStatus::Rented,
        price_cents: 550_000,
        bedrooms: 2,
        bathroom_halves: 4,
        living_area_sqft: None,
        lot_size_sqft: None,
        year_built: None,
        street: String::new(),
        city: "Miami".into(),
        state: "FL".into(),
        postal_code: String::new(),
        features: Vec::new(),
        agent_name: String::new(),
        agent_email: String::new(),
    }
}

/// Every sample, for tests that run across listings.
pub fn all() -> Vec<ListingFacts> {
    vec![
        townhouse(),
        big_house(),
        sparse_condo(),
        land(),
        sold_multi_family(),
        rented_penthouse(),
    ]
}
