//! The Audit log page: sign-ins, denials and admin actions, filterable.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};
use shared::dto::{audit_action_label, AuditFilter, AUDIT_ACTIONS};

use crate::admin::reports::api::list_audit;
use crate::components::shell::{require_admin_view, ErrorPanel, ForbiddenPage, PageHeader};

/// `/admin/audit`, a lazy route. Its data loads in the page, after the admin check: `data()`
/// runs outside the shell, before the signed-in user is known, and a non-admin's
/// request would be refused and audited as `permission_denied`.
pub struct AuditRoute;

#[lazy_route]
impl LazyRoute for AuditRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <AuditPage/> }.into_any()
    }
}

#[component]
fn AuditPage() -> impl IntoView {
    if !require_admin_view() {
        return view! { <ForbiddenPage/> }.into_any();
    }
    let query = use_query_map();
    // the filter form is a plain GET form: filters live in the URL and can be shared
    let filter = move || {
        let q = query.get();
        AuditFilter {
            action: q.get("action"),
            actor: q.get("actor"),
            from: q.get("from"),
            to: q.get("to"),
        }
    };
    let entries = Resource::new(filter, list_audit);
    let initial = filter();
    view! {
        <PageHeader title="Audit log" subtitle="Sign-ins, refusals and every admin action in your brokerage."/>
        <section class="card">
            <form method="get" action="/admin/audit" class="form form-row card-body">
                <div class="field">
                    <label for="audit-action">"Action"</label>
                    <select id="audit-action" name="action" class="input">
                        <option value="" selected=initial.action.is_none()>"All actions"</option>
                        {AUDIT_ACTIONS.iter().map(|a| view! {
                            <option value=*a selected=initial.action.as_deref() == Some(*a)>{audit_action_label(a)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-actor">"Actor email"</label>
                    <input id="audit-actor" name="actor" class="input" type="search" value=initial.actor.clone().unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="audit-from">"From"</label>
                    <input id="audit-from" name="from" class="input" type="date" value=initial.from.clone().unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="audit-to">"To"</label>
                    <input id="audit-to" name="to" class="input" type="date" value=initial.to.clone().unwrap_or_default()/>
                </div>
                <button type="submit" class="btn btn-primary">"Filter"</button>
            </form>
        </section>
        <Suspense fallback=|| view! { <p class="muted">"Loading entries…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Err(e) => view! { <ErrorPanel message=e.field_message("from").or(e.field_message("to")).unwrap_or_else(|| e.to_string())/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! {
                        <div class="empty-state"><h2>"No entries"</h2><p>"Nothing matches these filters."</p></div>
                    }.into_any(),
                    Ok(rows) => view! {
                        <div class="table-wrap" tabindex="0" role="region" aria-label="Audit log entries">
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">"Time"</th><th scope="col">"Actor"</th><th scope="col">"Action"</th>
                                    <th scope="col">"Target"</th><th scope="col">"IP"</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td><time datetime=r.at.to_rfc3339()>{r.at.format("%Y-%m-%d %H:%M:%S").to_string()}</time></td>
                                            <td>{r.actor_email.unwrap_or_else(|| "—".into())}</td>
                                            <td title=r.action.clone()>{audit_action_label(&r.action)}</td>
                                            <td title=r.detail.clone()>{r.target.unwrap_or_default()}" "<span class="muted">{summarise(&r.detail)}</span></td>
                                            <td>{r.ip.unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The detail JSON's readable part: names, roles, from → to.
fn summarise(detail: &str) -> String {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(detail)
    else {
        return String::new();
    };
    let pick = |k: &str| map.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    match (
        pick("name"),
        pick("from"),
        pick("to"),
        pick("email"),
        pick("role"),
    ) {
        (Some(n), Some(f), Some(t), _, _) => format!("{n}: {f} → {t}"),
        (Some(n), _, _, _, _) => n,
        (_, _, _, Some(e), Some(r)) => format!("{e} as {r}"),
        _ => String::new(),
    }
}
