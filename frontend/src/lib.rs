#![recursion_limit = "512"]
//! The browser entry point: hydrates the server-rendered app. Every page is a lazy
//! route (its code is a separate WASM chunk, built with `cargo leptos … --split`), and
//! lazy routes hydrate only under `hydrate_lazy`: `hydrate_body` panics on them.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
