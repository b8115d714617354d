//! The signed-out pages. Every form is a real form posting to its server function,
//! so it works before (or without) WASM; errors show next to the fields and the
//! typed values stay.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};
use shared::dto::InvitationInfo;
use shared::password::{MAX_LEN, MIN_LEN};

use crate::auth::api::{
    demo_accounts, get_invitation, mail_to_folder, AcceptInvitation, ConfirmRegistration, Login,
    Register, RequestPasswordReset, ResetPassword, VerifyEmail,
};
use crate::components::field::{field_error, form_error, Field, FormError};
use crate::error::AppError;

/// A query parameter of the current URL ("" when absent).
fn query(name: &'static str) -> String {
    use_query_map()
        .get_untracked()
        .get(name)
        .unwrap_or_default()
}

#[component]
fn AuthCard(#[prop(into)] title: String, children: Children) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <main class="auth-page" id="main">
            <div class="auth-card">
                <a class="brand" href="/">
                    <img src="/icons/icon.svg" alt="" width="32" height="32"/>
                    <span>"PropertyPro"</span>
                </a>
                <h1>{title}</h1>
                {children()}
            </div>
        </main>
    }
}

// Each page is a lazy route (a WASM chunk of its own). A page's Resources are made in
// `view()`, inside its chunk: made in `data()` they would put the decoding of every
// page's data into the main module every route downloads (issue 7).

/// `/login`
pub struct LoginRoute;

#[lazy_route]
impl LazyRoute for LoginRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        let demo = Resource::new(|| (), |_| demo_accounts());
        view! { <LoginPage demo/> }.into_any()
    }
}

#[component]
fn LoginPage(demo: Resource<Result<bool, AppError>>) -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let value = action.value();
    let notice = match (query("reset").as_str(), query("reason").as_str()) {
        ("1", _) => Some("Your password was changed. Sign in with your new password."),
        (_, "signed_out") => Some("You were signed out. Sign in to continue."),
        _ => None,
    };
    view! {
        <AuthCard title="Sign in">
            <p class="muted">"Welcome back. Sign in to your brokerage."</p>
            {notice.map(|n| view! { <div class="notice notice-success" role="status">{n}</div> })}
            <ActionForm action attr:class="form">
                <FormError message=form_error(value)/>
                <Field id="login-email" name="email" label="Email" input_type="email" autocomplete="email"
                    value=query("email") required=true error=field_error(value, "email")/>
                <Field id="login-password" name="password" label="Password" input_type="password"
                    autocomplete="current-password" required=true error=field_error(value, "password")/>
                <input type="hidden" name="next" value=query("next")/>
                <button class="btn btn-primary btn-block" type="submit" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
            <p class="auth-links">
                <a href="/forgot-password">"Forgot your password?"</a>
                " · "
                <a href="/register">"Create a brokerage"</a>
            </p>
            <Suspense>
                {move || Suspend::new(async move {
                    demo.await.unwrap_or(false).then(|| view! { <DemoAccounts/> })
                })}
            </Suspense>
        </AuthCard>
    }
}

