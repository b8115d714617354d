//! Grounding check (product.md "AI content": "the output must not state a number,
//! room or feature that is not in the facts"; anchors.md 2.3 "anti-hallucination":
//! "updated kitchen" does not imply granite). Flags numbers that match no fact and
//! feature words the facts do not mention.

use serde::{Deserialize, Serialize};

use crate::content::ListingFacts;
use crate::listing::{format_baths, format_number, format_price};
use crate::phrase_match::{contains, find_all, ranges, Pattern};

/// One ungrounded claim: byte offsets into the checked text (char boundaries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroundingFlag {
    pub start: usize,
    pub end: usize,
    pub matched: String,
    pub reason: String,
}

/// Square feet in an acre (US survey), for lots given in acres.
const SQFT_PER_ACRE: f64 = 43_560.0;

/// Counts written out in words; "three-bedroom" claims as much as "3-bedroom".
const SPELLED: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

const MONTHS: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Nouns whose count is a claim only the agent's own words (title, features,
/// street) can back: "two-car", "3 levels", "5 minutes".
const STRICT_NOUNS: [&str; 30] = [
    "car",
    "cars",
    "story",
    "stories",
    "storey",
    "storeys",
    "level",
    "levels",
    "floor",
    "floors",
    "unit",
    "units",
    "room",
    "rooms",
    "minute",
    "minutes",
    "mile",
    "miles",
    "block",
    "blocks",
    "year",
    "years",
    "fireplace",
    "fireplaces",
    "space",
    "spaces",
    "stall",
    "stalls",
    "garage",
    "garages",
];

/// Feature words AI text likes to invent, each with the words in the facts that
/// ground it (the term itself always does). The head word grounds compounds whose
/// modifier adds little ("two-car garage" by "garage"; the count is checked as a
/// number); where the modifier is the claim ("finished basement") it does not.
const VOCABULARY: &[(&str, &[&str])] = &[
    ("granite", &[]),
    ("quartz", &[]),
    ("marble", &[]),
    ("hardwood", &[]),
    ("stainless steel", &["stainless"]),
    ("stainless", &[]),
    ("pool", &[]),
    ("swimming pool", &["pool"]),
    ("hot tub", &["spa", "jacuzzi"]),
    ("jacuzzi", &["hot tub"]),
    ("spa", &["hot tub"]),
    ("sauna", &[]),
    ("fireplace", &[]),
    ("garage", &[]),
    ("two-car garage", &["garage"]),
    ("three-car garage", &["garage"]),
    ("attached garage", &["garage"]),
    ("carport", &[]),
    ("driveway", &[]),
    ("parking", &["garage", "carport", "driveway"]),
    ("ev charger", &["ev charging", "electric vehicle", "ev"]),
    ("basement", &[]),
    ("finished basement", &["finished lower level"]),
    ("attic", &[]),
    ("deck", &[]),
    ("roof deck", &["rooftop"]),
    ("rooftop", &["roof deck"]),
    ("patio", &[]),
    ("balcony", &["balconies"]),
    ("terrace", &[]),
    ("porch", &[]),
    ("screened porch", &["screened"]),
    ("sunroom", &["sun room"]),
    ("mudroom", &["mud room"]),
    ("garden", &[]),
    ("yard", &["backyard", "front yard"]),
    ("backyard", &["yard"]),
    ("fenced", &["fence"]),
    (
        "waterfront",
        &["water frontage", "lakefront", "oceanfront", "beachfront"],
    ),
    ("oceanfront", &["waterfront", "beachfront"]),
    ("ocean view", &["ocean"]),
    ("water view", &["waterfront", "water"]),
    ("lake", &["lakefront", "lakeside"]),
    ("mountain view", &["mountain"]),
    ("city view", &["skyline"]),
    ("views", &["view"]),
    ("panoramic", &[]),
    ("skyline", &[]),
    ("gym", &["fitness"]),
    ("fitness center", &["fitness", "gym"]),
    ("elevator", &[]),
    ("doorman", &["concierge"]),
    ("concierge", &["doorman"]),
    ("clubhouse", &[]),
    ("tennis", &[]),
    ("playground", &[]),
    ("dock", &["boat"]),
    ("solar", &[]),
    (
        "central air",
        &["air conditioning", "a/c", "ac", "air-conditioned"],
    ),
    (
        "air conditioning",
        &["central air", "a/c", "ac", "air-conditioned"],
    ),
    (
        "renovated",
        &[
            "renovation",
            "updated",
            "remodeled",
            "remodelled",
            "remodel",
        ],
    ),
    (
        "updated",
        &["renovated", "renovation", "remodeled", "remodelled"],
    ),
    (
        "remodeled",
        &[
            "renovated",
            "renovation",
            "updated",
            "remodelled",
            "remodel",
        ],
    ),
    ("new roof", &[]),
    ("new construction", &["newly built", "new build"]),
    ("move-in ready", &["turnkey"]),
    ("turnkey", &["move-in ready"]),
    ("walk-in closet", &[]),
    ("wine cellar", &["wine"]),
    ("wet bar", &[]),
    ("home office", &["office", "study"]),
    ("en suite", &["ensuite"]),
    ("ensuite", &["en suite"]),
    ("chef's kitchen", &["chef"]),
    ("gourmet", &[]),
    ("island", &[]),
    ("pantry", &[]),
    ("vaulted ceilings", &["vaulted"]),
    ("cathedral ceilings", &["cathedral"]),
    ("high ceilings", &["vaulted", "cathedral"]),
    ("skylight", &[]),
    ("crown molding", &["crown moulding"]),
    ("heated floors", &["heated floor", "radiant"]),
    (
        "open floor plan",
        &["open plan", "open concept", "open layout"],
    ),
    (
        "open concept",
        &["open floor plan", "open plan", "open layout"],
    ),
    ("smart home", &["smart"]),
    ("security system", &["security"]),
    ("gated", &[]),
    ("laundry", &["washer", "dryer"]),
    ("washer", &["laundry"]),
    ("dryer", &["laundry"]),
    ("cul-de-sac", &[]),
    ("quiet", &[]),
    ("school", &[]),
    ("school district", &["school"]),
    ("beach", &["beachfront"]),
    ("golf", &[]),
    ("park", &[]),
    ("shopping", &["shops"]),
    ("restaurants", &["restaurant"]),
    ("downtown", &[]),
    ("transit", &[]),
    ("subway", &["transit"]),
    ("train station", &["train"]),
    ("highway", &["freeway"]),
    ("walkable", &[]),
];

