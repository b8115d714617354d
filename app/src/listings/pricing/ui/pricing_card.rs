//! The suggested price from the org's own comparables, with the AI's explanation.
//! Every number comes from `shared::pricing`; the AI only puts them into words.

use leptos::prelude::*;
use shared::listing::{format_number, format_price};
use shared::listing_dto::PricingCard as PricingData;
use shared::pricing::{Confidence, MarketPosition, UsedComparable};

use crate::components::shell::ErrorPanel;
use crate::error::AppError;
use crate::listings::ui::card::StatusBadge;
use shared::content::writer_label;

fn confidence_class(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "badge badge-success",
        Confidence::Medium => "badge badge-warning",
        Confidence::Low => "badge badge-neutral",
    }
}

/// The list price against the range, in words an agent can repeat to a seller.
fn position_text(p: MarketPosition) -> &'static str {
    match p {
        MarketPosition::Below => "The list price is below the suggested range: it may sell fast, or leave money on the table.",
        MarketPosition::Within => "The list price is within the suggested range.",
        MarketPosition::Above => "The list price is above the suggested range: expect more time on market or a price cut.",
    }
}

#[component]
pub fn PricingCard(pricing: Resource<Result<PricingData, AppError>>) -> impl IntoView {
    // the explanation is written by a job: look again until it is there
    Effect::new(move |_| {
        if pricing.with(|p| matches!(p, Some(Ok(p)) if p.explanation_pending)) {
            set_timeout(move || pricing.refetch(), std::time::Duration::from_secs(3));
        }
    });
    view! {
        <section class="card pricing-card" aria-labelledby="pricing-h">
            <div class="card-header"><h2 id="pricing-h">"Suggested price"</h2></div>
            <div class="card-body">
                <Suspense fallback=|| view! { <div class="skeleton skeleton-line" aria-label="Loading price suggestion"></div> }>
                    {move || Suspend::new(async move {
                        match pricing.await {
                            Ok(p) => view! { <PricingBody pricing=p/> }.into_any(),
                            Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </section>
    }
}

#[component]
fn PricingBody(pricing: PricingData) -> impl IntoView {
    let PricingData {
        suggestion: s,
        explanation,
        provider,
        fallback_reason,
        explanation_pending,
    } = pricing;
    let Some(suggested) = s.suggested_cents else {
        let note = s.note.clone().unwrap_or_else(|| {
            format!("No comparable listings were found in {} yet, so there's no suggestion. Prices appear once similar listings are sold or active nearby.", s.scope_label)
        });
        return view! { <p class="muted">{note}</p> }.into_any();
    };
    let range = match (s.low_cents, s.high_cents) {
        (Some(lo), Some(hi)) => Some(format!("{} – {}", format_price(lo), format_price(hi))),
        _ => None,
    };
    let count = s.used.len();
    let basis = format!(
        "Based on {count} comparable{} in {}",
        if count == 1 { "" } else { "s" },
        s.scope_label
    );
    let ppsf = s
        .median_price_per_sqft_cents
        .map(|c| format!("Median {} per sq ft", format_price(c - c % 100)));
    let writer = writer_label(Some(provider.as_str()), None);
    view! {
        <div class="price-headline">
            <span class="price-big">{format_price(suggested)}</span>
            <span class=confidence_class(s.confidence)>{s.confidence.label()}</span>
        </div>
        {range.map(|r| view! { <p class="price-range">{r}</p> })}
        <p class="muted">{basis}{ppsf.map(|p| view! { " · "{p} })}</p>
        {s.position.map(|p| view! {
            <p class=if p == MarketPosition::Within { "notice notice-success" } else { "notice notice-warning" }>{position_text(p)}</p>
        })}
        {s.note.clone().map(|n| view! { <p class="notice notice-info">{n}</p> })}
        {explanation_pending.then(|| view! {
            <p class="text-progress" role="status"><span class="spinner" aria-hidden="true"></span>"Writing the explanation…"</p>
        })}
        {(!explanation.trim().is_empty()).then(|| view! {
            <div class="ai-explanation">
                <p class="prose">{explanation}</p>
                <p class="provider-line muted">{writer}</p>
                {fallback_reason.map(|r| view! {
                    <p class="notice notice-warning">{format!("The AI service failed: {r}; the built-in writer wrote this.")}</p>
                })}
            </div>
        })}
        {(!s.factors.is_empty()).then(|| view! {
            <ul class="factor-list">{s.factors.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}</ul>
        })}
        {(count > 0).then(|| view! { <ComparablesTable used=s.used.clone()/> })}
    }
    .into_any()
}

#[component]
fn ComparablesTable(used: Vec<UsedComparable>) -> impl IntoView {
    view! {
        <details class="comparables" open>
            <summary>{format!("Comparables used ({})", used.len())}</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Comparables used">
                <table class="table table-compact">
                    <thead><tr>
                        <th scope="col">"Listing"</th><th scope="col">"Status"</th>
                        <th scope="col" class="num">"Price"</th><th scope="col" class="num">"Sq ft"</th>
                        <th scope="col" class="num">"$/sq ft"</th><th scope="col" class="num">"Adjusted"</th>
                    </tr></thead>
                    <tbody>
                        {used.into_iter().map(|u| {
                            let c = u.comparable;
                            view! {
                                <tr>
                                    <td>
                                        <a href=format!("/listings/{}", c.id)>{c.title}</a>
                                        <span class="muted block">{format!("{}, {}", c.street, c.city)}</span>
                                    </td>
                                    <td><StatusBadge status=c.status/></td>
                                    <td class="num">{format_price(c.price_cents)}</td>
                                    <td class="num">{c.living_area_sqft.map(|a| format_number(a.into())).unwrap_or_else(|| "—".into())}</td>
                                    <td class="num">{u.price_per_sqft_cents.map(|p| format_price(p - p % 100)).unwrap_or_else(|| "—".into())}</td>
                                    <td class="num"><strong>{format_price(u.adjusted_cents - u.adjusted_cents % 100)}</strong></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
