//! The listings page's URL: search, filters, sort and the keyset cursor
//! (product.md "Listings": search, filter by status, type, price, beds; sort;
//! keyset pagination). URLs are typed, pasted and bookmarked, so reading them
//! is lenient: anything that does not make sense is ignored, never an error.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{format_baths, parse_baths, ListingStatus, PropertyType};

/// Longest search text kept: enough for any address or phrase, and it bounds
/// the full-text query the database has to run.
pub const QUERY_TEXT_MAX: usize = 200;
/// product.md Listings: bedrooms 0-20.
const BEDS_MAX: i16 = 20;
/// A price filter above this many dollars is a typo, not a search.
const FILTER_DOLLARS_MAX: i128 = 1_000_000_000_000;

/// How the list is ordered. Each has its keyset cursor key (`cursor_key`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ListingSort {
    #[default]
    #[serde(rename = "newest")]
    Newest,
    #[serde(rename = "price_desc")]
    PriceHigh,
    #[serde(rename = "price_asc")]
    PriceLow,
    #[serde(rename = "beds")]
    Beds,
}

impl ListingSort {
    pub const ALL: [ListingSort; 4] = [Self::Newest, Self::PriceHigh, Self::PriceLow, Self::Beds];

    /// The value in the URL's `sort` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::PriceHigh => "price_desc",
            Self::PriceLow => "price_asc",
            Self::Beds => "beds",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Newest => "Newest",
            Self::PriceHigh => "Price: high to low",
            Self::PriceLow => "Price: low to high",
            Self::Beds => "Most bedrooms",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Whether the sort key runs from high to low. Ties are broken by id in the
    /// same direction, so (key, id) orders every row exactly once.
    pub fn descending(self) -> bool {
        !matches!(self, Self::PriceLow)
    }

    /// A row's cursor key under this sort: created_at in microseconds for
    /// Newest (Postgres keeps microseconds, so the key matches the column
    /// exactly), price in cents for the price sorts, bedrooms for Beds.
    pub fn cursor_key(self, created_at: DateTime<Utc>, price_cents: i64, bedrooms: i16) -> i64 {
        match self {
            Self::Newest => created_at.timestamp_micros(),
            Self::PriceHigh | Self::PriceLow => price_cents,
            Self::Beds => i64::from(bedrooms),
        }
    }
}

/// Where the next page starts: the last row's sort key and id. Opaque to
/// people, but plain enough to read in a log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub key: i64,
    pub id: Uuid,
}

impl Cursor {
    /// "1700000000000000_67e5504410b1426f9247bb680e5fe0c8": digits, an
    /// underscore and hex, all URL-safe without escaping.
    pub fn encode(&self) -> String {
        format!("{}_{}", self.key, self.id.simple())
    }

    /// The cursor from `encode`, or None for anything else: a hand-edited URL
    /// must give the first page, not an error.
    pub fn decode(s: &str) -> Option<Cursor> {
        let (key, id) = s.split_once('_')?;
        let digits = key.strip_prefix('-').unwrap_or(key);
        if digits.is_empty() || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(Cursor {
            key: key.parse().ok()?,
            id: Uuid::try_parse(id).ok()?,
        })
    }
}

/// The listings page's URL query parameters, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingQuery {
    pub q: Option<String>,
    pub status: Option<String>,
    pub property_type: Option<String>,
    /// Whole dollars, leniently: "400000", "$400,000", "400k", "1.2m".
    pub min_price: Option<String>,
    pub max_price: Option<String>,
    /// At least this many bedrooms ("3" or "3+").
    pub beds: Option<String>,
    /// At least this many bathrooms ("2", "2.5", "2+").
    pub baths: Option<String>,
    pub sort: Option<String>,
    /// "1", "true" or "on" to list archived listings instead of current ones.
    pub archived: Option<String>,
    pub after: Option<String>,
}

/// What the list shows, checked. `Default` is the unfiltered first page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingFilter {
    /// Search text, trimmed and whitespace-folded; empty means no search.
    pub q: String,
    pub status: Option<ListingStatus>,
    pub property_type: Option<PropertyType>,
    pub min_price_cents: Option<i64>,
    pub max_price_cents: Option<i64>,
    pub min_beds: Option<i16>,
    pub min_bath_halves: Option<i16>,
    pub sort: ListingSort,
    /// Archive is a flag, not a status (product.md "Listings").
    pub archived: bool,
    pub after: Option<Cursor>,
}

