//! Listing text SQL (ssr only): the per-kind state row, versions, approval.

use chrono::{DateTime, Utc};
use shared::content::{Audience, ContentKind, Tone};
use shared::ids::{ListingId, OrgId, UserId};
use shared::listing_dto::TextState;
use sqlx::PgConnection;
use uuid::Uuid;

/// Marks a text as queued for `request` (a new request supersedes an older one).
#[allow(clippy::too_many_arguments)]
pub async fn queue_text(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    kind: ContentKind,
    request: Uuid,
    by: UserId,
    now: DateTime<Utc>,
    (tone, audience, when): (Tone, Audience, &str),
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into listing_texts (org_id, listing_id, kind, state, request_id, requested_by, requested_at,
             tone, audience, open_house_when, error)
           values ($1, $2, $3, $10, $4, $5, $6, $7, $8, nullif($9, ''), null)
           on conflict (org_id, listing_id, kind) do update set state = $10, request_id = $4,
             requested_by = $5, requested_at = $6, tone = $7, audience = $8,
             open_house_when = nullif($9, ''), error = null"#,
        org.0,
        id.0,
        kind.as_str(),
        request,
        by.0,
        now,
        tone.as_str(),
        audience.as_str(),
        when,
        TextState::Queued.as_str(),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A text's request as the job sees it, locked until the transaction ends.
pub struct QueuedText {
    pub state: TextState,
    pub request_id: Option<Uuid>,
    pub tone: String,
    pub audience: String,
    pub open_house_when: Option<String>,
}

pub async fn lock_text(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    kind: ContentKind,
) -> Result<Option<QueuedText>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select state, request_id, tone, audience, open_house_when from listing_texts
           where org_id = $1 and listing_id = $2 and kind = $3 for update"#,
        org.0,
        id.0,
        kind.as_str()
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| QueuedText {
        state: TextState::parse(&r.state),
        request_id: r.request_id,
        tone: r.tone,
        audience: r.audience,
        open_house_when: r.open_house_when,
    }))
}

pub async fn set_state(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    kind: ContentKind,
    state: TextState,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update listing_texts set state = $4 where org_id = $1 and listing_id = $2 and kind = $3",
        org.0,
        id.0,
        kind.as_str(),
        state.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The request failed: the message the card shows.
pub async fn set_failed(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    kind: ContentKind,
    request: Uuid,
    error: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update listing_texts set state = $6, error = $4
           where org_id = $1 and listing_id = $2 and kind = $3 and request_id = $5"#,
        org.0,
        id.0,
        kind.as_str(),
        error,
        request,
        TextState::Failed.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The org's MLS remarks limit (product.md: configurable, default 1,000).
pub async fn mls_char_limit(conn: &mut PgConnection, org: OrgId) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!("select mls_char_limit from orgs where id = $1", org.0)
        .fetch_one(conn)
        .await
}

pub async fn next_version(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    kind: ContentKind,
) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select coalesce(max(version), 0) + 1 as "v!" from listing_text_versions
           where org_id = $1 and listing_id = $2 and kind = $3"#,
        org.0,
        id.0,
        kind.as_str()
    )
    .fetch_one(conn)
    .await
}

/// A version as stored: the text, where it came from and what it cost.
pub struct NewVersion<'a> {
    pub kind: ContentKind,
    pub version: i32,
    pub subject: Option<&'a str>,
    pub body: &'a str,
    pub origin: &'static str,
    pub request: Option<Uuid>,
    pub ai: Option<&'a crate::platform::ai::AiOutput>,
    pub tone: Option<Tone>,
    pub audience: Option<Audience>,
    pub word_count: i32,
    pub checks: serde_json::Value,
    pub by: Option<UserId>,
    pub at: DateTime<Utc>,
}

/// Inserts a version; false when its request was recorded already (a re-delivered job).
pub async fn insert_version(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    v: &NewVersion<'_>,
) -> Result<bool, sqlx::Error> {
    let n = sqlx::query!(
        r#"insert into listing_text_versions (org_id, id, listing_id, kind, version, subject, body, origin, request_id,
             provider, model, tone, audience, tokens_in, tokens_out, cost_micro_usd, latency_ms, fallback_reason,
             word_count, checks, created_by, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
           on conflict (org_id, request_id) do nothing"#,
        org.0,
        Uuid::new_v4(),
        id.0,
        v.kind.as_str(),
        v.version,
        v.subject,
        v.body,
        v.origin,
        v.request,
        v.ai.map(|o| o.provider.clone()),
        v.ai.map(|o| o.model.clone()),
        v.tone.map(Tone::as_str),
        v.audience.map(Audience::as_str),
        v.ai.map(|o| o.tokens_in),
        v.ai.map(|o| o.tokens_out),
        v.ai.map(|o| o.cost_micro_usd),
        v.ai.map(|o| o.latency_ms),
        v.ai.and_then(|o| o.fallback_reason.clone()),
        v.word_count,
        v.checks,
        v.by.map(|u| u.0),
        v.at
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n > 0)
}

