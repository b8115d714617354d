//! PropertyPro's Leptos app: routes, pages and server functions. Compiled with
//! `ssr` into the server and with `hydrate` into the browser's WASM.
#![recursion_limit = "256"]

pub mod admin;
pub mod auth;
pub mod components;
pub mod error;
pub mod fair_housing;
pub mod listings;
#[cfg(feature = "ssr")]
pub mod platform;
pub mod settings;
pub mod today;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::components::shell::{AppShell, NotFoundPage};

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let theme = components::theme::theme_from_request();
    #[cfg(feature = "ssr")]
    platform::respond::secure_document();
    view! {
        <!DOCTYPE html>
        <html lang="en" data-theme=theme>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options=options.clone()/>
                <HashedStylesheet options id="leptos"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|t: String| if t.is_empty() { "PropertyPro".to_string() } else { format!("{t} · PropertyPro") }/>
        <Meta name="description" content="PropertyPro: the AI back office for real-estate agents, team leads and brokerages."/>
        <Meta name="theme-color" content="#2563eb"/>
        <Link rel="manifest" href="/manifest.webmanifest"/>
        <Link rel="icon" href="/favicon.ico" sizes="48x48"/>
        <Link rel="icon" href="/icons/icon.svg" type_="image/svg+xml"/>
        <Link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
        <script src="/sw-register.js" defer></script>
        // Every page is a lazy route: its code is a WASM chunk of its own, loaded (and
        // preloaded by the server's HTML) when the page is opened; `data()` starts its
        // server calls while the chunk arrives. The shell and its navigation stay in the
        // main module. README "Performance".
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view={Lazy::<auth::ui::pages::LoginRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/register") view={Lazy::<auth::ui::pages::RegisterRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/register/confirm") view={Lazy::<auth::ui::pages::ConfirmRegistrationRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/forgot-password") view={Lazy::<auth::ui::pages::ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/reset-password") view={Lazy::<auth::ui::pages::ResetPasswordRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/verify-email") view={Lazy::<auth::ui::pages::VerifyEmailRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/invite") view={Lazy::<auth::ui::pages::AcceptInviteRoute>::new()} ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=AppShell ssr=SsrMode::Async>
                    <Route path=path!("") view={Lazy::<today::ui::today_page::TodayRoute>::new()}/>
                    <Route path=path!("account") view={Lazy::<auth::session::ui::account::AccountRoute>::new()}/>
                    // "new" before ":id": the first matching route wins
                    <Route path=path!("listings") view={Lazy::<listings::ui::list_page::ListingsRoute>::new()}/>
                    <Route path=path!("listings/new") view={Lazy::<listings::ui::form_page::ListingNewRoute>::new()}/>
                    <Route path=path!("listings/:id") view={Lazy::<listings::ui::detail_page::ListingDetailRoute>::new()}/>
                    <Route path=path!("listings/:id/edit") view={Lazy::<listings::ui::form_page::ListingEditRoute>::new()}/>
                    <Route path=path!("admin/users") view={Lazy::<admin::ui::users::UsersRoute>::new()}/>
                    <Route path=path!("admin/teams") view={Lazy::<admin::ui::teams_page::TeamsRoute>::new()}/>
                    <Route path=path!("admin/outbox") view={Lazy::<admin::reports::ui::outbox::OutboxRoute>::new()}/>
                    <Route path=path!("admin/audit") view={Lazy::<admin::reports::ui::audit::AuditRoute>::new()}/>
                    <Route path=path!("admin/fair-housing") view={Lazy::<admin::ui::fair_housing::FairHousingRoute>::new()}/>
                    <Route path=path!("admin/ai-usage") view={Lazy::<admin::reports::ui::ai_usage::AiUsageRoute>::new()}/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