/// The feature words the grounding check knows (for the admin page and tests).
pub fn vocabulary() -> impl Iterator<Item = &'static str> {
    VOCABULARY.iter().map(|(t, _)| *t)
}

/// What a number counts, read from the words after it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Bare,
    Beds,
    Baths,
    FullBaths,
    HalfBaths,
    Area,
    Acres,
    Million,
    Thousand,
    Percent,
    Strict,
    FeatureCount,
}

/// A number claimed in the text: char range, value and how it was written.
struct Claim {
    start: usize,
    end: usize,
    value: f64,
    decimals: i32,
    money: bool,
    year_like: bool,
    unit: Unit,
    /// The counted noun, singular, for `Unit::Strict` ("car", "floor").
    noun: String,
}

/// The facts as numbers.
struct Known {
    price: f64,
    beds: i16,
    halves: i16,
    living: Option<f64>,
    lot: Option<f64>,
    year: Option<i16>,
    features: usize,
    /// Numbers in the agent's own words (title, features, street, postal code),
    /// with what they count there.
    free: Vec<(f64, Unit, String)>,
    /// Every fact value, for numbers with no unit.
    all: Vec<f64>,
}

fn eq(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

impl Known {
    fn new(facts: &ListingFacts) -> Self {
        let mut free = Vec::new();
        let sources = [
            facts.title.as_str(),
            facts.street.as_str(),
            facts.postal_code.as_str(),
        ]
        .into_iter()
        .chain(facts.features.iter().map(String::as_str));
        for s in sources {
            let cs: Vec<char> = s.chars().collect();
            for n in scan_digits(&cs) {
                let (unit, _, noun) = unit_after(&cs, n.end);
                // "$1.2M" in a title grounds the same claim in the text.
                match unit {
                    Unit::Million => free.push((n.value * 1e6, Unit::Bare, String::new())),
                    Unit::Thousand => free.push((n.value * 1e3, Unit::Bare, String::new())),
                    _ => {}
                }
                free.push((n.value, unit, noun));
            }
            for n in scan_spelled(&cs) {
                free.push((n.value, n.unit, n.noun));
            }
            for w in s.split(|c: char| !c.is_alphabetic()) {
                if let Some(i) = SPELLED.iter().position(|n| w.eq_ignore_ascii_case(n)) {
                    free.push(((i + 1) as f64, Unit::Bare, String::new()));
                }
            }
        }
        let price = facts.price_cents as f64 / 100.0;
        let living = facts.living_area_sqft.map(f64::from);
        let lot = facts.lot_size_sqft.map(f64::from);
        let year = facts.year_built;
        let mut all: Vec<f64> = free.iter().map(|f| f.0).collect();
        all.extend([
            price,
            f64::from(facts.bedrooms),
            f64::from(facts.bathroom_halves) / 2.0,
        ]);
        all.extend(living);
        all.extend(lot);
        all.extend(year.map(f64::from));
        Self {
            price,
            beds: facts.bedrooms,
            halves: facts.bathroom_halves,
            living,
            lot,
            year,
            features: facts.features.len(),
            free,
            all,
        }
    }

    /// Why the claim is not grounded, or None when a fact backs it.
    fn judge(&self, c: &Claim, matched: &str) -> Option<String> {
        let v = c.value;
        // The agent's own words ground the same count of the same thing; a bare
        // number or a price is grounded by any number there.
        let same_thing = |(fv, fu, fnoun): &(f64, Unit, String)| {
            eq(*fv, v)
                && (c.unit == Unit::Bare
                    || c.money
                    || (*fu == c.unit && (c.unit != Unit::Strict || *fnoun == c.noun)))
        };
        if self.free.iter().any(same_thing) {
            return None;
        }
        let not_in_facts = || Some(format!("“{matched}” is not in the listing's facts."));
        let price_reason = || {
            if self.price > 0.0 {
                Some(format!(
                    "“{matched}” — the listing price is {}.",
                    format_price((self.price * 100.0).round() as i64)
                ))
            } else {
                not_in_facts()
            }
        };
        match c.unit {
            Unit::Million | Unit::Thousand => {
                let mult = if c.unit == Unit::Million { 1e6 } else { 1e3 };
                // "$1.2M" is true of any price that rounds to it.
                let tolerance = 0.5 * 10f64.powi(-c.decimals) * mult + 0.5;
                let ok = (self.price > 0.0 && (v * mult - self.price).abs() <= tolerance)
                    || self.free.iter().any(|f| eq(f.0, v * mult));
                if ok {
                    None
                } else {
                    price_reason()
                }
            }
            _ if c.money => {
                if eq(v, self.price) {
                    None
                } else {
                    price_reason()
                }
            }
            Unit::Beds => (!eq(v, f64::from(self.beds))).then(|| match self.beds {
                0 => format!("“{matched}” — the listing has no bedrooms."),
                n => format!("“{matched}” — the listing has {n}."),
            }),
            Unit::Baths | Unit::FullBaths | Unit::HalfBaths => {
                let ok = match c.unit {
                    Unit::Baths => eq(v * 2.0, f64::from(self.halves)),
                    Unit::FullBaths => self.halves > 0 && eq(v, f64::from(self.halves / 2)),
                    _ => self.halves % 2 == 1 && eq(v, 1.0),
                };
                (!ok).then(|| match self.halves {
                    0 => format!("“{matched}” — the listing has no bathrooms."),
                    2 => format!("“{matched}” — the listing has 1 bathroom."),
                    h => format!(
                        "“{matched}” — the listing has {} bathrooms.",
                        format_baths(h)
                    ),
                })
            }
            Unit::Area => {
                let ok = [self.living, self.lot]
                    .into_iter()
                    .flatten()
                    .any(|a| eq(a, v));
                if ok {
                    None
                } else {
                    not_in_facts()
                }
            }
            Unit::Acres => match self.lot {
                Some(lot)
                    if (v - lot / SQFT_PER_ACRE).abs() <= 0.5 * 10f64.powi(-c.decimals) + 1e-9 =>
                {
                    None
                }
                Some(lot) => Some(format!(
                    "“{matched}” — the lot is {} sq ft.",
                    format_number(lot as i64)
                )),
                None => not_in_facts(),
            },
            Unit::FeatureCount => {
                if v >= 1.0 && v.fract() == 0.0 && v <= self.features as f64 {
                    None
                } else {
                    not_in_facts()
                }
            }
            Unit::Percent | Unit::Strict => not_in_facts(),
            Unit::Bare => {
                if self.all.iter().any(|&a| eq(a, v)) {
                    None
                } else if let (true, Some(year)) = (c.year_like, self.year) {
                    Some(format!("“{matched}” — the listing was built in {year}."))
                } else {
                    not_in_facts()
                }
            }
        }
    }
}

/// Numbers written in digits: "1,850", "2.5", "$500,000", "02116". Digits glued
/// to a word before them ("B2", "#A4") are part of that word, not a claim.
fn scan_digits(cs: &[char]) -> Vec<Claim> {
    let digit = |i: usize| cs.get(i).is_some_and(char::is_ascii_digit);
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if !digit(i) {
            i += 1;
            continue;
        }
        let minutes = i > 1 && cs[i - 1] == ':' && cs[i - 2].is_ascii_digit();
        if minutes || (i > 0 && cs[i - 1].is_alphanumeric()) {
            while i < cs.len() && cs[i].is_alphanumeric() {
                i += 1;
            }
            continue;
        }
        let first = i;
        let mut s = String::new();
        while digit(i) {
            s.push(cs[i]);
            i += 1;
        }
        let mut comma = false;
        while cs.get(i) == Some(&',')
            && digit(i + 1)
            && digit(i + 2)
            && digit(i + 3)
            && !digit(i + 4)
        {
            s.extend(&cs[i + 1..i + 4]);
            i += 4;
            comma = true;
        }
        let mut decimals = 0;
        if cs.get(i) == Some(&'.') && digit(i + 1) {
            s.push('.');
            i += 1;
            while digit(i) {
                s.push(cs[i]);
                i += 1;
                decimals += 1;
            }
        }
        let money = first > 0 && cs[first - 1] == '$';
        out.push(Claim {
            start: if money { first - 1 } else { first },
            end: i,
            value: s.parse().unwrap_or(0.0),
            decimals,
            money,
            year_like: !comma && decimals == 0 && s.len() == 4,
            unit: Unit::Bare,
            noun: String::new(),
        });
    }
    out
}

