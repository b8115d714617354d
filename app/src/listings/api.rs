//! Listing endpoints: attributes, signature, one call into the server-side body
//! (engineering.md "Server functions"). Form posts also work without JavaScript: the
//! body's result is turned into a redirect by `after_form_post` / `back_to_listing`.

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use server_fn::ServerFn;
use shared::listing::{ListingForm, ListingQuery};
use shared::listing_dto::{BulkResult, ListingDetail, ListingPage};

#[cfg(feature = "ssr")]
use super::{crud, status};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::platform::serve;

#[server(prefix = "/api", endpoint = "listings/list", input = server_fn::codec::GetUrl)]
pub async fn list_listings(
    #[server(flatten)] query: ListingQuery,
) -> Result<ListingPage, AppError> {
    serve(async |s| crud::list(&s, query).await).await
}

#[server(prefix = "/api", endpoint = "listings/get", input = server_fn::codec::GetUrl)]
pub async fn get_listing(id: String) -> Result<ListingDetail, AppError> {
    serve(async |s| crud::get(&s, id).await).await
}

/// Creates a listing; answers with its id. Without JavaScript: redirects to it, or back
/// to the form with the error and every typed value.
#[server(prefix = "/api", endpoint = "listings/create")]
pub async fn create_listing(#[server(flatten)] form: ListingForm) -> Result<String, AppError> {
    let result = serve(async |s| crud::create(&s, form.clone()).await).await;
    crud::after_form_post(CreateListing::PATH, "/listings/new", &form, &result);
    result
}

#[server(prefix = "/api", endpoint = "listings/update")]
pub async fn update_listing(
    id: String,
    #[server(flatten)] form: ListingForm,
) -> Result<String, AppError> {
    let page = crud::edit_page(&id);
    let result = serve(async |s| crud::update(&s, id, form.clone()).await).await;
    crud::after_form_post(UpdateListing::PATH, &page, &form, &result);
    result
}

/// Moves a listing to another status; refused moves explain why.
#[server(prefix = "/api", endpoint = "listings/status")]
pub async fn set_listing_status(id: String, status: String) -> Result<(), AppError> {
    let result = serve(async |s| status::set(&s, id.clone(), status).await).await;
    crud::back_to_listing(&id, SetListingStatus::PATH, &result);
    result
}

/// Bulk status change from the list page: answers how many moved and, for the rest,
/// why not ("title: reason").
#[server(prefix = "/api", endpoint = "listings/bulk-status")]
pub async fn bulk_set_status(ids: Vec<String>, status: String) -> Result<BulkResult, AppError> {
    serve(async |s| status::bulk(&s, ids, status).await).await
}

#[server(prefix = "/api", endpoint = "listings/archive")]
pub async fn set_listing_archived(id: String, archived: bool) -> Result<(), AppError> {
    let result = serve(async |s| status::set_archived(&s, id.clone(), archived).await).await;
    crud::back_to_listing(&id, SetListingArchived::PATH, &result);
    result
}
