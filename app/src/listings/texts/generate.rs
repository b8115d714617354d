//! AI listing copy (ssr only): queue generations (rate-limited, one background job per
//! text), the job's body, edits as new versions, approval with the Fair Housing override
//! rule, and marking texts stale when the facts change (product.md "AI content").

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shared::auth::Permission;
use shared::content::{
    length_issues, word_count, Audience, ContentKind, ContentOptions, GeneratedText, ListingFacts,
    Tone,
};
use shared::fair_housing::{self, Phrase};
use shared::grounding::check_grounding;
use shared::ids::{ListingId, OrgId, UserId};
use shared::listing_dto::TextState;
use sqlx::PgConnection;
use std::sync::Arc;
use uuid::Uuid;

use super::db;
use crate::error::AppError;
use crate::listings::access::{self, listing_id};
use crate::listings::db as listings_db;
use crate::platform::ai::{AiOutput, AiTask};
use crate::platform::jobs::{self, Job};
use crate::platform::{ai_meter, tenant_tx, Scope, ServerCtx};

/// The job that writes one text; `request_id` is the request it fulfils (a newer
/// request supersedes it, a re-delivery writes nothing).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GenerateText {
    pub org_id: Uuid,
    pub listing_id: Uuid,
    pub kind: String,
    pub request_id: Uuid,
    pub usage_id: Uuid,
    pub user_id: Uuid,
}

impl Job for GenerateText {
    const NAME: &'static str = "generate_listing_text";

    fn key(&self) -> Option<String> {
        Some(format!("text:{}:{}", self.listing_id, self.kind))
    }

    async fn run(self, ctx: Arc<ServerCtx>) -> Result<(), AppError> {
        run_generation(&ctx, &self).await
    }
}

/// What the checks found in a text.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Checks {
    pub fair_housing: Vec<fair_housing::Hit>,
    pub grounding: Vec<shared::grounding::GroundingFlag>,
    pub length: Vec<String>,
}

pub fn run_checks(
    kind: ContentKind,
    text: &GeneratedText,
    facts: &ListingFacts,
    phrases: &[Phrase],
    mls_limit: usize,
) -> Checks {
    let whole = full_text(text);
    Checks {
        fair_housing: fair_housing::check(&whole, phrases),
        grounding: check_grounding(&whole, facts),
        length: length_issues(kind, text, mls_limit),
    }
}

/// Subject and body as one text, the way people read it (offsets of hits refer to this).
pub fn full_text(text: &GeneratedText) -> String {
    match &text.subject {
        Some(s) if !s.is_empty() => format!("{s}\n\n{}", text.body),
        _ => text.body.clone(),
    }
}

fn parse_kinds(raw: &str) -> Result<Vec<ContentKind>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() || raw == "all" {
        return Ok(ContentKind::ALL.to_vec());
    }
    raw.split(',')
        .map(|k| {
            ContentKind::parse(k.trim())
                .ok_or_else(|| AppError::field("kinds", "Choose what to write."))
        })
        .collect()
}

