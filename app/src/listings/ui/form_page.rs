//! `/listings/new` (with `?from=<id>`: a duplicate) and `/listings/:id/edit`.
//! Typed values are never lost: with JavaScript the inputs are not re-rendered after
//! an error; without it the server redirects back with every value in the query
//! string, which fills the form again.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::{lazy_route, LazyRoute};
use shared::listing::ListingForm;
use shared::listing_dto::ListingDetail;

use super::listing_form::{FormErrors, ListingFields};
use crate::components::shell::{ErrorPanel, NotFoundPanel, PageHeader};
use crate::error::AppError;
use crate::listings::api::{get_listing, CreateListing, UpdateListing};

/// The values a failed plain form post brought back, if this is such a return.
fn returned_values(q: &ParamsMap) -> Option<ListingForm> {
    ListingForm::FIELDS
        .iter()
        .any(|f| q.get(f).is_some())
        .then(|| ListingForm::from_named(|n| q.get(n)))
}

/// `/listings/new`, a lazy route. A duplicate (`?from=<id>`) loads the listing to
/// copy (a Resource made in `view()`, inside the chunk).
pub struct ListingNewRoute;

#[lazy_route]
impl LazyRoute for ListingNewRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        let q = use_query_map().get_untracked();
        // the values a failed plain form post brought back, if any
        let returned = returned_values(&q);
        // the listing to copy (none when values came back: they win)
        let from = q.get("from").filter(|f| !f.is_empty());
        let source = from
            .filter(|_| returned.is_none())
            .map(|from| Resource::new(move || from.clone(), get_listing));
        view! { <ListingNewPage returned source/> }.into_any()
    }
}

