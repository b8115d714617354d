//! The Outbox page: every email the app wrote, newest first, so the product works
//! without a mail server (and admins can see what went out when SMTP is on).

use leptos::prelude::*;

use crate::admin::reports::api::list_outbox;
use crate::components::shell::{require_admin_view, ErrorPanel, ForbiddenPage, PageHeader};

#[component]
pub fn OutboxPage() -> impl IntoView {
    if !require_admin_view() {
        return view! { <ForbiddenPage/> }.into_any();
    }
    let emails = Resource::new(|| (), |_| list_outbox());
    view! {
        <PageHeader title="Outbox" subtitle="Emails PropertyPro sent for your brokerage, newest first."/>
        <Suspense fallback=|| view! { <p class="muted">"Loading emails…"</p> }>
            {move || Suspend::new(async move {
                match emails.await {
                    Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <div class="empty-state"><h2>"No emails yet"</h2><p>"Invitations, verification and password-reset emails appear here."</p></div>
                    }.into_any(),
                    Ok(list) => view! {
                        <div class="stack">
                            {list.into_iter().map(|m| {
                                let status = match m.status.as_str() {
                                    "sent" => ("Sent", "badge badge-success"),
                                    "failed" => ("Not delivered", "badge badge-danger"),
                                    "queued" => ("Sending", "badge badge-info"),
                                    _ => ("In outbox", "badge badge-neutral"),
                                };
                                // what went wrong with delivery, in words (retries back off)
                                let problem = m.error.clone().map(|e| match m.status.as_str() {
                                    "failed" => format!("Gave up after {} attempts. Last error: {e}", m.attempts),
                                    _ => format!("Attempt {} failed: {e}. Retrying shortly.", m.attempts),
                                });
                                let body: String = m.body_text.lines()
                                    .filter(|l| m.action_url.as_deref().is_none_or(|u| !l.contains(u)))
                                    .collect::<Vec<_>>().join("\n");
                                view! {
                                    <article class="email-card">
                                        <header class="row">
                                            <h2 class="section-title">{m.subject.clone()}</h2>
                                            <span class=status.1>{status.0}</span>
                                        </header>
                                        <dl>
                                            <dt>"To"</dt><dd>{m.to_email.clone()}</dd>
                                            <dt>"Written"</dt><dd><time datetime=m.created_at.to_rfc3339()>{m.created_at.format("%b %-d, %Y %H:%M UTC").to_string()}</time></dd>
                                        </dl>
                                        {problem.map(|p| view! { <p class="notice notice-warning">{p}</p> })}
                                        <pre class="email-body">{body.trim().to_string()}</pre>
                                        {m.action_url.clone().zip(m.action_label.clone()).map(|(url, label)| view! {
                                            <a class="btn btn-primary btn-small" href=url>{label}</a>
                                        })}
                                    </article>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}
