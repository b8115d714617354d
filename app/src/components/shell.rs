//! The signed-in app shell: top bar, sidebar (desktop), tab bar (phone), verify-email
//! banner. Navigation lists only pages that exist and that the role may open.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Outlet, Redirect, A};
use leptos_router::hooks::use_location;
use shared::auth::Role;
use shared::dto::Me;

use super::icons::Icon;
use super::theme::ThemeToggle;
use crate::auth::api::{get_me, Logout, ResendVerification};

/// The signed-in user, for pages inside the shell.
pub fn use_me() -> Me {
    expect_context::<Me>()
}

#[component]
pub fn AppShell() -> impl IntoView {
    let location = use_location();
    // re-read on every navigation: a role change shows on the very next page
    let me = Resource::new(move || location.pathname.get(), |_| get_me());
    view! {
        <Suspense fallback=|| view! { <div class="app-loading" aria-busy="true"></div> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => view! { <SignedIn me/> }.into_any(),
                    Ok(None) | Err(crate::error::AppError::Unauthorized) => {
                        view! { <Redirect path="/login?reason=signed_out"/> }.into_any()
                    }
                    Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SignedIn(me: Me) -> impl IntoView {
    provide_context(me.clone());
    let is_admin = me.role == Role::Admin;
    let logout = ServerAction::<Logout>::new();
    let resend = ServerAction::<ResendVerification>::new();
    let verified = me.email_verified;
    view! {
        <div class="app-shell">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="topbar">
                <a class="brand" href="/">
                    <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                    <span>"PropertyPro"</span>
                </a>
                <span class="org-name">{me.org_name.clone()}</span>
                <div class="topbar-actions">
                    <ThemeToggle/>
                    <details class="user-menu">
                        <summary class="avatar" aria-label="Account menu">{me.initials()}</summary>
                        <div class="menu" role="menu">
                            <div class="menu-header">
                                <strong>{me.name.clone()}</strong>
                                <span class="muted">{me.role.label()}</span>
                            </div>
                            <a href="/account" role="menuitem">"Account and sessions"</a>
                            <ActionForm action=logout>
                                <button type="submit" class="menu-item" role="menuitem">"Sign out"</button>
                            </ActionForm>
                        </div>
                    </details>
                </div>
            </header>
            {(!verified).then(|| view! {
                <div class="banner banner-warning" role="status">
                    <span>
                        "Verify your email to invite your team and email clients. We sent a link to "
                        <strong>{me.email.clone()}</strong>"."
                    </span>
                    <ActionForm action=resend>
                        <button type="submit" class="btn btn-small btn-secondary">
                            {move || if resend.value().get().is_some_and(|r| r.is_ok()) { "Sent: check your outbox" } else { "Resend verification email" }}
                        </button>
                    </ActionForm>
                </div>
            })}
            <nav class="sidebar" aria-label="Main">
                <NavLink href="/" icon="home" label="Today"/>
                <NavLink href="/listings" icon="building" label="Listings"/>
                {is_admin.then(|| view! {
                    <div class="nav-section">"Admin"</div>
                    <NavLink href="/admin/users" icon="users" label="Users"/>
                    <NavLink href="/admin/teams" icon="team" label="Teams"/>
                    <NavLink href="/admin/outbox" icon="mail" label="Outbox"/>
                    <NavLink href="/admin/audit" icon="shield" label="Audit log"/>
                    <NavLink href="/admin/fair-housing" icon="flag" label="Fair Housing"/>
                    <NavLink href="/admin/ai-usage" icon="sparkles" label="AI usage"/>
                })}
                <div class="nav-section">"You"</div>
                <NavLink href="/account" icon="user" label="Account"/>
            </nav>
            <main class="content" id="main">
                <Outlet/>
            </main>
            <nav class="tabbar" aria-label="Tabs">
                <TabLink href="/" icon="home" label="Today"/>
                <TabLink href="/listings" icon="building" label="Listings"/>
                {is_admin.then(|| view! { <TabLink href="/admin/users" icon="users" label="Admin"/> })}
                <TabLink href="/account" icon="user" label="Account"/>
            </nav>
        </div>
    }
}

fn is_current(href: &'static str, path: &str) -> bool {
    if href == "/" {
        path == "/"
    } else {
        path.starts_with(href)
    }
}

#[component]
fn NavLink(href: &'static str, icon: &'static str, label: &'static str) -> impl IntoView {
    let location = use_location();
    let current = move || is_current(href, &location.pathname.get()).then_some("page");
    view! {
        <a class="nav-link" href=href aria-current=current>
            <Icon name=icon/>
            <span>{label}</span>
        </a>
    }
}

#[component]
fn TabLink(href: &'static str, icon: &'static str, label: &'static str) -> impl IntoView {
    let location = use_location();
    let current = move || {
        let path = location.pathname.get();
        let hit = if href == "/admin/users" {
            path.starts_with("/admin")
        } else {
            is_current(href, &path)
        };
        hit.then_some("page")
    };
    view! {
        <a class="tab-link" href=href aria-current=current>
            <Icon name=icon/>
            <span>{label}</span>
        </a>
    }
}

/// The page header every signed-in page starts with; children go to the actions slot.
#[component]
pub fn PageHeader(
    #[prop(into)] title: String,
    #[prop(optional, into)] subtitle: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <div class="page-header">
            <h1 class="page-title">{title}</h1>
            {children.map(|c| view! { <div class="page-actions">{c()}</div> })}
            {(!subtitle.is_empty()).then(|| view! { <p class="page-subtitle">{subtitle}</p> })}
        </div>
    }
}

/// Shown to roles that may not open a page (the server refuses its data anyway).
#[component]
pub fn ForbiddenPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::FORBIDDEN);
    }
    view! {
        <Title text="No access"/>
        <div class="empty-state">
            <h1>"You don't have access to this page"</h1>
            <p>"Ask an admin of your brokerage if you need it."</p>
            <A href="/" attr:class="btn btn-primary">"Back to Today"</A>
        </div>
    }
}

/// A failed load, with the message from the server.
#[component]
pub fn ErrorPanel(#[prop(into)] message: String) -> impl IntoView {
    view! { <div class="notice notice-danger" role="alert">{message}</div> }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Not found"/>
        <main class="auth-page" id="main">
            <div class="auth-card">
                <h1>"Page not found"</h1>
                <p class="muted">"The page you asked for doesn't exist or was moved."</p>
                <a class="btn btn-primary btn-block" href="/">"Go to Today"</a>
            </div>
        </main>
    }
}

/// Whether the signed-in user is an admin (for page-level guards).
pub fn require_admin_view() -> bool {
    use_me().role == Role::Admin
}

/// "Not found" inside the shell (a listing that doesn't exist or was deleted):
/// answers 404 like `NotFoundPage`, but keeps the navigation around it.
#[component]
pub fn NotFoundPanel(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    back_href: &'static str,
    back_label: &'static str,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=title.clone()/>
        <div class="empty-state">
            <h1>{title}</h1>
            <p>{message}</p>
            <a href=back_href class="btn btn-primary">{back_label}</a>
        </div>
    }
}
