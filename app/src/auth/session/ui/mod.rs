//! The Account page and the "Confirm your password" prompt (both sides).

pub mod account;
pub mod reauth;
