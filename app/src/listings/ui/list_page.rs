//! `/listings`: search, filters and sort in the URL (a GET form), grid or list,
//! keyset pages, and a bulk status change for the picked listings.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use leptos_router::{lazy_route, LazyRoute};
use shared::auth::{can, Permission};
use shared::listing::{ListingFilter, ListingQuery, ListingSort, ListingStatus};
use shared::listing_dto::ListingPage;

use super::card::ListingCard;
use super::list_filters::{has_filters, listings_href, ListingFilters};
use crate::components::icons::Icon;
use crate::components::shell::{use_me, ErrorPanel, PageHeader};
use crate::error::AppError;
use crate::listings::api::{list_listings, BulkSetStatus};

/// The server's query from the URL, cleaned the same way the server reads it.
fn listing_query(q: &ParamsMap) -> ListingQuery {
    let raw = ListingQuery {
        q: q.get("q"),
        status: q.get("status"),
        property_type: q.get("property_type"),
        min_price: q.get("min_price"),
        max_price: q.get("max_price"),
        beds: q.get("beds"),
        baths: q.get("baths"),
        sort: q.get("sort"),
        archived: q.get("archived"),
        after: q.get("after"),
    };
    let mut query = ListingFilter::from_query(&raw).to_query();
    // an all-empty query encodes to nothing, and the GET server function can't read
    // its argument back from an empty query string: always name the sort
    query
        .sort
        .get_or_insert_with(|| ListingSort::default().as_str().to_owned());
    query
}

/// `/listings`, a lazy route. Its Resource (and the bulk action: the page reloads
/// after it) is made in `view()`, inside the chunk.
pub struct ListingsRoute;

#[lazy_route]
impl LazyRoute for ListingsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        let query = use_query_map();
        let bulk = ServerAction::<BulkSetStatus>::new();
        let page = Resource::new(
            move || (listing_query(&query.get()), bulk.version().get()),
            |(q, _)| list_listings(q),
        );
        view! { <ListingsPage bulk page/> }.into_any()
    }
}

