//! The pricing card (F-012, ssr only): comparables from the org's own sold and active
//! listings, the pure suggestion from `shared::pricing`, and the AI's explanation of it.

use shared::auth::Permission;
use shared::ids::{ListingId, OrgId};
use shared::listing::{ListingStatus, PropertyType};
use shared::listing_dto::PricingCard;
use shared::pricing::{suggest_price, Comparable, PricingSubject};
use sqlx::PgConnection;

use super::access::{self, listing_id};
use super::db;
use crate::error::AppError;
use crate::platform::ai::AiTask;
use crate::platform::{ctx, current_user, tenant_tx};

/// Candidates read per request: the pure function picks the best ten of these.
const CANDIDATES_MAX: i64 = 200;

async fn candidates(
    conn: &mut PgConnection,
    org: OrgId,
    property_type: PropertyType,
    postal_code: &str,
    city: &str,
    except: ListingId,
) -> Result<Vec<Comparable>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select id, title, street, city, postal_code, status::text as "status!", price_cents, living_area_sqft, bedrooms
           from listings
           where org_id = $1 and property_type = $2::text::property_type and archived_at is null and id <> $5
             and status in ('sold', 'active')
             and (postal_code = $3 or lower(city) = lower($4))
           order by (postal_code = $3) desc, status_changed_at desc
           limit $6"#,
        org.0,
        property_type.as_str(),
        postal_code,
        city,
        except.0,
        CANDIDATES_MAX
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Comparable {
            id: r.id,
            title: r.title,
            street: r.street,
            city: r.city,
            postal_code: r.postal_code,
            property_type,
            status: ListingStatus::parse(&r.status).unwrap_or(ListingStatus::Active),
            price_cents: r.price_cents,
            living_area_sqft: r.living_area_sqft,
            bedrooms: r.bedrooms,
        })
        .collect())
}

pub async fn get(listing: String) -> Result<PricingCard, AppError> {
    let user = current_user()?;
    user.require(Permission::ReadProperty).await?;
    let id = listing_id(&listing)?;
    let ctx = ctx()?;
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    access::visible_listing(&mut tx, &user, id).await?;
    let row = db::select_listing(&mut tx, user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let subject = PricingSubject {
        id: Some(row.id),
        property_type: row.property_type(),
        city: row.city.clone(),
        postal_code: row.postal_code.clone(),
        living_area_sqft: row.living_area_sqft,
        bedrooms: row.bedrooms,
        list_price_cents: Some(row.price_cents),
    };
    let comps = candidates(
        &mut tx,
        user.org_id,
        subject.property_type,
        &subject.postal_code,
        &subject.city,
        id,
    )
    .await?;
    tx.commit().await?;
    let suggestion = suggest_price(&subject, &comps);
    let facts = row
        .input()
        .facts(row.status(), &row.agent_name, &row.agent_email);
    let brief = suggestion.to_brief(facts);
    // the explanation only puts the computed numbers into words
    let (explanation, provider, fallback_reason) = match ctx
        .ai
        .generate(&AiTask::PriceExplanation(brief.clone()))
        .await
    {
        Ok(out) => (out.text.body, out.provider, out.fallback_reason),
        Err(e) => (
            String::new(), // was shared::writer::write_price_explanation (now server::ai::writer)
            "offline".to_owned(),
            Some(format!(
                "The AI service failed ({e}); the built-in writer wrote this."
            )),
        ),
    };
    Ok(PricingCard {
        suggestion,
        explanation,
        provider,
        fallback_reason,
    })
}