#[component]
fn DemoAccounts() -> impl IntoView {
    let rows = [
        ("admin@harbor.example", "Dana Whitfield", "Admin"),
        ("broker@harbor.example", "Marcus Chen", "Broker"),
        ("priya@harbor.example", "Priya Patel", "Agent"),
        ("leo@harbor.example", "Leo Martinez", "Agent"),
    ];
    view! {
        <section class="demo-accounts" aria-labelledby="demo-h">
            <h2 id="demo-h">"Demo accounts"</h2>
            <p class="muted">"Harbor Realty, a sample brokerage. The password for every account is "<code>"harbor-demo-2026"</code>"."</p>
            <ul class="demo-list">
                {rows.into_iter().map(|(e, n, r)| view! {
                    <li><span><strong>{n}</strong>" · "{r}</span><code>{e}</code></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// `/register`
pub struct RegisterRoute;

#[lazy_route]
impl LazyRoute for RegisterRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <RegisterPage/> }.into_any()
    }
}

#[component]
fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let value = action.value();
    // where the confirmation went: the answer (with JavaScript) or `?sent=` (without)
    let sent = move || match value.get() {
        Some(Ok(email)) => Some(email),
        _ => Some(query("sent")).filter(|e| !e.is_empty()),
    };
    view! {
        <AuthCard title="Create your brokerage">
            {move || match sent() {
                Some(email) => view! { <CheckInbox email/> }.into_any(),
                None => view! {
                    <p class="muted">"Set up PropertyPro for your brokerage. You'll be its admin and can invite your team."</p>
                    <ActionForm action attr:class="form">
                        <FormError message=form_error(value)/>
                        <Field id="reg-org" name="org_name" label="Brokerage name" autocomplete="organization"
                            value=query("org_name") required=true maxlength=100 error=field_error(value, "org_name")/>
                        <Field id="reg-name" name="name" label="Your name" autocomplete="name"
                            value=query("name") required=true maxlength=100 error=field_error(value, "name")/>
                        <Field id="reg-email" name="email" label="Email" input_type="email" autocomplete="email"
                            value=query("email") required=true error=field_error(value, "email")/>
                        <Field id="reg-password" name="password" label="Password" input_type="password"
                            autocomplete="new-password" required=true minlength=MIN_LEN maxlength=MAX_LEN
                            hint="At least 12 characters. A short phrase is easy to remember and hard to guess."
                            error=field_error(value, "password")/>
                        <button class="btn btn-primary btn-block" type="submit" disabled=move || action.pending().get()>
                            {move || if action.pending().get() { "Creating…" } else { "Create brokerage" }}
                        </button>
                    </ActionForm>
                    <p class="auth-links">"Already have an account? "<a href="/login">"Sign in"</a></p>
                }.into_any(),
            }}
        </AuthCard>
    }
}

/// After registering: the confirmation is on its way (the same words whether or not the
/// address already has an account).
#[component]
fn CheckInbox(email: String) -> impl IntoView {
    view! {
        <div class="notice notice-success" role="status">
            <p><strong>"Check your inbox."</strong>" We sent an email to "<strong>{email}</strong>"."</p>
            <p>"Open the link in it within an hour to finish creating your brokerage. If this address already has a PropertyPro account, the email tells you how to sign in instead."</p>
        </div>
        <MailFolderHint/>
        <p class="auth-links"><a href="/register">"Use another address"</a>" · "<a href="/login">"Sign in"</a></p>
    }
}

/// On a server that saves mail to a folder (the embedded default), where the email is.
#[component]
fn MailFolderHint() -> impl IntoView {
    let folder = Resource::new(|| (), |_| mail_to_folder());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                folder.await.unwrap_or(false).then(|| view! {
                    <p class="muted">"This server doesn't send email: messages are saved in its mail folder ("<code>"DATA_DIR/mail"</code>"), where the person who runs it can open them."</p>
                })
            })}
        </Suspense>
    }
}

/// The emailed registration link: one click creates the brokerage and signs in (a
/// click, not the page load: mail scanners open links too).
/// `/register/confirm`
pub struct ConfirmRegistrationRoute;

#[lazy_route]
impl LazyRoute for ConfirmRegistrationRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <ConfirmRegistrationPage/> }.into_any()
    }
}

#[component]
fn ConfirmRegistrationPage() -> impl IntoView {
    let action = ServerAction::<ConfirmRegistration>::new();
    let value = action.value();
    view! {
        <AuthCard title="Finish creating your brokerage">
            <p class="muted">"Your email is confirmed by this link. Create the brokerage to start using PropertyPro as its admin."</p>
            <ActionForm action attr:class="form">
                <FormError message=form_error(value)/>
                <input type="hidden" name="token" value=query("token")/>
                <button class="btn btn-primary btn-block" type="submit" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Creating…" } else { "Create my brokerage" }}
                </button>
            </ActionForm>
            <p class="auth-links"><a href="/login">"Sign in instead"</a></p>
        </AuthCard>
    }
}

/// `/forgot-password`
pub struct ForgotPasswordRoute;

#[lazy_route]
impl LazyRoute for ForgotPasswordRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <ForgotPasswordPage/> }.into_any()
    }
}

#[component]
fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let value = action.value();
    let sent = move || value.get().is_some_and(|r| r.is_ok()) || query("sent") == "1";
    view! {
        <AuthCard title="Reset your password">
            <p class="muted">"Enter the email you sign in with. We'll send a link to choose a new password."</p>
            {move || sent().then(|| view! {
                <div class="notice notice-success" role="status">
                    "If an account exists for that email, we sent a link to reset the password. It works for one hour."
                </div>
                <MailFolderHint/>
            })}
            <ActionForm action attr:class="form">
                <FormError message=form_error(value)/>
                <Field id="forgot-email" name="email" label="Email" input_type="email" autocomplete="email"
                    value=query("email") required=true error=field_error(value, "email")/>
                <button class="btn btn-primary btn-block" type="submit">"Send reset link"</button>
            </ActionForm>
            <p class="auth-links"><a href="/login">"Back to sign in"</a></p>
        </AuthCard>
    }
}

