//! PropertyPro's domain rules: ids, roles and permissions, form input types that
//! parse (the browser and the server run the same checks), and the DTOs that cross
//! the wire. No I/O, no Leptos, no tokio; compiles for wasm32 and native.

pub mod auth;
pub mod content;
pub mod dto;
pub mod error;
pub mod fair_housing;
pub mod forms;
pub mod grounding;
pub mod ids;
pub mod listing;
pub mod listing_dto;
pub mod lockout;
pub mod password;
mod phrase_match;
pub mod pricing;
/// Listing facts for tests, here and in `server` (the AI writer's and prompts' tests).
#[doc(hidden)]
pub mod samples;
pub mod text;

pub use error::FieldErrors;