#[component]
fn ListingNewPage(
    returned: Option<ListingForm>,
    source: Option<Resource<Result<ListingDetail, AppError>>>,
) -> impl IntoView {
    if let Some(form) = returned {
        return view! { <NewListingView initial=form duplicate=false/> }.into_any();
    }
    let Some(source) = source else {
        let blank = ListingForm::from_named(|_| None);
        return view! { <NewListingView initial=blank duplicate=false/> }.into_any();
    };
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading the listing to copy…"</p> }>
            {move || Suspend::new(async move {
                match source.await {
                    Ok(d) => {
                        let mut form = d.form;
                        form.title = format!("Copy of {}", form.title);
                        // the address is unique per agent: the copy needs its own
                        form.street.clear();
                        view! { <NewListingView initial=form duplicate=true/> }.into_any()
                    }
                    Err(AppError::NotFound) => view! {
                        <NotFoundPanel title="Listing not found" message="The listing to copy doesn't exist any more."
                            back_href="/listings" back_label="All listings"/>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn NewListingView(initial: ListingForm, duplicate: bool) -> impl IntoView {
    let action = ServerAction::<CreateListing>::new();
    let value = action.value();
    let errors = FormErrors {
        client: RwSignal::new(None),
        server: Signal::derive(move || value.get().and_then(|r| r.err())),
    };
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = value.get() {
            navigate(&format!("/listings/{id}"), Default::default());
        }
    });
    let (title, subtitle, street_hint) = if duplicate {
        (
            "Duplicate listing",
            "Everything is copied except the street address: each of your listings needs its own.",
            "Enter the new address: it must differ from the listing you copied.",
        )
    } else {
        (
            "New listing",
            "Add the facts once: AI copy for every channel, Fair Housing checks and a price suggestion follow from them.",
            "",
        )
    };
    view! {
        <PageHeader title subtitle/>
        <section class="card form-card">
            <div class="card-body" on:submit:capture=move |ev| errors.check_before_submit(&ev)>
                <ActionForm action attr:class="form listing-form" attr:novalidate=true>
                    <FormSummary errors/>
                    <ListingFields initial errors street_hint/>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>
                            {move || if action.pending().get() { "Saving…" } else { "Create listing" }}
                        </button>
                        <a class="btn btn-ghost" href="/listings">"Cancel"</a>
                    </div>
                </ActionForm>
            </div>
        </section>
    }
}

/// `/listings/:id/edit`, a lazy route (its Resource is made in `view()`, inside the
/// chunk).
pub struct ListingEditRoute;

#[lazy_route]
impl LazyRoute for ListingEditRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        let params = use_params_map();
        let id = move || params.read().get("id").unwrap_or_default();
        let listing = Resource::new(id, get_listing);
        view! { <ListingEditPage listing/> }.into_any()
    }
}

#[component]
fn ListingEditPage(listing: Resource<Result<ListingDetail, AppError>>) -> impl IntoView {
    let returned = returned_values(&use_query_map().get_untracked());
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading the listing…"</p> }>
            {move || {
                let returned = returned.clone();
                Suspend::new(async move {
                    match listing.await {
                        Ok(d) if !d.can_edit => view! {
                            <div class="notice notice-warning" role="alert">
                                "You can view this listing but not edit it. Ask its agent or a broker to make changes."
                            </div>
                        }.into_any(),
                        Ok(d) => {
                            let id = d.card.id.to_string();
                            let initial = returned.unwrap_or(d.form);
                            view! { <EditListingView id title=d.card.title initial/> }.into_any()
                        }
                        Err(AppError::NotFound) => view! {
                            <NotFoundPanel title="Listing not found" message="It may have been deleted, or the link is wrong."
                                back_href="/listings" back_label="All listings"/>
                        }.into_any(),
                        Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn EditListingView(id: String, title: String, initial: ListingForm) -> impl IntoView {
    let action = ServerAction::<UpdateListing>::new();
    let value = action.value();
    let errors = FormErrors {
        client: RwSignal::new(None),
        server: Signal::derive(move || value.get().and_then(|r| r.err())),
    };
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = value.get() {
            navigate(&format!("/listings/{id}"), Default::default());
        }
    });
    let back = format!("/listings/{id}");
    view! {
        <PageHeader title=format!("Edit {title}")
            subtitle="Changing the price, rooms, size, address or features marks AI copy as out of date, so you can regenerate it."/>
        <section class="card form-card">
            <div class="card-body" on:submit:capture=move |ev| errors.check_before_submit(&ev)>
                <ActionForm action attr:class="form listing-form" attr:novalidate=true>
                    <input type="hidden" name="id" value=id/>
                    <FormSummary errors/>
                    <ListingFields initial errors/>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>
                            {move || if action.pending().get() { "Saving…" } else { "Save changes" }}
                        </button>
                        <a class="btn btn-ghost" href=back>"Cancel"</a>
                    </div>
                </ActionForm>
            </div>
        </section>
    }
}

/// The message above the form: how many fields to fix, or a form-level refusal
/// (the duplicate-address conflict links to the listing that has the address).
#[component]
fn FormSummary(errors: FormErrors) -> impl IntoView {
    let form_level = move || errors.server.get().and_then(|e| e.form_message());
    let summary = errors.summary();
    view! {
        {move || summary.get().map(|m| view! { <div class="form-error" role="alert">{m}</div> })}
        {move || form_level().map(|m| view! { <div class="form-error" role="alert"><LinkedMessage message=m/></div> })}
    }
}

/// Renders a message, turning a `/listings/<id>` path in it into a link.
#[component]
pub fn LinkedMessage(message: String) -> impl IntoView {
    let Some(start) = message.find("/listings/") else {
        return view! { {message} }.into_any();
    };
    let rest = &message[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ')' | ',' | ';'))
        .unwrap_or(rest.len());
    let mut path = rest[..end].to_string();
    // a sentence-ending period is not part of the path
    while path.ends_with('.') {
        path.pop();
    }
    let before = message[..start].to_string();
    let after = message[start + path.len()..].to_string();
    view! { {before}<a href=path.clone()>"open that listing"</a>{after} }.into_any()
}
