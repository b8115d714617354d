//! Photo endpoints (the upload is an axum route: `server/src/photo_routes.rs`).

use leptos::prelude::*;
use shared::listing_dto::PhotoView;

#[cfg(feature = "ssr")]
use super::store;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::platform::serve;

#[server(prefix = "/api", endpoint = "listings/photos/delete")]
pub async fn delete_photo(listing_id: String, photo_id: String) -> Result<(), AppError> {
    serve(async |s| store::delete(&s, listing_id, photo_id).await).await
}

/// Puts the photos in the given order (all of the listing's photo ids); the first is the cover.
#[server(prefix = "/api", endpoint = "listings/photos/order")]
pub async fn reorder_photos(
    listing_id: String,
    photo_ids: Vec<String>,
) -> Result<Vec<PhotoView>, AppError> {
    serve(async |s| store::reorder(&s, listing_id, photo_ids).await).await
}
