//! `/listings/:id`: everything about one listing — photos, facts, status and its
//! history, AI copy for every channel, and the suggested price.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use leptos_router::{lazy_route, LazyRoute};
use shared::listing::format_price;
use shared::listing_dto::{ListingDetail, ListingTexts, PhotoView, PricingCard as PricingData};

use super::card::{address_line, StatusBadge};
use super::carousel::PhotoCarousel;
use super::facts_card::FactsCard;
use super::status_card::StatusCard;
use crate::components::icons::Icon;
use crate::components::lazy_part::lazy_part;
use crate::components::shell::{ErrorPanel, NotFoundPanel};
use crate::error::AppError;
use crate::listings::api::{get_listing, SetListingArchived, SetListingStatus};
use crate::listings::photos::ui::photos_panel::PhotoManager;
use crate::listings::pricing::api::get_pricing;
use crate::listings::pricing::ui::pricing_card::PricingCard;
use crate::listings::texts::api::get_texts;
use crate::listings::texts::ui::texts_panel::TextsPanel;

/// `/listings/:id`, a lazy route. Its Resources are made in `view()`, inside the chunk
/// (made in `data()`, their decoding would sit in the main module every route loads).
pub struct ListingDetailRoute;

#[lazy_route]
impl LazyRoute for ListingDetailRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        let params = use_params_map();
        let id = move || params.read().get("id").unwrap_or_default();
        // every resource of the page is made here, not inside the Suspense that shows
        // them: one made while rendering would be made again (and serialized under
        // another id) whenever the page re-renders on the server, and hydration breaks
        let detail = Resource::new(id, get_listing);
        let pricing = Resource::new(id, get_pricing);
        let texts = Resource::new(id, get_texts);
        view! { <ListingDetailPage detail pricing texts/> }.into_any()
    }
}

#[component]
fn ListingDetailPage(
    detail: Resource<Result<ListingDetail, AppError>>,
    pricing: Resource<Result<PricingData, AppError>>,
    texts: Resource<Result<ListingTexts, AppError>>,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <DetailSkeleton/> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <ListingDetailView detail=d pricing texts/> }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <NotFoundPanel title="Listing not found"
                            message="It may have been deleted, or the link is wrong."
                            back_href="/listings" back_label="All listings"/>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DetailSkeleton() -> impl IntoView {
    view! {
        <div class="detail-skeleton" aria-busy="true" aria-label="Loading listing">
            <div class="skeleton skeleton-title"></div>
            <div class="skeleton skeleton-line"></div>
            <div class="skeleton skeleton-hero"></div>
        </div>
    }
}

/// The page once loaded. Status and archive changes reload the listing into `live`
/// instead of re-rendering the page, so uploads in progress and open editors stay.
#[component]
fn ListingDetailView(
    detail: ListingDetail,
    pricing: Resource<Result<PricingData, AppError>>,
    texts: Resource<Result<ListingTexts, AppError>>,
) -> impl IntoView {
    let id = detail.card.id.to_string();
    let can_edit = detail.can_edit;
    let title = detail.card.title.clone();
    let live = RwSignal::new(detail.clone());
    let photos = RwSignal::new(detail.photos.clone());
    let status = ServerAction::<SetListingStatus>::new();
    let archive = ServerAction::<SetListingArchived>::new();
    Effect::new({
        let id = id.clone();
        move |_| {
            let changed = matches!(status.value().get(), Some(Ok(())))
                || matches!(archive.value().get(), Some(Ok(())));
            if changed {
                let id = id.clone();
                leptos::task::spawn_local(async move {
                    if let Ok(d) = get_listing(id).await {
                        live.set(d);
                    }
                });
            }
        }
    });
    let carousel_title = title.clone();
    view! {
        <ListingHeader live archive/>
        {move || live.with(|d| d.card.archived).then(|| view! {
            <div class="notice notice-warning" role="status">
                "This listing is archived: it's hidden from the listings page and its address can be reused. Unarchive it to bring it back."
            </div>
        })}
        // on phones the status sits between the facts and the rest; on desktop it
        // is a column of its own
        <div class="listing-layout">
            <div class="listing-top">
                {move || {
                    let list: Vec<PhotoView> = photos.get();
                    view! { <PhotoCarousel photos=list title=carousel_title.clone()/> }
                }}
                <FactsCard live/>
            </div>
            <aside class="listing-aside" aria-label="Status">
                <StatusCard live action=status/>
            </aside>
            <div class="listing-rest">
                <PricingCard pricing/>
                {texts_part(id.clone(), texts)}
                {can_edit.then(|| photos_part(id.clone(), photos))}
            </div>
        </div>
    }
}

