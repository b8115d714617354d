//! The listing form: the raw strings the agent typed (`ListingForm`, named after
//! the form's `name` attributes) and the checked values (`ListingInput`). The
//! browser runs `ListingInput::parse` before submit and the server runs it again.

use serde::{Deserialize, Serialize};

use super::{address, format_baths, format_number, format_price, ListingStatus, PropertyType};
use crate::content::ListingFacts;
use crate::error::FieldErrors;
use crate::forms::parse_name;

/// product.md Listings: price in USD, 1,000-100,000,000 with at most 2 decimals.
pub const PRICE_MIN_CENTS: i64 = 100_000;
pub const PRICE_MAX_CENTS: i64 = 10_000_000_000;
/// product.md Listings: bathrooms 0-20 in halves (RESO BathroomsTotal).
pub const BATH_HALVES_MAX: i16 = 40;
/// product.md Listings: bedrooms 0-20.
const BEDROOMS_MAX: i64 = 20;
/// RESO GarageSpaces: optional, 0 to 20.
const GARAGE_SPACES_MAX: i64 = 20;
/// product.md Listings: living area 100-50,000 sq ft.
const LIVING_AREA_MIN: i64 = 100;
const LIVING_AREA_MAX: i64 = 50_000;
/// 1,000 acres: product.md sets no bound, and anything larger is a farm or a
/// ranch, outside our residential-only scope (seed 002 L239).
const LOT_SIZE_MAX: i64 = 43_560_000;
/// Older homes are rare enough that an earlier year is far likelier a typo;
/// new construction is listed up to two years before it is finished.
const YEAR_BUILT_MIN: i64 = 1800;
const YEAR_BUILT_AHEAD: i32 = 2;
/// Long enough to say something, short enough for a card and an MLS headline.
const TITLE_MIN: usize = 3;
const TITLE_MAX: usize = 120;
const STREET_MIN: usize = 3;
const STREET_MAX: usize = 120;
const CITY_MIN: usize = 2;
const CITY_MAX: usize = 80;
/// Room for a long description without letting a pasted document through.
const DESCRIPTION_MAX: usize = 5_000;
/// Features are tags ("hardwood floors"): short, and few enough to read.
const FEATURE_MIN: usize = 2;
const FEATURE_MAX: usize = 40;
const FEATURES_MAX: usize = 30;

crate::string_form! {
    /// The listing form exactly as submitted: every field a string, because the
    /// form must work before WASM loads and must show back what was typed.
    pub struct ListingForm {
        title,
        property_type,
        price,
        bedrooms,
        bathrooms,
        living_area,
        lot_size,
        year_built,
        /// RESO GarageSpaces; optional.
        garage_spaces,
        street,
        city,
        state,
        postal_code,
        description,
        /// Comma- or line-separated tags.
        features,
    }
}

/// A checked listing, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingInput {
    pub title: String,
    pub property_type: PropertyType,
    /// USD cents.
    pub price_cents: i64,
    pub bedrooms: i16,
    /// Bathrooms in half units: 5 means 2.5 (RESO BathroomsTotal).
    pub bathroom_halves: i16,
    pub living_area_sqft: Option<i32>,
    pub lot_size_sqft: Option<i32>,
    pub year_built: Option<i16>,
    /// RESO GarageSpaces.
    pub garage_spaces: Option<i16>,
    pub street: String,
    pub city: String,
    /// Two-letter code, upper case.
    pub state: String,
    /// "12345" or "12345-6789".
    pub postal_code: String,
    pub description: String,
    pub features: Vec<String>,
}

/// A whole number as typed.
enum Whole {
    Empty,
    Invalid,
    Value(i128),
}

/// Digits, optionally with thousands commas in the right places ("1,850", not
/// "1,85,0"). Saturates rather than overflowing, so an absurdly long number is
/// reported as out of range instead of as "not a number".
fn grouped_digits(s: &str, commas: bool) -> Option<i128> {
    if s.is_empty() {
        return None;
    }
    if s.contains(',') {
        let mut groups = s.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !commas || !first_ok || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let mut n: i128 = 0;
    for b in s.bytes() {
        match b {
            b',' => {}
            b'0'..=b'9' => n = n.saturating_mul(10).saturating_add(i128::from(b - b'0')),
            _ => return None,
        }
    }
    Some(n)
}

/// An optional leading minus sign, then `grouped_digits`.
fn parse_whole(raw: &str, commas: bool) -> Whole {
    let s = raw.trim();
    if s.is_empty() {
        return Whole::Empty;
    }
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    };
    match grouped_digits(digits, commas) {
        Some(n) if negative => Whole::Value(-n),
        Some(n) => Whole::Value(n),
        None => Whole::Invalid,
    }
}

