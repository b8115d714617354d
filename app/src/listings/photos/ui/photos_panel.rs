//! The photo manager on the listing page (editors only): upload, reorder, delete.
//! The upload box is a real multipart form, so it works without JavaScript (the
//! server redirects back); with JavaScript each file goes up on its own with a
//! progress bar, three at a time.

use leptos::prelude::*;
use shared::listing_dto::PhotoView;

use super::upload::{format_size, UploadRow, UploadState, MAX_PHOTOS};
use crate::components::icons::Icon;
use crate::listings::photos::api::{reorder_photos, DeletePhoto, ReorderPhotos};

#[component]
pub fn PhotoManager(
    #[prop(into)] listing_id: String,
    /// Shared with the carousel, so both show the same photos.
    photos: RwSignal<Vec<PhotoView>>,
) -> impl IntoView {
    let rows = RwSignal::new(Vec::<UploadRow>::new());
    let notice = RwSignal::new(None::<String>);
    let reorder_form = ServerAction::<ReorderPhotos>::new();
    let delete = ServerAction::<DeletePhoto>::new();
    // drag-and-drop: send the whole new order; put the old one back if refused
    let reorder_drag = Action::new(
        move |(listing_id, ids, before): &(String, Vec<String>, Vec<PhotoView>)| {
            let (listing_id, ids, before) = (listing_id.clone(), ids.clone(), before.clone());
            async move {
                match reorder_photos(listing_id, ids).await {
                    Ok(list) => photos.set(list),
                    Err(e) => {
                        photos.set(before);
                        notice.set(Some(e.to_string()));
                    }
                }
            }
        },
    );
    Effect::new(move |_| match reorder_form.value().get() {
        Some(Ok(list)) => photos.set(list),
        Some(Err(e)) => notice.set(Some(e.to_string())),
        None => {}
    });
    Effect::new(move |_| {
        if let Some(r) = delete.value().get() {
            match r {
                Ok(()) => {
                    // the deleted one is the id we sent; the others keep their order
                    if let Some(input) = delete.input().get_untracked() {
                        photos.update(|v| v.retain(|p| p.id.to_string() != input.photo_id));
                    }
                }
                Err(e) => notice.set(Some(e.to_string())),
            }
        }
    });

    let upload_url = format!("/api/listings/{listing_id}/photos");
    let count_line = move || {
        let n = photos.with(Vec::len);
        format!("{n} of {MAX_PHOTOS} · the first photo is the cover")
    };
    view! {
        <section class="card" aria-labelledby="photos-h">
            <div class="card-header">
                <h2 id="photos-h">"Photos"</h2>
                <p>{count_line}</p>
            </div>
            <div class="card-body">
                <super::photo_upload::PhotoUploadBox url=upload_url photos rows notice/>
                {move || notice.get().map(|m| view! {
                    <div class="notice notice-danger" role="alert">{m}</div>
                })}
                <UploadRows rows/>
                <PhotoGrid listing_id=listing_id.clone() photos reorder_form delete reorder_drag/>
            </div>
        </section>
    }
}

#[component]
fn UploadRows(rows: RwSignal<Vec<UploadRow>>) -> impl IntoView {
    view! {
        <Show when=move || rows.with(|r| !r.is_empty())>
            <ul class="upload-rows" aria-label="Uploads">
                <For each=move || rows.get() key=|r| r.key let:row>
                    <UploadRowView row/>
                </For>
            </ul>
        </Show>
    }
}

#[component]
fn UploadRowView(row: UploadRow) -> impl IntoView {
    let UploadRow {
        name,
        size,
        progress,
        state,
        ..
    } = row;
    let label = format!("Uploading {name}");
    let status = {
        let state = state.clone();
        move || match state.get() {
            UploadState::Waiting => view! { <span class="muted">"Waiting…"</span> }.into_any(),
            UploadState::Sending => view! { <span class="muted">"Uploading…"</span> }.into_any(),
            UploadState::Done => {
                view! { <span class="badge badge-success">"Done"</span> }.into_any()
            }
            UploadState::Failed(m) => {
                view! { <span class="upload-error" role="alert">{m}</span> }.into_any()
            }
        }
    };
    let show_bar = move || matches!(state.get(), UploadState::Waiting | UploadState::Sending);
    view! {
        <li class="upload-row">
            <span class="upload-name" title=name.clone()>{name.clone()}</span>
            <span class="upload-size muted">{format_size(size)}</span>
            <Show when=show_bar.clone()>
                <progress class="upload-progress" max="1" value=progress.clone() aria-label=label.clone()></progress>
            </Show>
            <span class="upload-status">{status.clone()}</span>
        </li>
    }
}