/// A price filter in whole dollars, returned in cents: "400000", "$400,000",
/// "400k" and "1.2m" all work, because that is how people type prices into a
/// search box. Cents are dropped. None for anything else, zero included.
fn lenient_price_cents(raw: &str) -> Option<i64> {
    let s: String = raw
        .trim()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !matches!(c, '$' | ',' | ' ' | '_'))
        .collect();
    let (number, multiplier) = if let Some(n) = s.strip_suffix('k') {
        (n, 1_000)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 1_000_000)
    } else {
        (s.as_str(), 1)
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |p: &str, max: usize| p.len() <= max && p.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole, 13) || !digits(fraction, 6) {
        return None;
    }
    let whole: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let fraction_value: i128 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    let scale = 10_i128.pow(fraction.len() as u32);
    let dollars = whole * multiplier + fraction_value * multiplier / scale;
    if dollars <= 0 || dollars > FILTER_DOLLARS_MAX {
        return None;
    }
    i64::try_from(dollars * 100).ok()
}

/// "3" or "3+" within 0-20.
fn lenient_beds(raw: &str) -> Option<i16> {
    let s = raw.trim().trim_end_matches('+').trim_end();
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|n| (0..=BEDS_MAX).contains(n))
}

impl ListingFilter {
    /// Reads the URL leniently: a value that makes no sense is dropped, so a
    /// mistyped link still shows listings instead of an error page.
    pub fn from_query(q: &ListingQuery) -> Self {
        let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_owned();
        let search = text(&q.q).split_whitespace().collect::<Vec<_>>().join(" ");
        let search: String = search.chars().take(QUERY_TEXT_MAX).collect();
        let mut min_price_cents = q.min_price.as_deref().and_then(lenient_price_cents);
        let mut max_price_cents = q.max_price.as_deref().and_then(lenient_price_cents);
        // Someone who typed the bounds the wrong way round still means the range.
        if let (Some(min), Some(max)) = (min_price_cents, max_price_cents) {
            if min > max {
                (min_price_cents, max_price_cents) = (Some(max), Some(min));
            }
        }
        ListingFilter {
            q: search.trim_end().to_owned(),
            status: ListingStatus::parse(&text(&q.status)),
            property_type: PropertyType::parse(&text(&q.property_type)),
            min_price_cents,
            max_price_cents,
            min_beds: q.beds.as_deref().and_then(lenient_beds),
            min_bath_halves: q
                .baths
                .as_deref()
                .and_then(|b| parse_baths(b.trim().trim_end_matches('+')).ok()),
            sort: ListingSort::parse(&text(&q.sort)).unwrap_or_default(),
            archived: matches!(
                text(&q.archived).to_ascii_lowercase().as_str(),
                "1" | "true" | "on"
            ),
            after: Cursor::decode(&text(&q.after)),
        }
    }

