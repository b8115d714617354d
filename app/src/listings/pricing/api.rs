//! The pricing card's endpoint.

use leptos::prelude::*;
use shared::listing_dto::PricingCard;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::platform::serve;

#[server(prefix = "/api", endpoint = "listings/pricing", input = server_fn::codec::GetUrl)]
pub async fn get_pricing(listing_id: String) -> Result<PricingCard, AppError> {
    serve(async |s| super::service::get(&s, listing_id).await).await
}
