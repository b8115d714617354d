//! Brokerage administration (product.md "People": admin jobs; "Accounts and
//! sessions"): users, roles and teams, invitations, and (in `reports`) the mail
//! outbox, the security audit log and AI usage (seed 002 L6016-6049, L6190-6244).
//!
//! The feature's shape (engineering.md "A feature's folder"): `api.rs` holds the
//! endpoints, `ui/` the pages (both compile into the browser), every other file is
//! server-only: the bodies (`members.rs`, `teams.rs`) and `db.rs` with their SQL.

pub mod api;
pub mod reports;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
mod members;
#[cfg(feature = "ssr")]
mod teams;