    /// The URL parameters for this filter, leaving defaults out so links stay
    /// short; `from_query` gives the same filter back. Prices are whole dollars.
    pub fn to_query(&self) -> ListingQuery {
        ListingQuery {
            q: (!self.q.is_empty()).then(|| self.q.clone()),
            status: self.status.map(|s| s.as_str().to_owned()),
            property_type: self.property_type.map(|t| t.as_str().to_owned()),
            min_price: self.min_price_cents.map(|c| (c / 100).to_string()),
            max_price: self.max_price_cents.map(|c| (c / 100).to_string()),
            beds: self.min_beds.map(|b| b.to_string()),
            baths: self.min_bath_halves.map(format_baths),
            sort: (self.sort != ListingSort::default()).then(|| self.sort.as_str().to_owned()),
            archived: self.archived.then(|| "1".to_owned()),
            after: self.after.map(|c| c.encode()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn query(pairs: &[(&str, &str)]) -> ListingQuery {
        let mut q = ListingQuery::default();
        for (name, value) in pairs {
            let slot = match *name {
                "q" => &mut q.q,
                "status" => &mut q.status,
                "property_type" => &mut q.property_type,
                "min_price" => &mut q.min_price,
                "max_price" => &mut q.max_price,
                "beds" => &mut q.beds,
                "baths" => &mut q.baths,
                "sort" => &mut q.sort,
                "archived" => &mut q.archived,
                "after" => &mut q.after,
                other => panic!("no parameter {other}"),
            };
            *slot = Some((*value).to_owned());
        }
        q
    }

    #[test]
    fn sorts_round_trip_and_default_to_newest() {
        for sort in ListingSort::ALL {
            assert_eq!(ListingSort::parse(sort.as_str()), Some(sort));
        }
        let table = [
            (ListingSort::Newest, "newest", "Newest", true),
            (
                ListingSort::PriceHigh,
                "price_desc",
                "Price: high to low",
                true,
            ),
            (
                ListingSort::PriceLow,
                "price_asc",
                "Price: low to high",
                false,
            ),
            (ListingSort::Beds, "beds", "Most bedrooms", true),
        ];
        for (sort, value, label, descending) in table {
            assert_eq!(sort.as_str(), value);
            assert_eq!(sort.label(), label);
            assert_eq!(sort.descending(), descending);
        }
        assert_eq!(ListingSort::default(), ListingSort::Newest);
        assert_eq!(ListingSort::parse("price"), None);
    }

    #[test]
    fn each_sort_keys_its_cursor_on_its_own_column() {
        let created = DateTime::from_timestamp(1_700_000_000, 123_456_000).unwrap();
        let table = [
            (ListingSort::Newest, 1_700_000_000_123_456),
            (ListingSort::PriceHigh, 65_000_000),
            (ListingSort::PriceLow, 65_000_000),
            (ListingSort::Beds, 3),
        ];
        for (sort, key) in table {
            assert_eq!(sort.cursor_key(created, 65_000_000, 3), key, "{sort:?}");
        }
    }

    #[test]
    fn cursors_round_trip_through_a_url_safe_string() {
        let table = [
            Cursor {
                key: 1_700_000_000_000_000,
                id: id(0x67e5_5044_10b1_426f_9247_bb68_0e5f_e0c8),
            },
            Cursor {
                key: 0,
                id: Uuid::nil(),
            },
            Cursor { key: -5, id: id(1) },
            Cursor {
                key: i64::MAX,
                id: id(u128::MAX),
            },
            Cursor {
                key: i64::MIN,
                id: id(42),
            },
        ];
        for cursor in table {
            let encoded = cursor.encode();
            assert!(
                encoded
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'),
                "{encoded}"
            );
            assert_eq!(Cursor::decode(&encoded), Some(cursor), "{encoded}");
        }
        assert_eq!(
            table[0].encode(),
            "1700000000000000_67e5504410b1426f9247bb680e5fe0c8"
        );
    }

    #[test]
    fn malformed_cursors_decode_to_nothing() {
        let good_id = "67e5504410b1426f9247bb680e5fe0c8";
        let table = [
            String::new(),
            "_".into(),
            "123".into(),
            good_id.into(),
            format!("_{good_id}"),
            format!("abc_{good_id}"),
            format!("+5_{good_id}"),
            format!("1.5_{good_id}"),
            format!("99999999999999999999_{good_id}"),
            format!("--5_{good_id}"),
            format!("5_{good_id}0"),
            format!("5_{}", &good_id[1..]),
            "5_67e55044-10b1-426f-9247-bb680e5fe0c8".into(),
            "5_zze5504410b1426f9247bb680e5fe0c8".into(),
            format!("5_{good_id}_6"),
            format!(" 5_{good_id}"),
        ];
        for s in table {
            assert_eq!(Cursor::decode(&s), None, "{s:?}");
        }
    }

    #[test]
    fn an_empty_query_is_the_default_filter() {
        assert_eq!(
            ListingFilter::from_query(&ListingQuery::default()),
            ListingFilter::default()
        );
        assert_eq!(ListingFilter::default().to_query(), ListingQuery::default());
    }

    #[test]
    fn the_query_reads_every_parameter() {
        let cursor = Cursor {
            key: 65_000_000,
            id: id(7),
        };
        let encoded = cursor.encode();
        let q = query(&[
            ("q", "  harbor   view "),
            ("status", "active"),
            ("property_type", "condo"),
            ("min_price", "$400,000"),
            ("max_price", "1.2m"),
            ("beds", "3+"),
            ("baths", "2.5"),
            ("sort", "price_desc"),
            ("archived", "on"),
            ("after", &encoded),
        ]);
        assert_eq!(
            ListingFilter::from_query(&q),
            ListingFilter {
                q: "harbor view".into(),
                status: Some(ListingStatus::Active),
                property_type: Some(PropertyType::Condo),
                min_price_cents: Some(40_000_000),
                max_price_cents: Some(120_000_000),
                min_beds: Some(3),
                min_bath_halves: Some(5),
                sort: ListingSort::PriceHigh,
                archived: true,
                after: Some(cursor),
            }
        );
    }

    #[test]
    fn prices_are_read_leniently_as_whole_dollars() {
        let table = [
            ("400000", Some(400_000)),
            ("$400,000", Some(400_000)),
            ("400k", Some(400_000)),
            ("400K", Some(400_000)),
            ("1.2m", Some(1_200_000)),
            ("$1.25M", Some(1_250_000)),
            ("1.5k", Some(1_500)),
            (" 750 000 ", Some(750_000)),
            ("400000.99", Some(400_000)),
            (".5m", Some(500_000)),
            ("0", None),
            ("0.4", None),
            ("-400000", None),
            ("abc", None),
            ("", None),
            ("k", None),
            ("400kk", None),
            ("1.2.3", None),
            ("4e5", None),
            ("99999999999999999999", None),
            ("2000000m", None),
        ];
        for (raw, dollars) in table {
            let filter = ListingFilter::from_query(&query(&[("min_price", raw)]));
            assert_eq!(
                filter.min_price_cents,
                dollars.map(|d: i64| d * 100),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn garbage_parameters_are_ignored_not_errors() {
        let q = query(&[
            ("status", "pending"),
            ("property_type", "office"),
            ("min_price", "cheap"),
            ("max_price", "lots"),
            ("beds", "many"),
            ("baths", "2.3"),
            ("sort", "random"),
            ("archived", "maybe"),
            ("after", "page2"),
        ]);
        assert_eq!(ListingFilter::from_query(&q), ListingFilter::default());
    }

    #[test]
    fn small_parameter_variations_are_understood() {
        type Check = fn(&ListingFilter) -> bool;
        let table: &[(&[(&str, &str)], Check)] = &[
            (&[("archived", "1")], |f| f.archived),
            (&[("archived", "TRUE")], |f| f.archived),
            (&[("archived", "0")], |f| !f.archived),
            (&[("archived", "")], |f| !f.archived),
            (&[("beds", "0")], |f| f.min_beds == Some(0)),
            (&[("beds", "20")], |f| f.min_beds == Some(20)),
            (&[("beds", "21")], |f| f.min_beds.is_none()),
            (&[("beds", "-1")], |f| f.min_beds.is_none()),
            (&[("baths", "2+")], |f| f.min_bath_halves == Some(4)),
            (&[("baths", "21")], |f| f.min_bath_halves.is_none()),
            (&[("status", " sold ")], |f| {
                f.status == Some(ListingStatus::Sold)
            }),
            (&[("sort", "beds")], |f| f.sort == ListingSort::Beds),
            (&[("q", "   ")], |f| f.q.is_empty()),
            // Bounds given the wrong way round are swapped, not dropped.
            (&[("min_price", "900k"), ("max_price", "300k")], |f| {
                f.min_price_cents == Some(30_000_000) && f.max_price_cents == Some(90_000_000)
            }),
        ];
        for (pairs, check) in table {
            let filter = ListingFilter::from_query(&query(pairs));
            assert!(check(&filter), "{pairs:?}: {filter:?}");
        }
    }

    #[test]
    fn search_text_is_capped_at_two_hundred_characters() {
        let long = format!("{} tail", "é".repeat(300));
        let filter = ListingFilter::from_query(&query(&[("q", &long)]));
        assert_eq!(filter.q.chars().count(), QUERY_TEXT_MAX);
        // A cut that lands on a space does not leave it dangling.
        let spaced = format!("{} b", "a".repeat(199));
        assert_eq!(
            ListingFilter::from_query(&query(&[("q", &spaced)])).q,
            "a".repeat(199)
        );
    }

    #[test]
    fn a_filter_survives_the_trip_through_its_url() {
        let filters = [
            ListingFilter::default(),
            ListingFilter {
                q: "harbor view".into(),
                status: Some(ListingStatus::UnderContract),
                property_type: Some(PropertyType::MultiFamily),
                min_price_cents: Some(40_000_000),
                max_price_cents: Some(120_000_000),
                min_beds: Some(0),
                min_bath_halves: Some(3),
                sort: ListingSort::PriceLow,
                archived: true,
                after: Some(Cursor {
                    key: 40_000_000,
                    id: id(9),
                }),
            },
            ListingFilter {
                sort: ListingSort::Beds,
                min_beds: Some(4),
                ..ListingFilter::default()
            },
        ];
        for filter in filters {
            assert_eq!(
                ListingFilter::from_query(&filter.to_query()),
                filter,
                "{filter:?}"
            );
        }
    }

    #[test]
    fn links_leave_out_default_values() {
        let q = ListingFilter {
            min_price_cents: Some(40_000_000),
            ..ListingFilter::default()
        }
        .to_query();
        assert_eq!(
            q,
            ListingQuery {
                min_price: Some("400000".into()),
                ..ListingQuery::default()
            }
        );
    }
}
