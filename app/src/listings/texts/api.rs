//! AI text endpoints: queue generation, read the texts with their checks, save an
//! edit, approve, and record a copy or share.

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use server_fn::ServerFn;
use shared::listing_dto::ListingTexts;

#[cfg(feature = "ssr")]
use super::{generate, review};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::listings::crud::back_to_listing;
#[cfg(feature = "ssr")]
use crate::platform::serve;

/// Queues AI texts: `kinds` is "all" or comma-separated content kinds.
#[server(prefix = "/api", endpoint = "listings/texts/generate")]
pub async fn generate_texts(
    listing_id: String,
    kinds: String,
    tone: String,
    audience: String,
    open_house_when: String,
) -> Result<(), AppError> {
    let id = listing_id.clone();
    let result = serve(async |s| {
        generate::generate(&s, listing_id, kinds, tone, audience, open_house_when).await
    })
    .await;
    back_to_listing(&id, GenerateTexts::PATH, &result);
    result
}

#[server(prefix = "/api", endpoint = "listings/texts", input = server_fn::codec::GetUrl)]
pub async fn get_texts(listing_id: String) -> Result<ListingTexts, AppError> {
    serve(async |s| review::get(&s, listing_id).await).await
}

/// Saves an edited text as a new version (checks run again; approval is cleared).
#[server(prefix = "/api", endpoint = "listings/texts/save")]
pub async fn save_text(
    listing_id: String,
    kind: String,
    subject: String,
    body: String,
) -> Result<(), AppError> {
    serve(async |s| review::save(&s, listing_id, kind, subject, body).await).await
}

/// Approves the current version; a text with Fair Housing flags needs `override_reason`.
#[server(prefix = "/api", endpoint = "listings/texts/approve")]
pub async fn approve_text(
    listing_id: String,
    kind: String,
    version: i32,
    override_reason: String,
) -> Result<(), AppError> {
    serve(async |s| review::approve(&s, listing_id, kind, version, override_reason).await).await
}

/// Records that a text was copied or shared (for the audit trail).
#[server(prefix = "/api", endpoint = "listings/texts/shared")]
pub async fn record_text_shared(
    listing_id: String,
    kind: String,
    how: String,
) -> Result<(), AppError> {
    serve(async |s| review::record_shared(&s, listing_id, kind, how).await).await
}