/// The alphabetic word starting at `k`, lower-cased, and where it ends.
fn word_at(cs: &[char], k: usize) -> (String, usize) {
    let mut e = k;
    while e < cs.len() && cs[e].is_alphabetic() {
        e += 1;
    }
    let w = cs
        .get(k..e)
        .unwrap_or_default()
        .iter()
        .flat_map(|c| c.to_lowercase())
        .collect();
    (w, e)
}

/// Skips whitespace with at most one hyphen in it ("3-bedroom", "1,850 sq"),
/// never past a line break: a number ending a line does not count the next line.
fn skip_gap(cs: &[char], mut k: usize) -> usize {
    let mut hyphen = false;
    while let Some(&c) = cs.get(k) {
        if c.is_whitespace() && c != '\n' {
            k += 1;
        } else if (c == '-' || c == '\u{2011}') && !hyphen {
            hyphen = true;
            k += 1;
        } else {
            break;
        }
    }
    k
}

fn is_bath(w: &str) -> bool {
    matches!(w, "bath" | "baths" | "bathroom" | "bathrooms" | "ba")
}

/// Reads the unit after a number ending at `i`: what is counted and where the
/// claim ends ("1,850 sq ft", "3-bedroom", "$1.2M").
fn unit_after(cs: &[char], i: usize) -> (Unit, usize, String) {
    let (unit, end) = unit_kind_after(cs, i);
    let noun = if unit == Unit::Strict {
        let (w, _) = word_at(cs, skip_gap(cs, skip_ordinal(cs, i)));
        singular(&w)
    } else {
        String::new()
    };
    (unit, end, noun)
}

