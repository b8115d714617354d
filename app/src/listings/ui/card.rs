//! A listing as a card in the grid or a row in the list, and the pieces the other
//! listing pages share: the status badge and the one-line facts.

use std::collections::HashSet;

use leptos::prelude::*;
use shared::listing::{format_baths, format_number, format_price, ListingStatus};
use shared::listing_dto::ListingCard as CardData;

use crate::components::icons::Icon;

/// The badge colour of a status: live ones green, pending ones amber, closed ones blue.
pub fn status_badge_class(status: ListingStatus) -> &'static str {
    match status {
        ListingStatus::Draft => "badge badge-neutral",
        ListingStatus::ComingSoon => "badge badge-accent",
        ListingStatus::Active => "badge badge-success",
        ListingStatus::UnderContract => "badge badge-warning",
        ListingStatus::Sold | ListingStatus::Rented => "badge badge-info",
        ListingStatus::Withdrawn | ListingStatus::Expired => "badge badge-danger",
    }
}

#[component]
pub fn StatusBadge(status: ListingStatus) -> impl IntoView {
    view! { <span class=status_badge_class(status)>{status.label()}</span> }
}

/// "3 bd · 2.5 ba · 1,850 sq ft" (land has no rooms: only what applies is shown).
pub fn facts_line(bedrooms: i16, bathroom_halves: i16, living_area_sqft: Option<i32>) -> String {
    let mut parts = Vec::new();
    if bedrooms > 0 || bathroom_halves > 0 {
        parts.push(format!("{bedrooms} bd"));
        parts.push(format!("{} ba", format_baths(bathroom_halves)));
    }
    if let Some(a) = living_area_sqft {
        parts.push(format!("{} sq ft", format_number(a.into())));
    }
    parts.join(" · ")
}

/// "12 Harbor St, Boston, MA 02110".
pub fn address_line(street: &str, city: &str, state: &str, postal_code: &str) -> String {
    let mut line = street.to_owned();
    if !city.is_empty() {
        line.push_str(", ");
        line.push_str(city);
    }
    if !state.is_empty() || !postal_code.is_empty() {
        line.push_str(", ");
        line.push_str(format!("{state} {postal_code}").trim());
    }
    line
}

/// One listing. With `selected`, a checkbox (of the bulk-change form) picks it.
#[component]
pub fn ListingCard(
    card: CardData,
    #[prop(default = None)] selected: Option<RwSignal<HashSet<String>>>,
) -> impl IntoView {
    let href = format!("/listings/{}", card.id);
    let address = address_line(&card.street, &card.city, &card.state, &card.postal_code);
    let facts = facts_line(card.bedrooms, card.bathroom_halves, card.living_area_sqft);
    let check_id = format!("pick-{}", card.id);
    let title = card.title.clone();
    let photos = match card.photo_count {
        0 => None,
        1 => Some("1 photo".to_string()),
        n => Some(format!("{n} photos")),
    };
    view! {
        <article class="listing-card" class:is-archived=card.archived>
            <a class="listing-cover" href=href.clone() tabindex="-1" aria-hidden="true">
                {match card.cover_url.clone() {
                    Some(src) => view! { <img src=src alt="" loading="lazy" decoding="async"/> }.into_any(),
                    None => view! {
                        <span class="listing-cover-empty"><Icon name="image"/><span>"No photo yet"</span></span>
                    }.into_any(),
                }}
            </a>
            <div class="listing-card-body">
                <div class="listing-card-top">
                    <StatusBadge status=card.status/>
                    {card.archived.then(|| view! { <span class="badge badge-neutral">"Archived"</span> })}
                    <span class="listing-type muted">{card.property_type.label()}</span>
                </div>
                <h3 class="listing-title"><a href=href>{title.clone()}</a></h3>
                <p class="listing-address muted">{address}</p>
                {(!facts.is_empty()).then(|| view! { <p class="listing-facts">{facts}</p> })}
                <div class="listing-card-bottom">
                    <span class="listing-price">{format_price(card.price_cents)}</span>
                    <span class="listing-agent muted">
                        {card.agent_name.clone()}
                        {photos.map(|p| view! { " · "{p} })}
                    </span>
                </div>
            </div>
            {selected.map(|selected| {
                let id = card.id.to_string();
                let key = id.clone();
                let label_for = check_id.clone();
                view! {
                    <label class="listing-pick" for=label_for>
                        <input type="checkbox" id=check_id name="ids[]" value=id form="bulk-form"
                            prop:checked=move || selected.with(|s| s.contains(&key))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let id = event_target_value(&ev);
                                selected.update(|s| {
                                    if on { s.insert(id); } else { s.remove(&id); }
                                });
                            }/>
                        <span class="visually-hidden">{format!("Select {title}")}</span>
                    </label>
                }
            })}
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_read_like_a_listing_sheet() {
        assert_eq!(facts_line(3, 5, Some(1850)), "3 bd · 2.5 ba · 1,850 sq ft");
        assert_eq!(facts_line(0, 0, None), "");
        assert_eq!(facts_line(0, 2, None), "0 bd · 1 ba");
    }

    #[test]
    fn addresses_join_their_parts() {
        assert_eq!(
            address_line("12 Harbor St", "Boston", "MA", "02110"),
            "12 Harbor St, Boston, MA 02110"
        );
        assert_eq!(address_line("12 Harbor St", "", "", ""), "12 Harbor St");
    }
}
