//! Pricing from comparables (F-012; product.md "Listings"): a suggested price,
//! a range, a confidence and the key factors, worked out from the org's own sold
//! and active listings of the same type nearby. Pure arithmetic on what the
//! caller passes in: it never invents a comparable, and it says how many it used.
//! The AI only puts these numbers into words (`PriceSuggestion::to_brief`).
//!
//! Money is integer cents throughout (i128 for intermediate products), so the
//! same inputs give the same cents in the browser and on the server.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::content::{ListingFacts, PricingBrief};
use crate::listing::{format_number, format_price, ListingInput, ListingStatus, PropertyType};

/// At most this many comparables feed a suggestion: beyond ten, the extra ones
/// are further from the subject in size and bedrooms and only dilute the match.
pub const MAX_COMPARABLES: usize = 10;
/// product.md Listings: "same postal code first, then city". Fewer than this many
/// in the subject's ZIP and the rest of the city is added.
pub const MIN_LOCAL_COMPARABLES: usize = 3;
/// Each bedroom of difference is worth about 2% of the comparable's price; past
/// three bedrooms the homes are too different for a per-bedroom step to hold.
const BEDROOM_PERCENT: i128 = 2;
const BEDROOM_DIFFERENCE_CAP: i32 = 3;
/// Suggestions and ranges are rounded to $1,000: finer would claim a precision
/// that comparables cannot give.
const ROUND_CENTS: i128 = 100_000;
/// With three or more comparables the range is at least ±5% of the suggestion,
/// so near-identical comparables do not produce a falsely narrow range.
const MIN_RANGE_PERCENT: i128 = 5;
/// With one or two comparables there is no spread to measure; ±20% says "rough".
const FEW_RANGE_PERCENT: i128 = 20;
/// High confidence: at least five comparables, all in the subject's ZIP, whose
/// adjusted prices agree within a 10% coefficient of variation. Medium: three or
/// more within 20%.
const HIGH_CONFIDENCE_MIN: usize = 5;
const HIGH_CV_PERCENT: i128 = 10;
const MEDIUM_CV_PERCENT: i128 = 20;

/// One of the org's listings that might be compared with the subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparable {
    pub id: Uuid,
    pub title: String,
    pub street: String,
    pub city: String,
    pub postal_code: String,
    pub property_type: PropertyType,
    pub status: ListingStatus,
    /// List price, or the sold price once sold.
    pub price_cents: i64,
    pub living_area_sqft: Option<i32>,
    pub bedrooms: i16,
}

/// The listing being priced. `id` is None for a listing not yet saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricingSubject {
    pub id: Option<Uuid>,
    pub property_type: PropertyType,
    pub city: String,
    pub postal_code: String,
    pub living_area_sqft: Option<i32>,
    pub bedrooms: i16,
    /// The current asking price, to place it against the range.
    pub list_price_cents: Option<i64>,
}

impl PricingSubject {
    /// The subject for a listing's form input (saved or not).
    pub fn from_input(id: Option<Uuid>, input: &ListingInput) -> Self {
        PricingSubject {
            id,
            property_type: input.property_type,
            city: input.city.clone(),
            postal_code: input.postal_code.clone(),
            living_area_sqft: input.living_area_sqft,
            bedrooms: input.bedrooms,
            list_price_cents: Some(input.price_cents),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::High => "High confidence",
            Self::Medium => "Medium confidence",
            Self::Low => "Low confidence",
        }
    }
}

/// Where the subject's asking price sits against the suggested range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarketPosition {
    Below,
    Within,
    Above,
}

impl MarketPosition {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Below => "below",
            Self::Within => "within",
            Self::Above => "above",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Below => "Below the range",
            Self::Within => "Within the range",
            Self::Above => "Above the range",
        }
    }
}

/// How far the comparables reach: the subject's ZIP only, or its city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompScope {
    PostalCode,
    City,
}

/// A comparable as used, with the price it suggests for the subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsedComparable {
    pub comparable: Comparable,
    /// Its price adjusted to the subject's size and bedrooms, in cents.
    pub adjusted_cents: i64,
    /// Its own price per sq ft, in cents, when its living area is known.
    pub price_per_sqft_cents: Option<i64>,
    pub same_postal_code: bool,
}