#[component]
fn ListingHeader(
    live: RwSignal<ListingDetail>,
    archive: ServerAction<SetListingArchived>,
) -> impl IntoView {
    let d = live.get_untracked();
    let id = d.card.id.to_string();
    let title = d.card.title.clone();
    let address = address_line(
        &d.card.street,
        &d.card.city,
        &d.card.state,
        &d.card.postal_code,
    );
    let archived = move || live.with(|d| d.card.archived);
    view! {
        <leptos_meta::Title text=title.clone()/>
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <a href="/listings">"Listings"</a>
            <span aria-hidden="true">" / "</span>
            <span aria-current="page">{title.clone()}</span>
        </nav>
        <header class="listing-header">
            <div class="listing-header-main">
                <h1 class="page-title">{title}</h1>
                <p class="listing-header-address muted">{address}</p>
                <div class="listing-header-meta">
                    {move || view! { <StatusBadge status=live.with(|d| d.card.status)/> }}
                    {move || archived().then(|| view! { <span class="badge badge-neutral">"Archived"</span> })}
                    <span class="listing-header-price">{format_price(d.card.price_cents)}</span>
                </div>
            </div>
            {d.can_edit.then(|| view! {
                <div class="listing-header-actions">
                    <a class="btn btn-primary" href=format!("/listings/{id}/edit")><Icon name="edit"/>"Edit"</a>
                    <a class="btn btn-secondary" href=format!("/listings/new?from={id}")><Icon name="copy"/>"Duplicate"</a>
                    <ActionForm action=archive>
                        <input type="hidden" name="id" value=id.clone()/>
                        <input type="hidden" name="archived" value=move || if archived() { "false" } else { "true" }/>
                        <button type="submit" class="btn btn-ghost" disabled=move || archive.pending().get()>
                            <Icon name="archive"/>
                            {move || if archived() { "Unarchive" } else { "Archive" }}
                        </button>
                    </ActionForm>
                </div>
            })}
        </header>
        {move || archive.value().get().and_then(|r| r.err()).map(|e| view! {
            <div class="notice notice-danger" role="alert">{e.to_string()}</div>
        })}
    }
}

// The AI copy and the photo manager are most of this page's code and its first view
// doesn't need them: lazy parts (components/lazy_part.rs), whose code loads when the
// user reaches for them. They are the last parts of the page and make no Resource.

#[cfg(feature = "ssr")]
fn texts_part(
    listing_id: String,
    texts: Resource<Result<ListingTexts, AppError>>,
) -> impl IntoView {
    lazy_part(view! { <TextsPanel listing_id texts/> })
}

#[cfg(not(feature = "ssr"))]
fn texts_part(
    listing_id: String,
    texts: Resource<Result<ListingTexts, AppError>>,
) -> impl IntoView {
    #[leptos::lazy]
    fn texts_panel(listing_id: String, texts: Resource<Result<ListingTexts, AppError>>) -> AnyView {
        view! { <TextsPanel listing_id texts/> }.into_any()
    }
    // texts being written: the panel must poll for them at once
    let busy = Signal::derive(move || texts.get().and_then(Result::ok).is_some_and(|t| t.busy));
    lazy_part(move || texts_panel(listing_id, texts), busy)
}

#[cfg(feature = "ssr")]
fn photos_part(listing_id: String, photos: RwSignal<Vec<PhotoView>>) -> impl IntoView {
    lazy_part(view! { <PhotoManager listing_id photos/> })
}

#[cfg(not(feature = "ssr"))]
fn photos_part(listing_id: String, photos: RwSignal<Vec<PhotoView>>) -> impl IntoView {
    #[leptos::lazy]
    fn photo_manager(listing_id: String, photos: RwSignal<Vec<PhotoView>>) -> AnyView {
        view! { <PhotoManager listing_id photos/> }.into_any()
    }
    lazy_part(
        move || photo_manager(listing_id, photos),
        Signal::stored(false),
    )
}
