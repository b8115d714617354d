//! Price suggestion from comparables (F-012; `shared::pricing`) with an AI-written
//! explanation generated once per change of comparables.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub use service::ExplainPrice;
