//! The photo manager on the listing page (both sides).

pub mod photo_upload;
pub mod photos_panel;
pub mod upload;
