//! A part of a page whose browser code loads only when the user reaches for it
//! (issue 7 item 3: the listing page's AI copy and photo manager are most of its code,
//! and its first view doesn't need them).
//!
//! - Server: the part renders as usual, inside a `display: contents` wrapper, so the
//!   page looks and works exactly as before, forms included, with or without JavaScript.
//! - Browser, hydrating: the wrapper hydrates empty and the server's HTML stays as it
//!   is: plain HTML whose forms post to the server, as without JavaScript. When the
//!   pointer comes over it, a touch starts on it, focus enters it, a file is chosen in
//!   it or something is dragged onto it — or `now` turns true — its code (a `#[lazy]`
//!   function, a WASM chunk of its own) loads and the live part replaces the server's
//!   HTML, keeping what the user did meanwhile: open `<details>`, typed values and focus.
//!   While it loads after a pointer or touch, the static part is `inert`, so a click
//!   waits for the live part instead of posting a plain form.
//! - Browser, rendering after a navigation: there is no server HTML: the code loads at once.
//!
//! Only parts that make no Resource and hold no `Suspense` *before* the end of the page
//! may be lazy parts: the browser skips what the server rendered inside, so hydration ids
//! made inside would not be made in the browser (the parts here are the last of their
//! page, their Resources made by the route's `data()`).

use leptos::prelude::*;

/// The server's rendering of a lazy part: the part itself, in its wrapper.
#[cfg(feature = "ssr")]
pub fn lazy_part(part: impl IntoView + 'static) -> impl IntoView {
    view! { <div class="lazy-part" style="display: contents">{part}</div> }
}

/// The browser's side of a lazy part: `load` gives the live part (call a `#[lazy]`
/// function in it); `now`, read while hydrating only, loads it without waiting for the
/// user (e.g. while the part is busy on the server and must poll).
#[cfg(not(feature = "ssr"))]
pub fn lazy_part<F, Fut>(load: F, now: Signal<bool>) -> impl IntoView
where
    F: FnOnce() -> Fut + 'static,
    Fut: std::future::Future<Output = AnyView> + 'static,
{
    use leptos::html::Div;

    let host = NodeRef::<Div>::new();
    let owner = StoredValue::new(Owner::current().expect("a lazy part is made inside a component"));
    let load = StoredValue::new_local(Some(load));
    let live = StoredValue::new_local(None::<leptos::tachys::view::any_view::AnyViewState>);
    let hydrating = Owner::current_shared_context().is_some_and(|sc| sc.during_hydration());

    let begin = move |hold_clicks: bool| {
        let mut taken = None;
        load.update_value(|l| taken = l.take());
        let Some(load) = taken else { return };
        if hold_clicks {
            if let Some(el) = host.get_untracked() {
                _ = el.set_attribute("inert", "");
            }
        }
        leptos::task::spawn_local(async move {
            // every caller runs once the host is mounted (an event on it, an effect)
            let Some(el) = host.get_untracked() else {
                return;
            };
            let el: web_sys::Element = el.into();
            _ = el.set_attribute("aria-busy", "true");
            // the part's components run as the chunk arrives: in the page's owner (its
            // contexts, its cleanup when the page goes), tracking nothing
            let owner = owner.get_value();
            let view = owner
                .with(|| leptos::reactive::computed::ScopedFuture::new_untracked(load()))
                .await;
            swap::replace(&el, &owner, view, live);
            _ = el.remove_attribute("inert");
            _ = el.remove_attribute("aria-busy");
        });
    };
    if hydrating {
        Effect::new(move |_| {
            if now.get() {
                begin(false);
            }
        });
    } else {
        host.on_load(move |_| begin(false));
    }
    view! {
        <div class="lazy-part" style="display: contents" node_ref=host
            on:pointerover=move |_| begin(true)
            on:touchstart=move |_| begin(true)
            on:focusin=move |_| begin(false)
            on:change=move |_| begin(false)
            on:dragenter=move |_| begin(false)>
        </div>
    }
}

