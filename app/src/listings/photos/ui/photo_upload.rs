//! The upload box of the photo manager: a multipart form that posts without
//! JavaScript, and with it sends each chosen or dropped file on its own.

use leptos::prelude::*;
use shared::listing_dto::PhotoView;

use super::upload::{UploadRow, ACCEPT};
use crate::components::icons::Icon;

#[component]
pub fn PhotoUploadBox(
    url: String,
    photos: RwSignal<Vec<PhotoView>>,
    rows: RwSignal<Vec<UploadRow>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let enhanced = RwSignal::new(false);
    Effect::new(move |_| enhanced.set(true));
    let dragging_files = RwSignal::new(false);

    let start = {
        let url = url.clone();
        move |files: Option<web_sys::FileList>| {
            notice.set(None);
            #[cfg(feature = "hydrate")]
            if let Some(files) = files {
                enqueue(url.clone(), files, photos, rows);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (files, &url, photos, rows);
        }
    };
    let on_change = {
        let start = start.clone();
        move |_| {
            if let Some(input) = input_ref.get() {
                start(input.files());
                // the same file can be chosen again after a failure
                input.set_value("");
            }
        }
    };
    let on_submit = {
        let start = start.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let Some(input) = input_ref.get() {
                start(input.files());
                input.set_value("");
            }
        }
    };
    let has_files = |ev: &leptos::ev::DragEvent| {
        ev.data_transfer()
            .is_some_and(|dt| dt.types().includes(&"Files".into(), 0))
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        dragging_files.set(false);
        if has_files(&ev) {
            ev.prevent_default();
            start(ev.data_transfer().and_then(|dt| dt.files()));
        }
    };
    view! {
        <form method="post" enctype="multipart/form-data" action=url class="upload-form" on:submit=on_submit>
            <div class="dropzone" class:is-over=move || dragging_files.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    if has_files(&ev) {
                        ev.prevent_default();
                        dragging_files.set(true);
                    }
                }
                on:dragleave=move |_| dragging_files.set(false)
                on:drop=on_drop>
                <Icon name="upload"/>
                <label for="photo-files" class="dropzone-label">
                    <strong>"Add photos"</strong>
                    <span class="muted">" — choose files or drop them here"</span>
                </label>
                <input id="photo-files" node_ref=input_ref type="file" name="photos" multiple accept=ACCEPT
                    class="file-input" aria-describedby="photo-files-hint" on:change=on_change/>
                <p class="field-hint" id="photo-files-hint">
                    "JPEG, PNG or WebP, up to 5 MB each and 20 per listing. The first photo is the cover."
                </p>
                <button type="submit" class="btn btn-secondary btn-small" hidden=move || enhanced.get()>
                    "Upload photos"
                </button>
            </div>
        </form>
    }
}

/// Checks the chosen files, adds a row for each and starts the upload workers.
#[cfg(feature = "hydrate")]
fn enqueue(
    url: String,
    files: web_sys::FileList,
    photos: RwSignal<Vec<PhotoView>>,
    rows: RwSignal<Vec<UploadRow>>,
) {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::rc::Rc;
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::upload::{format_size, UploadState, MAX_PHOTOS, MAX_PHOTO_BYTES, PARALLEL_UPLOADS};

    static NEXT_KEY: AtomicU32 = AtomicU32::new(1);

    // finished rows of an earlier batch make way for the new one
    rows.update(|r| {
        r.retain(|x| {
            matches!(
                x.state.get_untracked(),
                UploadState::Waiting | UploadState::Sending
            )
        })
    });
    let in_flight = rows.with_untracked(Vec::len);
    let mut room = MAX_PHOTOS.saturating_sub(photos.with_untracked(Vec::len) + in_flight);
    let mut queue = VecDeque::new();
    let mut added = Vec::new();
    for i in 0..files.length() {
        let Some(file) = files.get(i) else { continue };
        let key = NEXT_KEY.fetch_add(1, Ordering::Relaxed);
        let (name, size) = (file.name(), file.size());
        let row = if size > MAX_PHOTO_BYTES {
            UploadRow::new(
                key,
                name,
                size,
                UploadState::Failed(format!(
                    "{} is over the 5 MB limit. Export it smaller and try again.",
                    format_size(size)
                )),
            )
        } else if room == 0 {
            UploadRow::new(
                key,
                name,
                size,
                UploadState::Failed(format!(
                    "Not added: a listing holds at most {MAX_PHOTOS} photos."
                )),
            )
        } else {
            room -= 1;
            let row = UploadRow::new(key, name, size, UploadState::Waiting);
            queue.push_back((file, row.clone()));
            row
        };
        added.push(row);
    }
    rows.update(|r| r.extend(added));
    let workers = PARALLEL_UPLOADS.min(queue.len());
    let queue = Rc::new(RefCell::new(queue));
    for _ in 0..workers {
        let (url, queue) = (url.clone(), queue.clone());
        leptos::task::spawn_local(async move {
            loop {
                let next = queue.borrow_mut().pop_front();
                let Some((file, row)) = next else { break };
                row.state.set(UploadState::Sending);
                match super::upload::send_photo(&url, &file, row.progress.clone()).await {
                    Ok(answer) => {
                        match answer.errors.into_iter().next() {
                            Some(e) => row.state.set(UploadState::Failed(e.message)),
                            None => {
                                row.progress.set(1.0);
                                row.state.set(UploadState::Done);
                            }
                        }
                        if !answer.photos.is_empty() {
                            photos.update(|v| super::upload::merge_photos(v, answer.photos));
                        }
                    }
                    Err(message) => row.state.set(UploadState::Failed(message)),
                }
            }
        });
    }
}
