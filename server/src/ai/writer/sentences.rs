//! Sentences shared by the prose kinds: the introduction, the layout, the lot,
//! the year, the features, the address and the price.

use shared::content::Tone;
use shared::listing::ListingStatus;

use super::ctx::Ctx;
use super::words::{cap, join_and, soft_lower, with_article};

impl Ctx<'_> {
    pub(super) fn intro(&mut self) -> String {
        let n = self.noun.clone();
        let a = with_article(&n);
        let at = self.in_place();
        let mut o: Vec<String> = match self.tone {
            Tone::Professional => vec![
                format!("Presenting {a}{at}."),
                format!("This {n}{at} is ready for a closer look."),
                format!("Take a closer look at this {n}{at}."),
            ],
            Tone::Friendly => vec![
                format!("Looking for {a}{at}? This one deserves a spot on your list."),
                format!("Here's {a}{at} that's well worth a look."),
                format!("Say hello to {a}{at} we think you'll want to see."),
            ],
            Tone::Luxury if at.is_empty() => vec![
                format!("An exceptional {n} awaits."),
                format!("Introducing a distinguished {n}."),
            ],
            Tone::Luxury => vec![
                format!("An exceptional {n} awaits{at}."),
                format!("Introducing a distinguished {n}{at}."),
                format!("Set{at}, this {n} is presented with care."),
            ],
            Tone::Concise => vec![cap(&format!("{a}{at}.")), cap(&format!("{n}{at}."))],
        };
        if let Some(street) = self.street.clone() {
            o.push(match self.tone {
                Tone::Professional => format!("Introducing {street}, {a}{at}."),
                Tone::Friendly => format!("Meet {street}, {a}{at} with plenty to like."),
                Tone::Luxury => format!("{street} presents a compelling opportunity{at}."),
                Tone::Concise => format!("{street}: {a}{at}."),
            });
        }
        let s = self.pick(o);
        cap(&s)
    }

    pub(super) fn layout_sentence(&mut self) -> Option<String> {
        let l = self.layout()?;
        let n = self.noun.clone();
        let o = match self.tone {
            Tone::Professional => vec![
                format!("The layout includes {l}."),
                format!("Inside, the {n} offers {l}."),
                format!("The interior provides {l}."),
            ],
            Tone::Friendly => vec![
                format!("Inside, you'll find {l}."),
                format!("You get {l} to make your own."),
                format!("Step inside and you'll find {l}."),
            ],
            Tone::Luxury => vec![
                format!("The interior encompasses {l}."),
                format!("Within, the {n} offers {l}."),
                format!("The {n} comprises {l}."),
            ],
            Tone::Concise => vec![format!("{}.", cap(&l)), format!("Layout: {l}.")],
        };
        Some(self.pick(o))
    }

    pub(super) fn lot_sentence(&mut self) -> Option<String> {
        let size = self.lot_size()?;
        let n = self.noun.clone();
        let o = match (self.tone, self.land()) {
            (Tone::Concise, _) => vec![format!("Lot: {size}."), format!("Lot size: {size}.")],
            (Tone::Professional, true) => vec![
                format!("The {n} measures {size}."),
                format!("The land covers {size}."),
            ],
            (Tone::Friendly, true) => vec![
                format!("You'll have {size} to work with."),
                format!("The {n} comes in at {size}."),
            ],
            (Tone::Luxury, true) => vec![
                format!("The land extends to {size}."),
                format!("The {n} encompasses {size}."),
            ],
            (Tone::Professional, false) => vec![
                format!("The lot measures {size}."),
                format!("It sits on a lot of {size}."),
            ],
            (Tone::Friendly, false) => vec![
                format!("The lot comes in at {size}."),
                format!("It sits on a lot of {size}."),
            ],
            (Tone::Luxury, false) => vec![
                format!("The lot extends to {size}."),
                format!("The {n} is set on a lot of {size}."),
            ],
        };
        Some(self.pick(o))
    }

    pub(super) fn year_sentence(&mut self) -> Option<String> {
        let y = self.facts.year_built.filter(|&y| y > 0)?;
        let n = self.noun.clone();
        let o = match self.tone {
            Tone::Professional => vec![
                format!("The {n} was built in {y}."),
                format!("It was built in {y}."),
            ],
            Tone::Friendly => vec![
                format!("It was built in {y}."),
                format!("It dates from {y}."),
            ],
            Tone::Luxury => vec![
                format!("The {n} was completed in {y}."),
                format!("It was constructed in {y}."),
            ],
            Tone::Concise => vec![format!("Built in {y}.")],
        };
        Some(self.pick(o))
    }

    /// The features in sentences: one each when there are few (each gets its
    /// moment), in groups of two or three when there are many (a wall of
    /// one-item sentences reads like a form). Templates rotate so neighbours differ.
    pub(super) fn feature_sentences(&mut self) -> Vec<(String, usize)> {
        let feats: Vec<String> = self.features.iter().map(|f| soft_lower(f)).collect();
        let mut groups: Vec<Vec<String>> = if feats.len() <= 4 {
            feats.into_iter().map(|f| vec![f]).collect()
        } else {
            feats.chunks(3).map(<[String]>::to_vec).collect()
        };
        if groups.len() > 1
            && groups.last().is_some_and(|g| g.len() == 1)
            && groups[groups.len() - 2].len() == 3
        {
            let n = groups.len();
            let moved = groups[n - 2].pop().unwrap_or_default();
            groups[n - 1].insert(0, moved);
        }
        // (opening one, opening many, continuing one, continuing many)
        let banks: [&[&str]; 4] = match self.tone {
            Tone::Professional => [
                &["Features include {}.", "Of note: {}."],
                &["Listed features include {}.", "Features include {}."],
                &[
                    "Also included: {}.",
                    "Another listed feature: {}.",
                    "Also of note: {}.",
                ],
                &[
                    "The feature list continues with {}.",
                    "Also noted: {}.",
                    "Also included: {}.",
                ],
            ],
            Tone::Friendly => [
                &["A detail you'll appreciate: {}.", "Here's a highlight: {}."],
                &["Highlights include {}.", "You'll find {}."],
                &[
                    "You'll also find {}.",
                    "Another thing to love: {}.",
                    "Bonus: {}.",
                ],
                &[
                    "You'll also find {}.",
                    "There's more: {}.",
                    "Other things to love: {}.",
                ],
            ],
            Tone::Luxury => [
                &["Appointments include {}.", "A considered detail: {}."],
                &["Appointments include {}.", "Among its refinements: {}."],
                &["A further distinction: {}.", "Also of note: {}."],
                &[
                    "Further refinements include {}.",
                    "The offering also includes {}.",
                ],
            ],
            Tone::Concise => [
                &["Includes {}.", "{}."],
                &["Includes {}.", "Features: {}."],
                &["Plus {}.", "Also: {}."],
                &["Plus {}.", "Also: {}."],
            ],
        };
        let mut later_one = banks[2].to_vec();
        let mut later_many = banks[3].to_vec();
        self.rng.shuffle(&mut later_one);
        self.rng.shuffle(&mut later_many);
        let first_one = banks[0][self.rng.below(banks[0].len())];
        let first_many = banks[1][self.rng.below(banks[1].len())];
        groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let template = match (i, g.len()) {
                    (0, 1) => first_one,
                    (0, _) => first_many,
                    (_, 1) => later_one[i % later_one.len()],
                    _ => later_many[i % later_many.len()],
                };
                (cap(&template.replacen("{}", &join_and(g), 1)), g.len())
            })
            .collect()
    }

    pub(super) fn location_sentence(&mut self) -> Option<String> {
        let place = self.place_full();
        let n = self.noun.clone();
        let o = match (self.street.clone(), place) {
            (Some(s), Some(p)) => match self.tone {
                Tone::Professional => vec![format!("The address is {s}, {p}.")],
                Tone::Friendly => vec![format!("You'll find it at {s}, {p}.")],
                Tone::Luxury => vec![
                    format!("The {n} is located at {s}, {p}."),
                    format!("Its address is {s}, {p}."),
                ],
                Tone::Concise => vec![format!("Address: {s}, {p}.")],
            },
            (None, Some(_)) if self.facts.postal_code.trim().is_empty() => return None,
            (None, Some(p)) => match self.tone {
                Tone::Professional => vec![format!("The property is located in {p}.")],
                Tone::Friendly => vec![format!("It's located in {p}.")],
                Tone::Luxury => vec![format!("The {n} is located in {p}.")],
                Tone::Concise => vec![format!("Location: {p}.")],
            },
            (Some(s), None) => vec![format!("The address is {s}.")],
            (None, None) => return None,
        };
        Some(self.pick(o))
    }

    /// Price and status in one or two sentences; rented listings give no price
    /// (the figure may be a sale price, and a rent must never be invented).
    pub(super) fn price_sentence(&mut self) -> Option<String> {
        let p = self.price();
        let n = self.noun.clone();
        let s = match (self.facts.status, p) {
            (ListingStatus::ComingSoon, Some(p)) => match self.tone {
                Tone::Professional => {
                    format!("The property is coming soon, with a list price of {p}.")
                }
                Tone::Friendly => format!(
                    "It's coming soon, listed at {p}, so now is a good time to ask about it."
                ),
                Tone::Luxury => format!("Coming soon, the {n} will be offered at {p}."),
                Tone::Concise => format!("Coming soon at {p}."),
            },
            (ListingStatus::ComingSoon, None) => "Coming soon.".to_owned(),
            (ListingStatus::UnderContract, p) => {
                let at = p
                    .map(|p| format!(" at a list price of {p}"))
                    .unwrap_or_default();
                match self.tone {
                    Tone::Concise => format!("Under contract{at}."),
                    _ => format!("The property is currently under contract{at}."),
                }
            }
            (ListingStatus::Sold, p) => {
                let was = p
                    .map(|p| format!("; it was listed at {p}"))
                    .unwrap_or_default();
                format!("This {n} has sold{was}.")
            }
            (ListingStatus::Rented, _) => format!("This {n} has been leased."),
            (_, Some(p)) => {
                let o = match self.tone {
                    Tone::Professional => vec![
                        format!("The list price is {p}."),
                        format!("It is offered at {p}."),
                    ],
                    Tone::Friendly => vec![
                        format!("It's listed at {p}."),
                        format!("The asking price is {p}."),
                    ],
                    Tone::Luxury => {
                        vec![format!("Offered at {p}."), format!("It is offered at {p}.")]
                    }
                    Tone::Concise => vec![format!("Price: {p}."), format!("Listed at {p}.")],
                };
                self.pick(o)
            }
            (_, None) => return None,
        };
        Some(s)
    }
}
