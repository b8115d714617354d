//! Preference endpoints.

use leptos::prelude::*;

use crate::error::AppError;

/// Keeps the light/dark choice in a cookie so the server renders it with no flash.
#[server(prefix = "/api", endpoint = "settings/theme")]
pub async fn set_theme(theme: String) -> Result<(), AppError> {
    super::theme::remember(&theme);
    Ok(())
}
