//! Listings: property types, the status machine with its RESO StandardStatus
//! mapping, and the listing form's input type (product.md "Listings", seed 002
//! L811-819; RESO Data Dictionary in anchors.md 4.1).
//!
//! Split by concern: `form` parses what an agent types, `address` normalises
//! addresses for the per-agent uniqueness check, `query` turns list-page URLs
//! into filters and keyset cursors. Everything is re-exported here.

mod address;

/// Photo limits (product.md "Photos"), checked in the browser before sending and by
/// the server again (by content).
pub mod photo_limits {
    /// Photos per listing.
    pub const MAX_PHOTOS: usize = 20;
    /// Bytes per uploaded photo: 5 MB.
    pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;
    /// Pixels per photo (width × height), checked from the header before decoding:
    /// 24 MP (6000 × 4000, a full-frame camera) keeps one decode within 96 MB of 8-bit
    /// RGBA (issue 11 item 10; product.md sets no pixel limit).
    pub const MAX_PHOTO_PIXELS: u64 = 24_000_000;
}
mod form;
mod query;

pub use address::{address_key, is_us_state_code};
pub use form::{
    parse_baths, parse_price, ListingForm, ListingInput, BATH_HALVES_MAX, PRICE_MAX_CENTS,
    PRICE_MIN_CENTS,
};
pub use query::{Cursor, ListingFilter, ListingQuery, ListingSort, QUERY_TEXT_MAX};

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

    /// The RESO StandardStatus token (anchors.md 4.1; mapping in product.md
    /// "Listings"). Under contract maps to ActiveUnderContract rather than Pending
    /// because our listings stay visible while under contract.
    pub fn reso_standard_status(self) -> &'static str {
        match self {
            Self::Draft => "Incomplete",
            Self::ComingSoon => "ComingSoon",
            Self::Active => "Active",
            Self::UnderContract => "ActiveUnderContract",
            Self::Sold | Self::Rented => "Closed",
            Self::Withdrawn => "Withdrawn",
            Self::Expired => "Expired",
        }
    }

    /// The statuses this one may move to, exactly as product.md "Listings" draws
    /// the machine. Sold, rented and expired are final: to market the property
    /// again an agent duplicates the listing, so its history stays truthful.
    pub fn allowed_next(self) -> &'static [ListingStatus] {
        match self {
            Self::Draft => &[Self::ComingSoon],
            Self::ComingSoon => &[Self::Active],
            Self::Active => &[Self::UnderContract, Self::Withdrawn, Self::Expired],
            Self::UnderContract => &[Self::Sold, Self::Rented, Self::Withdrawn],
            Self::Withdrawn => &[Self::Draft],
            Self::Sold | Self::Rented | Self::Expired => &[],
        }
    }

    /// Whether `to` is a legal next status. The error says why not and what is
    /// possible instead, in words the agent can act on.
    pub fn check_move(self, to: ListingStatus) -> Result<(), String> {
        if self == to {
            return Err(format!("This listing is already {}.", to.label()));
        }
        if self.allowed_next().contains(&to) {
            return Ok(());
        }
        Err(match self {
            Self::Draft => "A draft listing goes to Coming soon first; from there it can become Active.",
            Self::ComingSoon => "A Coming soon listing becomes Active next; once Active it can go Under contract, be Withdrawn or Expire.",
            Self::Active => "An Active listing can move to Under contract, Withdrawn or Expired.",
            Self::UnderContract => "A listing that is Under contract can move to Sold, Rented or Withdrawn.",
            Self::Withdrawn => "A withdrawn listing goes back to Draft first; from there it can be listed again.",
            Self::Sold => "Sold is a closed status; a sold listing can't change status.",
            Self::Rented => "Rented is a closed status; a rented listing can't change status.",
            Self::Expired => "Expired is a final status; to market the property again, duplicate the listing.",
        }
        .to_owned())
    }

    /// Sold or rented: the deal is done (RESO "Closed").
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Sold | Self::Rented)
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
    fn property_types_round_trip_through_their_stored_names() {
        for t in PropertyType::ALL {
            assert_eq!(PropertyType::parse(t.as_str()), Some(t));
        }
        assert_eq!(PropertyType::parse("office"), None);
        assert_eq!(PropertyType::MultiFamily.label(), "Multi-family");
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

#[cfg(test)]
mod status_tests {
    use super::ListingStatus::{self, *};

    #[test]
    fn every_status_maps_to_its_reso_standard_status() {
        let table = [
            (Draft, "Incomplete"),
            (ComingSoon, "ComingSoon"),
            (Active, "Active"),
            (UnderContract, "ActiveUnderContract"),
            (Sold, "Closed"),
            (Rented, "Closed"),
            (Withdrawn, "Withdrawn"),
            (Expired, "Expired"),
        ];
        for (status, reso) in table {
            assert_eq!(status.reso_standard_status(), reso, "{status:?}");
            // RESO enumeration tokens have no spaces (anchors.md 4.1).
            assert!(!reso.contains(' '));
        }
    }

    #[test]
    fn statuses_round_trip_through_their_stored_names() {
        for status in ListingStatus::ALL {
            assert_eq!(ListingStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ListingStatus::parse("pending"), None);
        assert_eq!(ListingStatus::parse("Active"), None);
    }

    #[test]
    fn exactly_the_moves_in_the_product_spec_are_allowed() {
        let allowed = [
            (Draft, ComingSoon),
            (ComingSoon, Active),
            (Active, UnderContract),
            (Active, Withdrawn),
            (Active, Expired),
            (UnderContract, Sold),
            (UnderContract, Rented),
            (UnderContract, Withdrawn),
            (Withdrawn, Draft),
        ];
        for from in ListingStatus::ALL {
            for to in ListingStatus::ALL {
                let expected = allowed.contains(&(from, to));
                assert_eq!(from.check_move(to).is_ok(), expected, "{from:?} -> {to:?}");
                assert_eq!(from.allowed_next().contains(&to), expected);
            }
        }
    }

    #[test]
    fn refused_moves_say_why_and_what_is_possible() {
        let table = [
            (
                Draft,
                Active,
                "A draft listing goes to Coming soon first; from there it can become Active.",
            ),
            (
                Draft,
                Sold,
                "A draft listing goes to Coming soon first; from there it can become Active.",
            ),
            (
                ComingSoon,
                Withdrawn,
                "A Coming soon listing becomes Active next; once Active it can go Under contract, be Withdrawn or Expire.",
            ),
            (
                Active,
                Sold,
                "An Active listing can move to Under contract, Withdrawn or Expired.",
            ),
            (
                UnderContract,
                Active,
                "A listing that is Under contract can move to Sold, Rented or Withdrawn.",
            ),
            (
                Withdrawn,
                Active,
                "A withdrawn listing goes back to Draft first; from there it can be listed again.",
            ),
            (
                Sold,
                Active,
                "Sold is a closed status; a sold listing can't change status.",
            ),
            (
                Rented,
                Draft,
                "Rented is a closed status; a rented listing can't change status.",
            ),
            (
                Expired,
                Active,
                "Expired is a final status; to market the property again, duplicate the listing.",
            ),
            (Active, Active, "This listing is already Active."),
            (ComingSoon, ComingSoon, "This listing is already Coming soon."),
        ];
        for (from, to, message) in table {
            assert_eq!(
                from.check_move(to),
                Err(message.to_owned()),
                "{from:?} -> {to:?}"
            );
        }
    }

    #[test]
    fn every_refusal_names_each_allowed_next_status_by_label() {
        for from in ListingStatus::ALL {
            let refused = ListingStatus::ALL
                .into_iter()
                .filter(|to| *to != from && from.check_move(*to).is_err());
            for to in refused {
                let message = from.check_move(to).unwrap_err();
                for next in from.allowed_next() {
                    assert!(
                        message
                            .to_lowercase()
                            .contains(&next.label().to_lowercase()),
                        "{from:?} -> {to:?}: {message}"
                    );
                }
            }
        }
    }

    #[test]
    fn only_sold_and_rented_are_closed() {
        for status in ListingStatus::ALL {
            assert_eq!(
                status.is_closed(),
                matches!(status, Sold | Rented),
                "{status:?}"
            );
        }
    }
}