/// "stories" → "story", "cars" → "car": so "2 cars" and "two-car" count the same thing.
fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_owned()
    } else {
        w.to_owned()
    }
}

/// Skips an ordinal suffix glued to a number ("2nd").
fn skip_ordinal(cs: &[char], i: usize) -> usize {
    let (w, e) = word_at(cs, i);
    if matches!(w.as_str(), "st" | "nd" | "rd" | "th") {
        e
    } else {
        i
    }
}

fn unit_kind_after(cs: &[char], i: usize) -> (Unit, usize) {
    if cs.get(i) == Some(&'%') {
        return (Unit::Percent, i + 1);
    }
    let attached = cs.get(i).is_some_and(|c| c.is_alphabetic());
    let mut k = i;
    if attached {
        let (w, e) = word_at(cs, k);
        match w.as_str() {
            "m" | "mm" => return (Unit::Million, e),
            "k" => return (Unit::Thousand, e),
            // "2nd floor": the ordinal counts whatever follows.
            "st" | "nd" | "rd" | "th" => k = e,
            _ => {}
        }
    }
    let (w, e) = word_at(cs, skip_gap(cs, k));
    let next = |from: usize| word_at(cs, skip_gap(cs, from));
    let unit = match w.as_str() {
        "bedroom" | "bedrooms" | "bed" | "beds" | "br" | "bd" | "bds" | "bdrm" | "bdrms" => {
            Unit::Beds
        }
        w if is_bath(w) => Unit::Baths,
        "full" | "half" => {
            let (w2, e2) = next(e);
            if is_bath(&w2) {
                let unit = if w == "full" {
                    Unit::FullBaths
                } else {
                    Unit::HalfBaths
                };
                return (unit, e2);
            }
            Unit::Bare
        }
        "sq" => {
            let after_dot = if cs.get(e) == Some(&'.') { e + 1 } else { e };
            let (w2, e2) = next(after_dot);
            let end = if matches!(w2.as_str(), "ft" | "feet" | "foot") {
                e2
            } else {
                e
            };
            return (Unit::Area, end);
        }
        "sqft" | "sf" => Unit::Area,
        "square" => {
            let (w2, e2) = next(e);
            if matches!(w2.as_str(), "feet" | "foot" | "ft") {
                return (Unit::Area, e2);
            }
            Unit::Bare
        }
        "acre" | "acres" => Unit::Acres,
        "million" | "mil" => Unit::Million,
        "thousand" => Unit::Thousand,
        "percent" => Unit::Percent,
        "feature" | "features" | "highlight" | "highlights" => Unit::FeatureCount,
        w if STRICT_NOUNS.contains(&w) => Unit::Strict,
        _ => Unit::Bare,
    };
    if unit == Unit::Bare {
        (Unit::Bare, i)
    } else {
        (unit, e)
    }
}

