//! The offline AI provider's writer (product.md "AI content": the default when no
//! API key is configured and the fallback when the remote provider fails). It
//! writes only from the facts: every number, room and feature comes from
//! `ListingFacts`, everything else is about the process (showings, documents,
//! questions), so the grounding and Fair Housing checks pass by construction.
//! Deterministic: the same facts, kind, tone and audience give the same text;
//! different listings and tones pick different sentence templates.
//!
//! One file a channel (`description`, `mls`, `social`, `email`, `flyer`,
//! `open_house`; `price` for price explanations). What they share: the facts
//! prepared for writing (`ctx`), the sentences of the prose kinds (`sentences`,
//! `closing`), the process sentences that bring a text to its length (`fillers`),
//! wording helpers (`words`) and the seeded choices (`rng`).

mod closing;
mod ctx;
mod description;
mod email;
mod fillers;
mod flyer;
mod mls;
mod open_house;
mod price;
mod rng;
mod sentences;
mod social;
#[cfg(test)]
mod tests;
mod words;

use shared::content::{ContentKind, ContentOptions, GeneratedText, ListingFacts};

use ctx::Ctx;
use description::description;
use email::email;
use flyer::flyer;
use mls::mls_remarks;
use open_house::open_house;
pub use price::write_price_explanation;
use social::social;

/// Writes one text of `kind` from the facts, in the options' tone and for their
/// audience. Deterministic for the same input.
pub fn write_listing_copy(
    kind: ContentKind,
    facts: &ListingFacts,
    options: &ContentOptions,
) -> GeneratedText {
    let mut ctx = Ctx::new(kind, facts, options.tone, options.audience);
    match kind {
        ContentKind::Description => GeneratedText {
            subject: None,
            body: description(&mut ctx),
        },
        ContentKind::MlsRemarks => GeneratedText {
            subject: None,
            body: mls_remarks(&mut ctx, options.mls_char_limit),
        },
        ContentKind::Instagram | ContentKind::Facebook | ContentKind::Linkedin => GeneratedText {
            subject: None,
            body: social(&mut ctx, kind),
        },
        ContentKind::Email => email(&mut ctx),
        ContentKind::Flyer => GeneratedText {
            subject: None,
            body: flyer(&mut ctx),
        },
        ContentKind::OpenHouse => GeneratedText {
            subject: None,
            body: open_house(&mut ctx, options.open_house_when.as_deref()),
        },
    }
}
