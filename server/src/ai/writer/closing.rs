//! How the prose kinds close: practical notes for the property type, a sentence
//! for the audience, and the call to action.

use shared::content::{Audience, Tone};
use shared::listing::{ListingStatus, PropertyType};

use super::ctx::Ctx;

impl Ctx<'_> {
    /// A question worth asking for this kind of property: useful, and asserts nothing.
    fn type_note(&self) -> String {
        let short = self.short();
        match self.facts.property_type {
            PropertyType::Condo | PropertyType::Penthouse if short => "Ask for the association documents.",
            PropertyType::Condo | PropertyType::Penthouse => {
                "As with any condominium, ask for the association documents and budget before you commit."
            }
            PropertyType::Townhouse if short => "Confirm any association rules and fees.",
            PropertyType::Townhouse => "As with most townhomes, it is worth confirming any association rules and fees.",
            PropertyType::Apartment if short => "Ask about building rules and monthly costs.",
            PropertyType::Apartment => "Ask about the building's rules and what the monthly costs cover.",
            PropertyType::Villa if short => "Ask whether an association applies.",
            PropertyType::Villa => "Ask whether an association applies and, if so, for its documents.",
            PropertyType::House if short => "Ask for any inspection reports.",
            PropertyType::House => "Ask about any inspection reports or recent utility costs the seller can share.",
            PropertyType::MultiFamily if short => "Ask for leases and operating expenses.",
            PropertyType::MultiFamily => "Ask for any current leases and operating expenses to review the income side.",
            PropertyType::Land if short => "Confirm zoning and utilities.",
            PropertyType::Land => {
                "As with any land purchase, confirm zoning, utilities and permitted uses with the local authorities before making plans."
            }
        }
        .to_owned()
    }

    /// Sold or leased: the text announces a result, so no showings are offered.
    pub(super) fn closed(&self) -> bool {
        matches!(
            self.facts.status,
            ListingStatus::Sold | ListingStatus::Rented
        )
    }

    /// Practical notes that follow from the facts: the type's usual paperwork,
    /// and the federal lead-based paint disclosure for housing built before 1978
    /// (42 U.S.C. 4852d). Nothing for a closed listing.
    pub(super) fn notes(&self) -> Vec<String> {
        if self.closed() {
            return Vec::new();
        }
        let mut notes = vec![self.type_note()];
        let pre_1978 = self.facts.year_built.is_some_and(|y| y > 0 && y < 1978);
        if pre_1978 && !self.land() {
            notes.push(
                if self.short() {
                    "Ask for the lead-based paint disclosure."
                } else {
                    "Given its construction date, ask for the federal lead-based paint disclosure."
                }
                .to_owned(),
            );
        }
        notes
    }

    pub(super) fn audience_sentence(&mut self) -> String {
        if self.closed() {
            return match self.audience {
                Audience::Buyers => {
                    "Buying soon? Ask us about comparable properties as they come up."
                }
                Audience::Renters => {
                    "Looking to lease? Ask us which comparable homes are coming up."
                }
                Audience::Investors => {
                    "Investors are welcome to ask us for the figures behind recent sales."
                }
            }
            .to_owned();
        }
        let o: Vec<&str> = match (self.audience, self.tone) {
            (Audience::Buyers, Tone::Professional) => vec![
                "Buyers can ask for a showing at a time that suits them.",
                "Buyers are welcome to bring a checklist and walk through at their own pace.",
            ],
            (Audience::Buyers, Tone::Friendly) => vec![
                "If you're hunting for your next place, add this one to your list.",
                "Buying soon? This one belongs on your short list.",
            ],
            (Audience::Buyers, Tone::Luxury) => vec![
                "Discerning buyers are invited to experience the property in person.",
                "Prospective purchasers are invited to arrange a personal viewing.",
            ],
            (Audience::Buyers, Tone::Concise) => vec!["Buyers: ask for a showing that suits you."],
            (Audience::Renters, Tone::Professional) => {
                vec!["If you are looking to lease, ask us about lease terms and availability."]
            }
            (Audience::Renters, Tone::Friendly) => {
                vec!["Looking to rent? Ask us about lease terms and availability."]
            }
            (Audience::Renters, Tone::Luxury) => {
                vec!["Lease inquiries are welcome; we are happy to discuss terms and availability."]
            }
            (Audience::Renters, Tone::Concise) => vec!["Renters: ask about lease terms."],
            (Audience::Investors, Tone::Professional) => {
                vec!["Investors can review the numbers with us, from the list price to the size and layout."]
            }
            (Audience::Investors, Tone::Friendly) => {
                vec!["Running the numbers? We're happy to review them with you."]
            }
            (Audience::Investors, Tone::Luxury) => {
                vec!["Investors are invited to review the numbers with us in confidence."]
            }
            (Audience::Investors, Tone::Concise) => vec!["Investors: review the numbers with us."],
        };
        let o = o.into_iter().map(str::to_owned).collect();
        self.pick(o)
    }

    pub(super) fn cta(&mut self) -> String {
        let closed = matches!(
            self.facts.status,
            ListingStatus::Sold | ListingStatus::Rented
        );
        let o: Vec<&str> = match (self.tone, closed) {
            (Tone::Concise, true) => vec!["Contact us about similar properties."],
            (_, true) => vec!["Contact us to hear about similar properties as they come up."],
            (Tone::Professional, false) => vec![
                "Reach out to arrange a private showing.",
                "Contact us to schedule a showing at a time that suits you.",
                "To arrange a showing or request more information, contact our office.",
            ],
            (Tone::Friendly, false) => vec![
                "Reach out and we'll set up a showing that fits your schedule.",
                "Send us a message and let's find a time for you to see it in person.",
            ],
            (Tone::Luxury, false) => vec![
                "Private showings are available by appointment.",
                "To arrange a private viewing, please contact us at your convenience.",
            ],
            (Tone::Concise, false) => {
                vec!["Contact us to schedule a showing.", "Book a showing today."]
            }
        };
        let o = o.into_iter().map(str::to_owned).collect();
        self.pick(o)
    }
}
