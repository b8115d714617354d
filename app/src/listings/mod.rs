//! Listings (product.md "Listings", "AI content"; seed 002 L161, L811-819,
//! L2045-2069, L7462-7493): create, edit, archive and duplicate listings; the status
//! machine with its history; and three sub-features with the same shape: photos,
//! AI-written texts, pricing from comparables.
//!
//! The shape of every feature (engineering.md "A feature's folder"): `api.rs` holds
//! the endpoints, `ui/` the pages and components (both compile into the browser),
//! every other file is server-only: the bodies, named by what they do, and `db.rs`
//! with their SQL.

pub mod api;
pub mod photos;
pub mod pricing;
pub mod texts;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod crud;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
mod status;
