//! Copy and share a text (the clipboard and the device's share sheet), each
//! recorded for the audit trail; and the version history of a text.

use leptos::prelude::*;
use shared::content::ContentKind;
use shared::listing_dto::TextVersion;

use crate::components::icons::Icon;
use crate::listings::texts::api::record_text_shared;

/// How long the "Copied" confirmation stays.
const FEEDBACK_MS: u64 = 2500;

/// The text as it is pasted: the subject line first for emails.
fn full_text(subject: &Option<String>, body: &str) -> String {
    match subject {
        Some(s) if !s.is_empty() => format!("Subject: {s}\n\n{body}"),
        _ => body.to_owned(),
    }
}

#[cfg(feature = "hydrate")]
async fn write_clipboard(text: &str) -> bool {
    let navigator = window().navigator();
    // absent outside secure contexts (plain http on a LAN address): don't call into undefined
    let available = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !available {
        return false;
    }
    let clipboard = navigator.clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Opens the share sheet where there is one (phones); elsewhere copies instead.
/// Answers what happened, or None when the person closed the sheet.
#[cfg(feature = "hydrate")]
async fn share_or_copy(title: &str, text: &str) -> Option<&'static str> {
    let navigator = window().navigator();
    let has_share = js_sys::Reflect::has(&navigator, &"share".into()).unwrap_or(false);
    if has_share {
        let data = web_sys::ShareData::new();
        data.set_title(title);
        data.set_text(text);
        return match wasm_bindgen_futures::JsFuture::from(navigator.share_with_data(&data)).await {
            Ok(_) => Some("share"),
            Err(_) => None,
        };
    }
    write_clipboard(text).await.then_some("copy")
}

#[component]
pub fn ShareButtons(
    listing_id: String,
    kind: ContentKind,
    subject: Option<String>,
    body: String,
) -> impl IntoView {
    let feedback = RwSignal::new(None::<&'static str>);
    let text = StoredValue::new(full_text(&subject, &body));
    let id = StoredValue::new(listing_id);
    let done = move |how: &'static str| {
        feedback.set(Some(match how {
            "share" => "Shared.",
            _ => "Copied to the clipboard.",
        }));
        set_timeout(
            move || feedback.set(None),
            std::time::Duration::from_millis(FEEDBACK_MS),
        );
        leptos::task::spawn_local(async move {
            // the audit trail only: a failure here must not bother the agent
            let _ = record_text_shared(id.get_value(), kind.as_str().to_string(), how.to_string())
                .await;
        });
    };
    let on_copy = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            if write_clipboard(&text.get_value()).await {
                done("copy");
            } else {
                feedback.set(Some("Couldn't copy: select the text and copy it by hand."));
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (text, done);
    };
    let on_share = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            if let Some(how) = share_or_copy(kind.label(), &text.get_value()).await {
                done(how);
            }
        });
    };
    let label = kind.label().to_lowercase();
    view! {
        <button type="button" class="btn btn-small btn-secondary" on:click=on_copy aria-label=format!("Copy {label}")>
            <Icon name="copy"/>"Copy"
        </button>
        <button type="button" class="btn btn-small btn-secondary" on:click=on_share aria-label=format!("Share {label}")>
            <Icon name="share"/>"Share"
        </button>
        <span class="share-feedback" role="status">{move || feedback.get()}</span>
    }
}

/// "$0.0012" from micro-dollars.
fn cost(micro_usd: Option<i64>) -> String {
    micro_usd
        .map(|m| format!("${:.4}", m as f64 / 1_000_000.0))
        .unwrap_or_else(|| "—".into())
}

/// "850 ms", "1.2 s".
fn latency(ms: Option<i32>) -> String {
    match ms {
        Some(ms) if ms >= 1000 => format!("{:.1} s", f64::from(ms) / 1000.0),
        Some(ms) => format!("{ms} ms"),
        None => "—".into(),
    }
}

#[component]
pub fn VersionHistory(versions: Vec<TextVersion>) -> impl IntoView {
    let count = versions.len();
    view! {
        <details class="version-history">
            <summary>{format!("Version history ({count})")}</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Version history">
                <table class="table table-compact">
                    <thead><tr>
                        <th scope="col">"Version"</th><th scope="col">"Origin"</th><th scope="col">"Written by"</th>
                        <th scope="col" class="num">"Tokens"</th><th scope="col" class="num">"Cost"</th>
                        <th scope="col" class="num">"Time"</th><th scope="col">"When"</th><th scope="col">"Who"</th>
                    </tr></thead>
                    <tbody>
                        {versions.into_iter().map(|v| {
                            let writer = match (v.provider.as_deref(), v.model.as_deref()) {
                                (None, _) => "—".to_string(),
                                (Some("offline"), _) => "Built-in writer".to_string(),
                                (Some(p), Some(m)) => format!("{p} · {m}"),
                                (Some(p), None) => p.to_string(),
                            };
                            let tokens = match (v.tokens_in, v.tokens_out) {
                                (Some(i), Some(o)) => format!("{i} in / {o} out"),
                                _ => "—".into(),
                            };
                            let origin = if v.origin == "edited" { "Edited" } else { "Generated" };
                            view! {
                                <tr>
                                    <td>{format!("v{}", v.version)}</td>
                                    <td>{origin}{v.fallback_reason.map(|_| view! { <span class="muted">" (fallback)"</span> })}</td>
                                    <td>{writer}</td>
                                    <td class="num">{tokens}</td>
                                    <td class="num">{cost(v.cost_micro_usd)}</td>
                                    <td class="num">{latency(v.latency_ms)}</td>
                                    <td><time datetime=v.created_at.to_rfc3339()>{v.created_at.format("%b %-d, %H:%M UTC").to_string()}</time></td>
                                    <td>{v.created_by_name.unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
