//! Pricing SQL (ssr only): comparable candidates and the explanation cache.

use chrono::{DateTime, Utc};
use shared::ids::{ListingId, OrgId};
use shared::listing::{ListingStatus, PropertyType};
use shared::pricing::Comparable;
use sqlx::PgConnection;

/// Candidates read per request: the pure function picks the best ten of these.
const CANDIDATES_MAX: i64 = 200;

pub async fn candidates(
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

/// The cached explanation of a listing's price, whichever comparables it was for.
pub struct Explanation {
    pub comparables_key: String,
    pub body: Option<String>,
    pub provider: Option<String>,
    pub fallback_reason: Option<String>,
    pub requested_at: DateTime<Utc>,
}

pub async fn select_explanation(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
) -> Result<Option<Explanation>, sqlx::Error> {
    sqlx::query_as!(
        Explanation,
        r#"select comparables_key, body, provider, fallback_reason, requested_at
           from listing_price_explanations where org_id = $1 and listing_id = $2"#,
        org.0,
        id.0
    )
    .fetch_optional(conn)
    .await
}

/// Asks for an explanation of these comparables: whatever was written for others is dropped.
pub async fn request_explanation(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into listing_price_explanations (org_id, listing_id, comparables_key, requested_at)
           values ($1, $2, $3, $4)
           on conflict (org_id, listing_id) do update set comparables_key = $3, requested_at = $4,
             body = null, provider = null, model = null, fallback_reason = null, written_at = null"#,
        org.0,
        id.0,
        key,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores a written explanation, if it is still for the current comparables.
#[allow(clippy::too_many_arguments)]
pub async fn store_explanation(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    key: &str,
    body: &str,
    provider: &str,
    model: &str,
    fallback_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update listing_price_explanations set body = $4, provider = $5, model = $6, fallback_reason = $7,
             written_at = $8
           where org_id = $1 and listing_id = $2 and comparables_key = $3"#,
        org.0,
        id.0,
        key,
        body,
        provider,
        model,
        fallback_reason,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}
