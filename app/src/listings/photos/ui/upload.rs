//! Photo uploads from the browser: one XMLHttpRequest per file (fetch has no upload
//! progress), so each row can show its own progress bar and its own error.

use leptos::prelude::*;
use serde::Deserialize;
use shared::listing_dto::PhotoView;

pub use shared::listing::photo_limits::MAX_PHOTOS;
/// product.md "Photos": 5 MB each (the server checks again, by content).
pub const MAX_PHOTO_BYTES: f64 = shared::listing::photo_limits::MAX_PHOTO_BYTES as f64;
/// Files sent at the same time: enough to fill the line, few enough to show progress.
pub const PARALLEL_UPLOADS: usize = 3;
/// What the file input and the server accept.
pub const ACCEPT: &str = "image/jpeg,image/png,image/webp";

#[derive(Debug, Clone, PartialEq)]
pub enum UploadState {
    Waiting,
    Sending,
    Done,
    Failed(String),
}

/// One file the person picked, as a row under the upload button.
#[derive(Clone)]
pub struct UploadRow {
    pub key: u32,
    pub name: String,
    pub size: f64,
    /// 0.0 to 1.0.
    pub progress: ArcRwSignal<f64>,
    pub state: ArcRwSignal<UploadState>,
}

impl UploadRow {
    pub fn new(key: u32, name: String, size: f64, state: UploadState) -> Self {
        Self {
            key,
            name,
            size,
            progress: ArcRwSignal::new(0.0),
            state: ArcRwSignal::new(state),
        }
    }
}

/// The server's answer to an upload with `Accept: application/json`.
#[derive(Debug, Default, Deserialize)]
pub struct UploadAnswer {
    #[serde(default)]
    pub photos: Vec<PhotoView>,
    #[serde(default)]
    pub errors: Vec<UploadFileError>,
}

#[derive(Debug, Deserialize)]
pub struct UploadFileError {
    #[serde(default)]
    pub name: String,
    pub message: String,
}

#[cfg(feature = "hydrate")]
#[derive(Debug, Deserialize)]
struct ErrorAnswer {
    error: String,
}

/// "2.4 MB", "850 KB".
pub fn format_size(bytes: f64) -> String {
    if bytes >= 1024.0 * 1024.0 {
        format!("{:.1} MB", bytes / 1024.0 / 1024.0)
    } else {
        format!("{:.0} KB", (bytes / 1024.0).max(1.0))
    }
}

/// Adds or replaces photos by id and keeps them in cover-first order: the server may
/// answer with the new photos only or with all of them.
pub fn merge_photos(current: &mut Vec<PhotoView>, incoming: Vec<PhotoView>) {
    for p in incoming {
        match current.iter_mut().find(|c| c.id == p.id) {
            Some(c) => *c = p,
            None => current.push(p),
        }
    }
    current.sort_by_key(|p| p.position);
}

/// What to say for a failed request, from its status and body.
#[cfg(feature = "hydrate")]
fn failure_message(status: u16, body: &str) -> String {
    if let Ok(e) = serde_json::from_str::<ErrorAnswer>(body) {
        return e.error;
    }
    match status {
        0 => "The upload didn't reach the server. Check your connection and try again.".into(),
        401 => "Your session ended. Sign in again, then retry.".into(),
        403 => "You can't add photos to this listing.".into(),
        404 => "This listing no longer exists.".into(),
        413 => "This file is larger than 5 MB.".into(),
        _ => format!("The upload failed (error {status}). Please try again."),
    }
}

/// Sends one file as `photos` to `url`, updating `progress` as bytes go out.
#[cfg(feature = "hydrate")]
pub async fn send_photo(
    url: &str,
    file: &web_sys::File,
    progress: ArcRwSignal<f64>,
) -> Result<UploadAnswer, String> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{FormData, ProgressEvent, XmlHttpRequest};

    let broken = |_| "Your browser couldn't start the upload.".to_string();
    let xhr = XmlHttpRequest::new().map_err(broken)?;
    xhr.open_with_async("POST", url, true).map_err(broken)?;
    xhr.set_request_header("Accept", "application/json")
        .map_err(broken)?;
    let form = FormData::new().map_err(broken)?;
    form.append_with_blob_and_filename("photos", file, &file.name())
        .map_err(broken)?;

    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            progress.set((e.loaded() / e.total()).min(1.0));
        }
    });
    let upload = xhr.upload().map_err(broken)?;
    upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));

    // loadend fires once after load, error, abort or timeout alike
    let mut on_end = None;
    let finished = js_sys::Promise::new(&mut |resolve, _reject| {
        let cb = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
        xhr.set_onloadend(Some(cb.as_ref().unchecked_ref()));
        on_end = Some(cb);
    });
    xhr.send_with_opt_form_data(Some(&form)).map_err(broken)?;
    let _ = wasm_bindgen_futures::JsFuture::from(finished).await;
    upload.set_onprogress(None);
    xhr.set_onloadend(None);
    drop(on_progress);
    drop(on_end);

    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    if status == 200 {
        serde_json::from_str::<UploadAnswer>(&body)
            .map_err(|_| "The server's answer was unreadable. Reload to see the photo.".to_string())
    } else {
        Err(failure_message(status, &body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ids::PhotoId;

    fn photo(n: u128, position: i16) -> PhotoView {
        PhotoView {
            id: PhotoId(uuid::Uuid::from_u128(n)),
            url: String::new(),
            thumb_url: String::new(),
            width: 1,
            height: 1,
            position,
            original_name: format!("{n}.jpg"),
        }
    }

    #[test]
    fn merging_adds_new_photos_and_keeps_cover_first_order() {
        let mut list = vec![photo(1, 0), photo(2, 1)];
        merge_photos(&mut list, vec![photo(3, 2)]);
        merge_photos(
            &mut list,
            vec![photo(2, 1), photo(1, 0), photo(3, 2), photo(4, 3)],
        );
        let order: Vec<i16> = list.iter().map(|p| p.position).collect();
        assert_eq!(order, [0, 1, 2, 3]);
    }

    #[test]
    fn sizes_read_in_kb_and_mb() {
        assert_eq!(format_size(2.4 * 1024.0 * 1024.0), "2.4 MB");
        assert_eq!(format_size(850.0 * 1024.0), "850 KB");
        assert_eq!(format_size(10.0), "1 KB");
    }
}
