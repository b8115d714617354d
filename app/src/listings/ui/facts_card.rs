//! The facts of a listing: what the AI copy is written from, so agents can see at
//! a glance what it may say.

use leptos::prelude::*;
use shared::listing::{format_baths, format_number};
use shared::listing_dto::ListingDetail;

#[component]
pub fn FactsCard(live: RwSignal<ListingDetail>) -> impl IntoView {
    move || {
        let d = live.get();
        let sqft = |v: Option<i32>| {
            v.map(|a| format!("{} sq ft", format_number(a.into())))
                .unwrap_or_else(|| "—".into())
        };
        let facts: Vec<(&'static str, String)> = vec![
            ("Type", d.card.property_type.label().to_string()),
            ("Bedrooms", d.card.bedrooms.to_string()),
            ("Bathrooms", format_baths(d.card.bathroom_halves)),
            ("Living area", sqft(d.card.living_area_sqft)),
            ("Lot size", sqft(d.lot_size_sqft)),
            (
                "Year built",
                d.year_built
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "—".into()),
            ),
            (
                "Garage spaces",
                Some(d.form.garage_spaces.clone())
                    .filter(|g| !g.is_empty())
                    .unwrap_or_else(|| "—".into()),
            ),
            ("MLS status (RESO)", d.reso_status.clone()),
            ("Listing agent", d.card.agent_name.clone()),
        ];
        let updated = d.updated_at.format("%b %-d, %Y").to_string();
        view! {
            <section class="card" aria-labelledby="facts-h">
                <div class="card-header">
                    <h2 id="facts-h">"Facts"</h2>
                    <p>"Updated "<time datetime=d.updated_at.to_rfc3339()>{updated}</time></p>
                </div>
                <div class="card-body">
                    <dl class="facts-grid">
                        {facts.into_iter().map(|(k, v)| view! {
                            <div class="fact"><dt>{k}</dt><dd>{v}</dd></div>
                        }).collect_view()}
                    </dl>
                    {(!d.features.is_empty()).then(|| view! {
                        <div>
                            <h3 class="subheading">"Features"</h3>
                            <ul class="chips" aria-label="Features">
                                {d.features.iter().map(|f| view! { <li class="chip">{f.clone()}</li> }).collect_view()}
                            </ul>
                        </div>
                    })}
                    <div>
                        <h3 class="subheading">"Description"</h3>
                        {if d.description.trim().is_empty() {
                            view! { <p class="muted">"No description yet. Write one, or let the AI draft it below."</p> }.into_any()
                        } else {
                            view! { <p class="prose">{d.description.clone()}</p> }.into_any()
                        }}
                    </div>
                </div>
            </section>
        }
    }
}
