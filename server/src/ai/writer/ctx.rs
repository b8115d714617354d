//! The facts prepared for writing, and the phrases made from them alone (the
//! layout, the place, the price, the lot) that every channel uses.

use shared::content::{Audience, ContentKind, ListingFacts, Tone};
use shared::fair_housing::{check, default_phrases};
use shared::listing::{format_baths, format_number, format_price, ListingStatus, PropertyType};

use super::rng::{fnv, Rng};
use super::words::{
    format_acres, join_and, plural, soft_lower, with_article, ACRES_FROM_SQFT, SQFT_PER_ACRE,
};

/// The facts prepared for writing, the tone and audience, and the seeded choices.
pub(super) struct Ctx<'a> {
    pub(super) facts: &'a ListingFacts,
    pub(super) tone: Tone,
    pub(super) audience: Audience,
    pub(super) rng: Rng,
    /// The agent's features that pass the Fair Housing check, as typed.
    pub(super) features: Vec<String>,
    pub(super) street: Option<String>,
    pub(super) title: Option<String>,
    /// "townhouse", "residence": the word for the property in this text, chosen
    /// once so a text does not switch between "condo" and "condominium".
    pub(super) noun: String,
}

/// A fact string that can be repeated: not empty and free of flagged phrases.
fn clean(s: &str, phrases: &[shared::fair_housing::Phrase]) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_end_matches('.').trim_end();
    (!s.is_empty() && check(s, phrases).is_empty()).then(|| s.to_owned())
}

impl<'a> Ctx<'a> {
    pub(super) fn new(
        kind: ContentKind,
        facts: &'a ListingFacts,
        tone: Tone,
        audience: Audience,
    ) -> Self {
        let debug = format!("{facts:?}");
        let mut rng = Rng(fnv(&[
            &debug,
            kind.as_str(),
            tone.as_str(),
            audience.as_str(),
        ]));
        let phrases = default_phrases();
        let mut features: Vec<String> = Vec::new();
        for f in &facts.features {
            if let Some(f) = clean(f, &phrases) {
                if !features.iter().any(|g| g.eq_ignore_ascii_case(&f)) {
                    features.push(f);
                }
            }
        }
        let nouns: &[&str] = match (facts.property_type, tone) {
            (PropertyType::Land, _) => &["parcel", "parcel of land"],
            (PropertyType::House, Tone::Luxury) => &["residence", "home"],
            (PropertyType::House, _) => &["home", "house"],
            (PropertyType::Condo, Tone::Luxury) => &["condominium"],
            (PropertyType::Condo, _) => &["condo", "condominium"],
            (PropertyType::Townhouse, _) => &["townhouse", "townhome"],
            (PropertyType::Apartment, _) => &["apartment"],
            (PropertyType::MultiFamily, _) => &["multi-family property", "multi-family building"],
            (PropertyType::Villa, _) => &["villa"],
            (PropertyType::Penthouse, _) => &["penthouse"],
        };
        let noun = nouns[rng.below(nouns.len())].to_owned();
        Self {
            facts,
            tone,
            audience,
            rng,
            features,
            street: clean(&facts.street, &phrases),
            title: clean(&facts.title, &phrases),
            noun,
        }
    }

    pub(super) fn land(&self) -> bool {
        self.facts.property_type == PropertyType::Land
    }

    pub(super) fn pick(&mut self, options: Vec<String>) -> String {
        self.rng.pick(options)
    }

    /// "Boston, MA", "Boston", "MA" or nothing.
    pub(super) fn place(&self) -> Option<String> {
        let city = self.facts.city.trim();
        let state = self.facts.state.trim();
        match (city.is_empty(), state.is_empty()) {
            (false, false) => Some(format!("{city}, {state}")),
            (false, true) => Some(city.to_owned()),
            (true, false) => Some(state.to_owned()),
            (true, true) => None,
        }
    }

    /// The place with the postal code: "Boston, MA 02116".
    pub(super) fn place_full(&self) -> Option<String> {
        let postal = self.facts.postal_code.trim();
        match (self.place(), postal.is_empty()) {
            (Some(p), false) => Some(format!("{p} {postal}")),
            (p, _) => p,
        }
    }

    /// " in Boston, MA" or "".
    pub(super) fn in_place(&self) -> String {
        self.place().map(|p| format!(" in {p}")).unwrap_or_default()
    }

    pub(super) fn city_or_place(&self) -> Option<String> {
        let city = self.facts.city.trim();
        if city.is_empty() {
            self.place()
        } else {
            Some(city.to_owned())
        }
    }

    pub(super) fn price(&self) -> Option<String> {
        (self.facts.price_cents > 0).then(|| format_price(self.facts.price_cents))
    }

    pub(super) fn short(&self) -> bool {
        self.tone == Tone::Concise
    }

