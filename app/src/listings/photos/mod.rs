//! Listing photos (product.md "Photos"): upload with progress, reorder, delete, the
//! first is the cover. The upload itself is an axum route in `server/` (multipart,
//! raised body limit) that calls `store::authorize_upload` and `store::insert_photo`.

pub mod api;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod store;