/// The outcome, sent to the browser as is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceSuggestion {
    /// None when no comparable was found.
    pub suggested_cents: Option<i64>,
    pub low_cents: Option<i64>,
    pub high_cents: Option<i64>,
    pub confidence: Confidence,
    /// Only with a range and an asking price.
    pub position: Option<MarketPosition>,
    /// None when no comparable was found.
    pub scope: Option<CompScope>,
    /// "ZIP 02110" or "Boston": the widest area the comparables came from; with
    /// none found, the area that was searched ("ZIP 02110 or Boston").
    pub scope_label: String,
    pub median_price_per_sqft_cents: Option<i64>,
    /// Closest first.
    pub used: Vec<UsedComparable>,
    /// Short sentences for the UI and the AI: "5 comparables in ZIP 02110".
    pub factors: Vec<String>,
    /// A caution when there were too few comparables.
    pub note: Option<String>,
}

impl PriceSuggestion {
    /// The numbers the AI explanation is written from.
    pub fn to_brief(&self, facts: ListingFacts) -> PricingBrief {
        PricingBrief {
            facts,
            suggested_cents: self.suggested_cents,
            low_cents: self.low_cents,
            high_cents: self.high_cents,
            confidence: self.confidence.as_str().to_owned(),
            comparables_used: self.used.len(),
            scope: self.scope_label.clone(),
            median_price_per_sqft_cents: self.median_price_per_sqft_cents,
            position: self.position.map(|p| p.as_str().to_owned()),
        }
    }
}

/// The 5-digit ZIP, or "" when there is none to match on.
fn zip5(postal_code: &str) -> String {
    let zip: String = postal_code.trim().chars().take(5).collect();
    if zip.len() == 5 && zip.bytes().all(|b| b.is_ascii_digit()) {
        zip
    } else {
        String::new()
    }
}

/// Cities compared the way people write them: case and spacing ignored.
fn city_key(city: &str) -> String {
    city.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `n / d` rounded half away from zero; `d` must be positive.
fn div_round(n: i128, d: i128) -> i128 {
    if n >= 0 {
        (n + d / 2) / d
    } else {
        (n - d / 2) / d
    }
}

fn to_i64(n: i128) -> i64 {
    i64::try_from(n).unwrap_or(if n < 0 { i64::MIN } else { i64::MAX })
}

/// The middle value of sorted numbers (the mean of the two middle ones when even).
fn median(sorted: &[i128]) -> Option<i128> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(div_round(sorted[n / 2 - 1] + sorted[n / 2], 2)),
    }
}

/// The `p`th percentile of sorted numbers, interpolating between neighbours.
fn percentile(sorted: &[i128], p: i128) -> i128 {
    let position = p * (sorted.len() as i128 - 1);
    let index = (position / 100) as usize;
    let fraction = position % 100;
    match sorted.get(index + 1) {
        Some(next) => sorted[index] + div_round((next - sorted[index]) * fraction, 100),
        None => sorted[index],
    }
}

/// Whether the coefficient of variation (population standard deviation over
/// mean) is at most `percent`%. Squared to stay in integers:
/// CV ≤ p/100  ⇔  10,000 · Σ(n·xᵢ − S)² ≤ p² · n · S², with S = Σxᵢ.
/// Saturating, so absurd prices count as spread out rather than overflowing.
fn cv_within(values: &[i128], percent: i128) -> bool {
    let n = values.len() as i128;
    let sum = values.iter().fold(0_i128, |a, v| a.saturating_add(*v));
    if n == 0 || sum <= 0 {
        return false;
    }
    let spread = values.iter().fold(0_i128, |acc, x| {
        let d = n.saturating_mul(*x).saturating_sub(sum);
        acc.saturating_add(d.saturating_mul(d))
    });
    let left = spread.saturating_mul(10_000);
    let right = (percent * percent)
        .saturating_mul(n)
        .saturating_mul(sum.saturating_mul(sum));
    left <= right
}

fn round_nearest(cents: i128) -> i128 {
    div_round(cents, ROUND_CENTS) * ROUND_CENTS
}

fn round_down(cents: i128) -> i128 {
    cents.div_euclid(ROUND_CENTS) * ROUND_CENTS
}

