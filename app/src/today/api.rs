//! The Today endpoint.

use leptos::prelude::*;
use shared::dto::TodaySummary;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::platform::serve;

#[server(prefix = "/api", endpoint = "today/summary", input = server_fn::codec::GetUrl)]
pub async fn get_today_summary() -> Result<TodaySummary, AppError> {
    serve(async |s| super::summary::load(&s).await).await
}