/// Makes `version` current and ready (approval cleared: a new text needs a new sign-off),
/// for a generated text only while its request is still the current one.
pub async fn make_current(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    kind: ContentKind,
    version: i32,
    request: Option<Uuid>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update listing_texts set state = $6, error = null, current_version = $4, stale = false,
             approved_version = null, approved_by = null, approved_at = null
           where org_id = $1 and listing_id = $2 and kind = $3 and ($5::uuid is null or request_id = $5)"#,
        org.0,
        id.0,
        kind.as_str(),
        version,
        request,
        TextState::Ready.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
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

/// The state row exists once anything was generated; an agent may also write from scratch.
pub async fn ensure_text(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    kind: ContentKind,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into listing_texts (org_id, listing_id, kind, state) values ($1, $2, $3, $4)
           on conflict (org_id, listing_id, kind) do nothing"#,
        org.0,
        id.0,
        kind.as_str(),
        TextState::Ready.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Each kind's state row with the approver's name.
pub struct StateRow {
    pub kind: String,
    pub state: TextState,
    pub error: Option<String>,
    pub stale: bool,
    pub tone: String,
    pub audience: String,
    pub current_version: Option<i32>,
    pub approved_version: Option<i32>,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by_name: Option<String>,
}

pub async fn select_states(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
) -> Result<Vec<StateRow>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select t.kind, t.state, t.error, t.stale, t.tone, t.audience, t.current_version, t.approved_version,
             t.approved_at, u.name as "approved_by_name?"
           from listing_texts t left join users u on u.org_id = t.org_id and u.id = t.approved_by
           where t.org_id = $1 and t.listing_id = $2"#,
        org.0,
        id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| StateRow {
            kind: r.kind,
            state: TextState::parse(&r.state),
            error: r.error,
            stale: r.stale,
            tone: r.tone,
            audience: r.audience,
            current_version: r.current_version,
            approved_version: r.approved_version,
            approved_at: r.approved_at,
            approved_by_name: r.approved_by_name,
        })
        .collect())
}

/// A stored version with its author's name.
pub struct VersionRow {
    pub kind: String,
    pub version: i32,
    pub subject: Option<String>,
    pub body: String,
    pub origin: String,
    pub provider: Option<String>,
    pub model: Option<String>,
    pub tokens_in: Option<i32>,
    pub tokens_out: Option<i32>,
    pub cost_micro_usd: Option<i64>,
    pub latency_ms: Option<i32>,
    pub fallback_reason: Option<String>,
    pub word_count: i32,
    pub checks: serde_json::Value,
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Every version of the listing's texts, newest first per kind.
pub async fn select_versions(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
) -> Result<Vec<VersionRow>, sqlx::Error> {
    sqlx::query_as!(
        VersionRow,
        r#"select v.kind, v.version, v.subject, v.body, v.origin, v.provider, v.model, v.tokens_in, v.tokens_out,
             v.cost_micro_usd, v.latency_ms, v.fallback_reason, v.word_count, v.checks, u.name as "created_by_name?",
             v.created_at
           from listing_text_versions v left join users u on u.org_id = v.org_id and u.id = v.created_by
           where v.org_id = $1 and v.listing_id = $2
           order by v.kind, v.version desc"#,
        org.0,
        id.0
    )
    .fetch_all(conn)
    .await
}

/// The current version of one kind, to approve.
pub struct CurrentText {
    pub current_version: Option<i32>,
    pub subject: Option<String>,
    pub body: String,
    pub provider: Option<String>,
    pub model: Option<String>,
    pub origin: String,
}

pub async fn select_current(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    kind: ContentKind,
) -> Result<Option<CurrentText>, sqlx::Error> {
    sqlx::query_as!(
        CurrentText,
        r#"select t.current_version, v.subject, v.body, v.provider, v.model, v.origin
           from listing_texts t join listing_text_versions v
             on v.org_id = t.org_id and v.listing_id = t.listing_id and v.kind = t.kind and v.version = t.current_version
           where t.org_id = $1 and t.listing_id = $2 and t.kind = $3"#,
        org.0,
        id.0,
        kind.as_str()
    )
    .fetch_optional(conn)
    .await
}

pub async fn approve(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    kind: ContentKind,
    version: i32,
    by: UserId,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update listing_texts set approved_version = $4, approved_by = $5, approved_at = $6
           where org_id = $1 and listing_id = $2 and kind = $3"#,
        org.0,
        id.0,
        kind.as_str(),
        version,
        by.0,
        at
    )
    .execute(conn)
    .await?;
    Ok(())
}