/// A whole-number field: `Ok(None)` when left empty (the caller decides whether
/// that is allowed), otherwise the value within `min..=max`.
fn parse_whole_field(
    raw: &str,
    commas: bool,
    (min, max): (i64, i64),
    invalid: &str,
    out_of_range: &str,
) -> Result<Option<i64>, String> {
    match parse_whole(raw, commas) {
        Whole::Empty => Ok(None),
        Whole::Invalid => Err(invalid.to_owned()),
        Whole::Value(n) if n < i128::from(min) || n > i128::from(max) => {
            Err(out_of_range.to_owned())
        }
        Whole::Value(n) => Ok(i64::try_from(n).ok()),
    }
}

/// Strips one leading "-" and one "$" in either order ("-$5", "$-5", "$ 5").
fn strip_sign_and_dollar(s: &str) -> (bool, &str) {
    let mut negative = false;
    let mut s = s;
    if let Some(rest) = s.strip_prefix('-') {
        negative = true;
        s = rest.trim_start();
    }
    if let Some(rest) = s.strip_prefix('$') {
        s = rest.trim_start();
    }
    if !negative {
        if let Some(rest) = s.strip_prefix('-') {
            negative = true;
            s = rest.trim_start();
        }
    }
    (negative, s)
}

/// The asking price in USD cents: "$1,250,000", "500000", "500,000.50".
/// Parsed digit by digit, never through a float, so cents are exact.
pub fn parse_price(raw: &str) -> Result<i64, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err("Enter the price.".to_owned());
    }
    let not_a_number = || "Enter the price as a number, like 450000 or $450,000.".to_owned();
    let (negative, s) = strip_sign_and_dollar(s);
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    let dollars = if whole.is_empty() && !fraction.is_empty() {
        Some(0)
    } else {
        grouped_digits(whole, true)
    };
    let Some(dollars) = dollars else {
        return Err(not_a_number());
    };
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_a_number());
    }
    let cents_part: i128 = match fraction.as_bytes() {
        [] => 0,
        [tens] => i128::from(tens - b'0') * 10,
        [tens, ones] => i128::from(tens - b'0') * 10 + i128::from(ones - b'0'),
        _ => return Err("Use at most 2 decimal places for the price, like 450000.50.".to_owned()),
    };
    let cents = dollars.saturating_mul(100).saturating_add(cents_part);
    let range = format!(
        "Enter a price between {} and {}.",
        format_price(PRICE_MIN_CENTS),
        format_price(PRICE_MAX_CENTS)
    );
    if negative || cents == 0 {
        return Err(format!("The price must be more than $0. {range}"));
    }
    if cents < i128::from(PRICE_MIN_CENTS) || cents > i128::from(PRICE_MAX_CENTS) {
        return Err(range);
    }
    Ok(i64::try_from(cents).unwrap_or(PRICE_MAX_CENTS))
}

/// Bathrooms in half units: "2" and "2.0" → 4, "2.5" → 5 (RESO BathroomsTotal
/// counts a half bath as 0.5; quarter baths are not a thing we list).
pub fn parse_baths(raw: &str) -> Result<i16, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err("Enter the number of bathrooms.".to_owned());
    }
    let not_a_number = || "Enter bathrooms as a number, like 2 or 2.5.".to_owned();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    };
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    let whole = match whole {
        "" if !fraction.is_empty() => 0,
        w => grouped_digits(w, false).ok_or_else(not_a_number)?,
    };
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_a_number());
    }
    let half = match fraction.trim_end_matches('0') {
        "" => 0,
        "5" => 1,
        _ => return Err("Use whole or half bathrooms, like 2 or 2.5.".to_owned()),
    };
    let halves = whole.saturating_mul(2).saturating_add(half);
    if (negative && halves > 0) || halves > i128::from(BATH_HALVES_MAX) {
        return Err(format!(
            "Enter between 0 and {} bathrooms.",
            BATH_HALVES_MAX / 2
        ));
    }
    Ok(i16::try_from(halves).unwrap_or(BATH_HALVES_MAX))
}

/// US ZIP or ZIP+4, the only postal codes we list in.
fn is_zip(s: &str) -> bool {
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match s.split_once('-') {
        None => digits(s, 5),
        Some((zip, plus4)) => digits(zip, 5) && digits(plus4, 4),
    }
}

