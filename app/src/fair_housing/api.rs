//! Fair Housing phrase list endpoints (Admin → Fair Housing).

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use server_fn::ServerFn;
use shared::listing_dto::PhraseRow;

#[cfg(feature = "ssr")]
use super::phrases;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::platform::{respond::back_with_values, serve};

#[server(prefix = "/api", endpoint = "settings/phrases", input = server_fn::codec::GetUrl)]
pub async fn list_phrases() -> Result<Vec<PhraseRow>, AppError> {
    serve(async |s| phrases::list(&s).await).await
}

#[server(prefix = "/api", endpoint = "settings/phrases/add")]
pub async fn add_phrase(phrase: String, category: String, reason: String) -> Result<(), AppError> {
    let values = [
        ("phrase", phrase.clone()),
        ("category", category.clone()),
        ("reason", reason.clone()),
    ];
    let result = serve(async |s| phrases::add(&s, phrase, category, reason).await).await;
    if let Err(e) = &result {
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        back_with_values(AddPhrase::PATH, "/admin/fair-housing", &values, e);
    }
    result
}

#[server(prefix = "/api", endpoint = "settings/phrases/delete")]
pub async fn delete_phrase(id: String) -> Result<(), AppError> {
    serve(async |s| phrases::delete(&s, id).await).await
}

/// Adds back any default phrase that is missing (edited reasons are kept).
#[server(prefix = "/api", endpoint = "settings/phrases/restore")]
pub async fn restore_default_phrases() -> Result<usize, AppError> {
    serve(async |s| phrases::restore_defaults(&s).await).await
}
