//! The Fair Housing page: the org's phrase list that every AI-written or edited
//! text is checked against (product.md "AI content"). Admins add, delete and
//! restore phrases; agents see the hits with these reasons.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};
use shared::fair_housing::{category_label, CATEGORIES};
use shared::listing_dto::PhraseRow;

use crate::components::field::{
    field_error, form_error, Field, FormError, SelectField, TextAreaField,
};
use crate::components::shell::{require_admin_view, ErrorPanel, ForbiddenPage, PageHeader};
use crate::fair_housing::api::{list_phrases, AddPhrase, DeletePhrase, RestoreDefaultPhrases};

/// `/admin/fair-housing`, a lazy route. Its data loads in the page, after the admin check: `data()`
/// runs outside the shell, before the signed-in user is known, and a non-admin's
/// request would be refused and audited as `permission_denied`.
pub struct FairHousingRoute;

#[lazy_route]
impl LazyRoute for FairHousingRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <FairHousingPage/> }.into_any()
    }
}

#[component]
fn FairHousingPage() -> impl IntoView {
    if !require_admin_view() {
        return view! { <ForbiddenPage/> }.into_any();
    }
    let add = ServerAction::<AddPhrase>::new();
    let delete = ServerAction::<DeletePhrase>::new();
    let restore = ServerAction::<RestoreDefaultPhrases>::new();
    let phrases = Resource::new(
        move || {
            (
                add.version().get(),
                delete.version().get(),
                restore.version().get(),
            )
        },
        |_| list_phrases(),
    );
    view! {
        <PageHeader title="Fair Housing" subtitle="The phrases every AI-written or edited listing text is checked against."/>
        <section class="card">
            <div class="card-body fh-rule">
                <p><strong>"Describe the property, not the people."</strong>" The Fair Housing Act bars ads that show a preference about race, color, religion, sex, disability, familial status or national origin. Wording like “perfect for a young couple” or “walking distance to church” can do that without meaning to."</p>
                <p class="muted">"When a text contains one of these phrases it is highlighted with the reason, and approving it needs a recorded explanation. Add the phrases your market or MLS warns about; the defaults come from HUD and NAR guidance."</p>
            </div>
        </section>
        <AddPhraseForm add/>
        {move || delete.value().get().and_then(|r| r.err()).or_else(|| restore.value().get().and_then(|r| r.err()))
            .map(|e| view! { <div class="notice notice-danger" role="alert">{e.to_string()}</div> })}
        {move || restore.value().get().and_then(|r| r.ok()).map(|n| view! {
            <div class="notice notice-success" role="status">{match n {
                0 => "Every default phrase is already on the list.".to_string(),
                1 => "1 default phrase was added back.".to_string(),
                n => format!("{n} default phrases were added back."),
            }}</div>
        })}
        <Suspense fallback=|| view! { <p class="muted">"Loading phrases…"</p> }>
            {move || Suspend::new(async move {
                match phrases.await {
                    Err(e) => view! { <ErrorPanel message=e.to_string()/> }.into_any(),
                    Ok(rows) => view! { <PhraseGroups rows delete restore/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn AddPhraseForm(add: ServerAction<AddPhrase>) -> impl IntoView {
    let value = add.value();
    // after an added phrase the form starts empty again (with JavaScript it isn't re-rendered)
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(()))) {
            if let Some(form) = form_ref.get() {
                form.reset();
            }
        }
    });
    // without JavaScript a refused post comes back with the typed values in the query
    let q = use_query_map().get_untracked();
    let options: Vec<(String, String)> = CATEGORIES
        .iter()
        .map(|c| (c.to_string(), category_label(c).to_string()))
        .collect();
    view! {
        <section class="card">
            <div class="card-header">
                <h2 class="section-title">"Add a phrase"</h2>
                <p>"Matching ignores capitals and treats hyphens and spaces alike."</p>
            </div>
            {move || value.get().and_then(|r| r.ok()).map(|_| view! {
                <div class="notice notice-success card-notice" role="status">"Phrase added. New and edited texts are checked against it."</div>
            })}
            <ActionForm action=add node_ref=form_ref attr:class="form card-body">
                <FormError message=form_error(value)/>
                <div class="grid-2">
                    <Field id="fh-phrase" name="phrase" label="Phrase" value=q.get("phrase").unwrap_or_default()
                        required=true maxlength=80 placeholder="e.g. perfect for empty nesters" error=field_error(value, "phrase")/>
                    <SelectField id="fh-category" name="category" label="Category" options
                        selected=q.get("category").unwrap_or_else(|| "other".into()) error=field_error(value, "category")/>
                </div>
                <TextAreaField id="fh-reason" name="reason" label="Reason shown to agents" value=q.get("reason").unwrap_or_default()
                    rows=3 hint="Say why it's a risk and what to write instead." error=field_error(value, "reason")/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || add.pending().get()>"Add phrase"</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn PhraseGroups(
    rows: Vec<PhraseRow>,
    delete: ServerAction<DeletePhrase>,
    restore: ServerAction<RestoreDefaultPhrases>,
) -> impl IntoView {
    let total = rows.len();
    let groups: Vec<(&'static str, Vec<PhraseRow>)> = CATEGORIES
        .iter()
        .map(|c| {
            let mut in_group: Vec<PhraseRow> = rows
                .iter()
                .filter(|r| {
                    r.phrase.category == *c
                        || (*c == "other" && !CATEGORIES.contains(&r.phrase.category.as_str()))
                })
                .cloned()
                .collect();
            in_group.sort_by(|a, b| a.phrase.phrase.cmp(&b.phrase.phrase));
            (*c, in_group)
        })
        .filter(|(_, g)| !g.is_empty())
        .collect();
    view! {
        <div class="results-toolbar">
            <p class="muted">{match total { 1 => "1 phrase".to_string(), n => format!("{n} phrases") }}</p>
            <ActionForm action=restore>
                <button type="submit" class="btn btn-secondary btn-small" disabled=move || restore.pending().get()>
                    "Restore default phrases"
                </button>
            </ActionForm>
        </div>
        {if groups.is_empty() {
            view! {
                <div class="empty-state">
                    <h2>"The list is empty"</h2>
                    <p>"Texts aren't checked for Fair Housing until there are phrases. Restore the defaults to start from HUD and NAR guidance."</p>
                </div>
            }.into_any()
        } else {
            view! {
                <div class="phrase-groups">
                    {groups.into_iter().map(|(cat, rows)| view! { <PhraseGroup cat rows delete/> }).collect_view()}
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn PhraseGroup(
    cat: &'static str,
    rows: Vec<PhraseRow>,
    delete: ServerAction<DeletePhrase>,
) -> impl IntoView {
    let heading = format!("fh-group-{cat}");
    let labelled_by = heading.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <div class="card-header">
                <h2 id=heading>{category_label(cat)}</h2>
                <span class="badge badge-neutral">{rows.len()}</span>
            </div>
            <ul class="phrase-list">
                {rows.into_iter().map(|r| {
                    let phrase = r.phrase.phrase.clone();
                    view! {
                        <li>
                            <div class="phrase-text">
                                <strong>{phrase.clone()}</strong>
                                <span class="muted">{r.phrase.reason.clone()}</span>
                            </div>
                            <ActionForm action=delete>
                                <input type="hidden" name="id" value=r.id.to_string()/>
                                <button type="submit" class="btn btn-small btn-ghost" aria-label=format!("Delete “{phrase}”")>"Delete"</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
