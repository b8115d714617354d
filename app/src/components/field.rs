//! A labelled form field with its error message next to it.

use leptos::prelude::*;

use crate::error::AppError;

/// The message for `name` from an action's last result, if it failed on that field.
pub fn field_error<T, S>(value: S, name: &'static str) -> Signal<Option<String>>
where
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || match value.get() {
        Some(Err(e)) => e.field_message(name),
        _ => None,
    })
}

/// The form-level message (everything that is not a field error).
pub fn form_error<T, S>(value: S) -> Signal<Option<String>>
where
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || match value.get() {
        Some(Err(e)) => e.form_message(),
        _ => None,
    })
}

/// `<div class="form-error" role="alert">` when there is a message.
#[component]
pub fn FormError(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|m| view! { <div class="form-error" role="alert">{m}</div> })
    }
}

/// `aria-describedby` for a control: its error (when shown) and its hint.
fn described_by(
    id: &'static str,
    hint: &'static str,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let mut ids = Vec::new();
        if error.get().is_some() {
            ids.push(format!("{id}-error"));
        }
        if !hint.is_empty() {
            ids.push(format!("{id}-hint"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The error and hint lines under a control; their ids match `described_by`.
#[component]
fn FieldNotes(
    id: &'static str,
    hint: &'static str,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    view! {
        {move || error.get().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
        {(!hint.is_empty()).then(|| view! { <p class="field-hint" id=hint_id.clone()>{hint}</p> })}
    }
}

/// `Some(v)` for a non-empty static attribute value (empty means "leave it out").
fn opt(v: &'static str) -> Option<&'static str> {
    (!v.is_empty()).then_some(v)
}

#[component]
pub fn Field(
    /// Unique on the page; also the prefix of the error's id.
    id: &'static str,
    /// The form field name sent to the server.
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] minlength: Option<usize>,
    #[prop(optional)] maxlength: Option<usize>,
    /// The on-screen keyboard on phones ("decimal", "numeric").
    #[prop(optional)]
    inputmode: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] min: &'static str,
    #[prop(optional)] max: &'static str,
    #[prop(optional)] step: &'static str,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                class="input"
                name=name
                type=input_type
                autocomplete=opt(autocomplete)
                inputmode=opt(inputmode)
                placeholder=opt(placeholder)
                min=opt(min)
                max=opt(max)
                step=opt(step)
                value=value
                required=required
                minlength=minlength
                maxlength=maxlength
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by(id, hint, error)
            />
            <FieldNotes id hint error/>
        </div>
    }
}

/// A labelled `<select>`; `options` are (value, label) pairs.
#[component]
pub fn SelectField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    /// The value selected at first.
    #[prop(optional, into)]
    selected: String,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] required: bool,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                class="input"
                name=name
                required=required
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by(id, hint, error)
            >
                {options.into_iter().map(|(v, l)| {
                    let is = v == selected;
                    view! { <option value=v selected=is>{l}</option> }
                }).collect_view()}
            </select>
            <FieldNotes id hint error/>
        </div>
    }
}

/// A labelled `<textarea>`.
#[component]
pub fn TextAreaField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: &'static str,
    #[prop(default = 5)] rows: u32,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] placeholder: &'static str,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <textarea
                id=id
                class="input"
                name=name
                rows=rows
                maxlength=maxlength
                placeholder=opt(placeholder)
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by(id, hint, error)
            >
                {value}
            </textarea>
            <FieldNotes id hint error/>
        </div>
    }
}
