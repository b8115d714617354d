//! The Today page: the brokerage at a glance and, for admins, the set-up checklist.

use leptos::prelude::*;
use shared::auth::Role;

use leptos_router::{lazy_route, LazyRoute};
use shared::dto::TodaySummary;

use crate::components::shell::{use_me, ErrorPanel, PageHeader};
use crate::error::AppError;
use crate::today::api::get_today_summary;

/// `/`, a lazy route (its Resource is made in `view()`, inside the chunk).
pub struct TodayRoute;

#[lazy_route]
impl LazyRoute for TodayRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        let summary = Resource::new(|| (), |_| get_today_summary());
        view! { <TodayPage summary/> }.into_any()
    }
}

#[component]
fn TodayPage(summary: Resource<Result<TodaySummary, AppError>>) -> impl IntoView {
    let me = use_me();
    let first = me
        .name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    let is_admin = me.role == Role::Admin;
    let verified = me.email_verified;
    view! {
        <PageHeader title="Today" subtitle=format!("Welcome, {first}. Here is {} at a glance.", me.org_name)/>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                    Ok(s) => view! {
                        <div class="grid-3">
                            <div class="stat-card"><span class="stat-label">"Active members"</span><span class="stat-value">{s.members}</span></div>
                            <div class="stat-card"><span class="stat-label">"Teams"</span><span class="stat-value">{s.teams}</span></div>
                            <div class="stat-card"><span class="stat-label">"Your signed-in devices"</span><span class="stat-value">{s.active_sessions}</span></div>
                        </div>
                        {is_admin.then(|| view! {
                            <section class="card">
                                <div class="card-header"><h2 class="section-title">"Set up your brokerage"</h2></div>
                                <ul class="checklist">
                                    <Step done=verified title="Verify your email" text="Inviting people and emailing clients need a verified address." href="/account"/>
                                    <Step done={s.members > 1 || s.pending_invitations > 0} title="Invite your team" text="Add brokers and agents with the role that fits them." href="/admin/users"/>
                                    <Step done={s.teams > 0} title="Create a team" text="Group agents under the broker who leads them." href="/admin/teams"/>
                                </ul>
                            </section>
                        })}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Step(done: bool, title: &'static str, text: &'static str, href: &'static str) -> impl IntoView {
    view! {
        <li class=if done { "done" } else { "todo" }>
            <div>
                <strong>{title}</strong>
                <p>{text}</p>
            </div>
            {(!done).then(|| view! { <a class="btn btn-small btn-secondary" href=href>"Start"</a> })}
            {done.then(|| view! { <span class="visually-hidden">"Done"</span> })}
        </li>
    }
}
