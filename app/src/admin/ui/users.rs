//! The Users page: invite by email with a role, change roles and teams, disable.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};
use shared::auth::Role;
use shared::dto::{Directory, TeamSummary, UserSummary};

use crate::admin::api::{get_directory, InviteUser, SetUserDisabled, UpdateUser};
use crate::auth::session::ui::reauth::ReauthPrompt;
use crate::components::field::{field_error, form_error, Field, FormError};
use crate::components::shell::{require_admin_view, use_me, ErrorPanel, ForbiddenPage, PageHeader};
use crate::error::AppError;

/// `/admin/users`, a lazy route. Its data loads in the page, after the admin check: `data()`
/// runs outside the shell, before the signed-in user is known, and a non-admin's
/// request would be refused and audited as `permission_denied`.
pub struct UsersRoute;

#[lazy_route]
impl LazyRoute for UsersRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <UsersPage/> }.into_any()
    }
}

#[component]
fn UsersPage() -> impl IntoView {
    if !require_admin_view() {
        return view! { <ForbiddenPage/> }.into_any();
    }
    let invite = ServerAction::<InviteUser>::new();
    let update = ServerAction::<UpdateUser>::new();
    let disable = ServerAction::<SetUserDisabled>::new();
    let directory = Resource::new(
        move || {
            (
                invite.version().get(),
                update.version().get(),
                disable.version().get(),
            )
        },
        |_| get_directory(),
    );
    let reauth = Signal::derive(move || {
        let refused = |e: Option<AppError>| matches!(e, Some(AppError::ReauthRequired));
        refused(invite.value().get().and_then(|r| r.err()))
            || refused(update.value().get().and_then(|r| r.err()))
            || refused(disable.value().get().and_then(|r| r.err()))
    });
    view! {
        <PageHeader title="Users" subtitle="Everyone in your brokerage, their roles and teams."/>
        <ReauthPrompt needed=reauth/>
        <InviteForm invite/>
        {move || update.value().get().and_then(|r| r.err()).or_else(|| disable.value().get().and_then(|r| r.err()))
            .map(|e| view! { <div class="notice notice-danger" role="alert">{e.to_string()}</div> })}
        <Suspense fallback=|| view! { <p class="muted">"Loading users…"</p> }>
            {move || Suspend::new(async move {
                match directory.await {
                    Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                    Ok(d) => view! { <Members directory=d update disable/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn InviteForm(invite: ServerAction<InviteUser>) -> impl IntoView {
    let me = use_me();
    let value = invite.value();
    let q = use_query_map().get_untracked();
    let role = q.get("role").unwrap_or_else(|| "agent".into());
    let invited = q.get("invited");
    view! {
        <section class="card">
            <div class="card-header">
                <h2 class="section-title">"Invite a user"</h2>
                <p class="muted">"They get an email with a link to set their password. The link works for 7 days."</p>
            </div>
            {(!me.email_verified).then(|| view! {
                <div class="notice notice-warning" role="status">"Verify your email address before inviting people."</div>
            })}
            {move || value.get().and_then(|r| r.ok()).or_else(|| invited.clone()).map(|email| view! {
                <div class="notice notice-success" role="status">{format!("Invitation sent to {email}.")}</div>
            })}
            <ActionForm action=invite attr:class="form form-row card-body">
                <FormError message=form_error(value)/>
                <Field id="invite-email" name="email" label="Email" input_type="email" autocomplete="off"
                    value=q.get("email").unwrap_or_default() required=true error=field_error(value, "email")/>
                <div class="field">
                    <label for="invite-role">"Role"</label>
                    <select id="invite-role" name="role" class="input">
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=r.as_str() == role>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="btn btn-primary" disabled=!me.email_verified>"Send invitation"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Members(
    directory: Directory,
    update: ServerAction<UpdateUser>,
    disable: ServerAction<SetUserDisabled>,
) -> impl IntoView {
    let me = use_me();
    let Directory {
        users,
        teams,
        invitations,
    } = directory;
    view! {
        {(!invitations.is_empty()).then(|| view! {
            <section class="card">
                <div class="card-header"><h2 class="section-title">"Pending invitations"</h2></div>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Pending invitations">
                    <table class="table">
                        <thead><tr><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Expires"</th></tr></thead>
                        <tbody>
                            {invitations.into_iter().map(|i| view! {
                                <tr><td>{i.email}</td><td>{i.role.label()}</td><td>{i.expires_at.format("%b %-d, %Y").to_string()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        })}
        <section class="card">
            <div class="card-header"><h2 class="section-title">"Members"</h2></div>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Members">
                <table class="table">
                    <thead><tr>
                        <th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role and team"</th>
                        <th scope="col">"Status"</th><th scope="col">"Actions"</th>
                    </tr></thead>
                    <tbody>
                        {users.into_iter().map(|u| {
                            let is_me = u.id == me.id;
                            view! { <MemberRow user=u teams=teams.clone() is_me update disable/> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn MemberRow(
    user: UserSummary,
    teams: Vec<TeamSummary>,
    is_me: bool,
    update: ServerAction<UpdateUser>,
    disable: ServerAction<SetUserDisabled>,
) -> impl IntoView {
    let id = user.id.to_string();
    let team_id = user.team_id.map(|t| t.to_string()).unwrap_or_default();
    let (status, badge) = if user.disabled {
        ("Disabled", "badge badge-danger")
    } else if !user.email_verified {
        ("Unverified", "badge badge-warning")
    } else {
        ("Active", "badge badge-success")
    };
    let name = user.name.clone();
    let (role_label, team_label, save_label) = (
        format!("Role for {name}"),
        format!("Team for {name}"),
        format!("Save {name}"),
    );
    let (toggle, next, toggle_class) = if user.disabled {
        ("Enable", "false", "btn btn-small btn-secondary")
    } else {
        ("Disable", "true", "btn btn-small btn-danger")
    };
    let toggle_label = format!("{toggle} {name}");
    let toggle_id = id.clone();
    view! {
        <tr>
            <td><strong>{user.name.clone()}</strong>{is_me.then(|| view! { <span class="muted">" (you)"</span> })}</td>
            <td>{user.email.clone()}</td>
            <td>
                <ActionForm action=update attr:class="row">
                    <input type="hidden" name="user_id" value=id/>
                    <select name="role" class="input" aria-label=role_label>
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=r == user.role>{r.label()}</option>
                        }).collect_view()}
                    </select>
                    <select name="team_id" class="input" aria-label=team_label>
                        <option value="" selected=team_id.is_empty()>"No team"</option>
                        {teams.into_iter().map(|t| {
                            let tid = t.id.to_string();
                            let selected = tid == team_id;
                            view! { <option value=tid selected=selected>{t.name}</option> }
                        }).collect_view()}
                    </select>
                    <button type="submit" class="btn btn-small btn-secondary" aria-label=save_label>"Save"</button>
                </ActionForm>
            </td>
            <td><span class=badge>{status}</span></td>
            <td>
                {(!is_me).then(move || view! {
                    <ActionForm action=disable>
                        <input type="hidden" name="user_id" value=toggle_id/>
                        <input type="hidden" name="disabled" value=next/>
                        <button type="submit" class=toggle_class aria-label=toggle_label>{toggle}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