#[component]
fn ListingsPage(
    bulk: ServerAction<BulkSetStatus>,
    page: Resource<Result<ListingPage, AppError>>,
) -> impl IntoView {
    let me = use_me();
    let query = use_query_map();
    // the role decides at once; the server's answer (can_create) confirms it
    let may_create = can(me.role, Permission::WriteProperty);
    view! {
        <PageHeader title="Listings" subtitle="Every property your brokerage is selling or renting.">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let can_create = page.await.map(|p| p.can_create).unwrap_or(may_create);
                    can_create.then(|| view! {
                        <a class="btn btn-primary" href="/listings/new"><Icon name="plus"/>"New listing"</a>
                    })
                })}
            </Transition>
        </PageHeader>
        // drawn again when the URL changes (e.g. "Clear filters"), so it shows what is applied
        {move || view! { <ListingFilters query=query.get()/> }}
        <Transition fallback=|| view! { <ListSkeleton/> }>
            {move || {
                // the layout (`view`) is not part of the server query: track the URL here
                let q = query.get();
                Suspend::new(async move {
                    match page.await {
                        Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                        Ok(p) => view! { <ListingResults page=p query=q bulk/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn ListSkeleton() -> impl IntoView {
    view! {
        <div class="listing-grid" aria-busy="true" aria-label="Loading listings">
            {(0..6).map(|_| view! { <div class="listing-card skeleton-card"><div class="skeleton skeleton-cover"></div></div> }).collect_view()}
        </div>
    }
}

#[component]
fn ListingResults(
    page: ListingPage,
    query: ParamsMap,
    bulk: ServerAction<BulkSetStatus>,
) -> impl IntoView {
    let ListingPage {
        items,
        next,
        can_create,
        can_edit,
        org_has_listings,
    } = page;
    if !org_has_listings {
        return view! { <FirstListingState can_create/> }.into_any();
    }
    let is_list = query.get("view").as_deref() == Some("list");
    let paged = query.get("after").is_some_and(|a| !a.is_empty());
    if items.is_empty() {
        let filtered = has_filters(&query);
        let clear = listings_href(&ParamsMap::new(), &[("view", query.get("view").as_deref())]);
        let first = listings_href(&query, &[("after", None)]);
        return view! {
            <div class="empty-state">
                <Icon name="building"/>
                {if paged {
                    view! { <h2>"No more listings"</h2><p>"You've reached the end of this list."</p>
                        <a class="btn btn-secondary" href=first>"Back to first page"</a> }.into_any()
                } else if filtered {
                    view! { <h2>"No listings match these filters"</h2>
                        <p>"Try a wider price range, fewer filters or a shorter search."</p>
                        <a class="btn btn-secondary" href=clear>"Clear filters"</a> }.into_any()
                } else {
                    view! { <h2>"No listings here yet"</h2><p>"Archived listings are hidden: tick “Show archived listings only” to see them."</p> }.into_any()
                }}
            </div>
        }
        .into_any();
    }
    let selected = RwSignal::new(HashSet::<String>::new());
    let all_ids: Vec<String> = items.iter().map(|c| c.id.to_string()).collect();
    let next_href = next.map(|n| listings_href(&query, &[("after", Some(&n))]));
    let first_href = paged.then(|| listings_href(&query, &[("after", None)]));
    let grid_href = listings_href(&query, &[("view", None)]);
    let list_href = listings_href(&query, &[("view", Some("list"))]);
    view! {
        <div class="results-toolbar">
            <p class="muted">{format!("Showing {} listing{}", items.len(), if items.len() == 1 { "" } else { "s" })}</p>
            <div class="segmented" role="group" aria-label="Layout">
                <a href=grid_href class="segmented-item" aria-current=(!is_list).then_some("true")><Icon name="grid"/>"Grid"</a>
                <a href=list_href class="segmented-item" aria-current=is_list.then_some("true")><Icon name="list"/>"List"</a>
            </div>
        </div>
        {can_edit.then(|| view! { <BulkBar bulk selected all_ids/> })}
        <div class=if is_list { "listing-list" } else { "listing-grid" }>
            {items.into_iter().map(|card| {
                let pick = can_edit.then_some(selected);
                view! { <ListingCard card selected=pick/> }
            }).collect_view()}
        </div>
        <nav class="pager" aria-label="Pages">
            {first_href.map(|h| view! { <a class="btn btn-ghost" href=h><Icon name="chevron-left"/>"Back to first page"</a> })}
            {next_href.map(|h| view! { <a class="btn btn-secondary" href=h>"Next page"<Icon name="chevron-right"/></a> })}
        </nav>
    }
    .into_any()
}

/// The org has no listing at all: say what a listing gives, and how to start.
#[component]
fn FirstListingState(can_create: bool) -> impl IntoView {
    view! {
        <div class="empty-state empty-state-teach">
            <Icon name="building"/>
            <h2>"Add your first listing"</h2>
            <p>"Enter a property's facts once and PropertyPro does the rest:"</p>
            <ul class="teach-list">
                <li><strong>"AI copy for every channel"</strong>" — description, MLS remarks, Instagram, Facebook, LinkedIn, email, flyer and open-house invitation."</li>
                <li><strong>"Fair Housing checks"</strong>" — risky phrases are highlighted with the reason before anything goes out."</li>
                <li><strong>"Pricing"</strong>" — a suggested price and range from your brokerage's own comparable listings."</li>
            </ul>
            {if can_create {
                view! { <a class="btn btn-primary" href="/listings/new"><Icon name="plus"/>"Add your first listing"</a> }.into_any()
            } else {
                view! { <p class="muted">"Agents, brokers and admins can add listings."</p> }.into_any()
            }}
        </div>
    }
}

/// Picks and a status for the picked listings. The checkboxes live on the cards and
/// join this form through their `form` attribute.
#[component]
fn BulkBar(
    bulk: ServerAction<BulkSetStatus>,
    selected: RwSignal<HashSet<String>>,
    all_ids: Vec<String>,
) -> impl IntoView {
    let total = all_ids.len();
    let count = move || selected.with(HashSet::len);
    // no status until one is picked: a wrong default would move listings by mistake
    let status = RwSignal::new(String::new());
    let all_picked = move || count() == total;
    let toggle_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        selected.set(if on {
            all_ids.iter().cloned().collect()
        } else {
            HashSet::new()
        });
    };
    Effect::new(move |_| {
        if matches!(bulk.value().get(), Some(Ok(_))) {
            selected.set(HashSet::new());
        }
    });
    view! {
        <ActionForm action=bulk attr:id="bulk-form" attr:class="bulk-bar">
            <label class="check-field" for="pick-all">
                <input type="checkbox" id="pick-all" prop:checked=all_picked on:change=toggle_all/>
                {move || match count() {
                    0 => "Select all on this page".to_string(),
                    n => format!("{n} selected"),
                }}
            </label>
            <div class="bulk-controls">
                <label for="bulk-status" class="visually-hidden">"New status"</label>
                <select id="bulk-status" name="status" class="input" required=true
                    on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="" selected=true disabled=true>"Change status to…"</option>
                    {ListingStatus::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                </select>
                <button type="submit" class="btn btn-secondary" disabled=move || count() == 0 || status.with(String::is_empty) || bulk.pending().get()>
                    {move || if bulk.pending().get() { "Applying…" } else { "Apply" }}
                </button>
            </div>
        </ActionForm>
        {move || bulk.value().get().map(|r| match r {
            Ok(res) => {
                let class = if res.refused.is_empty() { "notice notice-success" } else { "notice notice-warning" };
                view! {
                <div class=class role="status">
                    <p>{match res.changed { 1 => "1 listing changed.".to_string(), n => format!("{n} listings changed.") }}</p>
                    {(!res.refused.is_empty()).then(|| view! {
                        <p>"Not changed:"</p>
                        <ul>{res.refused.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    })}
                </div>
            }.into_any()
            }
            Err(e) => view! { <div class="notice notice-danger" role="alert">{e.to_string()}</div> }.into_any(),
        })}
    }
}
