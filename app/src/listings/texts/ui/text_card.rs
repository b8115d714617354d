//! One content kind's card: its progress while being written, the text with Fair
//! Housing hits highlighted, the checks, and what the agent can do with it (edit,
//! approve, copy, share, regenerate), plus the version history.

use leptos::prelude::*;
use shared::content::ContentKind;
use shared::fair_housing::{category_label, check, segments, Hit};
use shared::listing_dto::{ListingText, ListingTexts, TextState, TextVersion};

use super::text_editor::{ApproveBox, TextEditor};
use super::text_share::{ShareButtons, VersionHistory};
use crate::components::icons::Icon;
use crate::listings::texts::api::{ApproveText, GenerateTexts, SaveText};
use shared::content::writer_label;

/// The generation choices made in the panel, used by every card's "Regenerate".
#[derive(Clone, Copy)]
pub struct TextOptions {
    pub tone: RwSignal<String>,
    pub audience: RwSignal<String>,
    pub open_house_when: RwSignal<String>,
}

#[component]
pub fn TextCard(
    listing_id: String,
    kind: ContentKind,
    text: Signal<ListingText>,
    board: RwSignal<ListingTexts>,
    generate: ServerAction<GenerateTexts>,
    options: TextOptions,
    refresh: Callback<()>,
) -> impl IntoView {
    // only a real change re-renders the card: polling answers are mostly the same
    let text = Memo::new(move |_| text.get());
    let save = ServerAction::<SaveText>::new();
    let approve = ServerAction::<ApproveText>::new();
    Effect::new(move |_| {
        let saved = matches!(save.value().get(), Some(Ok(())));
        let approved = matches!(approve.value().get(), Some(Ok(())));
        if saved || approved {
            refresh.run(());
        }
    });
    let heading_id = format!("text-{}-h", kind.as_str());
    let labelled_by = heading_id.clone();
    let lid = StoredValue::new(listing_id);
    let state = move || text.with(|t| t.state);
    let has_text = move || text.with(|t| t.current.is_some());
    let version = Memo::new(move |_| text.with(|t| t.current.as_ref().map(|c| c.version)));
    let can_generate = move || board.with(|b| b.can_generate);
    view! {
        <article class="text-card" aria-labelledby=labelled_by aria-busy=move || state().is_busy().then_some("true")>
            <header class="text-card-header">
                <h3 id=heading_id>{kind.label()}</h3>
                <div class="text-badges">{move || text.with(badges)}</div>
            </header>
            {move || progress_line(state(), has_text())}
            {move || text.with(|t| t.error.clone()).filter(|_| state() == TextState::Failed).map(|e| view! {
                <p class="notice notice-danger" role="alert">{format!("Writing failed: {e}")}</p>
            })}
            {move || {
                let t = text.get();
                match t.current.clone() {
                    Some(current) => view! { <TextBody kind current phrases=board.with_untracked(|b| b.phrases.clone())/> }.into_any(),
                    None if t.state.is_busy() => view! {
                        <div class="text-skeleton" aria-hidden="true">
                            <div class="skeleton skeleton-line"></div>
                            <div class="skeleton skeleton-line"></div>
                            <div class="skeleton skeleton-line short"></div>
                        </div>
                    }.into_any(),
                    None => view! { <p class="muted">"Not written yet."</p> }.into_any(),
                }
            }}
            <div class="text-actions">
                {move || has_text().then(|| {
                    let (subject, body) = text.with(|t| t.current.as_ref().map(|c| (c.subject.clone(), c.body.clone())).unwrap_or_default());
                    view! { <ShareButtons listing_id=lid.get_value() kind subject body/> }
                })}
                <RegenerateForm listing_id=lid.get_value() kind options generate
                    label=Signal::derive(move || if has_text() { "Regenerate" } else { "Generate" })
                    disabled=Signal::derive(move || !can_generate() || state().is_busy())/>
            </div>
            {move || version.get().map(|_| {
                let current = text.with_untracked(|t| t.current.clone());
                current.map(|current| view! {
                    <TextEditor listing_id=lid.get_value() kind current save phrases=board.with_untracked(|b| b.phrases.clone())
                        mls_char_limit=board.with_untracked(|b| b.mls_char_limit)/>
                    <ApproveBox listing_id=lid.get_value() kind text approve can_approve=board.with_untracked(|b| b.can_approve)/>
                })
            })}
            {move || {
                let t = text.get();
                let mut versions: Vec<TextVersion> = t.current.into_iter().collect();
                versions.extend(t.history);
                (!versions.is_empty()).then(|| view! { <VersionHistory versions/> })
            }}
        </article>
    }
}

/// Stale, approved and state badges.
fn badges(t: &ListingText) -> impl IntoView + use<> {
    let approved = match (t.approved_version, &t.current) {
        (Some(a), Some(c)) if a == c.version => {
            let who = t
                .approved_by_name
                .clone()
                .unwrap_or_else(|| "someone".into());
            let when = t
                .approved_at
                .map(|d| format!(" · {}", d.format("%b %-d")))
                .unwrap_or_default();
            let full = t
                .approved_at
                .map(|d| d.format("%b %-d, %Y, %H:%M UTC").to_string())
                .unwrap_or_default();
            Some(
                view! { <span class="badge badge-success" title=format!("Approved by {who} {full}")>{format!("Approved by {who}{when}")}</span> },
            )
        }
        _ => None,
    };
    let state = match t.state {
        TextState::Queued => Some(view! { <span class="badge badge-neutral"><span class="spinner" aria-hidden="true"></span>"Queued"</span> }.into_any()),
        TextState::Writing => Some(view! { <span class="badge badge-info"><span class="spinner" aria-hidden="true"></span>"Writing…"</span> }.into_any()),
        TextState::Failed => Some(view! { <span class="badge badge-danger">"Failed"</span> }.into_any()),
        _ => None,
    };
    let stale = t.stale.then(|| view! { <span class="badge badge-warning" title="The listing's facts changed after this was written">"Listing changed — regenerate?"</span> });
    view! { {state}{stale}{approved} }
}

