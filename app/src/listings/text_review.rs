//! Reading, editing, approving and sharing AI listing texts (ssr only).

use chrono::{DateTime, Utc};
use shared::auth::Permission;
use shared::content::{Audience, ContentKind, GeneratedText, Tone};
use shared::listing_dto::{ListingText, ListingTexts, TextVersion};

use super::access::{self, listing_id};
use super::texts::{facts_of, full_text, run_checks, Checks};
use crate::error::AppError;
use crate::platform::{audit, ctx, current_user, tenant_tx};

/// Versions shown per text (the rest stay in the database).
const HISTORY_SHOWN: usize = 10;

struct VersionRow {
    kind: String,
    version: i32,
    subject: Option<String>,
    body: String,
    origin: String,
    provider: Option<String>,
    model: Option<String>,
    tokens_in: Option<i32>,
    tokens_out: Option<i32>,
    cost_micro_usd: Option<i64>,
    latency_ms: Option<i32>,
    fallback_reason: Option<String>,
    word_count: i32,
    checks: serde_json::Value,
    created_by_name: Option<String>,
    created_at: DateTime<Utc>,
}

fn version_view(v: VersionRow, checks: Option<Checks>) -> TextVersion {
    let checks =
        checks.unwrap_or_else(|| serde_json::from_value(v.checks.clone()).unwrap_or_default());
    TextVersion {
        version: v.version,
        subject: v.subject,
        body: v.body,
        origin: v.origin,
        provider: v.provider,
        model: v.model,
        tokens_in: v.tokens_in,
        tokens_out: v.tokens_out,
        cost_micro_usd: v.cost_micro_usd,
        latency_ms: v.latency_ms,
        fallback_reason: v.fallback_reason,
        word_count: v.word_count,
        fair_housing: checks.fair_housing,
        grounding: checks.grounding,
        length: checks.length,
        created_by_name: v.created_by_name,
        created_at: v.created_at,
    }
}

