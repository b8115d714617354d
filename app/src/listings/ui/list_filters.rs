//! The filter bar of the listings page: a plain GET form, so filters live in the
//! URL (shareable, back-button friendly) and work without JavaScript.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use shared::listing::{ListingSort, ListingStatus, PropertyType};

use crate::components::icons::Icon;

/// The query keys the filter form writes (and that a page link keeps).
pub const FILTER_KEYS: [&str; 9] = [
    "q",
    "status",
    "property_type",
    "min_price",
    "max_price",
    "beds",
    "baths",
    "sort",
    "archived",
];

/// Whether any filter narrows the list (the sort and the view don't).
pub fn has_filters(q: &ParamsMap) -> bool {
    FILTER_KEYS
        .iter()
        .filter(|k| !matches!(**k, "sort"))
        .any(|k| q.get(k).is_some_and(|v| !v.is_empty()))
}

/// `/listings?…` with `changes` applied (None removes a key); empty values are left out.
pub fn listings_href(q: &ParamsMap, changes: &[(&str, Option<&str>)]) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for key in FILTER_KEYS.iter().chain(["view", "after"].iter()) {
        let changed = changes.iter().find(|(k, _)| k == key);
        let value = match changed {
            Some((_, v)) => v.map(str::to_owned),
            None => q.get(key),
        };
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            pairs.push((key.to_string(), v));
        }
    }
    if pairs.is_empty() {
        return "/listings".into();
    }
    let query: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", encode(&v)))
        .collect();
    format!("/listings?{}", query.join("&"))
}

fn encode(s: &str) -> String {
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

#[component]
pub fn ListingFilters(query: ParamsMap) -> impl IntoView {
    let v = |k: &str| query.get(k).unwrap_or_default();
    let (status, kind, sort, beds, baths) = (
        v("status"),
        v("property_type"),
        v("sort"),
        v("beds"),
        v("baths"),
    );
    let archived = matches!(v("archived").as_str(), "1" | "true" | "on");
    let view_mode = v("view");
    // the extra filters stay open while one of them is in use
    let open = [
        "status",
        "property_type",
        "min_price",
        "max_price",
        "beds",
        "baths",
        "archived",
    ]
    .iter()
    .any(|k| !v(k).is_empty());
    let counts = ["1", "2", "3", "4", "5"];
    view! {
        <form method="get" action="/listings" class="card filters" role="search" aria-label="Filter listings">
            <div class="filters-main">
                <div class="field filters-search">
                    <label for="f-q" class="visually-hidden">"Search listings"</label>
                    <input id="f-q" name="q" type="search" class="input" value=v("q")
                        placeholder="Search title, description or address"/>
                </div>
                <div class="field">
                    <label for="f-sort" class="visually-hidden">"Sort by"</label>
                    <select id="f-sort" name="sort" class="input">
                        {ListingSort::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected={s.as_str() == sort}>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="btn btn-primary"><Icon name="check"/>"Apply"</button>
            </div>
            <details class="filters-more" open=open>
                <summary>"More filters"</summary>
                <div class="filters-grid">
                    <div class="field">
                        <label for="f-status">"Status"</label>
                        <select id="f-status" name="status" class="input">
                            <option value="" selected=status.is_empty()>"Any status"</option>
                            {ListingStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected={s.as_str() == status}>{s.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-type">"Type"</label>
                        <select id="f-type" name="property_type" class="input">
                            <option value="" selected=kind.is_empty()>"Any type"</option>
                            {PropertyType::ALL.into_iter().map(|t| view! {
                                <option value=t.as_str() selected={t.as_str() == kind}>{t.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-min">"Min price"</label>
                        <input id="f-min" name="min_price" class="input" inputmode="decimal" placeholder="No min" value=v("min_price")/>
                    </div>
                    <div class="field">
                        <label for="f-max">"Max price"</label>
                        <input id="f-max" name="max_price" class="input" inputmode="decimal" placeholder="No max" value=v("max_price")/>
                    </div>
                    <div class="field">
                        <label for="f-beds">"Bedrooms"</label>
                        <select id="f-beds" name="beds" class="input">
                            <option value="" selected=beds.is_empty()>"Any"</option>
                            {counts.into_iter().map(|n| view! { <option value=n selected={n == beds}>{format!("{n}+")}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-baths">"Bathrooms"</label>
                        <select id="f-baths" name="baths" class="input">
                            <option value="" selected=baths.is_empty()>"Any"</option>
                            {counts.into_iter().map(|n| view! { <option value=n selected={n == baths}>{format!("{n}+")}</option> }).collect_view()}
                        </select>
                    </div>
                    <label class="check-field" for="f-archived">
                        <input id="f-archived" type="checkbox" name="archived" value="1" checked=archived/>
                        "Show archived listings only"
                    </label>
                </div>
            </details>
            {(!view_mode.is_empty()).then(|| view! { <input type="hidden" name="view" value=view_mode.clone()/> })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> ParamsMap {
        let mut q = ParamsMap::new();
        for (k, v) in pairs {
            q.insert(k.to_string(), v.to_string());
        }
        q
    }

    #[test]
    fn page_links_keep_the_filters_and_replace_the_cursor() {
        let q = params(&[
            ("q", "harbor view"),
            ("status", "active"),
            ("after", "5_ab"),
            ("view", "list"),
        ]);
        assert_eq!(
            listings_href(&q, &[("after", Some("9_cd"))]),
            "/listings?q=harbor%20view&status=active&view=list&after=9_cd"
        );
        assert_eq!(
            listings_href(&q, &[("after", None)]),
            "/listings?q=harbor%20view&status=active&view=list"
        );
        assert_eq!(listings_href(&ParamsMap::new(), &[]), "/listings");
    }

    #[test]
    fn sort_and_layout_are_not_filters() {
        assert!(!has_filters(&params(&[("sort", "beds"), ("view", "list")])));
        assert!(!has_filters(&params(&[("q", "")])));
        assert!(has_filters(&params(&[("beds", "3")])));
    }
}
