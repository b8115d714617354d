//! Listings (product.md "Listings", "AI content"; seed 002 L161, L811-819,
//! L2045-2069, L7462-7493): create, edit, archive and duplicate listings; the status
//! machine with its history; photos; AI-written copy for every channel with Fair
//! Housing and grounding checks; pricing from comparables; the org's Fair Housing
//! phrase list.

pub mod api;

// server side (ssr only): the bodies of the server functions and their SQL
#[cfg(feature = "ssr")]
mod access;
#[cfg(feature = "ssr")]
pub mod crud;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod photos;
#[cfg(feature = "ssr")]
mod phrases;
#[cfg(feature = "ssr")]
mod pricing;
#[cfg(feature = "ssr")]
mod status;
#[cfg(feature = "ssr")]
mod text_review;
#[cfg(feature = "ssr")]
pub mod texts;