/// Tags split on commas and new lines, whitespace folded, empty pieces dropped,
/// duplicates (ignoring case) dropped keeping the first spelling.
fn parse_features(raw: &str) -> Result<Vec<String>, String> {
    let mut features: Vec<String> = Vec::new();
    for piece in raw.split([',', '\n']) {
        let feature = piece.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = feature.chars().count();
        if n == 0 {
            continue;
        }
        if n < FEATURE_MIN {
            return Err(format!(
                "\"{feature}\" is too short; use {FEATURE_MIN} to {FEATURE_MAX} characters for each feature."
            ));
        }
        if n > FEATURE_MAX {
            let start: String = feature.chars().take(20).collect();
            return Err(format!(
                "\"{start}…\" is too long; use {FEATURE_MIN} to {FEATURE_MAX} characters for each feature."
            ));
        }
        let lower = feature.to_lowercase();
        if !features.iter().any(|f| f.to_lowercase() == lower) {
            features.push(feature);
        }
    }
    if features.len() > FEATURES_MAX {
        return Err(format!("Use at most {FEATURES_MAX} features."));
    }
    Ok(features)
}

/// A price as a form value: plain digits so a number input accepts it.
fn price_field(cents: i64) -> String {
    match cents % 100 {
        0 => (cents / 100).to_string(),
        rest => format!("{}.{:02}", cents / 100, rest.abs()),
    }
}

impl ListingInput {
    /// Checks every field and reports every problem at once, keyed by the form
    /// field's name. `this_year` bounds the year built (new construction may be
    /// listed up to two years ahead).
    pub fn parse(form: &ListingForm, this_year: i32) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        // control characters anywhere are refused first, with the field's own message
        for (field, value) in form.pairs() {
            if let Some(problem) = crate::text::free_text_problem(value) {
                errors.add(field, problem);
            }
        }

        let title = parse_name(&form.title, TITLE_MIN, TITLE_MAX, "a title")
            .map_err(|m| errors.add("title", m))
            .unwrap_or_default();

        let property_type = PropertyType::parse(form.property_type.trim());
        if property_type.is_none() {
            errors.add("property_type", "Choose a property type.");
        }

        let price_cents = parse_price(&form.price)
            .map_err(|m| errors.add("price", m))
            .unwrap_or_default();

        let bedrooms = match parse_whole_field(
            &form.bedrooms,
            false,
            (0, BEDROOMS_MAX),
            "Enter bedrooms as a whole number, like 3.",
            &format!("Enter between 0 and {BEDROOMS_MAX} bedrooms."),
        ) {
            Ok(Some(n)) => n,
            Ok(None) => {
                errors.add("bedrooms", "Enter the number of bedrooms.");
                0
            }
            Err(m) => {
                errors.add("bedrooms", m);
                0
            }
        };

        let bathroom_halves = parse_baths(&form.bathrooms)
            .map_err(|m| errors.add("bathrooms", m))
            .unwrap_or_default();

        // Land has no building, so no living area to give.
        let living_area = match parse_whole_field(
            &form.living_area,
            true,
            (LIVING_AREA_MIN, LIVING_AREA_MAX),
            "Enter the living area as a whole number of square feet, like 1,850.",
            &format!(
                "Enter a living area between {} and {} sq ft.",
                format_number(LIVING_AREA_MIN),
                format_number(LIVING_AREA_MAX)
            ),
        ) {
            Ok(None) if property_type != Some(PropertyType::Land) => {
                errors.add("living_area", "Enter the living area in square feet.");
                None
            }
            Ok(n) => n,
            Err(m) => {
                errors.add("living_area", m);
                None
            }
        };

        let lot_size = parse_whole_field(
            &form.lot_size,
            true,
            (1, LOT_SIZE_MAX),
            "Enter the lot size as a whole number of square feet, like 6,500.",
            &format!(
                "Enter a lot size between 1 and {} sq ft.",
                format_number(LOT_SIZE_MAX)
            ),
        )
        .map_err(|m| errors.add("lot_size", m))
        .unwrap_or_default();

        let latest_year = i64::from(this_year) + i64::from(YEAR_BUILT_AHEAD);
        let year_built = parse_whole_field(
            &form.year_built,
            false,
            (YEAR_BUILT_MIN, latest_year),
            "Enter the year built as four digits, like 1998.",
            &format!("Enter a year built between {YEAR_BUILT_MIN} and {latest_year}."),
        )
        .map_err(|m| errors.add("year_built", m))
        .unwrap_or_default();

        let garage_spaces = parse_whole_field(
            &form.garage_spaces,
            false,
            (0, GARAGE_SPACES_MAX),
            "Enter garage spaces as a whole number, like 2.",
            &format!("Enter between 0 and {GARAGE_SPACES_MAX} garage spaces."),
        )
        .map_err(|m| errors.add("garage_spaces", m))
        .unwrap_or_default();