fn round_up(cents: i128) -> i128 {
    -(-cents).div_euclid(ROUND_CENTS) * ROUND_CENTS
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Prices `comparable` as if it were the subject: scaled by price per sq ft to
/// the subject's size when both sizes are known, then moved 2% of its own price
/// per bedroom of difference (capped at three).
fn adjust(
    subject: &PricingSubject,
    comparable: &Comparable,
    same_postal_code: bool,
) -> UsedComparable {
    let price = i128::from(comparable.price_cents);
    let comp_area = comparable
        .living_area_sqft
        .filter(|a| *a > 0)
        .map(i128::from);
    let subject_area = subject.living_area_sqft.filter(|a| *a > 0).map(i128::from);
    let base = match (subject_area, comp_area) {
        // price × subject area ÷ comp area: the same as price per sq ft × subject
        // area, without rounding the price per sq ft first.
        (Some(subject_area), Some(comp_area)) => div_round(price * subject_area, comp_area),
        _ => price,
    };
    let bedrooms = (i32::from(subject.bedrooms) - i32::from(comparable.bedrooms))
        .clamp(-BEDROOM_DIFFERENCE_CAP, BEDROOM_DIFFERENCE_CAP);
    let bedroom_adjustment = div_round(price * BEDROOM_PERCENT * i128::from(bedrooms), 100);
    UsedComparable {
        comparable: comparable.clone(),
        adjusted_cents: to_i64(base + bedroom_adjustment),
        price_per_sqft_cents: comp_area.map(|a| to_i64(div_round(price, a))),
        same_postal_code,
    }
}

/// Suggests a price for `subject` from `candidates` (the org's listings; the
/// caller need not pre-filter). Only candidates of the same property type, sold
/// or active, priced, and not the subject itself are considered; those in the
/// subject's ZIP come first, then (if fewer than three) those in its city; the
/// ten closest in living area, then bedrooms, are used.
pub fn suggest_price(subject: &PricingSubject, candidates: &[Comparable]) -> PriceSuggestion {
    let subject_zip = zip5(&subject.postal_code);
    let subject_city = city_key(&subject.city);

    let mut seen: Vec<Uuid> = Vec::new();
    let eligible: Vec<&Comparable> = candidates
        .iter()
        .filter(|c| {
            c.property_type == subject.property_type
                && matches!(c.status, ListingStatus::Sold | ListingStatus::Active)
                && Some(c.id) != subject.id
                && c.price_cents > 0
        })
        // The same listing passed twice must not count twice.
        .filter(|c| {
            let first = !seen.contains(&c.id);
            seen.push(c.id);
            first
        })
        .collect();
    let in_zip = |c: &Comparable| !subject_zip.is_empty() && zip5(&c.postal_code) == subject_zip;
    let mut pool: Vec<(&Comparable, bool)> = eligible
        .iter()
        .filter(|c| in_zip(c))
        .map(|c| (*c, true))
        .collect();
    if pool.len() < MIN_LOCAL_COMPARABLES && !subject_city.is_empty() {
        pool.extend(
            eligible
                .iter()
                .filter(|c| !in_zip(c) && city_key(&c.city) == subject_city)
                .map(|c| (*c, false)),
        );
    }
    // Same ZIP first, then the closest in size (unknown sizes last), then in
    // bedrooms; the id only makes the order repeatable.
    pool.sort_by_key(|(c, same_zip)| {
        let area = match (subject.living_area_sqft, c.living_area_sqft) {
            (Some(a), Some(b)) if a > 0 && b > 0 => (0, (i64::from(a) - i64::from(b)).abs()),
            _ => (1, 0),
        };
        let bedrooms = (i32::from(subject.bedrooms) - i32::from(c.bedrooms)).abs();
        (!same_zip, area, bedrooms, c.id)
    });
    pool.truncate(MAX_COMPARABLES);

    let used: Vec<UsedComparable> = pool
        .iter()
        .map(|(c, same_zip)| adjust(subject, c, *same_zip))
        .collect();
    let n = used.len();
    let local = used.iter().filter(|u| u.same_postal_code).count();
    let zip_label = format!("ZIP {subject_zip}");
    let city_label = subject
        .city
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");

    if n == 0 {
        let postal_code = subject.postal_code.trim();
        let area = match (postal_code.is_empty(), city_label.is_empty()) {
            (false, false) => format!("{postal_code} or {city_label}"),
            (false, true) => postal_code.to_owned(),
            (true, false) => city_label.clone(),
            (true, true) => String::new(),
        };
        let searched = match (subject_zip.is_empty(), city_label.is_empty()) {
            (false, false) => format!("{zip_label} or {city_label}"),
            (false, true) => zip_label,
            (true, _) => city_label,
        };
        let within = if area.is_empty() {
            String::new()
        } else {
            format!(" in {area}")
        };
        return PriceSuggestion {
            suggested_cents: None,
            low_cents: None,
            high_cents: None,
            confidence: Confidence::Low,
            position: None,
            scope: None,
            scope_label: searched,
            median_price_per_sqft_cents: None,
            used,
            factors: Vec::new(),
            note: Some(format!(
                "No sold or active {} listings{within} to compare with yet.",
                subject.property_type.label().to_lowercase()
            )),
        };
    }

    let (scope, scope_label) = if local == n {
        (CompScope::PostalCode, zip_label.clone())
    } else {
        (CompScope::City, city_label.clone())
    };

    let mut adjusted: Vec<i128> = used.iter().map(|u| i128::from(u.adjusted_cents)).collect();
    adjusted.sort_unstable();
    let suggested = round_nearest(median(&adjusted).unwrap_or_default());

    let (low, high, confidence, note) = if n >= MIN_LOCAL_COMPARABLES {
        let low = percentile(&adjusted, 25).min(suggested * (100 - MIN_RANGE_PERCENT) / 100);
        let high = percentile(&adjusted, 75).max(suggested * (100 + MIN_RANGE_PERCENT) / 100);
        let confidence =
            if n >= HIGH_CONFIDENCE_MIN && local == n && cv_within(&adjusted, HIGH_CV_PERCENT) {
                Confidence::High
            } else if cv_within(&adjusted, MEDIUM_CV_PERCENT) {
                Confidence::Medium
            } else {
                Confidence::Low
            };
        (low, high, confidence, None)
    } else {
        let low = suggested * (100 - FEW_RANGE_PERCENT) / 100;
        let high = suggested * (100 + FEW_RANGE_PERCENT) / 100;
        let note = format!(
            "Only {} found, so treat this as a rough guide.",
            plural(n, "comparable listing", "comparable listings")
        );
        (low, high, Confidence::Low, Some(note))
    };
    // Rounded outwards so the range never shrinks below what was worked out.
    let (low, high) = (to_i64(round_down(low)), to_i64(round_up(high)));

    let position = subject.list_price_cents.map(|price| {
        if price < low {
            MarketPosition::Below
        } else if price > high {
            MarketPosition::Above
        } else {
            MarketPosition::Within
        }
    });

    let mut per_sqft: Vec<i128> = used
        .iter()
        .filter_map(|u| u.price_per_sqft_cents.map(i128::from))
        .collect();
    per_sqft.sort_unstable();
    let median_price_per_sqft_cents = median(&per_sqft).map(to_i64);

    let mut factors = Vec::new();
    factors.push(match scope {
        CompScope::PostalCode => {
            format!("{} in {zip_label}", plural(n, "comparable", "comparables"))
        }
        CompScope::City if local > 0 => format!(
            "{} in {city_label}, {local} of them in {zip_label}",
            plural(n, "comparable", "comparables")
        ),
        CompScope::City => format!("{} in {city_label}", plural(n, "comparable", "comparables")),
    });
    let sold = used
        .iter()
        .filter(|u| u.comparable.status == ListingStatus::Sold)
        .count();
    factors.push(format!("{sold} sold and {} active", n - sold));
    if let Some(cents) = median_price_per_sqft_cents {
        let whole_dollars = to_i64(round_nearest_dollar(i128::from(cents)));
        factors.push(format!("Median {} per sq ft", format_price(whole_dollars)));
    }
    if let Some(area) = subject.living_area_sqft.filter(|a| *a > 0) {
        if used.iter().any(|u| u.price_per_sqft_cents.is_some()) {
            factors.push(format!(
                "Scaled to {} sq ft by price per sq ft",
                format_number(i64::from(area))
            ));
        }
    }
    if used
        .iter()
        .any(|u| u.comparable.bedrooms != subject.bedrooms)
    {
        factors.push(format!("Adjusted for bedrooms (±{BEDROOM_PERCENT}% each)"));
    }
    if n >= MIN_LOCAL_COMPARABLES && confidence == Confidence::Low {
        factors.push("Comparable prices vary widely".to_owned());
    }

    PriceSuggestion {
        suggested_cents: Some(to_i64(suggested)),
        low_cents: Some(low),
        high_cents: Some(high),
        confidence,
        position,
        scope: Some(scope),
        scope_label,
        median_price_per_sqft_cents,
        used,
        factors,
        note,
    }
}

fn round_nearest_dollar(cents: i128) -> i128 {
    div_round(cents, 100) * 100
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZIP: &str = "02110";
    const CITY: &str = "Boston";

    fn subject() -> PricingSubject {
        PricingSubject {
            id: Some(Uuid::from_u128(1)),
            property_type: PropertyType::Condo,
            city: CITY.into(),
            postal_code: ZIP.into(),
            living_area_sqft: Some(1000),
            bedrooms: 2,
            list_price_cents: Some(50_000_000),
        }
    }

    /// A sold condo in the subject's ZIP with the subject's bedrooms.
    fn comp(n: u128, dollars: i64, sqft: Option<i32>) -> Comparable {
        Comparable {
            id: Uuid::from_u128(n),
            title: format!("Comparable {n}"),
            street: format!("{n} Harbor Street"),
            city: CITY.into(),
            postal_code: ZIP.into(),
            property_type: PropertyType::Condo,
            status: ListingStatus::Sold,
            price_cents: dollars * 100,
            living_area_sqft: sqft,
            bedrooms: 2,
        }
    }

    fn in_city(mut c: Comparable, zip: &str, city: &str) -> Comparable {
        c.postal_code = zip.into();
        c.city = city.into();
        c
    }

    /// Five close comparables at $490-$510 per sq ft.
    fn five_close() -> Vec<Comparable> {
        vec![
            comp(10, 441_000, Some(900)),
            comp(11, 495_000, Some(1000)),
            comp(12, 510_000, Some(1000)),
            comp(13, 545_500, Some(1100)),
            comp(14, 525_000, Some(1050)),
        ]
    }

    fn ids(s: &PriceSuggestion) -> Vec<u128> {
        s.used.iter().map(|u| u.comparable.id.as_u128()).collect()
    }

    #[test]
    fn five_close_comparables_in_the_zip_give_high_confidence() {
        let s = suggest_price(&subject(), &five_close());
        // Adjusted to 1,000 sq ft: 490k, 495k, 510k, 495.9k, 500k → median 495.9k.
        assert_eq!(s.suggested_cents, Some(49_600_000));
        assert_eq!(s.confidence, Confidence::High);
        assert_eq!(s.scope, Some(CompScope::PostalCode));
        assert_eq!(s.scope_label, "ZIP 02110");
        assert_eq!(s.used.len(), 5);
        assert_eq!(s.note, None);
        // Quartiles are tight, so the ±5% floor sets the range.
        assert_eq!(s.low_cents, Some(47_100_000));
        assert_eq!(s.high_cents, Some(52_100_000));
        assert_eq!(s.position, Some(MarketPosition::Within));
        assert_eq!(s.median_price_per_sqft_cents, Some(49_591));
        assert_eq!(
            s.factors,
            [
                "5 comparables in ZIP 02110",
                "5 sold and 0 active",
                "Median $496 per sq ft",
                "Scaled to 1,000 sq ft by price per sq ft",
            ]
        );
    }

    #[test]
    fn only_same_type_sold_or_active_priced_others_count() {
        type Spoil = fn(&mut Comparable);
        let table: &[(&str, Spoil, bool)] = &[
            ("sold", |_| {}, true),
            ("active", |c| c.status = ListingStatus::Active, true),
            (
                "another type",
                |c| c.property_type = PropertyType::House,
                false,
            ),
            ("withdrawn", |c| c.status = ListingStatus::Withdrawn, false),
            ("draft", |c| c.status = ListingStatus::Draft, false),
            (
                "coming soon",
                |c| c.status = ListingStatus::ComingSoon,
                false,
            ),
            (
                "under contract",
                |c| c.status = ListingStatus::UnderContract,
                false,
            ),
            ("expired", |c| c.status = ListingStatus::Expired, false),
            ("rented", |c| c.status = ListingStatus::Rented, false),
            ("the subject itself", |c| c.id = Uuid::from_u128(1), false),
            ("unpriced", |c| c.price_cents = 0, false),
            (
                "another city",
                |c| {
                    c.postal_code = "10001".into();
                    c.city = "New York".into();
                },
                false,
            ),
        ];
        for (what, spoil, counts) in table {
            let mut candidates = five_close()[..3].to_vec();
            let mut extra = comp(99, 500_000, Some(1000));
            spoil(&mut extra);
            candidates.push(extra);
            let s = suggest_price(&subject(), &candidates);
            assert_eq!(ids(&s).contains(&99), *counts, "{what}");
            assert_eq!(s.used.len(), if *counts { 4 } else { 3 }, "{what}");
        }
    }

    #[test]
    fn the_zip_comes_first_and_the_city_fills_in_below_three() {
        let cambridge = in_city(comp(30, 500_000, Some(1000)), "02139", "Cambridge");
        let city_a = in_city(comp(20, 500_000, Some(1000)), "02118", "boston ");
        let city_b = in_city(comp(21, 600_000, Some(1200)), "02116", "BOSTON");
        // Priced in proportion to size, so every one adjusts to $500,000.
        let zip_far = comp(10, 950_000, Some(1900));
        let zip_near = comp(11, 500_000, Some(1000));
        let zip_third = comp(12, 750_000, Some(1500));

        // Two in the ZIP: the city's are added, after the ZIP's however close.
        let s = suggest_price(
            &subject(),
            &[
                cambridge.clone(),
                city_b.clone(),
                zip_far.clone(),
                city_a.clone(),
                zip_near.clone(),
            ],
        );
        assert_eq!(ids(&s), [11, 10, 20, 21]);
        assert_eq!(s.scope, Some(CompScope::City));
        assert_eq!(s.scope_label, "Boston");
        assert_eq!(
            s.factors[0],
            "4 comparables in Boston, 2 of them in ZIP 02110"
        );
        assert_eq!(
            s.used
                .iter()
                .map(|u| u.same_postal_code)
                .collect::<Vec<_>>(),
            [true, true, false, false]
        );
        // Not all in the ZIP, so never High however tight.
        assert_eq!(s.confidence, Confidence::Medium);

        // Three in the ZIP: the city's are left out.
        let s = suggest_price(
            &subject(),
            &[
                city_a.clone(),
                zip_far,
                city_b,
                zip_near,
                zip_third,
                cambridge,
            ],
        );
        assert_eq!(ids(&s), [11, 12, 10]);
        assert_eq!(s.scope, Some(CompScope::PostalCode));

        // None in the ZIP: the city alone.
        let s = suggest_price(&subject(), &[city_a]);
        assert_eq!(s.scope_label, "Boston");
        assert_eq!(s.factors[0], "1 comparable in Boston");
    }

    #[test]
    fn at_most_ten_are_used_preferring_the_closest_in_size_then_bedrooms() {
        let mut candidates: Vec<Comparable> = (0..15)
            .map(|i| comp(100 + i, 500_000, Some(1000 + 50 * i as i32)))
            .collect();
        // Same size as the subject but three bedrooms: after the exact match.
        let mut three_beds = comp(200, 500_000, Some(1000));
        three_beds.bedrooms = 3;
        candidates.insert(0, three_beds);
        // No size known: last.
        candidates.insert(0, comp(300, 500_000, None));
        let s = suggest_price(&subject(), &candidates);
        assert_eq!(ids(&s), [100, 200, 101, 102, 103, 104, 105, 106, 107, 108]);
    }

    #[test]
    fn one_or_two_comparables_give_a_rough_low_confidence_guide() {
        let table = [
            (
                vec![comp(10, 500_000, Some(1000))],
                "Only 1 comparable listing found, so treat this as a rough guide.",
            ),
            (
                vec![comp(10, 500_000, Some(1000)), comp(11, 500_000, Some(1000))],
                "Only 2 comparable listings found, so treat this as a rough guide.",
            ),
        ];
        for (candidates, note) in table {
            let s = suggest_price(&subject(), &candidates);
            assert_eq!(s.suggested_cents, Some(50_000_000));
            assert_eq!(s.low_cents, Some(40_000_000));
            assert_eq!(s.high_cents, Some(60_000_000));
            assert_eq!(s.confidence, Confidence::Low);
            assert_eq!(s.note.as_deref(), Some(note));
            assert_eq!(s.used.len(), candidates.len());
        }
    }

    #[test]
    fn no_comparables_give_no_price_and_say_where_it_looked() {
        let mut house = subject();
        house.property_type = PropertyType::MultiFamily;
        let table = [
            (
                subject(),
                "No sold or active condo listings in 02110 or Boston to compare with yet.",
                "ZIP 02110 or Boston",
            ),
            (
                house,
                "No sold or active multi-family listings in 02110 or Boston to compare with yet.",
                "ZIP 02110 or Boston",
            ),
            (
                PricingSubject {
                    city: String::new(),
                    ..subject()
                },
                "No sold or active condo listings in 02110 to compare with yet.",
                "ZIP 02110",
            ),
        ];
        let withdrawn = {
            let mut c = comp(10, 500_000, Some(1000));
            c.status = ListingStatus::Withdrawn;
            c
        };
        for (subject, note, searched) in table {
            let s = suggest_price(&subject, std::slice::from_ref(&withdrawn));
            assert_eq!(s.suggested_cents, None);
            assert_eq!(s.low_cents, None);
            assert_eq!(s.high_cents, None);
            assert_eq!(s.position, None);
            assert_eq!(s.scope, None);
            assert_eq!(s.confidence, Confidence::Low);
            assert!(s.used.is_empty());
            assert_eq!(s.note.as_deref(), Some(note));
            assert_eq!(s.scope_label, searched);
        }
    }

    #[test]
    fn adjustments_move_the_price_the_right_way() {
        // (subject sq ft, subject beds, comp sq ft, comp beds) → adjusted dollars
        // for a $500,000 comparable.
        let table = [
            (Some(1000), 2, Some(1000), 2, 500_000),
            (Some(1200), 2, Some(1000), 2, 600_000),
            (Some(800), 2, Some(1000), 2, 400_000),
            (None, 2, Some(1000), 2, 500_000),
            (Some(1000), 2, None, 2, 500_000),
            (None, 3, None, 2, 510_000),
            (None, 1, None, 2, 490_000),
            (None, 8, None, 2, 530_000),
            (None, 0, None, 6, 470_000),
            (Some(1200), 3, Some(1000), 2, 610_000),
        ];
        for (subject_sqft, subject_beds, comp_sqft, comp_beds, dollars) in table {
            let subject = PricingSubject {
                living_area_sqft: subject_sqft,
                bedrooms: subject_beds,
                ..subject()
            };
            let mut c = comp(10, 500_000, comp_sqft);
            c.bedrooms = comp_beds;
            let s = suggest_price(&subject, &[c]);
            assert_eq!(
                s.used[0].adjusted_cents,
                dollars * 100,
                "{subject_sqft:?}/{subject_beds} vs {comp_sqft:?}/{comp_beds}"
            );
        }
    }

    #[test]
    fn bedroom_adjustments_are_named_among_the_factors() {
        let mut candidates = five_close();
        candidates[0].bedrooms = 3;
        let s = suggest_price(&subject(), &candidates);
        assert!(s
            .factors
            .contains(&"Adjusted for bedrooms (±2% each)".to_owned()));
        let s = suggest_price(&subject(), &five_close());
        assert!(!s.factors.iter().any(|f| f.contains("bedrooms")));
    }

    #[test]
    fn the_asking_price_is_placed_against_the_range() {
        // Range from five_close: $471,000-$521,000.
        let table = [
            (Some(47_099_999), Some(MarketPosition::Below)),
            (Some(47_100_000), Some(MarketPosition::Within)),
            (Some(50_000_000), Some(MarketPosition::Within)),
            (Some(52_100_000), Some(MarketPosition::Within)),
            (Some(52_100_001), Some(MarketPosition::Above)),
            (None, None),
        ];
        for (list_price, position) in table {
            let subject = PricingSubject {
                list_price_cents: list_price,
                ..subject()
            };
            assert_eq!(
                suggest_price(&subject, &five_close()).position,
                position,
                "{list_price:?}"
            );
        }
        // No comparables, no range, no position.
        assert_eq!(suggest_price(&subject(), &[]).position, None);
    }

    #[test]
    fn spread_out_prices_lower_the_confidence() {
        let table = [
            // Identical: High.
            (vec![500, 500, 500, 500, 500], Confidence::High),
            // About 14% CV: Medium.
            (vec![400, 450, 500, 550, 600], Confidence::Medium),
            // Only four: never High.
            (vec![500, 500, 500, 500], Confidence::Medium),
            // About 40% CV: Low.
            (vec![200, 350, 500, 650, 800], Confidence::Low),
        ];
        for (thousands, confidence) in table {
            let candidates: Vec<Comparable> = thousands
                .iter()
                .enumerate()
                .map(|(i, k)| comp(10 + i as u128, k * 1000, Some(1000)))
                .collect();
            let s = suggest_price(&subject(), &candidates);
            assert_eq!(s.confidence, confidence, "{thousands:?}");
            assert_eq!(
                s.factors
                    .contains(&"Comparable prices vary widely".to_owned()),
                confidence == Confidence::Low
            );
        }
    }

    #[test]
    fn a_wide_spread_widens_the_range_past_five_percent() {
        let candidates: Vec<Comparable> = [300, 400, 500, 600, 700]
            .iter()
            .enumerate()
            .map(|(i, k)| comp(10 + i as u128, k * 1000, Some(1000)))
            .collect();
        let s = suggest_price(&subject(), &candidates);
        assert_eq!(s.suggested_cents, Some(50_000_000));
        assert_eq!(s.low_cents, Some(40_000_000));
        assert_eq!(s.high_cents, Some(60_000_000));
    }

    #[test]
    fn suggestions_are_rounded_to_the_nearest_thousand_dollars() {
        let table = [
            (500_499, 500_000),
            (500_500, 501_000),
            (1_234_567, 1_235_000),
        ];
        for (dollars, rounded) in table {
            let s = suggest_price(&subject(), &[comp(10, dollars, Some(1000))]);
            assert_eq!(s.suggested_cents, Some(rounded * 100), "{dollars}");
        }
    }

    #[test]
    fn every_comparable_used_came_from_the_input() {
        let mut candidates = Vec::new();
        for i in 0..40_u128 {
            let mut c = comp(
                10 + i,
                300_000 + 7_919 * i as i64,
                Some(700 + (i as i32 * 37) % 900),
            );
            c.bedrooms = (i % 5) as i16;
            if i % 3 == 0 {
                c = in_city(c, "02118", CITY);
            }
            if i % 7 == 0 {
                c.status = ListingStatus::Withdrawn;
            }
            candidates.push(c);
        }
        // The same listing twice counts once.
        candidates.push(candidates[1].clone());
        for take in [0, 1, 2, 3, 5, 12, candidates.len()] {
            let s = suggest_price(&subject(), &candidates[..take]);
            assert!(s.used.len() <= MAX_COMPARABLES);
            for u in &s.used {
                assert!(candidates[..take].contains(&u.comparable));
            }
            let mut seen = ids(&s);
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), s.used.len());
        }
    }

    #[test]
    fn the_brief_carries_the_numbers_for_the_ai() {
        let s = suggest_price(&subject(), &five_close());
        let input = ListingInput {
            title: "Harbor condo".into(),
            property_type: PropertyType::Condo,
            price_cents: 50_000_000,
            bedrooms: 2,
            bathroom_halves: 2,
            living_area_sqft: Some(1000),
            lot_size_sqft: None,
            year_built: None,
            garage_spaces: None,
            street: "1 Harbor Street".into(),
            city: CITY.into(),
            state: "MA".into(),
            postal_code: ZIP.into(),
            description: String::new(),
            features: vec![],
        };
        assert_eq!(
            PricingSubject::from_input(Some(Uuid::from_u128(1)), &input),
            subject()
        );
        let facts = input.facts(ListingStatus::Active, "Dana", "dana@harbor.example");
        let brief = s.to_brief(facts.clone());
        assert_eq!(
            brief,
            PricingBrief {
                facts,
                suggested_cents: Some(49_600_000),
                low_cents: Some(47_100_000),
                high_cents: Some(52_100_000),
                confidence: "high".into(),
                comparables_used: 5,
                scope: "ZIP 02110".into(),
                median_price_per_sqft_cents: Some(49_591),
                position: Some("within".into()),
            }
        );
    }

    #[test]
    fn labels_and_values_read_well() {
        let confidence = [
            (Confidence::High, "high", "High confidence"),
            (Confidence::Medium, "medium", "Medium confidence"),
            (Confidence::Low, "low", "Low confidence"),
        ];
        for (c, value, label) in confidence {
            assert_eq!((c.as_str(), c.label()), (value, label));
        }
        let positions = [
            (MarketPosition::Below, "below", "Below the range"),
            (MarketPosition::Within, "within", "Within the range"),
            (MarketPosition::Above, "above", "Above the range"),
        ];
        for (p, value, label) in positions {
            assert_eq!((p.as_str(), p.label()), (value, label));
        }
    }
}
