//! Accounts (product.md "Accounts and sessions", F-001): registration, sign-in with
//! lockout, email verification, password reset, invitations accepted. Being signed in
//! (the session cookie, devices, step-up, the password change) is `session`; admins
//! manage users in `admin`.
//!
//! `api.rs` holds the endpoints, `ui/` the signed-out pages (both sides); every other
//! file is server-only: the bodies, named by what they do, and `db.rs` with their SQL.

pub mod api;
pub mod session;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod emails;
#[cfg(feature = "ssr")]
mod invite;
#[cfg(feature = "ssr")]
mod login;
#[cfg(feature = "ssr")]
pub mod registration;
#[cfg(feature = "ssr")]
pub mod reset;
#[cfg(feature = "ssr")]
mod verification;
#[cfg(feature = "ssr")]
mod visitor;