#[cfg(not(feature = "ssr"))]
mod swap {
    use leptos::prelude::*;
    use leptos::tachys::view::any_view::AnyViewState;
    use leptos::tachys::view::{Mountable, Render};
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

    /// What the user changed in the server's HTML before the live part arrived.
    struct Snapshot {
        open: Vec<bool>,
        values: Vec<(String, String)>,
        focused: Option<String>,
    }

    /// The elements under `el` with one of these tag names, in document order (a walk:
    /// it needs no more web-sys features than the app has).
    fn all(el: &Element, tags: &[&str]) -> Vec<Element> {
        let mut out = Vec::new();
        let mut stack: Vec<Element> = el.first_element_child().into_iter().collect();
        while let Some(e) = stack.pop() {
            if let Some(next) = e.next_element_sibling() {
                stack.push(next);
            }
            if let Some(child) = e.first_element_child() {
                stack.push(child);
            }
            if tags.iter().any(|t| e.tag_name().eq_ignore_ascii_case(t)) {
                out.push(e);
            }
        }
        out
    }

    fn value_of(el: &Element) -> Option<String> {
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            // a chosen file can't be carried over: the live input asks again
            return (!matches!(i.type_().as_str(), "file" | "hidden" | "submit"))
                .then(|| i.value());
        }
        if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            return Some(t.value());
        }
        el.dyn_ref::<HtmlSelectElement>()
            .map(HtmlSelectElement::value)
    }

    fn set_value(el: &Element, value: &str) {
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            i.set_value(value);
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.set_value(value);
        } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
            s.set_value(value);
        } else {
            return;
        }
        // the live part's bindings listen for these
        for kind in ["input", "change"] {
            if let Ok(ev) = web_sys::Event::new(kind) {
                _ = el.dispatch_event(&ev);
            }
        }
    }

    fn snapshot(el: &Element) -> Snapshot {
        let open = all(el, &["details"])
            .iter()
            .map(|d| d.has_attribute("open"))
            .collect();
        let values = all(el, &["input", "textarea", "select"])
            .iter()
            .filter(|f| !f.id().is_empty())
            .filter(|f| {
                value_of(f).is_some_and(|v| {
                    // only what the user changed: the server's default stays as rendered
                    let default = f.get_attribute("value").unwrap_or_default();
                    f.dyn_ref::<HtmlTextAreaElement>()
                        .map_or(v != default, |t| t.default_value().is_ok_and(|d| v != d))
                })
            })
            .filter_map(|f| Some((f.id(), value_of(f)?)))
            .collect();
        let focused = document()
            .active_element()
            .filter(|a| el.contains(Some(&**a)))
            .map(|a| a.id())
            .filter(|id| !id.is_empty());
        Snapshot {
            open,
            values,
            focused,
        }
    }

    fn restore(el: &Element, s: Snapshot) {
        for (d, open) in all(el, &["details"]).iter().zip(s.open) {
            if open {
                _ = d.set_attribute("open", "");
            }
        }
        let doc = document();
        for (id, value) in s.values {
            if let Some(f) = doc
                .get_element_by_id(&id)
                .filter(|f| el.contains(Some(&**f)))
            {
                set_value(&f, &value);
            }
        }
        if let Some(f) = s
            .focused
            .and_then(|id| doc.get_element_by_id(&id))
            .and_then(|f| f.dyn_into::<HtmlElement>().ok())
        {
            _ = f.focus();
        }
    }

    /// Puts the live part where the server's HTML was, built in the page's owner (its
    /// contexts, and its cleanup when the page goes).
    pub(super) fn replace(
        el: &Element,
        owner: &Owner,
        view: AnyView,
        live: StoredValue<Option<AnyViewState>, LocalStorage>,
    ) {
        let before = snapshot(el);
        el.set_inner_html("");
        let mut state = owner.with(|| view.build());
        state.mount(el, None);
        restore(el, before);
        live.set_value(Some(state));
    }
}