    pub(super) fn beds(&self) -> Option<String> {
        let n = i64::from(self.facts.bedrooms);
        (n > 0 && !self.land()).then(|| plural(n, "bedroom", "bedrooms"))
    }

    pub(super) fn baths(&self) -> Option<String> {
        let h = self.facts.bathroom_halves;
        if h <= 0 || self.land() {
            return None;
        }
        let (one, many) = if self.short() {
            ("bath", "baths")
        } else {
            ("bathroom", "bathrooms")
        };
        Some(if h == 2 {
            format!("1 {one}")
        } else {
            format!("{} {many}", format_baths(h))
        })
    }

    pub(super) fn area(&self) -> Option<String> {
        let a = self
            .facts
            .living_area_sqft
            .filter(|&a| a > 0 && !self.land())?;
        Some(if self.short() {
            format!("{} sq ft", format_number(a.into()))
        } else {
            format!("{} square feet of living space", format_number(a.into()))
        })
    }

    /// "3 bedrooms, 2.5 bathrooms and 1,850 square feet of living space".
    pub(super) fn layout(&self) -> Option<String> {
        let parts: Vec<String> = [self.beds(), self.baths(), self.area()]
            .into_iter()
            .flatten()
            .collect();
        (!parts.is_empty()).then(|| join_and(&parts))
    }

    /// "3 bd · 2.5 ba · 1,850 sq ft" for posts and flyers.
    pub(super) fn stats(&self) -> Option<String> {
        let f = self.facts;
        let mut parts = Vec::new();
        if !self.land() {
            if f.bedrooms > 0 {
                parts.push(format!("{} bd", f.bedrooms));
            }
            if f.bathroom_halves > 0 {
                parts.push(format!("{} ba", format_baths(f.bathroom_halves)));
            }
            if let Some(a) = f.living_area_sqft.filter(|&a| a > 0) {
                parts.push(format!("{} sq ft", format_number(a.into())));
            }
        }
        if let (true, Some(lot)) = (parts.is_empty(), f.lot_size_sqft.filter(|&l| l > 0)) {
            if lot >= ACRES_FROM_SQFT {
                let acres = format_acres(lot);
                parts.push(format!(
                    "{acres} {}",
                    if acres == "1" { "acre" } else { "acres" }
                ));
            }
            parts.push(format!("{} sq ft lot", format_number(lot.into())));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// "5,000 square feet" or "about 5 acres (217,800 square feet)".
    pub(super) fn lot_size(&self) -> Option<String> {
        self.lot_size_in(self.short())
    }

    pub(super) fn lot_size_in(&self, short: bool) -> Option<String> {
        let lot = self.facts.lot_size_sqft.filter(|&l| l > 0)?;
        let sqft = format_number(lot.into());
        let unit = if short { "sq ft" } else { "square feet" };
        Some(if lot >= ACRES_FROM_SQFT {
            let acres = format_acres(lot);
            let word = if acres == "1" { "acre" } else { "acres" };
            format!("about {acres} {word} ({sqft} {unit})")
        } else {
            format!("{sqft} {unit}")
        })
    }

    /// "a 3-bedroom, 2.5-bath townhouse with 1,850 sq ft": the layout in one phrase.
    pub(super) fn summary(&self) -> String {
        let f = self.facts;
        if self.land() {
            return with_article(&self.headline_core());
        }
        let mut counts: Vec<String> = Vec::new();
        if f.bedrooms > 0 {
            counts.push(format!("{}-bedroom", f.bedrooms));
        }
        if f.bathroom_halves > 0 {
            counts.push(format!("{}-bath", format_baths(f.bathroom_halves)));
        }
        let phrase = if counts.is_empty() {
            self.noun.clone()
        } else {
            format!("{} {}", counts.join(", "), self.noun)
        };
        let mut s = with_article(&phrase);
        if let Some(a) = f.living_area_sqft.filter(|&a| a > 0) {
            s.push_str(&format!(" with {} sq ft", format_number(a.into())));
        }
        s
    }

    /// "3-bedroom townhouse", "5-acre parcel", "condo".
    pub(super) fn headline_core(&self) -> String {
        let f = self.facts;
        if self.land() {
            if let Some(lot) = f.lot_size_sqft.filter(|&l| l >= SQFT_PER_ACRE as i32) {
                return format!("{}-acre {}", format_acres(lot), self.noun);
            }
        } else if f.bedrooms > 0 {
            return format!("{}-bedroom {}", f.bedrooms, self.noun);
        }
        self.noun.clone()
    }

    pub(super) fn feature_list(&self, max: usize) -> Vec<String> {
        self.features
            .iter()
            .take(max)
            .map(|f| soft_lower(f))
            .collect()
    }

    pub(super) fn on_market(&self) -> bool {
        matches!(
            self.facts.status,
            ListingStatus::Active
                | ListingStatus::Draft
                | ListingStatus::Withdrawn
                | ListingStatus::Expired
        )
    }
}
