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
use leptos_router::{path, SsrMode};

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
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=auth::ui::pages::LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/register") view=auth::ui::pages::RegisterPage ssr=SsrMode::Async/>
                <Route path=path!("/register/confirm") view=auth::ui::pages::ConfirmRegistrationPage ssr=SsrMode::Async/>
                <Route path=path!("/forgot-password") view=auth::ui::pages::ForgotPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/reset-password") view=auth::ui::pages::ResetPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/verify-email") view=auth::ui::pages::VerifyEmailPage ssr=SsrMode::Async/>
                <Route path=path!("/invite") view=auth::ui::pages::AcceptInvitePage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=AppShell ssr=SsrMode::Async>
                    <Route path=path!("") view=today::ui::today_page::TodayPage/>
                    <Route path=path!("account") view=auth::session::ui::account::AccountPage/>
                    // "new" before ":id": the first matching route wins
                    <Route path=path!("listings") view=listings::ui::list_page::ListingsPage/>
                    <Route path=path!("listings/new") view=listings::ui::form_page::ListingNewPage/>
                    <Route path=path!("listings/:id") view=listings::ui::detail_page::ListingDetailPage/>
                    <Route path=path!("listings/:id/edit") view=listings::ui::form_page::ListingEditPage/>
                    <Route path=path!("admin/users") view=admin::ui::users::UsersPage/>
                    <Route path=path!("admin/teams") view=admin::ui::teams_page::TeamsPage/>
                    <Route path=path!("admin/outbox") view=admin::reports::ui::outbox::OutboxPage/>
                    <Route path=path!("admin/audit") view=admin::reports::ui::audit::AuditPage/>
                    <Route path=path!("admin/fair-housing") view=admin::ui::fair_housing::FairHousingPage/>
                    <Route path=path!("admin/ai-usage") view=admin::reports::ui::ai_usage::AiUsagePage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