        let street = parse_name(&form.street, STREET_MIN, STREET_MAX, "the street address")
            .map_err(|m| errors.add("street", m))
            .unwrap_or_default();
        let city = parse_name(&form.city, CITY_MIN, CITY_MAX, "the city")
            .map_err(|m| errors.add("city", m))
            .unwrap_or_default();

        let state = form.state.trim().to_ascii_uppercase();
        if state.is_empty() {
            errors.add("state", "Enter the state.");
        } else if !address::is_us_state_code(&state) {
            errors.add("state", "Use the two-letter state code, like MA.");
        }

        let postal_code = form.postal_code.trim().to_owned();
        if postal_code.is_empty() {
            errors.add("postal_code", "Enter the ZIP code.");
        } else if !is_zip(&postal_code) {
            errors.add(
                "postal_code",
                "Enter a 5-digit ZIP code, like 02110 or 02110-1234.",
            );
        }

        let description = form.description.trim().to_owned();
        if description.chars().count() > DESCRIPTION_MAX {
            errors.add(
                "description",
                format!(
                    "Shorten the description to {} characters or fewer.",
                    format_number(DESCRIPTION_MAX as i64)
                ),
            );
        }

        let features = parse_features(&form.features)
            .map_err(|m| errors.add("features", m))
            .unwrap_or_default();

