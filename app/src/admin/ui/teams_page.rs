//! The Teams page: create teams and choose the broker who leads each.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};
use shared::auth::Role;
use shared::dto::{TeamSummary, UserSummary};

use crate::admin::api::{get_directory, CreateTeam, SetTeamLead};
use crate::auth::session::ui::reauth::ReauthPrompt;
use crate::components::field::{field_error, form_error, Field, FormError};
use crate::components::shell::{require_admin_view, ErrorPanel, ForbiddenPage, PageHeader};
use crate::error::AppError;

/// `/admin/teams`, a lazy route. Its data loads in the page, after the admin check: `data()`
/// runs outside the shell, before the signed-in user is known, and a non-admin's
/// request would be refused and audited as `permission_denied`.
pub struct TeamsRoute;

#[lazy_route]
impl LazyRoute for TeamsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <TeamsPage/> }.into_any()
    }
}

#[component]
fn TeamsPage() -> impl IntoView {
    if !require_admin_view() {
        return view! { <ForbiddenPage/> }.into_any();
    }
    let create = ServerAction::<CreateTeam>::new();
    let lead = ServerAction::<SetTeamLead>::new();
    let value = create.value();
    let directory = Resource::new(
        move || (create.version().get(), lead.version().get()),
        |_| get_directory(),
    );
    let reauth = Signal::derive(move || {
        let refused = |e: Option<AppError>| matches!(e, Some(AppError::ReauthRequired));
        refused(create.value().get().and_then(|r| r.err()))
            || refused(lead.value().get().and_then(|r| r.err()))
    });
    view! {
        <PageHeader title="Teams" subtitle="Teams group agents under the broker who leads them."/>
        <ReauthPrompt needed=reauth/>
        <section class="card">
            <div class="card-header"><h2 class="section-title">"New team"</h2></div>
            <ActionForm action=create attr:class="form form-row card-body">
                <FormError message=form_error(value)/>
                <Field id="team-name" name="name" label="Team name" required=true maxlength=100 error=field_error(value, "name")/>
                <button type="submit" class="btn btn-primary">"Create team"</button>
            </ActionForm>
        </section>
        {move || lead.value().get().and_then(|r| r.err()).map(|e| {
            let msg = e.field_message("lead_id").unwrap_or_else(|| e.to_string());
            view! { <div class="notice notice-danger" role="alert">{msg}</div> }
        })}
        <Suspense fallback=|| view! { <p class="muted">"Loading teams…"</p> }>
            {move || Suspend::new(async move {
                match directory.await {
                    Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                    Ok(d) if d.teams.is_empty() => view! {
                        <div class="empty-state">
                            <h2>"No teams yet"</h2>
                            <p>"Create a team above, then pick its lead and add agents to it on the Users page."</p>
                        </div>
                    }.into_any(),
                    Ok(d) => {
                        let brokers: Vec<UserSummary> = d.users.into_iter().filter(|u| u.role == Role::Broker && !u.disabled).collect();
                        view! {
                            <div class="grid-2">
                                {d.teams.into_iter().map(|t| view! { <TeamCard team=t brokers=brokers.clone() lead/> }).collect_view()}
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn TeamCard(
    team: TeamSummary,
    brokers: Vec<UserSummary>,
    lead: ServerAction<SetTeamLead>,
) -> impl IntoView {
    let current = team.lead_user_id.map(|l| l.to_string()).unwrap_or_default();
    let name = team.name.clone();
    let members = if team.members.is_empty() {
        "No members yet".to_string()
    } else {
        team.members.join(", ")
    };
    view! {
        <section class="card">
            <div class="card-header">
                <h2 class="section-title">{team.name.clone()}</h2>
                <p class="muted">{format!("Lead: {}", team.lead_name.clone().unwrap_or_else(|| "none".into()))}</p>
            </div>
            <div class="card-body stack">
                <p><strong>"Members: "</strong>{members}</p>
                <ActionForm action=lead attr:class="row">
                    <input type="hidden" name="team_id" value=team.id.to_string()/>
                    <select name="lead_id" class="input" aria-label=format!("Lead of {name}")>
                        <option value="" selected=current.is_empty()>"No lead"</option>
                        {brokers.into_iter().map(|b| {
                            let id = b.id.to_string();
                            let selected = id == current;
                            view! { <option value=id selected=selected>{b.name}</option> }
                        }).collect_view()}
                    </select>
                    <button type="submit" class="btn btn-small btn-secondary" aria-label=format!("Save {name}")>"Save"</button>
                </ActionForm>
            </div>
        </section>
    }
}
