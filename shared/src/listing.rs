//! Listings: property types, the status machine with its RESO StandardStatus
//! mapping, and the listing form's input type (product.md "Listings", seed 002
//! L811-819; RESO Data Dictionary in anchors.md 4.1).

use serde::{Deserialize, Serialize};

/// Residential property types only (seed 002 L239; the seed's `office` is out of scope).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PropertyType {
    House,
    Condo,
    Townhouse,
    Apartment,
    MultiFamily,
    Villa,
    Penthouse,
    Land,
}

impl PropertyType {
    pub const ALL: [PropertyType; 8] = [
        Self::House,
        Self::Condo,
        Self::Townhouse,
        Self::Apartment,
        Self::MultiFamily,
        Self::Villa,
        Self::Penthouse,
        Self::Land,
    ];

    /// The value stored in the database and used in forms and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::House => "house",
            Self::Condo => "condo",
            Self::Townhouse => "townhouse",
            Self::Apartment => "apartment",
            Self::MultiFamily => "multi_family",
            Self::Villa => "villa",
            Self::Penthouse => "penthouse",
            Self::Land => "land",
        }
    }

    /// What people read: "Multi-family".
    pub fn label(self) -> &'static str {
        match self {
            Self::House => "House",
            Self::Condo => "Condo",
            Self::Townhouse => "Townhouse",
            Self::Apartment => "Apartment",
            Self::MultiFamily => "Multi-family",
            Self::Villa => "Villa",
            Self::Penthouse => "Penthouse",
            Self::Land => "Land",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Where a listing is in its life (product.md "Listings"; RESO StandardStatus in
/// `reso_standard_status`). Archive is a separate flag, not a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListingStatus {
    Draft,
    ComingSoon,
    Active,
    UnderContract,
    Sold,
    Rented,
    Withdrawn,
    Expired,
}

impl ListingStatus {
    pub const ALL: [ListingStatus; 8] = [
        Self::Draft,
        Self::ComingSoon,
        Self::Active,
        Self::UnderContract,
        Self::Sold,
        Self::Rented,
        Self::Withdrawn,
        Self::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::ComingSoon => "coming_soon",
            Self::Active => "active",
            Self::UnderContract => "under_contract",
            Self::Sold => "sold",
            Self::Rented => "rented",
            Self::Withdrawn => "withdrawn",
            Self::Expired => "expired",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::ComingSoon => "Coming soon",
            Self::Active => "Active",
            Self::UnderContract => "Under contract",
            Self::Sold => "Sold",
            Self::Rented => "Rented",
            Self::Withdrawn => "Withdrawn",
            Self::Expired => "Expired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// "$500,000" for whole dollars, "$500,000.50" otherwise.
pub fn format_price(cents: i64) -> String {
    let negative = cents < 0;
    let cents = cents.unsigned_abs();
    let dollars = (cents / 100).to_string();
    let mut grouped = String::with_capacity(dollars.len() + dollars.len() / 3);
    for (i, c) in dollars.chars().enumerate() {
        if i > 0 && (dollars.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if negative { "-" } else { "" };
    match cents % 100 {
        0 => format!("{sign}${grouped}"),
        rest => format!("{sign}${grouped}.{rest:02}"),
    }
}

/// Bathrooms from half units: 5 → "2.5", 4 → "2".
pub fn format_baths(halves: i16) -> String {
    if halves % 2 == 0 {
        (halves / 2).to_string()
    } else {
        format!("{}.5", halves / 2)
    }
}

/// "1,850": thousands separators for areas and counts.
pub fn format_number(n: i64) -> String {
    let s = format_price(n * 100);
    s.replacen('$', "", 1)
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn prices_read_like_money() {
        assert_eq!(format_price(50_000_000), "$500,000");
        assert_eq!(format_price(100_000), "$1,000");
        assert_eq!(format_price(99_900), "$999");
        assert_eq!(format_price(50_000_050), "$500,000.50");
        assert_eq!(format_price(10_000_000_000), "$100,000,000");
    }

    #[test]
    fn baths_and_numbers_format() {
        assert_eq!(format_baths(5), "2.5");
        assert_eq!(format_baths(4), "2");
        assert_eq!(format_baths(1), "0.5");
        assert_eq!(format_number(1850), "1,850");
        assert_eq!(format_number(950), "950");
    }
}
