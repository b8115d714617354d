//! Where the listing is in its life: the current status, one button per move the
//! status machine allows (the server refuses any other, and says why), and the
//! history of every change.

use leptos::prelude::*;
use shared::listing::ListingStatus;
use shared::listing_dto::{ListingDetail, StatusChange};

use super::card::StatusBadge;
use crate::listings::api::SetListingStatus;

/// "Mark as Active", "Back to draft".
fn move_label(to: ListingStatus) -> String {
    match to {
        ListingStatus::Draft => "Back to draft".into(),
        other => format!("Mark as {}", other.label()),
    }
}

#[component]
pub fn StatusCard(
    live: RwSignal<ListingDetail>,
    action: ServerAction<SetListingStatus>,
) -> impl IntoView {
    let moves = move || {
        let d = live.get();
        if !d.can_edit || d.card.archived {
            return None;
        }
        let id = d.card.id.to_string();
        let buttons = d
            .next_statuses
            .into_iter()
            .map(|to| {
                let id = id.clone();
                let primary = matches!(
                    to,
                    ListingStatus::Active | ListingStatus::Sold | ListingStatus::Rented
                );
                view! {
                    <ActionForm action>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="status" value=to.as_str()/>
                        <button type="submit" class=if primary { "btn btn-small btn-primary" } else { "btn btn-small btn-secondary" }
                            disabled=move || action.pending().get()>
                            {move_label(to)}
                        </button>
                    </ActionForm>
                }
            })
            .collect_view();
        Some(view! { <div class="status-moves">{buttons}</div> })
    };
    view! {
        <section class="card" aria-labelledby="status-h">
            <div class="card-header">
                <h2 id="status-h">"Status"</h2>
                {move || view! { <StatusBadge status=live.with(|d| d.card.status)/> }}
            </div>
            <div class="card-body">
                <p class="muted">{move || format!("MLS status: {}", live.with(|d| d.reso_status.clone()))}</p>
                {move || action.value().get().and_then(|r| r.err()).map(|e| view! {
                    <div class="notice notice-danger" role="alert">{e.to_string()}</div>
                })}
                {moves}
                <h3 class="subheading">"History"</h3>
                {move || {
                    let history = live.with(|d| d.history.clone());
                    if history.is_empty() {
                        view! { <p class="muted">"No changes yet."</p> }.into_any()
                    } else {
                        view! {
                            <ol class="timeline">
                                {history.into_iter().map(|h| view! { <HistoryItem change=h/> }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                }}
            </div>
        </section>
    }
}

#[component]
fn HistoryItem(change: StatusChange) -> impl IntoView {
    let when = change.at.format("%b %-d, %Y, %H:%M UTC").to_string();
    let what = match change.from {
        Some(from) => format!("{} → {}", from.label(), change.to.label()),
        None => format!("Created as {}", change.to.label().to_lowercase()),
    };
    view! {
        <li>
            <strong>{what}</strong>
            <span class="muted">
                {change.by_name}" · "<time datetime=change.at.to_rfc3339()>{when}</time>
            </span>
        </li>
    }
}
