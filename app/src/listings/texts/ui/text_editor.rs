//! Editing a text (checked for Fair Housing as it is typed) and approving it; a
//! flagged text needs a recorded reason to be approved.

use leptos::prelude::*;
use shared::content::{length_issues, word_count, ContentKind, GeneratedText};
use shared::fair_housing::{category_label, check, Phrase};
use shared::listing_dto::{ListingText, TextVersion};

use crate::components::field::{field_error, form_error, FormError};
use crate::components::icons::Icon;
use crate::listings::texts::api::{ApproveText, SaveText};

/// The editor, folded away in a `<details>` (which opens without JavaScript too).
#[component]
pub fn TextEditor(
    listing_id: String,
    kind: ContentKind,
    current: TextVersion,
    save: ServerAction<SaveText>,
    phrases: Vec<Phrase>,
    mls_char_limit: usize,
) -> impl IntoView {
    let k = kind.as_str();
    let is_email = kind == ContentKind::Email;
    let subject = RwSignal::new(current.subject.clone().unwrap_or_default());
    let body = RwSignal::new(current.body.clone());
    let hits = Memo::new(move |_| {
        let mut all = check(&subject.get(), &phrases);
        all.extend(check(&body.get(), &phrases));
        all
    });
    let lengths = Memo::new(move |_| {
        let text = GeneratedText {
            subject: is_email.then(|| subject.get()),
            body: body.get(),
        };
        length_issues(kind, &text, mls_char_limit)
    });
    let value = save.value();
    let (subject_id, body_id, checks_id) = (
        format!("edit-{k}-subject"),
        format!("edit-{k}-body"),
        format!("edit-{k}-checks"),
    );
    let body_error = field_error(value, "body");
    let subject_error = field_error(value, "subject");
    view! {
        <details class="text-edit">
            <summary class="btn btn-small btn-ghost"><Icon name="edit"/>"Edit"<span class="visually-hidden">{format!(" {}", kind.label().to_lowercase())}</span></summary>
            <ActionForm action=save attr:class="form text-edit-form">
                <input type="hidden" name="listing_id" value=listing_id/>
                <input type="hidden" name="kind" value=k/>
                <FormError message=form_error(value)/>
                {if is_email {
                    view! {
                        <div class="field">
                            <label for=subject_id.clone()>"Subject line"</label>
                            <input id=subject_id.clone() name="subject" class="input" value=subject.get_untracked()
                                aria-invalid=move || subject_error.get().map(|_| "true")
                                on:input=move |ev| subject.set(event_target_value(&ev))/>
                            {move || subject_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        </div>
                    }.into_any()
                } else {
                    view! { <input type="hidden" name="subject" value=""/> }.into_any()
                }}
                <div class="field">
                    <label for=body_id.clone()>"Text"</label>
                    <textarea id=body_id.clone() name="body" class="input" rows="10"
                        aria-invalid=move || body_error.get().map(|_| "true")
                        aria-describedby=checks_id.clone()
                        on:input=move |ev| body.set(event_target_value(&ev))>{current.body.clone()}</textarea>
                    {move || body_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                    <p class="field-hint">{move || {
                        let b = body.get();
                        format!("{} words · {} characters", word_count(&b), b.chars().count())
                    }}</p>
                </div>
                <div id=checks_id class="live-checks" aria-live="polite">
                    {move || {
                        let hits = hits.get();
                        if hits.is_empty() {
                            view! { <p class="check-ok"><Icon name="check"/>"No Fair Housing flags so far."</p> }.into_any()
                        } else {
                            view! {
                                <p class="field-error">{match hits.len() { 1 => "1 phrase to review:".to_string(), n => format!("{n} phrases to review:") }}</p>
                                <ul class="check-list">
                                    {hits.into_iter().map(|h| view! {
                                        <li class="check-fh"><strong>{format!("“{}”", h.matched)}</strong>" — "{h.reason}
                                            <span class="badge badge-danger">{category_label(&h.category)}</span></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }}
                    {move || {
                        let issues = lengths.get();
                        (!issues.is_empty()).then(|| view! {
                            <ul class="check-list">{issues.into_iter().map(|l| view! { <li class="check-length">{l}</li> }).collect_view()}</ul>
                        })
                    }}
                </div>
                <p class="field-hint">"Saving keeps the current version in the history and clears its approval."</p>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary btn-small" disabled=move || save.pending().get()>
                        {move || if save.pending().get() { "Saving…" } else { "Save as new version" }}
                    </button>
                </div>
            </ActionForm>
        </details>
    }
}

/// Approve the current version. With Fair Housing hits, a reason is required and
/// kept with the approval.
#[component]
pub fn ApproveBox(
    listing_id: String,
    kind: ContentKind,
    text: Memo<ListingText>,
    approve: ServerAction<ApproveText>,
    can_approve: bool,
) -> impl IntoView {
    if !can_approve {
        return None;
    }
    let k = kind.as_str();
    let lid = StoredValue::new(listing_id);
    let value = approve.value();
    let reason_error = field_error(value, "override_reason");
    let approved = move || {
        text.with(|t| {
            t.current
                .as_ref()
                .is_some_and(|c| t.approved_version == Some(c.version))
        })
    };
    let version = move || text.with(|t| t.current.as_ref().map(|c| c.version).unwrap_or_default());
    let flagged = move || {
        text.with(|t| {
            t.current
                .as_ref()
                .is_some_and(|c| !c.fair_housing.is_empty())
        })
    };
    Some(view! {
        <Show when=move || !approved()>
            <ActionForm action=approve attr:class="form approve-form">
                <input type="hidden" name="listing_id" value=lid.get_value()/>
                <input type="hidden" name="kind" value=k/>
                <input type="hidden" name="version" value=version/>
                <FormError message=form_error(value)/>
                {
                    let (reason_id, reason_hint, reason_err_id) =
                        (format!("approve-{k}-reason"), format!("approve-{k}-hint"), format!("approve-{k}-error"));
                    move || if flagged() {
                        let described = format!("{reason_hint} {reason_err_id}");
                        view! {
                            <div class="field">
                                <label for=reason_id.clone()>"Why is this fine to publish?"</label>
                                <textarea id=reason_id.clone() name="override_reason" class="input" rows="3" required=true
                                    aria-invalid=move || reason_error.get().map(|_| "true") aria-describedby=described></textarea>
                                {let id = reason_err_id.clone(); move || reason_error.get().map(|m| view! { <p class="field-error" id=id.clone()>{m}</p> })}
                                <p class="field-hint" id=reason_hint.clone()>"This text has Fair Housing flags. Your reason is recorded with the approval."</p>
                            </div>
                        }.into_any()
                    } else {
                        view! { <input type="hidden" name="override_reason" value=""/> }.into_any()
                    }
                }
                <button type="submit" class="btn btn-small btn-primary" disabled=move || approve.pending().get()>
                    <Icon name="check"/>{move || if flagged() { "Approve with reason" } else { "Approve" }}
                </button>
            </ActionForm>
        </Show>
    })
}