fn am_pm_at(cs: &[char], k: usize) -> bool {
    let lower = |i: usize| cs.get(i).map(|c| c.to_ascii_lowercase());
    if !matches!(lower(k), Some('a' | 'p')) {
        return false;
    }
    let end = match (lower(k + 1), lower(k + 2)) {
        (Some('m'), _) => k + 2,
        (Some('.'), Some('m')) => k + 3,
        _ => return false,
    };
    !cs.get(end).is_some_and(|c| c.is_alphanumeric())
}

fn skip_spaces(cs: &[char], mut k: usize) -> usize {
    while cs.get(k).is_some_and(|c| c.is_whitespace()) {
        k += 1;
    }
    k
}

/// "2 pm", "1:30", "1-4 pm", "10 to 11 a.m.": showing times are not listing facts.
fn is_time(cs: &[char], c: &Claim) -> bool {
    let digit = |i: usize| cs.get(i).is_some_and(char::is_ascii_digit);
    if c.money || c.decimals > 0 || c.value > 24.0 {
        return false;
    }
    let mut k = c.end;
    if cs.get(k) == Some(&':') && digit(k + 1) && digit(k + 2) {
        return true;
    }
    k = skip_spaces(cs, k);
    if am_pm_at(cs, k) {
        return true;
    }
    if matches!(cs.get(k), Some('-' | '\u{2013}')) {
        k += 1;
    } else if word_at(cs, k).0 == "to" {
        k += 2;
    } else {
        return false;
    }
    k = skip_spaces(cs, k);
    let from = k;
    while digit(k) && k - from < 2 {
        k += 1;
    }
    if k == from {
        return false;
    }
    if cs.get(k) == Some(&':') && digit(k + 1) && digit(k + 2) {
        k += 3;
    }
    am_pm_at(cs, skip_spaces(cs, k))
}

