//! The pricing card (F-012, ssr only): comparables from the org's own sold and active
//! listings, the pure suggestion from `shared::pricing`, and the AI's explanation of
//! it. The explanation is written by the `ExplainPrice` job once per set of
//! comparables (metered like every AI request) and cached; a page render never waits
//! for the AI.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::auth::Permission;
use shared::content::PricingBrief;
use shared::ids::{ListingId, OrgId, UserId};
use shared::listing_dto::PricingCard;
use shared::pricing::{suggest_price, PricingSubject};
use sqlx::PgConnection;

use super::db;
use crate::error::AppError;
use crate::listings::access::{self, listing_id};
use crate::listings::db as listings_db;
use crate::platform::ai::AiTask;
use crate::platform::jobs::{self, Job};
use crate::platform::{ai_meter, tenant_tx, Scope, ServerCtx};

/// An explanation asked for but not written (the AI limit was reached, or the job
/// failed for good) is asked for again after this long.
const RETRY_AFTER_MINUTES: i64 = 60;

/// The listing's suggestion and the brief its explanation is written from.
async fn brief_of(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
) -> Result<Option<(shared::pricing::PriceSuggestion, PricingBrief)>, sqlx::Error> {
    let Some(row) = listings_db::select_listing(conn, org, id).await? else {
        return Ok(None);
    };
    let subject = PricingSubject {
        id: Some(row.id),
        property_type: row.property_type(),
        city: row.city.clone(),
        postal_code: row.postal_code.clone(),
        living_area_sqft: row.living_area_sqft,
        bedrooms: row.bedrooms,
        list_price_cents: Some(row.price_cents),
    };
    let comps = db::candidates(
        conn,
        org,
        subject.property_type,
        &subject.postal_code,
        &subject.city,
        id,
    )
    .await?;
    let suggestion = suggest_price(&subject, &comps);
    let facts = row
        .input()
        .facts(row.status(), &row.agent_name, &row.agent_email);
    let brief = suggestion.to_brief(facts);
    Ok(Some((suggestion, brief)))
}

/// Identifies what an explanation was written from: the suggestion's numbers, the
/// comparables it used and the listing's facts.
fn brief_key(brief: &PricingBrief) -> String {
    let json = serde_json::to_vec(brief).unwrap_or_default();
    hex::encode(Sha256::digest(&json))
}

pub async fn get(s: &Scope, listing: String) -> Result<PricingCard, AppError> {
    s.require(Permission::ReadProperty).await?;
    let (org, now) = (s.user.org_id, s.now);
    let id = listing_id(&listing)?;
    let mut tx = s.tx().await?;
    access::visible_listing(&mut tx, &s.user, id).await?;
    let (suggestion, brief) = brief_of(&mut tx, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = brief_key(&brief);
    let cached = db::select_explanation(&mut tx, org, id).await?;
    let card = |e: Option<&db::Explanation>, pending: bool| PricingCard {
        suggestion: suggestion.clone(),
        explanation: e.and_then(|e| e.body.clone()).unwrap_or_default(),
        provider: e.and_then(|e| e.provider.clone()).unwrap_or_default(),
        fallback_reason: e.and_then(|e| e.fallback_reason.clone()),
        explanation_pending: pending,
    };
    let out = match &cached {
        Some(e) if e.comparables_key == key && e.body.is_some() => card(Some(e), false),
        Some(e)
            if e.comparables_key == key
                && now - e.requested_at < chrono::Duration::minutes(RETRY_AFTER_MINUTES) =>
        {
            card(None, true)
        }
        _ if suggestion.suggested_cents.is_none() => card(None, false),
        _ => {
            // these comparables have no explanation yet: ask for one (a cache fill, not
            // a change the user makes; the job key makes repeated views one job)
            db::request_explanation(&mut tx, org, id, &key, now).await?;
            let job = ExplainPrice {
                org_id: org,
                listing_id: id,
                user_id: s.user.user_id,
                comparables_key: key,
            };
            jobs::enqueue(&mut tx, &job).await?;
            card(None, true)
        }
    };
    tx.commit().await?;
    Ok(out)
}

/// Writes the explanation of a listing's price for one set of comparables.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExplainPrice {
    pub org_id: OrgId,
    pub listing_id: ListingId,
    /// Who looked at the card: the request counts against their AI limit.
    pub user_id: UserId,
    pub comparables_key: String,
}

impl Job for ExplainPrice {
    const NAME: &'static str = "explain_listing_price";
    const MAX_ATTEMPTS: i32 = 3;

    fn key(&self) -> Option<String> {
        Some(format!("price:{}", self.listing_id))
    }

    async fn run(self, ctx: Arc<ServerCtx>) -> Result<(), AppError> {
        let (org, id) = (self.org_id, self.listing_id);
        let now = ctx.clock.now();
        let mut tx = tenant_tx(&ctx.pool, org).await?;
        let Some((_, brief)) = brief_of(&mut tx, org, id).await? else {
            return Ok(()); // the listing is gone
        };
        if brief_key(&brief) != self.comparables_key {
            return Ok(()); // the comparables changed since: a newer job explains those
        }
        let purposes = ["pricing_explanation".to_owned()];
        let usage = match ai_meter::reserve_and_record(
            &mut tx,
            &ctx,
            org,
            self.user_id,
            Some(id.0),
            &purposes,
            now,
        )
        .await
        {
            Ok(ids) => ids[0],
            // over the limit: no explanation this time (asked for again later)
            Err(AppError::RateLimited { .. }) => return Ok(()),
            Err(e) => return Err(e),
        };
        tx.commit().await?;
        let result = ctx.ai.generate(&AiTask::PriceExplanation(brief)).await;
        let now = ctx.clock.now();
        let mut tx = tenant_tx(&ctx.pool, org).await?;
        ai_meter::finish(&mut tx, org, usage, result.as_ref().map_err(|_| ()), now).await?;
        if let Ok(out) = &result {
            db::store_explanation(
                &mut tx,
                org,
                id,
                &self.comparables_key,
                &out.text.body,
                &out.provider,
                &out.model,
                out.fallback_reason.as_deref(),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        result.map(|_| ()).map_err(|e| {
            tracing::warn!(error = %e, "price explanation failed");
            AppError::Unavailable
        })
    }
}
