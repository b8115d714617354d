//! Brokerage administration (product.md "People": admin jobs; "Accounts and
//! sessions"): users, roles and teams, invitations, the mail outbox and the
//! security audit log (seed 002 L6016-6049, L6190-6244).

pub mod ai_usage;
pub mod api;
pub mod audit;
#[cfg(feature = "ssr")]
pub mod db;
pub mod fair_housing;
#[cfg(feature = "ssr")]
mod members;
pub mod outbox;
#[cfg(feature = "ssr")]
mod teams;
pub mod teams_page;
pub mod users;
