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
use sqlx::PgConnection;
use uuid::Uuid;

pub use super::text_review::{approve, get, record_shared, save};

use super::access::{self, listing_id};
use super::db;
use crate::error::AppError;
use crate::platform::ai::{AiOutput, AiTask};
use crate::platform::{audit, ctx, current_user, tenant_tx, ServerCtx};

/// The job that writes one text (graphile_worker task identifier).
pub const JOB_GENERATE_TEXT: &str = "generate_listing_text";

/// The job's payload: which text, and which request it fulfils (idempotency key).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GenerateTextJob {
    pub org_id: Uuid,
    pub listing_id: Uuid,
    pub kind: String,
    pub request_id: Uuid,
    pub usage_id: Uuid,
    pub user_id: Uuid,
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
    listing: String,
    kinds: String,
    tone: String,
    audience: String,
    open_house_when: String,
) -> Result<(), AppError> {
    let user = current_user()?;
    user.require(Permission::GenerateContent).await?;
    let id = listing_id(&listing)?;
    let kinds = parse_kinds(&kinds)?;
    let tone = Tone::parse(tone.trim()).unwrap_or_default();
    let audience = Audience::parse(audience.trim()).unwrap_or_default();
    let when: String = open_house_when.trim().chars().take(120).collect();
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    access::editable_listing(&mut tx, &user, id).await?;
    // limits: per user and per org, counted and reserved under the org's lock
    crate::platform::ai_meter::reserve(
        &mut tx,
        &ctx,
        user.org_id,
        user.user_id,
        kinds.len() as i64,
        now,
    )
    .await?;
    for kind in &kinds {
        let request_id = Uuid::new_v4();
        let usage_id = Uuid::new_v4();
        sqlx::query!(
            r#"insert into listing_texts (org_id, listing_id, kind, state, request_id, requested_by, requested_at,
                 tone, audience, open_house_when, error)
               values ($1, $2, $3, 'queued', $4, $5, $6, $7, $8, nullif($9, ''), null)
               on conflict (org_id, listing_id, kind) do update set state = 'queued', request_id = $4,
                 requested_by = $5, requested_at = $6, tone = $7, audience = $8,
                 open_house_when = nullif($9, ''), error = null"#,
            user.org_id.0,
            id.0,
            kind.as_str(),
            request_id,
            user.user_id.0,
            now,
            tone.as_str(),
            audience.as_str(),
            when
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            r#"insert into ai_usage (org_id, id, user_id, listing_id, purpose, created_at)
               values ($1, $2, $3, $4, $5, $6)"#,
            user.org_id.0,
            usage_id,
            user.user_id.0,
            id.0,
            format!("listing_{}", kind.as_str()),
            now
        )
        .execute(&mut *tx)
        .await?;
        let job = GenerateTextJob {
            org_id: user.org_id.0,
            listing_id: id.0,
            kind: kind.as_str().to_owned(),
            request_id,
            usage_id,
            user_id: user.user_id.0,
        };
        // in this transaction: the job exists if and only if the request committed
        sqlx::query!(
            "select app_enqueue_job($1, $2::text::json, $3)",
            JOB_GENERATE_TEXT,
            serde_json::to_string(&job).map_err(|_| AppError::Internal)?,
            format!("text:{}:{}", id.0, kind.as_str())
        )
        .execute(&mut *tx)
        .await?;
    }
    audit::record(
        &mut tx,
        &audit::Entry::new(
            user.org_id,
            now,
            Some(user.user_id),
            "listing_texts_requested",
        )
        .target("listing", id)
        .detail(serde_json::json!({
            "kinds": kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            "tone": tone.as_str(), "audience": audience.as_str(),
        })),
    )
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
    let Some(row) = db::select_listing(conn, org, id).await? else {
        return Ok(None);
    };
    let limit = sqlx::query_scalar!("select mls_char_limit from orgs where id = $1", org.0)
        .fetch_one(&mut *conn)
        .await?;
    Ok(Some((
        row.input()
            .facts(row.status(), &row.agent_name, &row.agent_email),
        limit as usize,
    )))
}