/// "Queued" / "Writing…" above an existing text that is being rewritten.
fn progress_line(state: TextState, has_text: bool) -> Option<impl IntoView + use<>> {
    let msg = match state {
        TextState::Queued if has_text => "Queued: a new version is on its way.",
        TextState::Writing if has_text => "Writing a new version…",
        TextState::Queued => "Queued: writing starts in a moment.",
        TextState::Writing => "Writing…",
        _ => return None,
    };
    Some(
        view! { <p class="text-progress" role="status"><span class="spinner" aria-hidden="true"></span>{msg}</p> },
    )
}

/// The current text: who wrote it, the text with hits marked, and its checks.
#[component]
fn TextBody(
    kind: ContentKind,
    current: TextVersion,
    phrases: Vec<shared::fair_housing::Phrase>,
) -> impl IntoView {
    let chars = current.body.chars().count();
    let counts = match kind {
        ContentKind::MlsRemarks
        | ContentKind::Instagram
        | ContentKind::Facebook
        | ContentKind::Linkedin => {
            format!("{} words · {} characters", current.word_count, chars)
        }
        _ => format!("{} words", current.word_count),
    };
    let writer = writer_label(current.provider.as_deref(), current.model.as_deref());
    view! {
        <p class="text-meta muted">{counts}" · "{writer}</p>
        {current.fallback_reason.clone().map(|r| view! {
            <p class="notice notice-warning">{format!("The AI service failed: {r}; the built-in writer wrote this.")}</p>
        })}
        {current.subject.clone().map(|s| view! {
            <p class="text-subject"><span class="muted">"Subject: "</span><Highlighted text=s phrases=phrases.clone()/></p>
        })}
        <div class="text-body"><Highlighted text=current.body.clone() phrases/></div>
        <TextChecks hits=current.fair_housing.clone() grounding=current.grounding.iter().map(|g| (g.matched.clone(), g.reason.clone())).collect() length=current.length.clone()/>
    }
}

/// The text with each Fair Housing hit in a `<mark>` carrying its reason. The hits
/// are found again here, so their offsets always match the text shown.
#[component]
pub fn Highlighted(text: String, phrases: Vec<shared::fair_housing::Phrase>) -> impl IntoView {
    let hits = check(&text, &phrases);
    segments(&text, &hits)
        .into_iter()
        .map(|s| match s.hit.and_then(|i| hits.get(i)) {
            Some(h) => {
                let tip = format!("{}: {}", category_label(&h.category), h.reason);
                view! { <mark class="fh-hit" title=tip>{s.text}</mark> }.into_any()
            }
            None => view! { {s.text} }.into_any(),
        })
        .collect_view()
}

/// Fair Housing hits with their reasons, claims not in the facts, and length issues.
#[component]
pub fn TextChecks(
    hits: Vec<Hit>,
    grounding: Vec<(String, String)>,
    length: Vec<String>,
) -> impl IntoView {
    if hits.is_empty() && grounding.is_empty() && length.is_empty() {
        return view! { <p class="check-ok"><Icon name="check"/>"No Fair Housing flags, every claim is in the listing's facts."</p> }.into_any();
    }
    view! {
        <ul class="check-list">
            {hits.into_iter().map(|h| view! {
                <li class="check-fh">
                    <strong>{format!("“{}”", h.matched)}</strong>" — "{h.reason}
                    <span class="badge badge-danger">{category_label(&h.category)}</span>
                </li>
            }).collect_view()}
            {grounding.into_iter().map(|(matched, reason)| view! {
                <li class="check-grounding"><strong>"Not in the listing's facts: "</strong>{format!("“{matched}”")}" — "{reason}</li>
            }).collect_view()}
            {length.into_iter().map(|l| view! { <li class="check-length">{l}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn RegenerateForm(
    listing_id: String,
    kind: ContentKind,
    options: TextOptions,
    generate: ServerAction<GenerateTexts>,
    label: Signal<&'static str>,
    disabled: Signal<bool>,
) -> impl IntoView {
    let TextOptions {
        tone,
        audience,
        open_house_when,
    } = options;
    view! {
        <ActionForm action=generate attr:class="inline-form">
            <input type="hidden" name="listing_id" value=listing_id/>
            <input type="hidden" name="kinds" value=kind.as_str()/>
            <input type="hidden" name="tone" value=move || tone.get()/>
            <input type="hidden" name="audience" value=move || audience.get()/>
            <input type="hidden" name="open_house_when" value=move || open_house_when.get()/>
            <button type="submit" class="btn btn-small btn-secondary" disabled=move || disabled.get()
                aria-label=move || format!("{} {}", label.get(), kind.label().to_lowercase())>
                <Icon name="sparkles"/>{move || label.get()}
            </button>
        </ActionForm>
    }
}
