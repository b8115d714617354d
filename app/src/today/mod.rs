//! The Today page, the home screen: the brokerage at a glance and, for admins, the
//! set-up checklist from real state. Until listings, leads, tasks and tickets land on
//! it, the summary counts members, teams, open invitations and the caller's devices.
//!
//! `api.rs` holds the endpoint, `ui/` the page (both sides); `summary.rs` and `db.rs`
//! are server-only.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
mod summary;
