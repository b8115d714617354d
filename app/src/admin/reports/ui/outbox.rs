//! The Outbox page: every email the app wrote, newest first, with its delivery state.
//! Private links (verification, reset, invitations) are never shown: only that the
//! message went, and to whom.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use shared::dto::Outbox;

use crate::admin::reports::api::list_outbox;
use crate::components::shell::{require_admin_view, ErrorPanel, ForbiddenPage, PageHeader};

/// `/admin/outbox`, a lazy route. Its data loads in the page, after the admin check: `data()`
/// runs outside the shell, before the signed-in user is known, and a non-admin's
/// request would be refused and audited as `permission_denied`.
pub struct OutboxRoute;

#[lazy_route]
impl LazyRoute for OutboxRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <OutboxPage/> }.into_any()
    }
}

#[component]
fn OutboxPage() -> impl IntoView {
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
                    Ok(outbox) if outbox.emails.is_empty() => view! {
                        <DeliveryNote delivery=outbox.delivery/>
                        <div class="empty-state"><h2>"No emails yet"</h2><p>"Invitations, verification and password-reset emails appear here."</p></div>
                    }.into_any(),
                    Ok(Outbox { delivery, emails: list }) => view! {
                        <DeliveryNote delivery/>
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
                                let body = m.body_text.clone();
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
                                        {m.private_link.then(|| view! {
                                            <p class="muted email-private">
                                                <strong>{m.action_label.clone().unwrap_or_default()}</strong>
                                                ": a personal one-time link, sent to the recipient only."
                                            </p>
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

/// Where this server's mail goes, and why links don't show here.
#[component]
fn DeliveryNote(delivery: String) -> impl IntoView {
    let how = match delivery.as_str() {
        "smtp" => "Emails are sent to their recipients through this server's mail service.",
        _ => "This server has no mail service configured: each email is saved as a file in the server's mail folder (DATA_DIR/mail), where the person who runs the server can open it. Configure SMTP_URL to send email to people.",
    };
    view! {
        <div class="notice notice-info" role="note">
            <p>{how}</p>
            <p>"Links that act for someone — email verification, password reset, invitations — are personal: PropertyPro never stores them and never shows them here. Each recipient finds theirs in their own inbox."</p>
        </div>
    }
}
