//! What the brokerage's admins can look back on: every email the app wrote (the
//! outbox), the security audit log, and AI usage with its cost. Read-only pages.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
mod read;
