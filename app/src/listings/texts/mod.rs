//! AI-written listing copy for every channel (product.md "AI content"): generation as
//! jobs, versions, edits, Fair Housing and grounding checks, approval.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod generate;
#[cfg(feature = "ssr")]
mod review;
