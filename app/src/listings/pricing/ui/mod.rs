//! The pricing card on the listing page (both sides).

pub mod pricing_card;
