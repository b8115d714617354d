//! Listing server functions. Each one: current user → permission → parse with
//! `shared` → `db` in a tenant transaction → return. The bodies live in the ssr-only
//! modules (`crud`, `status`, `photos`, `texts`, `pricing`, `phrases`).

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use server_fn::ServerFn;
#[cfg(feature = "ssr")]
use shared::listing::ListingForm;
use shared::listing::ListingQuery;
use shared::listing_dto::{
    ListingDetail, ListingPage, ListingTexts, PhotoView, PhraseRow, PricingCard,
};

use crate::error::AppError;

/// The flat form fields of a listing (an HTML form is flat, and flat names work
/// with JavaScript off).
#[cfg(feature = "ssr")]
macro_rules! listing_form {
    ($($f:ident),*) => { ListingForm { $($f: $f.clone()),* } };
}

#[server(prefix = "/api", endpoint = "listings/list", input = server_fn::codec::GetUrl)]
pub async fn list_listings(query: ListingQuery) -> Result<ListingPage, AppError> {
    crate::platform::handle(super::crud::list(query)).await
}

#[server(prefix = "/api", endpoint = "listings/get", input = server_fn::codec::GetUrl)]
pub async fn get_listing(id: String) -> Result<ListingDetail, AppError> {
    crate::platform::handle(super::crud::get(id)).await
}

/// Creates a listing; answers with its id. Without JavaScript: redirects to it, or back
/// to the form with the error and every typed value.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "listings/create")]
pub async fn create_listing(
    title: String,
    property_type: String,
    price: String,
    bedrooms: String,
    bathrooms: String,
    living_area: String,
    lot_size: String,
    year_built: String,
    street: String,
    city: String,
    state: String,
    postal_code: String,
    description: String,
    features: String,
) -> Result<String, AppError> {
    let form = listing_form!(
        title,
        property_type,
        price,
        bedrooms,
        bathrooms,
        living_area,
        lot_size,
        year_built,
        street,
        city,
        state,
        postal_code,
        description,
        features
    );
    let result = crate::platform::handle(super::crud::create(form.clone())).await;
    super::crud::after_form_post(CreateListing::PATH, "/listings/new", &form, &result);
    result
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "listings/update")]
pub async fn update_listing(
    id: String,
    title: String,
    property_type: String,
    price: String,
    bedrooms: String,
    bathrooms: String,
    living_area: String,
    lot_size: String,
    year_built: String,
    street: String,
    city: String,
    state: String,
    postal_code: String,
    description: String,
    features: String,
) -> Result<String, AppError> {
    let form = listing_form!(
        title,
        property_type,
        price,
        bedrooms,
        bathrooms,
        living_area,
        lot_size,
        year_built,
        street,
        city,
        state,
        postal_code,
        description,
        features
    );
    let result = crate::platform::handle(super::crud::update(id.clone(), form.clone())).await;
    super::crud::after_form_post(
        UpdateListing::PATH,
        &format!("/listings/{id}/edit"),
        &form,
        &result,
    );
    result
}

/// Moves a listing to another status; refused moves explain why.
#[server(prefix = "/api", endpoint = "listings/status")]
pub async fn set_listing_status(id: String, status: String) -> Result<(), AppError> {
    let result = crate::platform::handle(super::status::set(id.clone(), status)).await;
    super::crud::back_to_listing(&id, SetListingStatus::PATH, &result);
    result
}

