//! A person's preferences for this browser: for now the light/dark theme, kept in a
//! cookie so the server renders it with no flash (the toggle is
//! `components::theme::ThemeToggle`).
//!
//! `api.rs` holds the endpoint (both sides); `theme.rs` is server-only.

pub mod api;

#[cfg(feature = "ssr")]
mod theme;
