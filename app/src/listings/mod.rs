//! Listings (product.md "Listings", "AI content"; seed 002 L161, L811-819,
//! L2045-2069, L7462-7493): create, edit, archive and duplicate listings; the status
//! machine with its history; photos; AI-written copy for every channel with Fair
//! Housing and grounding checks; pricing from comparables; the org's Fair Housing
//! phrase list.

// the create/update server functions take every form field as an argument (flat
// forms work without JavaScript); the `#[server]` macro's generated client code
// doesn't carry the function's own allow
#[allow(clippy::too_many_arguments)]
pub mod api;

// pages and components (both sides)
pub mod card;
pub mod carousel;
pub mod detail_page;
pub mod facts_card;
pub mod form_page;
pub mod list_filters;
pub mod list_page;
pub mod listing_form;
pub mod photo_upload;
pub mod photos_panel;
pub mod pricing_card;
pub mod status_card;
pub mod text_card;
pub mod text_editor;
pub mod text_share;
pub mod texts_panel;
pub mod upload;

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
