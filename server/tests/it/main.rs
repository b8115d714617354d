//! Server integration tests, over real HTTP against a real PostgreSQL (a fresh
//! database per test). One test binary: each binary links the whole server,
//! so one link instead of one per file keeps the build small and quick.

#![recursion_limit = "256"]

mod common;

mod account_mail;
mod accounts;
mod ai;
mod fake_openai;
mod hardening;
mod hostile;
mod jobs;
mod layout;
mod listing_photos;
mod listing_texts;
mod listings;
mod mail;
mod photo_limits;
mod storage;
mod tenancy;
