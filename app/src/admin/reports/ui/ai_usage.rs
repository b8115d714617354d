//! The AI usage page: requests, tokens, estimated cost and fallbacks per person over
//! the last 30 days, and the limits in force (product.md "AI content").

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};
use shared::dto::AiUsageRow;

use crate::admin::reports::api::get_ai_usage;
use crate::components::shell::{require_admin_view, ErrorPanel, ForbiddenPage, PageHeader};

/// "$0.0123" for small amounts, "$12.34" otherwise.
fn dollars(micro: i64) -> String {
    if micro < 10_000 {
        format!("${:.4}", micro as f64 / 1_000_000.0)
    } else {
        format!("${:.2}", micro as f64 / 1_000_000.0)
    }
}

fn usage_row(r: AiUsageRow, total: bool) -> impl IntoView {
    let cells = view! {
        <td>{r.requests}</td>
        <td>{shared::listing::format_number(r.tokens_in)}</td>
        <td>{shared::listing::format_number(r.tokens_out)}</td>
        <td>{dollars(r.cost_micro_usd)}</td>
        <td>{r.fallbacks}</td>
        <td>{r.failures}</td>
        <td>{format!("{} ms", r.avg_latency_ms)}</td>
    };
    if total {
        view! { <tr class="total-row"><th scope="row">{r.user_name}</th>{cells}</tr> }.into_any()
    } else {
        view! { <tr><th scope="row">{r.user_name}</th>{cells}</tr> }.into_any()
    }
}

/// `/admin/ai-usage`, a lazy route. Its data loads in the page, after the admin check: `data()`
/// runs outside the shell, before the signed-in user is known, and a non-admin's
/// request would be refused and audited as `permission_denied`.
pub struct AiUsageRoute;

#[lazy_route]
impl LazyRoute for AiUsageRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <AiUsagePage/> }.into_any()
    }
}

#[component]
fn AiUsagePage() -> impl IntoView {
    if !require_admin_view() {
        return view! { <ForbiddenPage/> }.into_any();
    }
    let report = Resource::new(|| (), |_| get_ai_usage());
    view! {
        <PageHeader title="AI usage" subtitle="Who asked the AI for what over the last 30 days, and what it cost."/>
        <Suspense fallback=|| view! { <p class="muted">"Loading usage…"</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                    Ok(r) => {
                        let provider = if r.provider == "offline" {
                            "the built-in writer (offline, no cost)".to_owned()
                        } else {
                            format!("{} ({})", r.provider, r.model)
                        };
                        view! {
                            <section class="card">
                                <div class="card-body stack">
                                    <p>"Texts are written by " <strong>{provider}</strong> ". When the AI service fails, the built-in writer steps in; those texts are counted as fallbacks."</p>
                                    <p class="muted">{format!("Limits: {} generations per person per hour, {} for the whole brokerage.", r.user_limit_per_hour, r.org_limit_per_hour)}</p>
                                </div>
                            </section>
                            {if r.rows.is_empty() {
                                view! {
                                    <div class="empty-state">
                                        <h2>"No AI requests yet"</h2>
                                        <p>"Generate listing copy from a listing's page; every request shows up here with its tokens and cost."</p>
                                    </div>
                                }.into_any()
                            } else {
                                view! {
                                    <div class="table-wrap">
                                        <table class="table">
                                            <caption class="visually-hidden">"AI usage per person, last 30 days"</caption>
                                            <thead><tr>
                                                <th scope="col">"Person"</th><th scope="col">"Requests"</th><th scope="col">"Tokens in"</th>
                                                <th scope="col">"Tokens out"</th><th scope="col">"Est. cost"</th><th scope="col">"Fallbacks"</th>
                                                <th scope="col">"Failed"</th><th scope="col">"Avg. latency"</th>
                                            </tr></thead>
                                            <tbody>
                                                {r.rows.into_iter().map(|row| usage_row(row, false)).collect_view()}
                                                {usage_row(r.total, true)}
                                            </tbody>
                                        </table>
                                    </div>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}
