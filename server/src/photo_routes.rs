//! Photo upload and serving: plain axum routes, because uploads are multipart streams
//! with their own (raised) body limit, and images are served as files, not JSON.
//!
//! Upload: `POST /api/listings/{id}/photos`, field `photos` (one or many files). Each file
//! is checked and re-encoded (`photos::process`), stored under random names, then
//! recorded; a failure at any step leaves neither a file nor a row. With
//! `Accept: application/json` (the page's XHR) the answer is JSON; a plain form post is
//! redirected back to the listing.
//!
//! Each file counts against its uploader's and brokerage's minute (`photos::gate`): the
//! first file over the limit answers 429 with `Retry-After` (a plain form post is sent
//! back to the listing with the message), a later file of the same post gets the message
//! as its error. Decoding waits for the uploader's own turn, then for one of the
//! process's decode slots.

use std::sync::{Arc, OnceLock};

use app::error::AppError;
use app::listings::photos::store::{authorize_upload, insert_photo, photo_key, NewPhoto};
use app::platform::ctx::ClientIp;
use app::platform::{Scope, ServerCtx, SessionUser};
use axum::extract::{DefaultBodyLimit, Multipart, Path};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use bytes::Bytes;
use http::{header, HeaderMap, HeaderValue, StatusCode};
use serde_json::json;
use shared::auth::{can, Permission};

use crate::photos::gate::PhotoGate;
use crate::photos::process::{process_photo, ProcessedPhoto, MAX_UPLOAD_BYTES};
use crate::storage::random_key;

/// The router's photo gate, made on the first upload from the app's clock (which
/// arrives with the request context). One router per process: the limits are per process.
type Gate = Arc<OnceLock<PhotoGate>>;

/// 20 photos of 5 MB in one plain form post, plus multipart overhead (product.md).
const UPLOAD_BODY_LIMIT: usize = shared::listing::photo_limits::MAX_PHOTOS
    * shared::listing::photo_limits::MAX_PHOTO_BYTES
    + 1024 * 1024;

pub fn routes() -> Router<leptos::prelude::LeptosOptions> {
    let gate: Gate = Arc::new(OnceLock::new());
    Router::new()
        .route(
            "/api/listings/{id}/photos",
            post(upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/photos/{id}/{variant}", get(serve))
        .layer(Extension(gate))
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

fn error_response(err: &AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(json!({ "error": err.to_string() }))).into_response()
}

async fn upload(
    Extension(ctx): Extension<Arc<ServerCtx>>,
    Extension(gate): Extension<Gate>,
    user: Option<Extension<SessionUser>>,
    client_ip: Option<Extension<ClientIp>>,
    Path(listing): Path<String>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let Some(Extension(user)) = user else {
        return error_response(&AppError::Unauthorized);
    };
    if !can(user.role, Permission::WriteProperty) {
        return error_response(&AppError::Forbidden);
    }
    let gate = gate.get_or_init(|| PhotoGate::new(ctx.clock.clone()));
    let (user_id, org_id) = (user.user_id, user.org_id);
    let scope = Scope::for_user(ctx.clone(), user).with_ip(client_ip.map(|Extension(ip)| ip.0));
    let listing_id = match authorize_upload(&scope, &listing).await {
        Ok(id) => id,
        Err(e) => return error_response(&e),
    };
    let mut saved = Vec::new();
    let mut errors = Vec::new();
    let mut files_seen = 0usize;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                errors.push(
                    json!({ "name": "", "message": format!("The upload was interrupted: {e}") }),
                );
                break;
            }
        };
        if field.name() != Some("photos") {
            continue;
        }
        let name: String = field
            .file_name()
            .unwrap_or("photo")
            .chars()
            .take(200)
            .collect();
        if name.is_empty() {
            // a form posted with no file chosen
            continue;
        }
        files_seen += 1;
        // counted before its bytes are read: the file is skipped if refused
        if let Err(limited) = gate.admit(user_id, org_id) {
            if files_seen == 1 {
                drain(&mut multipart).await;
                return rate_limited(&headers, listing_id, &name, limited);
            }
            errors.push(json!({ "name": name, "message": limited.message() }));
            continue;
        }
        // read at most the limit (+1 byte to know it was exceeded), never the whole stream
        let mut data = Vec::new();
        let mut too_big = false;
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if data.len() + chunk.len() > MAX_UPLOAD_BYTES {
                        too_big = true;
                        break;
                    }
                    data.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => {
                    errors.push(json!({ "name": name, "message": format!("The upload was interrupted: {e}") }));
                    data.clear();
                    break;
                }
            }
        }
        if too_big {
            errors.push(json!({ "name": name, "message": "This photo is over 5 MB. Export it smaller and try again." }));
            continue;
        }
        if data.is_empty() {
            continue;
        }
        match store_one(&scope, gate, listing_id, &name, data).await {
            Ok(view) => saved.push(view),
            Err(message) => errors.push(json!({ "name": name, "message": message })),
        }
    }
    if wants_html(&headers) {
        let mut location = format!("/listings/{listing_id}?photos_added={}", saved.len());
        if let Some(first) = errors.first() {
            let msg = format!(
                "{}: {}",
                first["name"].as_str().unwrap_or_default(),
                first["message"].as_str().unwrap_or_default()
            );
            location.push_str("&photo_error=");
            location.push_str(&app::platform::respond::urlencode(&msg));
        }
        return (
            StatusCode::SEE_OTHER,
            [(
                header::LOCATION,
                HeaderValue::from_str(&location).unwrap_or(HeaderValue::from_static("/listings")),
            )],
        )
            .into_response();
    }
    Json(json!({ "photos": saved, "errors": errors })).into_response()
}

