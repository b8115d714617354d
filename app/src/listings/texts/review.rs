//! Reading, editing, approving and sharing AI listing texts (ssr only).

use shared::auth::Permission;
use shared::content::{Audience, ContentKind, GeneratedText, Tone};
use shared::listing_dto::{ListingText, ListingTexts, TextState, TextVersion};

use super::db::{self, VersionRow};
use super::generate::{facts_of, full_text, run_checks, Checks};
use crate::error::AppError;
use crate::listings::access::{self, listing_id};
use crate::platform::{ai_meter, Scope};

/// Versions shown per text (the rest stay in the database).
const HISTORY_SHOWN: usize = 10;

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

pub async fn get(s: &Scope, listing: String) -> Result<ListingTexts, AppError> {
    s.require(Permission::ReadProperty).await?;
    let (user, ctx) = (&s.user, &s.ctx);
    let id = listing_id(&listing)?;
    let mut tx = s.tx().await?;
    access::visible_listing(&mut tx, user, id).await?;
    let (facts, mls_limit) = facts_of(&mut tx, user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let phrases = crate::fair_housing::phrases::phrase_list(&mut tx, user.org_id).await?;
    let states = db::select_states(&mut tx, user.org_id, id).await?;
    let versions = db::select_versions(&mut tx, user.org_id, id).await?;
    let remaining =
        ai_meter::remaining_for_user(&mut tx, ctx, user.org_id, user.user_id, s.now).await?;
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
            state: state.map_or(TextState::None, |s| s.state),
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
    let busy = texts.iter().any(|t| t.state.is_busy());
    Ok(ListingTexts {
        texts,
        busy,
        provider: ctx.ai.name().to_owned(),
        model: ctx.ai.model().to_owned(),
        remaining_this_hour: remaining,
        phrases,
        mls_char_limit: mls_limit,
        can_generate: s.can(Permission::GenerateContent),
        can_approve: s.can(Permission::PublishContent),
    })
}

fn parse_kind(raw: &str) -> Result<ContentKind, AppError> {
    ContentKind::parse(raw.trim()).ok_or(AppError::NotFound)
}

pub async fn save(
    s: &Scope,
    listing: String,
    kind: String,
    subject: String,
    body: String,
) -> Result<(), AppError> {
    s.require(Permission::GenerateContent).await?;
    let user = &s.user;
    let id = listing_id(&listing)?;
    let kind = parse_kind(&kind)?;
    let (subject, body) = shared::content::parse_text_edit(&subject, &body)?;
    let mut tx = s.tx().await?;
    access::visible_listing(&mut tx, user, id).await?;
    let (facts, mls_limit) = facts_of(&mut tx, user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let phrases = crate::fair_housing::phrases::phrase_list(&mut tx, user.org_id).await?;
    let text = GeneratedText {
        subject: (kind == ContentKind::Email && !subject.is_empty()).then_some(subject),
        body,
    };
    let checks = run_checks(kind, &text, &facts, &phrases, mls_limit);
    db::ensure_text(&mut tx, user.org_id, id, kind).await?;
    let version = super::generate::record_edit(
        &mut tx,
        user.org_id,
        id,
        kind,
        &text,
        &checks,
        user.user_id,
        s.now,
    )
    .await?;
    s.audit("listing_text_edited")
        .target("listing", id)
        .detail(serde_json::json!({
            "kind": kind.as_str(), "version": version,
            "fair_housing_hits": checks.fair_housing.iter().map(|h| &h.matched).collect::<Vec<_>>(),
        }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn approve(
    s: &Scope,
    listing: String,
    kind: String,
    version: i32,
    reason: String,
) -> Result<(), AppError> {
    s.require(Permission::PublishContent).await?;
    let user = &s.user;
    let id = listing_id(&listing)?;
    let kind = parse_kind(&kind)?;
    let reason = reason.trim().to_owned();
    let mut tx = s.tx().await?;
    access::visible_listing(&mut tx, user, id).await?;
    let current = db::select_current(&mut tx, user.org_id, id, kind)
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
    let phrases = crate::fair_housing::phrases::phrase_list(&mut tx, user.org_id).await?;
    let text = GeneratedText {
        subject: current.subject.clone(),
        body: current.body.clone(),
    };
    let checks = run_checks(kind, &text, &facts, &phrases, mls_limit);
    // a written reason is needed to approve a text with Fair Housing flags (anchors.md 4.5)
    let flagged = !checks.fair_housing.is_empty();
    if let Some(problem) = shared::content::override_reason_problem(&reason, flagged) {
        return Err(AppError::field("override_reason", problem));
    }
    db::approve(&mut tx, user.org_id, id, kind, version, user.user_id, s.now).await?;
    // the audit trail of a publish decision: the text, its flags, who approved and why
    s.audit("listing_text_approved")
        .target("listing", id)
        .detail(serde_json::json!({
                "kind": kind.as_str(), "version": version, "origin": current.origin,
                "provider": current.provider, "model": current.model,
                "text": full_text(&text),
                "fair_housing_hits": checks.fair_housing.iter().map(|h| serde_json::json!({"phrase": h.phrase, "category": h.category})).collect::<Vec<_>>(),
                "grounding_flags": checks.grounding.len(),
                "override_reason": (!checks.fair_housing.is_empty()).then_some(reason),
            }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn record_shared(
    s: &Scope,
    listing: String,
    kind: String,
    how: String,
) -> Result<(), AppError> {
    s.require(Permission::ReadProperty).await?;
    let id = listing_id(&listing)?;
    let kind = parse_kind(&kind)?;
    let how = if how == "share" { "share" } else { "copy" };
    let mut tx = s.tx().await?;
    access::visible_listing(&mut tx, &s.user, id).await?;
    s.audit("listing_text_shared")
        .target("listing", id)
        .detail(serde_json::json!({ "kind": kind.as_str(), "how": how }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
