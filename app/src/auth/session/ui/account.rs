//! The Account page: change the password, and the user's signed-in devices, each of
//! which they can end.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};
use shared::dto::SessionSummary;
use shared::password::{MAX_LEN, MIN_LEN};

use crate::auth::session::api::{list_sessions, ChangePassword, EndSession};
use crate::components::field::{field_error, form_error, Field, FormError};
use crate::components::shell::{use_me, ErrorPanel, PageHeader};
use crate::error::AppError;

fn when(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%b %-d, %Y %H:%M UTC").to_string()
}

/// `/account`, a lazy route (its Resources are made in `view()`, inside the chunk; the
/// actions too, since the list reloads after them).
pub struct AccountRoute;

#[lazy_route]
impl LazyRoute for AccountRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        let end = ServerAction::<EndSession>::new();
        let change = ServerAction::<ChangePassword>::new();
        let sessions = Resource::new(
            move || (end.version().get(), change.version().get()),
            |_| list_sessions(),
        );
        view! { <AccountPage end change sessions/> }.into_any()
    }
}

#[component]
fn AccountPage(
    end: ServerAction<EndSession>,
    change: ServerAction<ChangePassword>,
    sessions: Resource<Result<Vec<SessionSummary>, AppError>>,
) -> impl IntoView {
    let me = use_me();
    view! {
        <PageHeader title="Account" subtitle=format!("{} · {} · {}", me.name, me.email, me.role.label())/>
        <ChangePasswordCard change/>
        <section class="card">
            <div class="card-header">
                <h2 class="section-title">"Your sessions"</h2>
                <p class="muted">"Devices signed in to your account. End any you don't recognise."</p>
            </div>
            <Suspense fallback=|| view! { <p class="muted">"Loading sessions…"</p> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                        Ok(rows) => {
                            let others = rows.iter().filter(|s| !s.current).count();
                            view! {
                                <div class="table-wrap" tabindex="0" role="region" aria-label="Your sessions">
                                    <table class="table">
                                        <thead><tr>
                                            <th scope="col">"Device"</th><th scope="col">"IP address"</th>
                                            <th scope="col">"Signed in"</th><th scope="col">"Last active"</th>
                                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                        </tr></thead>
                                        <tbody>
                                            {rows.into_iter().map(|s| {
                                                let label = format!("End session on {}", s.device);
                                                let id = s.id.to_string();
                                                view! {
                                                    <tr>
                                                        <td>{s.device.clone()}</td>
                                                        <td>{s.ip.clone().unwrap_or_else(|| "—".into())}</td>
                                                        <td>{when(s.created_at)}</td>
                                                        <td>{when(s.last_seen_at)}</td>
                                                        <td>{if s.current {
                                                            view! { <span class="badge badge-success">"This device"</span> }.into_any()
                                                        } else {
                                                            view! {
                                                                <ActionForm action=end>
                                                                    <input type="hidden" name="id" value=id/>
                                                                    <button type="submit" class="btn btn-small btn-secondary" aria-label=label>"End session"</button>
                                                                </ActionForm>
                                                            }.into_any()
                                                        }}</td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                {(others > 0).then(|| view! {
                                    <ActionForm action=end attr:class="card-body">
                                        <input type="hidden" name="id" value="others"/>
                                        <button type="submit" class="btn btn-danger">"Sign out all other sessions"</button>
                                    </ActionForm>
                                })}
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Change password: the current one, then the new one (12+ characters, not a common
/// password). Other devices are signed out; an email tells the user.
#[component]
fn ChangePasswordCard(change: ServerAction<ChangePassword>) -> impl IntoView {
    let value = change.value();
    let done_without_js = use_query_map()
        .get_untracked()
        .get("password_changed")
        .is_some();
    let done = move || value.get().is_some_and(|r| r.is_ok()) || done_without_js;
    view! {
        <section class="card">
            <div class="card-header">
                <h2 class="section-title">"Change password"</h2>
                <p class="muted">"Use at least 12 characters. Your other devices are signed out."</p>
            </div>
            <Show when=done>
                <div class="notice notice-success" role="status">
                    "Your password was changed, and your other devices were signed out."
                </div>
            </Show>
            <ActionForm action=change attr:class="form card-body">
                <FormError message=form_error(value)/>
                <Field id="current-password" name="current" label="Current password" input_type="password"
                    autocomplete="current-password" required=true error=field_error(value, "current")/>
                <Field id="new-password" name="password" label="New password" input_type="password"
                    autocomplete="new-password" required=true minlength=MIN_LEN maxlength=MAX_LEN error=field_error(value, "password")/>
                <button type="submit" class="btn btn-primary" disabled=move || change.pending().get()>
                    {move || if change.pending().get() { "Changing…" } else { "Change password" }}
                </button>
            </ActionForm>
        </section>
    }
}