/// The alphabetic word that ends just before `k` (skipping spaces and a period).
fn word_before(cs: &[char], k: usize) -> (String, usize) {
    let mut e = k;
    while e > 0 && cs[e - 1].is_whitespace() {
        e -= 1;
    }
    if e > 0 && cs[e - 1] == '.' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && cs[s - 1].is_alphabetic() {
        s -= 1;
    }
    (word_at(cs, s).0.chars().take(e - s).collect(), s)
}

/// "June 6", "6/6", "June 6, 2026": dates of showings are not listing facts.
fn is_date(cs: &[char], c: &Claim) -> bool {
    let digit = |i: usize| cs.get(i).is_some_and(char::is_ascii_digit);
    if c.money || c.decimals > 0 {
        return false;
    }
    if (cs.get(c.end) == Some(&'/') && digit(c.end + 1))
        || (c.start >= 2 && cs[c.start - 1] == '/' && digit(c.start - 2))
    {
        return true;
    }
    if c.value <= 31.0 && MONTHS.contains(&word_before(cs, c.start).0.as_str()) {
        return true;
    }
    if c.year_like {
        // "June 6, 2026": back over ", ", the day, then the month.
        let mut k = c.start;
        while k > 0 && (cs[k - 1].is_whitespace() || cs[k - 1] == ',') {
            k -= 1;
        }
        while k > 0 && cs[k - 1].is_alphabetic() {
            k -= 1; // an ordinal suffix: "6th"
        }
        let day_end = k;
        while k > 0 && cs[k - 1].is_ascii_digit() {
            k -= 1;
        }
        return day_end > k && MONTHS.contains(&word_before(cs, k).0.as_str());
    }
    false
}

/// Counts spelled out as words and followed by a unit: "three-bedroom", "two and
/// a half baths", "two-car". A spelled number with no unit ("one of") is no claim.
fn scan_spelled(cs: &[char]) -> Vec<Claim> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if !cs[i].is_alphabetic() || (i > 0 && cs[i - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        let (w, e) = word_at(cs, i);
        let Some(n) = SPELLED.iter().position(|s| *s == w) else {
            i = e.max(i + 1);
            continue;
        };
        let mut value = (n + 1) as f64;
        let mut end = e;
        let (and, e1) = word_at(cs, skip_spaces(cs, e));
        let (a, e2) = word_at(cs, skip_spaces(cs, e1));
        let (half, e3) = word_at(cs, skip_gap(cs, e2));
        if and == "and" && a == "a" && half == "half" {
            value += 0.5;
            end = e3;
        }
        let (unit, unit_end, noun) = unit_after(cs, end);
        let counts = !matches!(
            unit,
            Unit::Bare | Unit::Million | Unit::Thousand | Unit::Percent
        );
        if counts {
            out.push(Claim {
                start: i,
                end: unit_end,
                value,
                decimals: i32::from(value.fract() != 0.0),
                money: false,
                year_like: false,
                unit,
                noun,
            });
        }
        i = e;
    }
    out
}

