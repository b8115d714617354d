//! The "Confirm your password" prompt shown where a sensitive action answered
//! `ReauthRequired` (managing users and teams after 15 minutes). Works without
//! JavaScript too: the refused form post comes back with the error, and this form posts.

use leptos::prelude::*;

use crate::auth::session::api::ConfirmPassword;
use crate::components::field::{field_error, form_error, Field, FormError};

#[component]
pub fn ReauthPrompt(#[prop(into)] needed: Signal<bool>) -> impl IntoView {
    let confirm = ServerAction::<ConfirmPassword>::new();
    let value = confirm.value();
    let confirmed = move || value.get().is_some_and(|r| r.is_ok());
    view! {
        <Show when=move || needed.get() && !confirmed()>
            <section class="card card-attention" aria-labelledby="reauth-title">
                <div class="card-header">
                    <h2 class="section-title" id="reauth-title">"Confirm your password"</h2>
                    <p class="muted">
                        "For your security, enter your password again to manage users and teams. "
                        "It stays confirmed for 15 minutes."
                    </p>
                </div>
                <ActionForm action=confirm attr:class="form form-row card-body">
                    <FormError message=form_error(value)/>
                    <Field id="reauth-password" name="password" label="Password" input_type="password"
                        autocomplete="current-password" required=true error=field_error(value, "password")/>
                    <button type="submit" class="btn btn-primary">"Confirm password"</button>
                </ActionForm>
            </section>
        </Show>
        <Show when=move || needed.get() && confirmed()>
            <div class="notice notice-success" role="status">"Password confirmed. Try your change again."</div>
        </Show>
    }
}