/// The thumbnails in order; each can move earlier/later (buttons, working without
/// JavaScript too) or be dragged to a new place.
#[component]
fn PhotoGrid(
    listing_id: String,
    photos: RwSignal<Vec<PhotoView>>,
    reorder_form: ServerAction<ReorderPhotos>,
    delete: ServerAction<DeletePhoto>,
    reorder_drag: Action<(String, Vec<String>, Vec<PhotoView>), ()>,
) -> impl IntoView {
    let dragging = StoredValue::new(None::<usize>);
    let over = RwSignal::new(None::<usize>);
    let id_store = StoredValue::new(listing_id);
    let drop_at = {
        move |to: usize| {
            let Some(from) = dragging.get_value() else {
                return;
            };
            dragging.set_value(None);
            over.set(None);
            if from == to {
                return;
            }
            let before = photos.get_untracked();
            let mut next = before.clone();
            let moved = next.remove(from);
            next.insert(to.min(next.len()), moved);
            let ids = next.iter().map(|p| p.id.to_string()).collect();
            photos.set(next);
            reorder_drag.dispatch((id_store.get_value(), ids, before));
        }
    };
    view! {
        <Show when=move || photos.with(|p| !p.is_empty())
            fallback=|| view! { <p class="muted">"No photos yet. Listings with photos get more attention: add a few bright ones, the best first."</p> }>
            <p class="field-hint">"Drag a photo to move it, or use its arrow buttons."</p>
            <ol class="photo-grid">
                <For each=move || photos.get() key=|p| p.id let:photo>
                    {
                        let id = photo.id;
                        let index = Memo::new(move |_| photos.with(|v| v.iter().position(|p| p.id == id).unwrap_or(0)));
                        view! {
                            <li class="photo-tile" draggable="true"
                                class:is-drop-target=move || over.get() == Some(index.get())
                                on:dragstart=move |ev: leptos::ev::DragEvent| {
                                    dragging.set_value(Some(index.get_untracked()));
                                    if let Some(dt) = ev.data_transfer() {
                                        // Firefox starts a drag only when some data is set
                                        let _ = dt.set_data("text/plain", &id.to_string());
                                        dt.set_effect_allowed("move");
                                    }
                                }
                                on:dragover=move |ev: leptos::ev::DragEvent| {
                                    if dragging.get_value().is_some() {
                                        ev.prevent_default();
                                        over.set(Some(index.get_untracked()));
                                    }
                                }
                                on:dragleave=move |_| over.set(None)
                                on:drop=move |ev: leptos::ev::DragEvent| {
                                    ev.prevent_default();
                                    drop_at(index.get_untracked());
                                }
                                on:dragend=move |_| { dragging.set_value(None); over.set(None); }>
                                <PhotoTile photo listing_id=id_store.get_value() index photos reorder_form delete/>
                            </li>
                        }
                    }
                </For>
            </ol>
        </Show>
    }
}

#[component]
fn PhotoTile(
    photo: PhotoView,
    listing_id: String,
    index: Memo<usize>,
    photos: RwSignal<Vec<PhotoView>>,
    reorder_form: ServerAction<ReorderPhotos>,
    delete: ServerAction<DeletePhoto>,
) -> impl IntoView {
    let count = move || photos.with(Vec::len);
    // the order after moving this photo by `delta`, as the form's hidden inputs
    let order_inputs = move |delta: isize| {
        move || {
            let mut ids: Vec<String> =
                photos.with(|v| v.iter().map(|p| p.id.to_string()).collect());
            let i = index.get();
            let j = i as isize + delta;
            if j >= 0 && (j as usize) < ids.len() {
                ids.swap(i, j as usize);
            }
            ids.into_iter()
                .enumerate()
                .map(|(k, id)| view! { <input type="hidden" name=format!("photo_ids[{k}]") value=id/> })
                .collect_view()
        }
    };
    let confirm_delete = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        if !window()
            .confirm_with_message("Delete this photo? This can't be undone.")
            .unwrap_or(false)
        {
            ev.prevent_default();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let name = photo.original_name.clone();
    let (id_earlier, id_later) = (listing_id.clone(), listing_id.clone());
    view! {
        <img src=photo.thumb_url.clone() alt=name.clone() loading="lazy" decoding="async" draggable="false"/>
        <Show when=move || index.get() == 0>
            <span class="badge badge-info photo-cover">"Cover"</span>
        </Show>
        <div class="photo-actions">
            <ActionForm action=reorder_form>
                <input type="hidden" name="listing_id" value=id_earlier/>
                {order_inputs(-1)}
                <button type="submit" class="btn btn-small btn-ghost" disabled=move || index.get() == 0
                    aria-label=move || format!("Move photo {} earlier", index.get() + 1)>
                    <Icon name="chevron-left"/>
                </button>
            </ActionForm>
            <ActionForm action=reorder_form>
                <input type="hidden" name="listing_id" value=id_later/>
                {order_inputs(1)}
                <button type="submit" class="btn btn-small btn-ghost" disabled={move || index.get() + 1 >= count()}
                    aria-label=move || format!("Move photo {} later", index.get() + 1)>
                    <Icon name="chevron-right"/>
                </button>
            </ActionForm>
            <ActionForm action=delete>
                <input type="hidden" name="listing_id" value=listing_id/>
                <input type="hidden" name="photo_id" value=photo.id.to_string()/>
                <button type="submit" class="btn btn-small btn-ghost photo-delete" on:click=confirm_delete
                    aria-label=move || format!("Delete photo {}", index.get() + 1)>
                    <Icon name="trash"/>
                </button>
            </ActionForm>
        </div>
    }
}
