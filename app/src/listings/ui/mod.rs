//! Listing pages and components (both sides).

pub mod card;
pub mod carousel;
pub mod detail_page;
pub mod facts_card;
pub mod form_page;
pub mod list_filters;
pub mod list_page;
pub mod listing_form;
pub mod status_card;