/// Reads and drops what is left of a refused post (bounded by the body limit), so the
/// browser gets the answer instead of a connection reset in the middle of sending.
async fn drain(multipart: &mut Multipart) {
    while let Ok(Some(mut field)) = multipart.next_field().await {
        while let Ok(Some(_)) = field.chunk().await {}
    }
}

/// 429 with `Retry-After` and the message; a plain form post goes back to the listing
/// with the message instead, like the other refusals.
fn rate_limited(
    headers: &HeaderMap,
    listing: shared::ids::ListingId,
    name: &str,
    limited: crate::photos::gate::Limited,
) -> Response {
    let message = limited.message();
    if wants_html(headers) {
        let location = format!(
            "/listings/{listing}?photos_added=0&photo_error={}",
            app::platform::respond::urlencode(&format!("{name}: {message}"))
        );
        return (
            StatusCode::SEE_OTHER,
            [(
                header::LOCATION,
                HeaderValue::from_str(&location).unwrap_or(HeaderValue::from_static("/listings")),
            )],
        )
            .into_response();
    }
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(
            header::RETRY_AFTER,
            HeaderValue::from(limited.retry_after_secs()),
        )],
        Json(json!({ "error": message, "name": name })),
    )
        .into_response()
}

/// Processes, stores and records one photo; on any failure removes what was stored.
async fn store_one(
    s: &Scope,
    gate: &PhotoGate,
    listing: shared::ids::ListingId,
    name: &str,
    data: Vec<u8>,
) -> Result<shared::listing_dto::PhotoView, String> {
    let size = data.len();
    let turn = gate
        .decode_turn(s.user.user_id)
        .await
        .map_err(|_| "The photo could not be processed. Try again.".to_owned())?;
    let started = std::time::Instant::now();
    // the turn goes with the decode: it ends when decoding does, even if this request
    // is dropped meanwhile (a client going away mustn't free a busy slot)
    let processed: ProcessedPhoto = tokio::task::spawn_blocking(move || {
        let result = process_photo(&data);
        drop(turn);
        result
    })
    .await
    .map_err(|_| "The photo could not be processed. Try again.".to_owned())?
    .map_err(|e| e.to_string())?;
    metrics::histogram!("photo_processing_seconds").record(started.elapsed().as_secs_f64());
    let id = uuid::Uuid::new_v4();
    let full_key = random_key(s.user.org_id.0, listing.0, "full");
    let thumb_key = random_key(s.user.org_id.0, listing.0, "thumb");
    let cleanup = |keys: Vec<String>| {
        let files = s.ctx.files.clone();
        async move {
            for k in keys {
                let _ = files.delete(&k).await;
            }
        }
    };
    if let Err(e) = s
        .ctx
        .files
        .put(&full_key, Bytes::from(processed.full))
        .await
    {
        tracing::error!(error = %e, "storing a photo failed");
        cleanup(vec![full_key]).await;
        return Err("The photo could not be stored. Try again.".into());
    }
    if let Err(e) = s
        .ctx
        .files
        .put(&thumb_key, Bytes::from(processed.thumb))
        .await
    {
        tracing::error!(error = %e, "storing a thumbnail failed");
        cleanup(vec![full_key, thumb_key]).await;
        return Err("The photo could not be stored. Try again.".into());
    }
    let photo = NewPhoto {
        id,
        storage_key: full_key.clone(),
        thumb_key: thumb_key.clone(),
        width: processed.width as i32,
        height: processed.height as i32,
        bytes: size as i32,
        original_name: name.to_owned(),
    };
    match insert_photo(s, listing, &photo).await {
        Ok(view) => Ok(view),
        Err(e) => {
            cleanup(vec![full_key, thumb_key]).await;
            Err(e.to_string())
        }
    }
}

async fn serve(
    Extension(ctx): Extension<Arc<ServerCtx>>,
    user: Option<Extension<SessionUser>>,
    Path((id, variant)): Path<(String, String)>,
) -> Response {
    let Some(Extension(user)) = user else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let thumb = match variant.as_str() {
        "thumb" => true,
        "full" => false,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let key = match photo_key(&Scope::for_user(ctx.clone(), user), &id, thumb).await {
        Ok(k) => k,
        Err(e) => {
            return StatusCode::from_u16(e.status())
                .unwrap_or(StatusCode::NOT_FOUND)
                .into_response()
        }
    };
    match ctx.files.get(&key).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                // a photo id's bytes never change: cache for a year, privately (signed-in data)
                (
                    header::CACHE_CONTROL,
                    "private, max-age=31536000, immutable",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(app::platform::storage::StoreError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "reading a photo failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