/// The job body: write one text and record it. Idempotent: a superseded request
/// (regenerated since) or an already-recorded one writes nothing.
pub async fn run_generation(ctx: &ServerCtx, job: &GenerateTextJob) -> Result<(), sqlx::Error> {
    let org = OrgId(job.org_id);
    let id = ListingId(job.listing_id);
    let Some(kind) = ContentKind::parse(&job.kind) else {
        return Ok(());
    };
    let mut tx = tenant_tx(&ctx.pool, org)
        .await
        .map_err(|_| sqlx::Error::PoolClosed)?;
    let state = sqlx::query!(
        r#"select state, request_id, tone, audience, open_house_when from listing_texts
           where org_id = $1 and listing_id = $2 and kind = $3 for update"#,
        org.0,
        id.0,
        kind.as_str()
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(state) = state else { return Ok(()) };
    if state.request_id != Some(job.request_id)
        || !matches!(state.state.as_str(), "queued" | "writing")
    {
        return Ok(());
    }
    sqlx::query!(
        "update listing_texts set state = 'writing' where org_id = $1 and listing_id = $2 and kind = $3",
        org.0,
        id.0,
        kind.as_str()
    )
    .execute(&mut *tx)
    .await?;
    let Some((facts, mls_limit)) = facts_of(&mut tx, org, id).await? else {
        return Ok(());
    };
    let phrases = super::phrases::phrase_list(&mut tx, org).await?;
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
    let mut tx = tenant_tx(&ctx.pool, org)
        .await
        .map_err(|_| sqlx::Error::PoolClosed)?;
    match result {
        Ok(out) => {
            let checks = run_checks(kind, &out.text, &facts, &phrases, mls_limit);
            record_version(
                &mut tx,
                org,
                id,
                kind,
                &out.text,
                Origin::Generated(&out, job, &options),
                &checks,
                Some(UserId(job.user_id)),
                now,
            )
            .await?;
            finish_usage(&mut tx, org, job.usage_id, &out, now).await?;
        }
        Err(e) => {
            sqlx::query!(
                r#"update listing_texts set state = 'failed', error = $4
                   where org_id = $1 and listing_id = $2 and kind = $3 and request_id = $5"#,
                org.0,
                id.0,
                kind.as_str(),
                format!("The text could not be written: {e}. Try again."),
                job.request_id
            )
            .execute(&mut *tx)
            .await?;
            sqlx::query!(
                "update ai_usage set outcome = 'failed', finished_at = $3 where org_id = $1 and id = $2",
                org.0,
                job.usage_id,
                now
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn finish_usage(
    conn: &mut PgConnection,
    org: OrgId,
    usage: Uuid,
    out: &AiOutput,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let outcome = if out.fallback_reason.is_some() {
        "fallback"
    } else {
        "ok"
    };
    sqlx::query!(
        r#"update ai_usage set provider = $3, model = $4, tokens_in = $5, tokens_out = $6, cost_micro_usd = $7,
             latency_ms = $8, outcome = $9, finished_at = $10
           where org_id = $1 and id = $2"#,
        org.0,
        usage,
        out.provider,
        out.model,
        out.tokens_in,
        out.tokens_out,
        out.cost_micro_usd,
        out.latency_ms,
        outcome,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

enum Origin<'a> {
    Generated(&'a AiOutput, &'a GenerateTextJob, &'a ContentOptions),
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
    let version: i32 = sqlx::query_scalar!(
        r#"select coalesce(max(version), 0) + 1 as "v!" from listing_text_versions
           where org_id = $1 and listing_id = $2 and kind = $3"#,
        org.0,
        id.0,
        kind.as_str()
    )
    .fetch_one(&mut *conn)
    .await?;
    let (origin_s, out, request, options) = match origin {
        Origin::Generated(out, job, options) => {
            ("generated", Some(out), Some(job.request_id), Some(options))
        }
        Origin::Edited => ("edited", None, None, None),
    };
    let inserted = sqlx::query!(
        r#"insert into listing_text_versions (org_id, id, listing_id, kind, version, subject, body, origin, request_id,
             provider, model, tone, audience, tokens_in, tokens_out, cost_micro_usd, latency_ms, fallback_reason,
             word_count, checks, created_by, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
           on conflict (org_id, request_id) do nothing"#,
        org.0,
        Uuid::new_v4(),
        id.0,
        kind.as_str(),
        version,
        text.subject,
        text.body,
        origin_s,
        request,
        out.map(|o| o.provider.clone()),
        out.map(|o| o.model.clone()),
        options.map(|o| o.tone.as_str()),
        options.map(|o| o.audience.as_str()),
        out.map(|o| o.tokens_in),
        out.map(|o| o.tokens_out),
        out.map(|o| o.cost_micro_usd),
        out.map(|o| o.latency_ms),
        out.and_then(|o| o.fallback_reason.clone()),
        word_count(&text.body) as i32,
        serde_json::to_value(checks).unwrap_or_default(),
        by.map(|u| u.0),
        now
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(version - 1);
    }
    sqlx::query!(
        r#"update listing_texts set state = 'ready', error = null, current_version = $4, stale = false,
             approved_version = null, approved_by = null, approved_at = null
           where org_id = $1 and listing_id = $2 and kind = $3 and ($5::uuid is null or request_id = $5)"#,
        org.0,
        id.0,
        kind.as_str(),
        version,
        request
    )
    .execute(conn)
    .await?;
    Ok(version)
}

/// Texts written from facts that have since changed (seed 002 L2166).
pub async fn mark_stale(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update listing_texts set stale = true where org_id = $1 and listing_id = $2 and current_version is not null",
        org.0,
        id.0
    )
    .execute(conn)
    .await?;
    Ok(())
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