/// `/reset-password`
pub struct ResetPasswordRoute;

#[lazy_route]
impl LazyRoute for ResetPasswordRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <ResetPasswordPage/> }.into_any()
    }
}

#[component]
fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let value = action.value();
    view! {
        <AuthCard title="Choose a new password">
            <p class="muted">"Your other devices will be signed out."</p>
            <ActionForm action attr:class="form">
                <FormError message=form_error(value)/>
                <input type="hidden" name="token" value=query("token")/>
                <Field id="reset-password" name="password" label="New password" input_type="password"
                    autocomplete="new-password" required=true minlength=MIN_LEN maxlength=MAX_LEN
                    hint="At least 12 characters." error=field_error(value, "password")/>
                <button class="btn btn-primary btn-block" type="submit">"Set new password"</button>
            </ActionForm>
        </AuthCard>
    }
}

/// `/verify-email`
pub struct VerifyEmailRoute;

#[lazy_route]
impl LazyRoute for VerifyEmailRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <VerifyEmailPage/> }.into_any()
    }
}

#[component]
fn VerifyEmailPage() -> impl IntoView {
    let action = ServerAction::<VerifyEmail>::new();
    let value = action.value();
    let token = query("token");
    let done = query("done") == "1";
    // with JavaScript the link verifies at once; without it, one click on the button
    Effect::new({
        let token = token.clone();
        move |_| {
            if !token.is_empty() && !done {
                action.dispatch(VerifyEmail {
                    token: token.clone(),
                });
            }
        }
    });
    view! {
        <AuthCard title="Verify your email">
            {move || match if done { Some(Ok(())) } else { value.get() } {
                Some(Ok(())) => view! {
                    <div class="notice notice-success" role="status">"Your email is verified."</div>
                    <a class="btn btn-primary btn-block" href="/">"Continue to PropertyPro"</a>
                }.into_any(),
                Some(Err(e)) => view! {
                    <div class="notice notice-danger" role="alert">{e.to_string()}</div>
                    <a class="btn btn-secondary btn-block" href="/">"Go to PropertyPro"</a>
                }.into_any(),
                None => {
                    let token = token.clone();
                    view! {
                        <ActionForm action attr:class="form">
                            <input type="hidden" name="token" value=token/>
                            <p class="muted">"Confirm that this email address is yours."</p>
                            <button class="btn btn-primary btn-block" type="submit">"Verify my email"</button>
                        </ActionForm>
                    }.into_any()
                }
            }}
        </AuthCard>
    }
}

/// `/invite?token=…`
pub struct AcceptInviteRoute;

#[lazy_route]
impl LazyRoute for AcceptInviteRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        let token = query("token");
        let info = Resource::new(move || token.clone(), get_invitation);
        view! { <AcceptInvitePage info/> }.into_any()
    }
}

#[component]
fn AcceptInvitePage(info: Resource<Result<InvitationInfo, AppError>>) -> impl IntoView {
    let token = query("token");
    let action = ServerAction::<AcceptInvitation>::new();
    let value = action.value();
    view! {
        <Suspense fallback=|| view! { <main class="auth-page" id="main"><div class="auth-card" aria-busy="true"></div></main> }>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match info.await {
                        Err(e) => view! {
                            <AuthCard title="Invitation">
                                <div class="notice notice-danger" role="alert">{e.to_string()}</div>
                                <p class="muted">"Ask the person who invited you to send a new invitation."</p>
                                <a class="btn btn-secondary btn-block" href="/login">"Go to sign in"</a>
                            </AuthCard>
                        }.into_any(),
                        Ok(info) => {
                            let title = format!("Join {}", info.org_name);
                            view! {
                                <AuthCard title=title>
                                    <p class="muted">"You were invited as "<strong>{info.role.label()}</strong>" with "<strong>{info.email.clone()}</strong>"."</p>
                                    <ActionForm action attr:class="form">
                                        <FormError message=form_error(value)/>
                                        <input type="hidden" name="token" value=token.clone()/>
                                        <Field id="inv-name" name="name" label="Your name" autocomplete="name"
                                            value=query("name") required=true maxlength=100 error=field_error(value, "name")/>
                                        <Field id="inv-password" name="password" label="Password" input_type="password"
                                            autocomplete="new-password" required=true minlength=MIN_LEN maxlength=MAX_LEN
                                            hint="At least 12 characters." error=field_error(value, "password")/>
                                        <button class="btn btn-primary btn-block" type="submit">"Accept invitation"</button>
                                    </ActionForm>
                                </AuthCard>
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
