//! Light/dark theme: the choice lives in a `theme` cookie so the server renders the
//! right `data-theme` with no flash; "system" follows the device.

use leptos::prelude::*;

use super::icons::Icon;

/// The stored choice: "light", "dark" or "system".
pub fn theme_from_request() -> String {
    #[cfg(feature = "ssr")]
    {
        match crate::platform::respond::read_cookie("theme").as_deref() {
            Some("light") => "light".into(),
            Some("dark") => "dark".into(),
            _ => "system".into(),
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        current_document_theme()
    }
}

#[cfg(not(feature = "ssr"))]
fn current_document_theme() -> String {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("data-theme"))
        .unwrap_or_else(|| "system".into())
}

/// The header button: a real form (works without JavaScript); with JavaScript the
/// switch happens at once and the cookie is written in the browser.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(theme_from_request());
    let next = move || {
        if theme.get() == "dark" {
            "light"
        } else {
            "dark"
        }
    };
    let label = move || format!("Switch to {} theme", next());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = next().to_string();
        #[cfg(not(feature = "ssr"))]
        {
            use wasm_bindgen::JsCast;
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-theme", &value);
            }
            if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
                let _ = doc.set_cookie(&format!(
                    "theme={value}; Path=/; Max-Age=31536000; SameSite=Lax"
                ));
            }
        }
        theme.set(value);
    };
    view! {
        <form method="post" action="/api/settings/theme" class="theme-form" on:submit=on_submit>
            <input type="hidden" name="theme" value=next/>
            <button type="submit" class="icon-btn theme-toggle" aria-label=label title=label>
                {move || if next() == "dark" { view! { <Icon name="moon"/> } } else { view! { <Icon name="sun"/> } }}
            </button>
        </form>
    }
}