        // The casts below cannot truncate: each value was range-checked above.
        errors.into_result(ListingInput {
            title,
            property_type: property_type.unwrap_or(PropertyType::House),
            price_cents,
            bedrooms: bedrooms as i16,
            bathroom_halves,
            living_area_sqft: living_area.map(|n| n as i32),
            lot_size_sqft: lot_size.map(|n| n as i32),
            year_built: year_built.map(|n| n as i16),
            garage_spaces: garage_spaces.map(|n| n as i16),
            street,
            city,
            state,
            postal_code,
            description,
            features,
        })
    }

    /// The form pre-filled for editing; `parse` gives this input back.
    pub fn to_form(&self) -> ListingForm {
        let optional = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        ListingForm {
            title: self.title.clone(),
            property_type: self.property_type.as_str().to_owned(),
            price: price_field(self.price_cents),
            bedrooms: self.bedrooms.to_string(),
            bathrooms: format_baths(self.bathroom_halves),
            living_area: optional(self.living_area_sqft.map(i64::from)),
            lot_size: optional(self.lot_size_sqft.map(i64::from)),
            year_built: optional(self.year_built.map(i64::from)),
            garage_spaces: optional(self.garage_spaces.map(i64::from)),
            street: self.street.clone(),
            city: self.city.clone(),
            state: self.state.clone(),
            postal_code: self.postal_code.clone(),
            description: self.description.clone(),
            features: self.features.join(", "),
        }
    }

    /// The key that must be unique per agent among non-archived listings
    /// (product.md "Listings"); see `listing::address_key`.
    pub fn address_key(&self) -> String {
        address::address_key(&self.street, &self.postal_code)
    }

    /// Whether the AI copy is now stale: true when any fact it is written from
    /// changed, which is every field except the description (the description is
    /// itself AI output, so editing it must not ask for a rewrite).
    pub fn significant_change(&self, newer: &Self) -> bool {
        let same_but_description = ListingInput {
            description: newer.description.clone(),
            ..self.clone()
        };
        same_but_description != *newer
    }

    /// The feature tags plus the garage (RESO GarageSpaces) as words the copy may use,
    /// "2-car garage", unless a tag already names a garage.
    fn features_with_garage(&self) -> Vec<String> {
        let mut features = self.features.clone();
        if let Some(n) = self.garage_spaces.filter(|n| *n > 0) {
            if !features.iter().any(|f| f.to_lowercase().contains("garage")) {
                features.push(format!("{n}-car garage"));
            }
        }
        features
    }

    /// The facts AI copy may be written from (content.rs `ListingFacts`).
    pub fn facts(
        &self,
        status: ListingStatus,
        agent_name: &str,
        agent_email: &str,
    ) -> ListingFacts {
        ListingFacts {
            title: self.title.clone(),
            property_type: self.property_type,
            status,
            price_cents: self.price_cents,
            bedrooms: self.bedrooms,
            bathroom_halves: self.bathroom_halves,
            living_area_sqft: self.living_area_sqft,
            lot_size_sqft: self.lot_size_sqft,
            year_built: self.year_built,
            street: self.street.clone(),
            city: self.city.clone(),
            state: self.state.clone(),
            postal_code: self.postal_code.clone(),
            features: self.features_with_garage(),
            agent_name: agent_name.to_owned(),
            agent_email: agent_email.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YEAR: i32 = 2026;

    fn valid_form() -> ListingForm {
        ListingForm {
            title: "Sunny two-bed by the harbor".into(),
            property_type: "condo".into(),
            price: "$650,000".into(),
            bedrooms: "2".into(),
            bathrooms: "1.5".into(),
            living_area: "1,150".into(),
            lot_size: "".into(),
            year_built: "1998".into(),
            garage_spaces: "1".into(),
            street: "12 Harbor Street, Apt. 4".into(),
            city: "Boston".into(),
            state: "ma".into(),
            postal_code: "02110".into(),
            description: "  Light all day.  ".into(),
            features: "Hardwood floors, roof deck\nin-unit laundry".into(),
        }
    }

    fn valid_input() -> ListingInput {
        ListingInput {
            title: "Sunny two-bed by the harbor".into(),
            property_type: PropertyType::Condo,
            price_cents: 65_000_000,
            bedrooms: 2,
            bathroom_halves: 3,
            living_area_sqft: Some(1150),
            lot_size_sqft: None,
            year_built: Some(1998),
            garage_spaces: Some(1),
            street: "12 Harbor Street, Apt. 4".into(),
            city: "Boston".into(),
            state: "MA".into(),
            postal_code: "02110".into(),
            description: "Light all day.".into(),
            features: vec![
                "Hardwood floors".into(),
                "roof deck".into(),
                "in-unit laundry".into(),
            ],
        }
    }

    /// The valid form with one field replaced.
    fn with(field: &str, value: &str) -> ListingForm {
        let mut form = valid_form();
        let slot = match field {
            "title" => &mut form.title,
            "property_type" => &mut form.property_type,
            "price" => &mut form.price,
            "bedrooms" => &mut form.bedrooms,
            "bathrooms" => &mut form.bathrooms,
            "living_area" => &mut form.living_area,
            "lot_size" => &mut form.lot_size,
            "year_built" => &mut form.year_built,
            "garage_spaces" => &mut form.garage_spaces,
            "street" => &mut form.street,
            "city" => &mut form.city,
            "state" => &mut form.state,
            "postal_code" => &mut form.postal_code,
            "description" => &mut form.description,
            "features" => &mut form.features,
            other => panic!("no field {other}"),
        };
        *slot = value.to_owned();
        form
    }

    #[test]
    fn prices_are_read_exactly_in_cents() {
        let table = [
            ("$1,250,000", 125_000_000),
            ("500000", 50_000_000),
            ("500000.5", 50_000_050),
            ("500,000.50", 50_000_050),
            ("  $ 500,000  ", 50_000_000),
            ("500000.", 50_000_000),
            ("1000", 100_000),
            ("100,000,000", 10_000_000_000),
            ("100000000.00", 10_000_000_000),
            ("0001000", 100_000),
            ("1234567.89", 123_456_789),
        ];
        for (raw, cents) in table {
            assert_eq!(parse_price(raw), Ok(cents), "{raw}");
        }
    }

    #[test]
    fn bad_prices_say_what_to_enter() {
        let range = "Enter a price between $1,000 and $100,000,000.";
        let positive =
            "The price must be more than $0. Enter a price between $1,000 and $100,000,000.";
        let number = "Enter the price as a number, like 450000 or $450,000.";
        let decimals = "Use at most 2 decimal places for the price, like 450000.50.";
        let table = [
            ("", "Enter the price."),
            ("   ", "Enter the price."),
            ("abc", number),
            ("$", number),
            (".", number),
            ("1.2.3", number),
            ("12,34", number),
            ("1,2345", number),
            (",500", number),
            ("500k", number),
            ("5e5", number),
            ("500000.123", decimals),
            ("0", positive),
            ("0.00", positive),
            ("-5000", positive),
            ("-$5,000", positive),
            ("$-5,000", positive),
            ("999.99", range),
            ("100000000.01", range),
            ("999999999999999999999999999999999999999999", range),
        ];
        for (raw, message) in table {
            assert_eq!(parse_price(raw), Err(message.to_owned()), "{raw}");
        }
    }

    #[test]
    fn bathrooms_are_whole_or_half() {
        let ok = [
            ("2", 4),
            ("2.0", 4),
            ("2.5", 5),
            ("2.50", 5),
            (" 0 ", 0),
            ("0.5", 1),
            (".5", 1),
            ("20", 40),
            ("19.5", 39),
        ];
        for (raw, halves) in ok {
            assert_eq!(parse_baths(raw), Ok(halves), "{raw}");
        }
        let bad = [
            ("", "Enter the number of bathrooms."),
            ("2.3", "Use whole or half bathrooms, like 2 or 2.5."),
            ("2.25", "Use whole or half bathrooms, like 2 or 2.5."),
            ("two", "Enter bathrooms as a number, like 2 or 2.5."),
            ("2.x", "Enter bathrooms as a number, like 2 or 2.5."),
            ("20.5", "Enter between 0 and 20 bathrooms."),
            ("21", "Enter between 0 and 20 bathrooms."),
            ("-1", "Enter between 0 and 20 bathrooms."),
        ];
        for (raw, message) in bad {
            assert_eq!(parse_baths(raw), Err(message.to_owned()), "{raw}");
        }
    }

    #[test]
    fn a_valid_form_parses_trimmed_and_normalised() {
        assert_eq!(ListingInput::parse(&valid_form(), YEAR), Ok(valid_input()));
    }

    #[test]
    fn each_field_enforces_its_rule_at_the_boundaries() {
        // (field, value, expected error or None when accepted)
        let table: &[(&str, &str, Option<&str>)] = &[
            ("title", "", Some("Enter a title.")),
            ("title", "ab", Some("Use at least 3 characters.")),
            ("title", "  a    b  ", None),
            ("title", "  ab  ", Some("Use at least 3 characters.")),
            ("title", "abc", None),
            ("title", &"t".repeat(120), None),
            ("title", &"t".repeat(121), Some("Use at most 120 characters.")),
            ("property_type", "", Some("Choose a property type.")),
            ("property_type", "office", Some("Choose a property type.")),
            ("property_type", "Condo", Some("Choose a property type.")),
            ("property_type", "multi_family", None),
            ("property_type", " house ", None),
            ("price", "", Some("Enter the price.")),
            ("price", "1000", None),
            ("price", "999", Some("Enter a price between $1,000 and $100,000,000.")),
            ("bedrooms", "", Some("Enter the number of bedrooms.")),
            ("bedrooms", "0", None),
            ("bedrooms", "20", None),
            ("bedrooms", "21", Some("Enter between 0 and 20 bedrooms.")),
            ("bedrooms", "-1", Some("Enter between 0 and 20 bedrooms.")),
            ("bedrooms", "2.5", Some("Enter bedrooms as a whole number, like 3.")),
            ("bedrooms", "three", Some("Enter bedrooms as a whole number, like 3.")),
            ("bathrooms", "", Some("Enter the number of bathrooms.")),
            ("bathrooms", "2.3", Some("Use whole or half bathrooms, like 2 or 2.5.")),
            ("bathrooms", "20", None),
            ("living_area", "", Some("Enter the living area in square feet.")),
            ("living_area", "100", None),
            ("living_area", "50,000", None),
            ("living_area", "99", Some("Enter a living area between 100 and 50,000 sq ft.")),
            ("living_area", "50001", Some("Enter a living area between 100 and 50,000 sq ft.")),
            ("living_area", "1850.5", Some("Enter the living area as a whole number of square feet, like 1,850.")),
            ("living_area", "1,85,0", Some("Enter the living area as a whole number of square feet, like 1,850.")),
            ("lot_size", "", None),
            ("lot_size", "1", None),
            ("lot_size", "43,560,000", None),
            ("lot_size", "0", Some("Enter a lot size between 1 and 43,560,000 sq ft.")),
            ("lot_size", "43560001", Some("Enter a lot size between 1 and 43,560,000 sq ft.")),
            ("lot_size", "half an acre", Some("Enter the lot size as a whole number of square feet, like 6,500.")),
            ("year_built", "", None),
            ("year_built", "1800", None),
            ("year_built", "2028", None),
            ("year_built", "1799", Some("Enter a year built between 1800 and 2028.")),
            ("year_built", "2029", Some("Enter a year built between 1800 and 2028.")),
            ("year_built", "1,998", Some("Enter the year built as four digits, like 1998.")),
            ("year_built", "'98", Some("Enter the year built as four digits, like 1998.")),
            ("garage_spaces", "", None),
            ("garage_spaces", "0", None),
            ("garage_spaces", "20", None),
            ("garage_spaces", "21", Some("Enter between 0 and 20 garage spaces.")),
            ("garage_spaces", "-1", Some("Enter between 0 and 20 garage spaces.")),
            ("garage_spaces", "two", Some("Enter garage spaces as a whole number, like 2.")),
            ("street", "", Some("Enter the street address.")),
            ("street", "1 A", None),
            ("street", "1A", Some("Use at least 3 characters.")),
            ("street", &"s".repeat(121), Some("Use at most 120 characters.")),
            ("city", "", Some("Enter the city.")),
            ("city", "X", Some("Use at least 2 characters.")),
            ("city", "Ely", None),
            ("city", &"c".repeat(80), None),
            ("city", &"c".repeat(81), Some("Use at most 80 characters.")),
            ("state", "", Some("Enter the state.")),
            ("state", "Massachusetts", Some("Use the two-letter state code, like MA.")),
            ("state", "XX", Some("Use the two-letter state code, like MA.")),
            ("state", " pr ", None),
            ("postal_code", "", Some("Enter the ZIP code.")),
            ("postal_code", "02110", None),
            ("postal_code", "02110-1234", None),
            ("postal_code", "2110", Some("Enter a 5-digit ZIP code, like 02110 or 02110-1234.")),
            ("postal_code", "02110-12", Some("Enter a 5-digit ZIP code, like 02110 or 02110-1234.")),
            ("postal_code", "021101234", Some("Enter a 5-digit ZIP code, like 02110 or 02110-1234.")),
            ("postal_code", "SW1A 1AA", Some("Enter a 5-digit ZIP code, like 02110 or 02110-1234.")),
            ("description", "", None),
            ("description", &"d".repeat(5000), None),
            ("description", &format!("  {}  ", "d".repeat(5000)), None),
            ("description", &"d".repeat(5001), Some("Shorten the description to 5,000 characters or fewer.")),
            ("features", "", None),
            ("features", " , ,\n", None),
            ("features", "ok", None),
            ("features", "pool, x", Some("\"x\" is too short; use 2 to 40 characters for each feature.")),
            ("features", &"f".repeat(40), None),
            (
                "features",
                &"f".repeat(41),
                Some("\"ffffffffffffffffffff…\" is too long; use 2 to 40 characters for each feature."),
            ),
        ];
        for (field, value, expected) in table {
            let result = ListingInput::parse(&with(field, value), YEAR);
            match expected {
                None => assert!(result.is_ok(), "{field}={value:?}: {result:?}"),
                Some(message) => {
                    let errors = result.expect_err(&format!("{field}={value:?} should fail"));
                    assert_eq!(errors.get(field), Some(*message), "{field}={value:?}");
                    assert_eq!(errors.0.len(), 1, "{field}={value:?}: {errors}");
                }
            }
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = ListingInput::parse(&ListingForm::default(), YEAR).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "title",
                "property_type",
                "price",
                "bedrooms",
                "bathrooms",
                "living_area",
                "street",
                "city",
                "state",
                "postal_code"
            ]
        );
    }

    #[test]
    fn land_does_not_need_a_living_area() {
        let mut form = with("property_type", "land");
        form.living_area = String::new();
        let input = ListingInput::parse(&form, YEAR).unwrap();
        assert_eq!(input.living_area_sqft, None);
        // Land may still give one; it is checked like any other.
        form.living_area = "50".into();
        assert!(ListingInput::parse(&form, YEAR).is_err());
    }

    #[test]
    fn features_are_split_folded_and_deduplicated() {
        let table: &[(&str, &[&str])] = &[
            ("pool, garage", &["pool", "garage"]),
            ("pool\ngarage\r\n", &["pool", "garage"]),
            ("  roof   deck ,, \n  ", &["roof deck"]),
            ("Pool, pool, POOL, garage", &["Pool", "garage"]),
            ("Roof Deck, roof  deck", &["Roof Deck"]),
        ];
        for (raw, expected) in table {
            let input = ListingInput::parse(&with("features", raw), YEAR).unwrap();
            assert_eq!(input.features, *expected, "{raw:?}");
        }
    }

    #[test]
    fn at_most_thirty_distinct_features_are_allowed() {
        let thirty: Vec<String> = (1..=30).map(|i| format!("feature {i}")).collect();
        let mut raw = thirty.join(", ");
        // Duplicates do not count towards the limit.
        raw.push_str(", FEATURE 1");
        assert_eq!(
            ListingInput::parse(&with("features", &raw), YEAR)
                .unwrap()
                .features
                .len(),
            30
        );
        raw.push_str(", feature 31");
        assert_eq!(
            ListingInput::parse(&with("features", &raw), YEAR)
                .unwrap_err()
                .get("features"),
            Some("Use at most 30 features.")
        );
    }

    #[test]
    fn the_edit_form_parses_back_to_the_same_input() {
        let mut land = valid_input();
        land.property_type = PropertyType::Land;
        land.living_area_sqft = None;
        land.lot_size_sqft = Some(43_560);
        land.year_built = None;
        land.price_cents = 12_345_678;
        land.bathroom_halves = 0;
        land.features = vec![];
        land.description = String::new();
        for input in [valid_input(), land] {
            let form = input.to_form();
            assert_eq!(ListingInput::parse(&form, YEAR), Ok(input));
        }
        let form = valid_input().to_form();
        assert_eq!(form.price, "650000");
        assert_eq!(form.bathrooms, "1.5");
        assert_eq!(form.lot_size, "");
        assert_eq!(form.features, "Hardwood floors, roof deck, in-unit laundry");
    }

    #[test]
    fn the_address_key_ignores_how_the_address_was_written() {
        let a = valid_input();
        let mut b = valid_input();
        b.street = "12 harbor st unit 4".into();
        b.postal_code = "02110-0001".into();
        assert_eq!(a.address_key(), b.address_key());
        assert_eq!(a.address_key(), "12 harbor st unit 4 02110");
    }

    #[test]
    fn only_changes_to_facts_the_copy_uses_are_significant() {
        type Edit = fn(&mut ListingInput);
        let table: &[(&str, Edit, bool)] = &[
            ("nothing", |_| {}, false),
            ("description", |i| i.description.push_str(" More."), false),
            ("title", |i| i.title.push('!'), true),
            (
                "property type",
                |i| i.property_type = PropertyType::Townhouse,
                true,
            ),
            ("price", |i| i.price_cents += 100, true),
            ("bedrooms", |i| i.bedrooms += 1, true),
            ("bathrooms", |i| i.bathroom_halves += 1, true),
            ("living area", |i| i.living_area_sqft = Some(1200), true),
            ("lot size", |i| i.lot_size_sqft = Some(5000), true),
            ("year built", |i| i.year_built = None, true),
            ("garage spaces", |i| i.garage_spaces = Some(2), true),
            ("street", |i| i.street = "14 Harbor Street".into(), true),
            ("city", |i| i.city = "Cambridge".into(), true),
            ("state", |i| i.state = "NH".into(), true),
            ("postal code", |i| i.postal_code = "02111".into(), true),
            ("features", |i| i.features.push("garden".into()), true),
        ];
        for (what, edit, significant) in table {
            let old = valid_input();
            let mut new = valid_input();
            edit(&mut new);
            assert_eq!(old.significant_change(&new), *significant, "{what}");
        }
    }

    #[test]
    fn facts_carry_the_input_status_and_agent() {
        let input = valid_input();
        let facts = input.facts(
            ListingStatus::Active,
            "Dana Whitfield",
            "dana@harbor.example",
        );
        assert_eq!(facts.title, input.title);
        assert_eq!(facts.property_type, PropertyType::Condo);
        assert_eq!(facts.status, ListingStatus::Active);
        assert_eq!(facts.price_cents, 65_000_000);
        assert_eq!(facts.bedrooms, 2);
        assert_eq!(facts.bathroom_halves, 3);
        assert_eq!(facts.living_area_sqft, Some(1150));
        assert_eq!(facts.lot_size_sqft, None);
        assert_eq!(facts.year_built, Some(1998));
        assert_eq!(facts.street, input.street);
        assert_eq!(facts.city, "Boston");
        assert_eq!(facts.state, "MA");
        assert_eq!(facts.postal_code, "02110");
        // the tags, then the garage in words (GarageSpaces 1)
        assert_eq!(facts.features[..3], input.features[..]);
        assert_eq!(facts.features[3], "1-car garage");
        assert_eq!(facts.agent_name, "Dana Whitfield");
        assert_eq!(facts.agent_email, "dana@harbor.example");
    }

    #[test]
    fn garage_spaces_reach_the_ai_facts_as_words_once() {
        let mut input = valid_input();
        input.garage_spaces = Some(2);
        let facts = input.facts(ListingStatus::Active, "Priya", "p@x.test");
        assert!(facts.features.contains(&"2-car garage".to_owned()));
        let grounded = crate::grounding::check_grounding("A 2-car garage.", &facts);
        assert!(grounded.is_empty(), "{grounded:?}");
        input.features.push("Heated garage".into());
        let facts = input.facts(ListingStatus::Active, "Priya", "p@x.test");
        assert_eq!(
            facts
                .features
                .iter()
                .filter(|f| f.contains("garage"))
                .count(),
            1
        );
        input.garage_spaces = Some(0);
        input.features.pop();
        let facts = input.facts(ListingStatus::Active, "Priya", "p@x.test");
        assert!(!facts.features.iter().any(|f| f.contains("garage")));
    }
}
