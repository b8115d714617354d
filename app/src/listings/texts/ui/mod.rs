//! The texts panel on the listing page (both sides).

pub mod text_card;
pub mod text_editor;
pub mod text_share;
pub mod texts_panel;
