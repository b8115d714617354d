//! AI copy for every channel. Generation runs as a background job: while any text is
//! queued or being written the panel asks again every 1.5 s and each card fills in
//! as its text arrives, without a reload. Without JavaScript the page refreshes
//! itself while texts are being written.

use leptos::prelude::*;
use shared::content::{Audience, ContentKind, Tone};
use shared::listing_dto::{ListingText, ListingTexts, TextState};

use super::text_card::{TextCard, TextOptions};
use crate::components::icons::Icon;
use crate::components::shell::ErrorPanel;
use crate::error::AppError;
use crate::listings::texts::api::{get_texts, GenerateTexts};

/// How often the panel asks for progress while texts are being written.
const POLL_MS: u64 = 1500;

#[component]
pub fn TextsPanel(
    #[prop(into)] listing_id: String,
    /// Made by the page, outside any Suspense (see `ListingDetailPage`).
    texts: Resource<Result<ListingTexts, AppError>>,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="texts-h">
            <div class="card-header">
                <h2 id="texts-h" class="with-icon"><Icon name="sparkles"/>"AI copy"</h2>
                <p>"Copy for every channel, checked for Fair Housing and for facts that aren't in the listing."</p>
            </div>
            <Suspense fallback=|| view! { <div class="card-body"><p class="muted">"Loading texts…"</p></div> }>
                {move || {
                    let listing_id = listing_id.clone();
                    Suspend::new(async move {
                        match texts.await {
                            Ok(t) => view! { <TextsBoard listing_id initial=t/> }.into_any(),
                            Err(e) => view! { <div class="card-body"><ErrorPanel message=e.to_string()/></div> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// The cards stay mounted while fresh data arrives, so an open editor keeps its text.
#[component]
fn TextsBoard(listing_id: String, initial: ListingTexts) -> impl IntoView {
    let data = RwSignal::new(initial);
    let id = StoredValue::new(listing_id.clone());
    let refresh = Callback::new(move |()| {
        let id = id.get_value();
        leptos::task::spawn_local(async move {
            if let Ok(t) = get_texts(id).await {
                data.set(t);
            }
        });
    });
    // keep asking while anything is queued or being written (browser only: effects
    // don't run on the server); each answer re-arms the timer or lets it stop
    Effect::new(move |_| {
        if data.with(|d| d.busy) {
            let handle = set_timeout_with_handle(
                move || refresh.run(()),
                std::time::Duration::from_millis(POLL_MS),
            );
            on_cleanup(move || {
                if let Ok(h) = handle {
                    h.clear();
                }
            });
        }
    });
    let generate = ServerAction::<GenerateTexts>::new();
    Effect::new(move |_| {
        if matches!(generate.value().get(), Some(Ok(()))) {
            refresh.run(());
        }
    });
    let options = TextOptions {
        tone: RwSignal::new(Tone::default().as_str().to_string()),
        audience: RwSignal::new(Audience::default().as_str().to_string()),
        open_house_when: RwSignal::new(String::new()),
    };
    let text_of = move |kind: ContentKind| {
        Signal::derive(move || {
            data.with(|d| d.texts.iter().find(|t| t.kind == kind).cloned())
                .unwrap_or_else(|| empty_text(kind))
        })
    };
    view! {
        <div class="card-body texts-board">
            {move || data.with(|d| d.busy).then(|| view! {
                // without JavaScript nothing polls: let the page reload itself instead
                // (as inner HTML, because with scripting on a <noscript> holds only text)
                <noscript inner_html=r#"<meta http-equiv="refresh" content="3">"#></noscript>
            })}
            <GenerateAllForm listing_id=listing_id.clone() data generate options/>
            <div class="text-cards">
                {ContentKind::ALL.into_iter().map(|kind| view! {
                    <TextCard listing_id=listing_id.clone() kind text=text_of(kind) board=data
                        generate options refresh/>
                }).collect_view()}
            </div>
        </div>
    }
}

/// What a kind that was never asked for looks like.
fn empty_text(kind: ContentKind) -> ListingText {
    ListingText {
        kind,
        state: TextState::None,
        error: None,
        stale: false,
        tone: Tone::default(),
        audience: Audience::default(),
        current: None,
        approved_version: None,
        approved_by_name: None,
        approved_at: None,
        history: Vec::new(),
    }
}

#[component]
fn GenerateAllForm(
    listing_id: String,
    data: RwSignal<ListingTexts>,
    generate: ServerAction<GenerateTexts>,
    options: TextOptions,
) -> impl IntoView {
    let TextOptions {
        tone,
        audience,
        open_house_when,
    } = options;
    let can = move || data.with(|d| d.can_generate && d.remaining_this_hour > 0);
    let writer = move || {
        data.with(|d| {
            if d.provider == "offline" {
                "New texts come from the built-in writer (offline): no AI service is set up."
                    .to_string()
            } else {
                format!("New texts are written by {} ({}).", d.model, d.provider)
            }
        })
    };
    let remaining = move || {
        data.with(|d| match d.remaining_this_hour {
            0 => "You've used this hour's generations. More are available within the hour."
                .to_string(),
            1 => "1 generation left this hour.".to_string(),
            n => format!("{n} generations left this hour."),
        })
    };
    view! {
        <ActionForm action=generate attr:class="form generate-form">
            <input type="hidden" name="listing_id" value=listing_id/>
            <input type="hidden" name="kinds" value="all"/>
            <div class="form-row">
                <div class="field">
                    <label for="gen-tone">"Tone"</label>
                    <select id="gen-tone" name="tone" class="input" on:change=move |ev| tone.set(event_target_value(&ev))>
                        {Tone::ALL.into_iter().map(|t| view! {
                            <option value=t.as_str() selected=t == Tone::default()>{t.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="gen-audience">"Audience"</label>
                    <select id="gen-audience" name="audience" class="input" on:change=move |ev| audience.set(event_target_value(&ev))>
                        {Audience::ALL.into_iter().map(|a| view! {
                            <option value=a.as_str() selected=a == Audience::default()>{a.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="gen-when">"Open house when "<span class="muted">"(optional)"</span></label>
                    <input id="gen-when" name="open_house_when" class="input" maxlength="100"
                        placeholder="Saturday, June 6, 1–4 pm" aria-describedby="gen-when-hint"
                        on:input=move |ev| open_house_when.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="btn btn-primary"
                    disabled=move || !can() || generate.pending().get() || data.with(|d| d.busy)>
                    <Icon name="sparkles"/>
                    {move || if generate.pending().get() || data.with(|d| d.busy) { "Writing…" } else { "Generate all" }}
                </button>
            </div>
            <p class="field-hint" id="gen-when-hint">"Used by the open-house invitation. Texts say only what's in the listing's facts."</p>
            <p class="muted generate-meta">{writer}" "{remaining}</p>
            {move || generate.value().get().and_then(|r| r.err()).map(|e| view! {
                <div class="notice notice-danger" role="alert">{e.to_string()}</div>
            })}
        </ActionForm>
    }
}
