//! Being signed in (product.md "Accounts and sessions"): the session behind the
//! cookie (`store.rs`, which the server's middleware loads on every request), the
//! user's devices, step-up confirmation and the password change — the Account page.
//!
//! `api.rs` holds the endpoints, `ui/` the Account page and the password prompt (both
//! sides); every other file is server-only, with the SQL in `db.rs`.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
mod password;
#[cfg(feature = "ssr")]
pub mod signed_in;
#[cfg(feature = "ssr")]
pub mod step_up;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use store::{cookie, load, set_session_cookie, start, SessionEnd, IDLE_TIMEOUT};
