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
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (e, h) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if error.get().is_some() {
                ids.push(e.clone());
            }
            if !hint.is_empty() {
                ids.push(h.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                class="input"
                name=name
                type=input_type
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                value=value
                required=required
                minlength=minlength
                maxlength=maxlength
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described
            />
            {move || error.get().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
            {(!hint.is_empty()).then(|| view! { <p class="field-hint" id=hint_id.clone()>{hint}</p> })}
        </div>
    }
}