/// Bulk status change from the list page: answers how many moved and, for the rest,
/// why not ("title: reason").
#[server(prefix = "/api", endpoint = "listings/bulk-status")]
pub async fn bulk_set_status(ids: Vec<String>, status: String) -> Result<BulkResult, AppError> {
    crate::platform::handle(super::status::bulk(ids, status)).await
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BulkResult {
    pub changed: usize,
    pub refused: Vec<String>,
}

#[server(prefix = "/api", endpoint = "listings/archive")]
pub async fn set_listing_archived(id: String, archived: bool) -> Result<(), AppError> {
    let result = crate::platform::handle(super::status::set_archived(id.clone(), archived)).await;
    super::crud::back_to_listing(&id, SetListingArchived::PATH, &result);
    result
}

#[server(prefix = "/api", endpoint = "listings/photos/delete")]
pub async fn delete_photo(listing_id: String, photo_id: String) -> Result<(), AppError> {
    crate::platform::handle(super::photos::delete(listing_id, photo_id)).await
}

/// Puts the photos in the given order (all of the listing's photo ids); the first is the cover.
#[server(prefix = "/api", endpoint = "listings/photos/order")]
pub async fn reorder_photos(
    listing_id: String,
    photo_ids: Vec<String>,
) -> Result<Vec<PhotoView>, AppError> {
    crate::platform::handle(super::photos::reorder(listing_id, photo_ids)).await
}

/// Queues AI texts: `kinds` is "all" or comma-separated content kinds.
#[server(prefix = "/api", endpoint = "listings/texts/generate")]
pub async fn generate_texts(
    listing_id: String,
    kinds: String,
    tone: String,
    audience: String,
    open_house_when: String,
) -> Result<(), AppError> {
    let result = crate::platform::handle(super::texts::generate(
        listing_id.clone(),
        kinds,
        tone,
        audience,
        open_house_when,
    ))
    .await;
    super::crud::back_to_listing(&listing_id, GenerateTexts::PATH, &result);
    result
}

#[server(prefix = "/api", endpoint = "listings/texts", input = server_fn::codec::GetUrl)]
pub async fn get_texts(listing_id: String) -> Result<ListingTexts, AppError> {
    crate::platform::handle(super::texts::get(listing_id)).await
}

/// Saves an edited text as a new version (checks run again; approval is cleared).
#[server(prefix = "/api", endpoint = "listings/texts/save")]
pub async fn save_text(
    listing_id: String,
    kind: String,
    subject: String,
    body: String,
) -> Result<(), AppError> {
    crate::platform::handle(super::texts::save(listing_id, kind, subject, body)).await
}

/// Approves the current version; a text with Fair Housing flags needs `override_reason`.
#[server(prefix = "/api", endpoint = "listings/texts/approve")]
pub async fn approve_text(
    listing_id: String,
    kind: String,
    version: i32,
    override_reason: String,
) -> Result<(), AppError> {
    crate::platform::handle(super::texts::approve(
        listing_id,
        kind,
        version,
        override_reason,
    ))
    .await
}

/// Records that a text was copied or shared (for the audit trail).
#[server(prefix = "/api", endpoint = "listings/texts/shared")]
pub async fn record_text_shared(
    listing_id: String,
    kind: String,
    how: String,
) -> Result<(), AppError> {
    crate::platform::handle(super::texts::record_shared(listing_id, kind, how)).await
}

#[server(prefix = "/api", endpoint = "listings/pricing", input = server_fn::codec::GetUrl)]
pub async fn get_pricing(listing_id: String) -> Result<PricingCard, AppError> {
    crate::platform::handle(super::pricing::get(listing_id)).await
}

#[server(prefix = "/api", endpoint = "settings/phrases", input = server_fn::codec::GetUrl)]
pub async fn list_phrases() -> Result<Vec<PhraseRow>, AppError> {
    crate::platform::handle(super::phrases::list()).await
}

#[server(prefix = "/api", endpoint = "settings/phrases/add")]
pub async fn add_phrase(phrase: String, category: String, reason: String) -> Result<(), AppError> {
    let result = crate::platform::handle(super::phrases::add(
        phrase.clone(),
        category.clone(),
        reason.clone(),
    ))
    .await;
    if let Err(e) = &result {
        crate::platform::respond::back_with_values(
            AddPhrase::PATH,
            "/admin/fair-housing",
            &[
                ("phrase", &phrase),
                ("category", &category),
                ("reason", &reason),
            ],
            e,
        );
    }
    result
}

#[server(prefix = "/api", endpoint = "settings/phrases/delete")]
pub async fn delete_phrase(id: String) -> Result<(), AppError> {
    crate::platform::handle(super::phrases::delete(id)).await
}

/// Adds back any default phrase that is missing (edited reasons are kept).
#[server(prefix = "/api", endpoint = "settings/phrases/restore")]
pub async fn restore_default_phrases() -> Result<usize, AppError> {
    crate::platform::handle(super::phrases::restore_defaults()).await
}