pub async fn get(listing: String) -> Result<ListingTexts, AppError> {
    let user = current_user()?;
    user.require(Permission::ReadProperty).await?;
    let id = listing_id(&listing)?;
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    access::visible_listing(&mut tx, &user, id).await?;
    let (facts, mls_limit) = facts_of(&mut tx, user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let phrases = super::phrases::phrase_list(&mut tx, user.org_id).await?;
    let states = sqlx::query!(
        r#"select t.kind, t.state, t.error, t.stale, t.tone, t.audience, t.current_version, t.approved_version,
             t.approved_at, u.name as "approved_by_name?"
           from listing_texts t left join users u on u.org_id = t.org_id and u.id = t.approved_by
           where t.org_id = $1 and t.listing_id = $2"#,
        user.org_id.0,
        id.0
    )
    .fetch_all(&mut *tx)
    .await?;
    let versions = sqlx::query_as!(
        VersionRow,
        r#"select v.kind, v.version, v.subject, v.body, v.origin, v.provider, v.model, v.tokens_in, v.tokens_out,
             v.cost_micro_usd, v.latency_ms, v.fallback_reason, v.word_count, v.checks, u.name as "created_by_name?",
             v.created_at
           from listing_text_versions v left join users u on u.org_id = v.org_id and u.id = v.created_by
           where v.org_id = $1 and v.listing_id = $2
           order by v.kind, v.version desc"#,
        user.org_id.0,
        id.0
    )
    .fetch_all(&mut *tx)
    .await?;
    let remaining = {
        let used = sqlx::query_scalar!(
            r#"select count(*) as "n!" from ai_usage where org_id = $1 and user_id = $2 and created_at > $3"#,
            user.org_id.0,
            user.user_id.0,
            now - chrono::Duration::hours(1)
        )
        .fetch_one(&mut *tx)
        .await?;
        (ctx.ai_user_limit_per_hour - used).max(0)
    };
    tx.commit().await?;

    let mut all_versions = versions;
    let mut texts = Vec::new();
    for kind in ContentKind::ALL {
        let state = states.iter().find(|s| s.kind == kind.as_str());
        let mut mine: Vec<VersionRow> = Vec::new();
        let mut rest = Vec::new();
        for v in all_versions.drain(..) {
            if v.kind == kind.as_str() {
                mine.push(v);
            } else {
                rest.push(v);
            }
        }
        all_versions = rest;
        let current_no = state.and_then(|s| s.current_version);
        let mut current = None;
        let mut history = Vec::new();
        for v in mine {
            if Some(v.version) == current_no {
                // checks of the current text run against today's phrase list and facts
                let text = GeneratedText {
                    subject: v.subject.clone(),
                    body: v.body.clone(),
                };
                let checks = run_checks(kind, &text, &facts, &phrases, mls_limit);
                current = Some(version_view(v, Some(checks)));
            } else if history.len() < HISTORY_SHOWN {
                history.push(version_view(v, None));
            }
        }
        texts.push(ListingText {
            kind,
            state: state.map_or("none".into(), |s| s.state.clone()),
            error: state.and_then(|s| s.error.clone()),
            stale: state.is_some_and(|s| s.stale),
            tone: state.and_then(|s| Tone::parse(&s.tone)).unwrap_or_default(),
            audience: state
                .and_then(|s| Audience::parse(&s.audience))
                .unwrap_or_default(),
            current,
            approved_version: state.and_then(|s| s.approved_version),
            approved_by_name: state.and_then(|s| s.approved_by_name.clone()),
            approved_at: state.and_then(|s| s.approved_at),
            history,
        });
    }
    let busy = texts
        .iter()
        .any(|t| matches!(t.state.as_str(), "queued" | "writing"));
    Ok(ListingTexts {
        texts,
        busy,
        provider: ctx.ai.name().to_owned(),
        model: ctx.ai.model().to_owned(),
        remaining_this_hour: remaining,
        phrases,
        mls_char_limit: mls_limit,
        can_generate: shared::auth::can(user.role, Permission::GenerateContent),
        can_approve: shared::auth::can(user.role, Permission::PublishContent),
    })
}

fn parse_kind(raw: &str) -> Result<ContentKind, AppError> {
    ContentKind::parse(raw.trim()).ok_or(AppError::NotFound)
}

/// Longest text accepted from the editor.
const BODY_MAX: usize = 20_000;
const SUBJECT_MAX: usize = 200;

pub async fn save(
    listing: String,
    kind: String,
    subject: String,
    body: String,
) -> Result<(), AppError> {
    let user = current_user()?;
    user.require(Permission::GenerateContent).await?;
    let id = listing_id(&listing)?;
    let kind = parse_kind(&kind)?;
    let body = body.trim().to_owned();
    let subject = subject.trim().to_owned();
    let mut errors = shared::FieldErrors::new();
    if body.is_empty() {
        errors.add("body", "Write the text, or cancel the edit.");
    } else if body.chars().count() > BODY_MAX {
        errors.add(
            "body",
            format!("Keep the text under {BODY_MAX} characters."),
        );
    }
    if subject.chars().count() > SUBJECT_MAX {
        errors.add(
            "subject",
            format!("Keep the subject under {SUBJECT_MAX} characters."),
        );
    }
    errors.into_result(())?;
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    access::editable_listing(&mut tx, &user, id).await?;
    let (facts, mls_limit) = facts_of(&mut tx, user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let phrases = super::phrases::phrase_list(&mut tx, user.org_id).await?;
    let text = GeneratedText {
        subject: (kind == ContentKind::Email && !subject.is_empty()).then_some(subject),
        body,
    };
    let checks = run_checks(kind, &text, &facts, &phrases, mls_limit);
    // the row exists once anything was generated; an agent may also write from scratch
    sqlx::query!(
        r#"insert into listing_texts (org_id, listing_id, kind, state) values ($1, $2, $3, 'ready')
           on conflict (org_id, listing_id, kind) do nothing"#,
        user.org_id.0,
        id.0,
        kind.as_str()
    )
    .execute(&mut *tx)
    .await?;
    let version = super::texts::record_edit(
        &mut tx,
        user.org_id,
        id,
        kind,
        &text,
        &checks,
        user.user_id,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        &audit::Entry::new(user.org_id, now, Some(user.user_id), "listing_text_edited")
            .target("listing", id)
            .detail(serde_json::json!({
                "kind": kind.as_str(), "version": version,
                "fair_housing_hits": checks.fair_housing.iter().map(|h| &h.matched).collect::<Vec<_>>(),
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A written reason is needed to approve a text with Fair Housing flags (anchors.md 4.5).
const OVERRIDE_MIN: usize = 10;

pub async fn approve(
    listing: String,
    kind: String,
    version: i32,
    reason: String,
) -> Result<(), AppError> {
    let user = current_user()?;
    user.require(Permission::PublishContent).await?;
    let id = listing_id(&listing)?;
    let kind = parse_kind(&kind)?;
    let reason = reason.trim().to_owned();
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    access::editable_listing(&mut tx, &user, id).await?;
    let current = sqlx::query!(
        r#"select t.current_version, v.subject, v.body, v.provider, v.model, v.origin
           from listing_texts t join listing_text_versions v
             on v.org_id = t.org_id and v.listing_id = t.listing_id and v.kind = t.kind and v.version = t.current_version
           where t.org_id = $1 and t.listing_id = $2 and t.kind = $3"#,
        user.org_id.0,
        id.0,
        kind.as_str()
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    if current.current_version != Some(version) {
        return Err(AppError::Conflict(
            "This text changed since you opened it. Review the latest version, then approve it."
                .into(),
        ));
    }
    let (facts, mls_limit) = facts_of(&mut tx, user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let phrases = super::phrases::phrase_list(&mut tx, user.org_id).await?;
    let text = GeneratedText {
        subject: current.subject.clone(),
        body: current.body.clone(),
    };
    let checks = run_checks(kind, &text, &facts, &phrases, mls_limit);
    if !checks.fair_housing.is_empty() && reason.chars().count() < OVERRIDE_MIN {
        return Err(AppError::field(
            "override_reason",
            "This text has Fair Housing flags. Edit them out, or write why it is fine to publish (at least 10 characters).",
        ));
    }
    sqlx::query!(
        r#"update listing_texts set approved_version = $4, approved_by = $5, approved_at = $6
           where org_id = $1 and listing_id = $2 and kind = $3"#,
        user.org_id.0,
        id.0,
        kind.as_str(),
        version,
        user.user_id.0,
        now
    )
    .execute(&mut *tx)
    .await?;
    // the audit trail of a publish decision: the text, its flags, who approved and why
    audit::record(
        &mut tx,
        &audit::Entry::new(user.org_id, now, Some(user.user_id), "listing_text_approved")
            .target("listing", id)
            .detail(serde_json::json!({
                "kind": kind.as_str(), "version": version, "origin": current.origin,
                "provider": current.provider, "model": current.model,
                "text": full_text(&text),
                "fair_housing_hits": checks.fair_housing.iter().map(|h| serde_json::json!({"phrase": h.phrase, "category": h.category})).collect::<Vec<_>>(),
                "grounding_flags": checks.grounding.len(),
                "override_reason": (!checks.fair_housing.is_empty()).then_some(reason),
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn record_shared(listing: String, kind: String, how: String) -> Result<(), AppError> {
    let user = current_user()?;
    user.require(Permission::ReadProperty).await?;
    let id = listing_id(&listing)?;
    let kind = parse_kind(&kind)?;
    let how = if how == "share" { "share" } else { "copy" };
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    access::visible_listing(&mut tx, &user, id).await?;
    audit::record(
        &mut tx,
        &audit::Entry::new(user.org_id, now, Some(user.user_id), "listing_text_shared")
            .target("listing", id)
            .detail(serde_json::json!({ "kind": kind.as_str(), "how": how })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