/// Flags every number, room count or feature word in `text` that the facts do not
/// back. Dates and times (of showings) and the agent's own name and email are
/// ignored. Sorted by start; overlapping flags keep the longer one.
pub fn check_grounding(text: &str, facts: &ListingFacts) -> Vec<GroundingFlag> {
    let cs: Vec<char> = text.chars().collect();
    let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    bytes.push(text.len());
    let ignored: Vec<(usize, usize)> = [facts.agent_name.trim(), facts.agent_email.trim()]
        .into_iter()
        .filter(|s| s.chars().count() >= 2)
        .flat_map(|s| ranges(text, s))
        .collect();
    let is_ignored = |s: usize, e: usize| ignored.iter().any(|&(a, b)| s < b && e > a);
    let known = Known::new(facts);
    let mut flags: Vec<GroundingFlag> = Vec::new();

    let digits = scan_digits(&cs).into_iter().map(|mut c| {
        let (unit, end, noun) = unit_after(&cs, c.end);
        c.unit = unit;
        c.noun = noun;
        let dated = unit == Unit::Bare && (is_time(&cs, &c) || is_date(&cs, &c));
        c.end = end;
        (c, dated)
    });
    let spelled = scan_spelled(&cs).into_iter().map(|c| (c, false));
    for (claim, dated) in digits.chain(spelled) {
        let (start, end) = (bytes[claim.start], bytes[claim.end]);
        if dated || is_ignored(start, end) {
            continue;
        }
        let matched = &text[start..end];
        if let Some(reason) = known.judge(&claim, matched) {
            flags.push(GroundingFlag {
                start,
                end,
                matched: matched.to_owned(),
                reason,
            });
        }
    }

    let grounds = [
        facts.features.join(" ; "),
        facts.title.clone(),
        facts.street.clone(),
        facts.city.clone(),
        facts.state.clone(),
    ]
    .join(" ; ");
    let patterns: Vec<Pattern> = VOCABULARY.iter().map(|(t, _)| Pattern::new(t)).collect();
    for f in find_all(text, &patterns, true) {
        let (term, alts) = VOCABULARY[f.index];
        let grounded = contains(&grounds, term) || alts.iter().any(|a| contains(&grounds, a));
        if grounded || is_ignored(f.start, f.end) {
            continue;
        }
        let matched = &text[f.start..f.end];
        flags.push(GroundingFlag {
            start: f.start,
            end: f.end,
            matched: matched.to_owned(),
            reason: format!("“{matched}” is not among the listing's features."),
        });
    }

    flags.sort_by_key(|f| (std::cmp::Reverse(f.end - f.start), f.start));
    let mut kept: Vec<GroundingFlag> = Vec::new();
    for f in flags {
        if kept.iter().all(|k| f.end <= k.start || f.start >= k.end) {
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| f.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    fn reasons(text: &str, facts: &ListingFacts) -> Vec<String> {
        check_grounding(text, facts)
            .into_iter()
            .map(|f| f.reason)
            .collect()
    }

    fn matched(text: &str, facts: &ListingFacts) -> Vec<String> {
        check_grounding(text, facts)
            .into_iter()
            .map(|f| f.matched)
            .collect()
    }

    #[test]
    fn numbers_that_match_the_facts_pass() {
        let facts = samples::townhouse();
        for text in [
            "A 3-bedroom, 2.5-bath townhouse with 1,850 sq ft.",
            "3 bedrooms, 2.5 bathrooms and 1,850 square feet of living space.",
            "3BR / 2.5BA, 1850 sqft, on a 1,200-square-foot lot.",
            "Three bedrooms and two and a half baths; two full baths and 1 half bath.",
            "Built in 1899. Listed at $1,850,000 ($1.85M, about 1.9 million).",
            "112 Marlborough St, Boston, MA 02116.",
            "Features include two-car garage; all 5 features are listed.",
        ] {
            assert_eq!(reasons(text, &facts), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn numbers_that_contradict_or_add_to_the_facts_are_flagged_with_a_reason() {
        let facts = samples::townhouse();
        for (text, matched, reason) in [
            (
                "Enjoy 4 bedrooms.",
                "4 bedrooms",
                "“4 bedrooms” — the listing has 3.",
            ),
            (
                "A four-bedroom home.",
                "four-bedroom",
                "“four-bedroom” — the listing has 3.",
            ),
            (
                "With 3 baths.",
                "3 baths",
                "“3 baths” — the listing has 2.5 bathrooms.",
            ),
            (
                "Offers 2,400 sq ft.",
                "2,400 sq ft",
                "“2,400 sq ft” is not in the listing's facts.",
            ),
            (
                "Priced at $1,900,000.",
                "$1,900,000",
                "“$1,900,000” — the listing price is $1,850,000.",
            ),
            (
                "Just $2.1M.",
                "$2.1M",
                "“$2.1M” — the listing price is $1,850,000.",
            ),
            (
                "Renovated in 1998.",
                "1998",
                "“1998” — the listing was built in 1899.",
            ),
            (
                "A 3-car garage.",
                "3-car",
                "“3-car” is not in the listing's facts.",
            ),
            (
                "Only 5 minutes away.",
                "5 minutes",
                "“5 minutes” is not in the listing's facts.",
            ),
            (
                "Rated 47 by locals.",
                "47",
                "“47” is not in the listing's facts.",
            ),
            (
                "On the 2nd floor.",
                "2nd floor",
                "“2nd floor” is not in the listing's facts.",
            ),
            (
                "Set on 2 acres.",
                "2 acres",
                "“2 acres” — the lot is 1,200 sq ft.",
            ),
        ] {
            let flags = check_grounding(text, &facts);
            assert_eq!(flags.len(), 1, "{text}: {flags:?}");
            assert_eq!(flags[0].matched, matched, "{text}");
            assert_eq!(flags[0].reason, reason, "{text}");
            assert_eq!(&text[flags[0].start..flags[0].end], matched, "{text}");
        }
    }

    #[test]
    fn land_and_lots_in_acres_are_checked_against_the_lot_size() {
        let facts = samples::land();
        assert!(matched("About 5 acres (217,800 square feet) off Lot 7.", &facts).is_empty());
        assert!(matched("A 5.0-acre parcel; five acres in all.", &facts).is_empty());
        assert_eq!(
            matched("A 6-acre parcel with 2 bedrooms.", &facts),
            vec!["6-acre", "2 bedrooms"]
        );
        assert_eq!(
            reasons("It has 2 bedrooms.", &facts),
            vec!["“2 bedrooms” — the listing has no bedrooms."]
        );
    }

    #[test]
    fn dates_and_times_of_showings_are_not_claims() {
        let facts = samples::townhouse();
        for text in [
            "Open House: Saturday, June 6, 1-4 pm.",
            "Sunday June 7th from 11 a.m. to 2 p.m.",
            "Join us 10:30 to 12:00, or on 6/14.",
            "See you on December 12, 2026.",
        ] {
            assert_eq!(matched(text, &facts), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn feature_words_are_flagged_unless_the_facts_mention_them() {
        let facts = samples::townhouse();
        let text = "Hardwood floors, granite counters, a pool and an updated kitchen with quartz. Two-car garage, a roof deck and central air. Steps to the park.";
        assert_eq!(
            matched(text, &facts),
            vec!["granite", "pool", "quartz", "park"]
        );
        assert_eq!(
            reasons("Granite counters.", &facts),
            vec!["“Granite” is not among the listing's features."]
        );
        // "updated kitchen" grounds "renovated" and the title says so too;
        // "roof deck" grounds "deck"; plurals are the same word.
        assert!(matched("A renovated home with decks and skylights", &facts) == vec!["skylights"]);
    }

    #[test]
    fn the_head_word_grounds_a_compound_but_a_modifier_claim_does_not() {
        let mut facts = samples::townhouse();
        facts.features = vec!["garage".into(), "basement".into()];
        assert_eq!(
            matched("An attached garage and a finished basement.", &facts),
            vec!["finished basement"]
        );
    }

    #[test]
    fn the_place_names_in_the_facts_ground_their_own_words() {
        let mut facts = samples::townhouse();
        facts.city = "Palm Beach".into();
        facts.street = "9 Lake Ave".into();
        assert!(matched("A home on Lake Ave in Palm Beach.", &facts).is_empty());
    }

    #[test]
    fn the_agents_own_contact_details_are_ignored() {
        let mut facts = samples::townhouse();
        facts.agent_name = "Jo Park".into();
        facts.agent_email = "jo.park77@pool-homes.example".into();
        let text = "Contact Jo Park at jo.park77@pool-homes.example.";
        assert!(matched(text, &facts).is_empty());
        assert_eq!(
            matched("A pool near the park.", &facts),
            vec!["pool", "park"]
        );
    }

    #[test]
    fn non_ascii_text_is_checked_without_panicking() {
        let facts = samples::sparse_condo();
        let text = "Très belle maison — 4 chambres 🏡, “granite” et 2 bedrooms; 1 bedroom ✓";
        let flags = check_grounding(text, &facts);
        for f in &flags {
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
        let got: Vec<&str> = flags.iter().map(|f| f.matched.as_str()).collect();
        assert_eq!(got, vec!["4", "granite", "2 bedrooms"]);
    }

    #[test]
    fn overlapping_flags_keep_the_longer_and_come_sorted() {
        let mut facts = samples::townhouse();
        facts.features.clear();
        let flags = check_grounding("A three-car garage and 4 bedrooms.", &facts);
        let got: Vec<&str> = flags.iter().map(|f| f.matched.as_str()).collect();
        assert_eq!(got, vec!["three-car garage", "4 bedrooms"]);
    }

    #[test]
    fn the_vocabulary_is_broad() {
        assert!(vocabulary().count() >= 60);
    }
}
