//! Accounts and sessions (product.md "Accounts and sessions", F-001): registration,
//! sign-in with lockout, email verification, password reset, invitations accepted,
//! the user's own sessions. Admin management of users lives in `admin`.

pub mod account;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod emails;
#[cfg(feature = "ssr")]
mod invite;
#[cfg(feature = "ssr")]
mod login;
pub mod pages;
pub mod reauth;
#[cfg(feature = "ssr")]
mod reset;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod step_up;
