//! Report pages (both sides).

pub mod ai_usage;
pub mod audit;
pub mod outbox;