pub async fn generate(
    s: &Scope,
    listing: String,
    kinds: String,
    tone: String,
    audience: String,
    open_house_when: String,
) -> Result<(), AppError> {
    s.require(Permission::GenerateContent).await?;
    let (user, now) = (&s.user, s.now);
    let id = listing_id(&listing)?;
    let kinds = parse_kinds(&kinds)?;
    let tone = Tone::parse(tone.trim()).unwrap_or_default();
    let audience = Audience::parse(audience.trim()).unwrap_or_default();
    let when: String = open_house_when.trim().chars().take(120).collect();
    let mut tx = s.tx().await?;
    access::visible_listing(&mut tx, user, id).await?;
    let purposes: Vec<String> = kinds
        .iter()
        .map(|k| format!("listing_{}", k.as_str()))
        .collect();
    let usage_ids = ai_meter::reserve_and_record(
        &mut tx,
        &s.ctx,
        user.org_id,
        user.user_id,
        Some(id.0),
        &purposes,
        now,
    )
    .await?;
    for (kind, usage_id) in kinds.iter().zip(usage_ids) {
        let request_id = Uuid::new_v4();
        db::queue_text(
            &mut tx,
            user.org_id,
            id,
            *kind,
            request_id,
            user.user_id,
            now,
            (tone, audience, &when),
        )
        .await?;
        // in this transaction: the job exists if and only if the request committed
        let job = GenerateText {
            org_id: user.org_id.0,
            listing_id: id.0,
            kind: kind.as_str().to_owned(),
            request_id,
            usage_id,
            user_id: user.user_id.0,
        };
        jobs::enqueue(&mut tx, &job).await?;
    }
    s.audit("listing_texts_requested")
        .target("listing", id)
        .detail(serde_json::json!({
            "kinds": kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            "tone": tone.as_str(), "audience": audience.as_str(),
        }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Facts of a listing for writing, and the org's MLS character limit.
pub async fn facts_of(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
) -> Result<Option<(ListingFacts, usize)>, sqlx::Error> {
    let Some(row) = listings_db::select_listing(conn, org, id).await? else {
        return Ok(None);
    };
    let limit = db::mls_char_limit(conn, org).await?;
    Ok(Some((
        row.input()
            .facts(row.status(), &row.agent_name, &row.agent_email),
        limit as usize,
    )))
}

/// The job body: write one text and record it. Idempotent: a superseded request
/// (regenerated since) or an already-recorded one writes nothing.
async fn run_generation(ctx: &ServerCtx, job: &GenerateText) -> Result<(), AppError> {
    let org = OrgId(job.org_id);
    let id = ListingId(job.listing_id);
    let Some(kind) = ContentKind::parse(&job.kind) else {
        return Ok(());
    };
    let mut tx = tenant_tx(&ctx.pool, org).await?;
    let Some(state) = db::lock_text(&mut tx, org, id, kind).await? else {
        return Ok(());
    };
    if state.request_id != Some(job.request_id) || !state.state.is_busy() {
        return Ok(());
    }
    db::set_state(&mut tx, org, id, kind, TextState::Writing).await?;
    let Some((facts, mls_limit)) = facts_of(&mut tx, org, id).await? else {
        return Ok(());
    };
    let phrases = crate::fair_housing::phrases::phrase_list(&mut tx, org).await?;
    tx.commit().await?;

    let options = ContentOptions {
        tone: Tone::parse(&state.tone).unwrap_or_default(),
        audience: Audience::parse(&state.audience).unwrap_or_default(),
        mls_char_limit: mls_limit,
        open_house_when: state.open_house_when.clone(),
    };
    let task = AiTask::ListingCopy {
        kind,
        facts: facts.clone(),
        options: options.clone(),
    };
    let result = ctx.ai.generate(&task).await;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, org).await?;
    match &result {
        Ok(out) => {
            let checks = run_checks(kind, &out.text, &facts, &phrases, mls_limit);
            record_version(
                &mut tx,
                org,
                id,
                kind,
                &out.text,
                Origin::Generated(out, job, &options),
                &checks,
                Some(UserId(job.user_id)),
                now,
            )
            .await?;
        }
        Err(e) => {
            let message = format!("The text could not be written: {e}. Try again.");
            db::set_failed(&mut tx, org, id, kind, job.request_id, &message).await?;
        }
    }
    ai_meter::finish(
        &mut tx,
        org,
        job.usage_id,
        result.as_ref().map_err(|_| ()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

enum Origin<'a> {
    Generated(&'a AiOutput, &'a GenerateText, &'a ContentOptions),
    Edited,
}

/// Appends a version and makes it current (approval is cleared: a new text needs a new
/// sign-off). For a generated text, only if its request is still the current one.
#[allow(clippy::too_many_arguments)]
async fn record_version(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    kind: ContentKind,
    text: &GeneratedText,
    origin: Origin<'_>,
    checks: &Checks,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<i32, sqlx::Error> {
    let version = db::next_version(conn, org, id, kind).await?;
    let (origin, ai, request, options) = match origin {
        Origin::Generated(out, job, options) => {
            ("generated", Some(out), Some(job.request_id), Some(options))
        }
        Origin::Edited => ("edited", None, None, None),
    };
    let new = db::NewVersion {
        kind,
        version,
        subject: text.subject.as_deref(),
        body: &text.body,
        origin,
        request,
        ai,
        tone: options.map(|o| o.tone),
        audience: options.map(|o| o.audience),
        word_count: word_count(&text.body) as i32,
        checks: serde_json::to_value(checks).unwrap_or_default(),
        by,
        at: now,
    };
    if !db::insert_version(conn, org, id, &new).await? {
        return Ok(version - 1);
    }
    db::make_current(conn, org, id, kind, version, request).await?;
    Ok(version)
}

/// An agent's edit as a new current version.
#[allow(clippy::too_many_arguments)]
pub async fn record_edit(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    kind: ContentKind,
    text: &GeneratedText,
    checks: &Checks,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<i32, sqlx::Error> {
    record_version(
        conn,
        org,
        id,
        kind,
        text,
        Origin::Edited,
        checks,
        Some(by),
        now,
    )
    .await
}
