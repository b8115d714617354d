//! Turning results into responses: status codes, Retry-After, cookies, and the
//! no-JavaScript path where a plain form post is redirected back with its error and
//! the values the person typed.

use std::future::Future;

use http::header::{HeaderValue, LOCATION, RETRY_AFTER, SET_COOKIE};
use http::StatusCode;
use leptos::prelude::{provide_context, use_context};
use leptos_axum::ResponseOptions;
use server_fn::error::ServerFnUrlError;

use super::ctx::Denials;
use super::request_meta;
use crate::error::AppError;

/// Runs a server function body and maps its error onto the HTTP response. Permission
/// refusals in the body are audited here, after it has ended (and dropped any
/// transaction), so a request never holds one pooled connection while it waits for another.
pub async fn handle<T>(body: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let denials = use_context::<Denials>().unwrap_or_else(|| {
        let d = Denials::default();
        provide_context(d.clone());
        d
    });
    let result = body.await;
    let refused = denials.take();
    if !refused.is_empty() {
        if let Ok(ctx) = super::ctx() {
            if let Err(e) = super::ctx::record_denials(&ctx, refused).await {
                tracing::error!(error = ?e, "could not audit a permission refusal");
            }
        }
    }
    if let Err(err) = &result {
        if let Some(res) = use_context::<ResponseOptions>() {
            // a plain form post must stay a redirect, or the browser shows the raw error
            if !request_meta().wants_html {
                res.set_status(
                    StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                );
            }
            if let AppError::RateLimited {
                retry_after_secs, ..
            } = err
            {
                res.insert_header(RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            }
        }
    }
    result
}

/// For a plain form post that failed: go back to `page` with `values` in the query
/// (never passwords) and the error where `ServerAction` finds it.
pub fn back_with_values(server_fn_path: &str, page: &str, values: &[(&str, &str)], err: &AppError) {
    if !request_meta().wants_html {
        return;
    }
    let mut url = page.to_owned();
    let query: Vec<String> = values
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    if !query.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&query.join("&"));
    }
    let base = format!("http://localhost{url}");
    let Ok(full) = ServerFnUrlError::new(server_fn_path, err.clone()).to_url(&base) else {
        return;
    };
    let location = format!("{}?{}", full.path(), full.query().unwrap_or_default());
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&location),
    ) {
        res.insert_header(LOCATION, value);
        res.set_status(StatusCode::SEE_OTHER);
    }
}

pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(cookie: String) {
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&cookie),
    ) {
        res.append_header(SET_COOKIE, value);
    }
}

/// Reads a cookie of the current request.
pub fn read_cookie(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// Headers for every server-rendered page: a Content-Security-Policy whose script
/// nonce the hydration scripts carry, and no caching (signed-in pages hold private data).
pub fn secure_document() {
    leptos::nonce::provide_nonce();
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        &*nonce
    );
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&csp),
    ) {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        res.insert_header(
            http::header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        );
    }
}
