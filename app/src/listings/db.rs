//! Listing SQL (ssr only). Every query names the org; RLS backs it up. Enum columns
//! travel as text (`::text`, `$n::text::listing_status`) so the domain enums in
//! `shared` stay the one definition.

use chrono::{DateTime, Utc};
use shared::ids::{ListingId, OrgId, UserId};
use shared::listing::{
    Cursor, ListingFilter, ListingInput, ListingSort, ListingStatus, PropertyType,
};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

/// The agents a broker sees: members of the teams they lead and of their own team, and
/// themselves.
pub async fn select_team_member_ids(
    conn: &mut PgConnection,
    org: OrgId,
    broker: UserId,
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select u.id from users u
           where u.org_id = $1
             and (u.id = $2
                  or u.team_id in (select t.id from teams t where t.org_id = $1 and t.lead_user_id = $2)
                  or u.team_id = (select me.team_id from users me where me.org_id = $1 and me.id = $2))"#,
        org.0,
        broker.0
    )
    .fetch_all(conn)
    .await
}

pub async fn select_listing_agent(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "select agent_id from listings where org_id = $1 and id = $2",
        org.0,
        id.0
    )
    .fetch_optional(conn)
    .await
}

/// A live (not archived) listing of `agent` at the same normalised address.
pub async fn find_same_address(
    conn: &mut PgConnection,
    org: OrgId,
    agent: Uuid,
    address_key: &str,
    except: Option<ListingId>,
) -> Result<Option<(Uuid, String)>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select id, title from listings
           where org_id = $1 and agent_id = $2 and address_key = $3 and archived_at is null
             and ($4::uuid is null or id <> $4)"#,
        org.0,
        agent,
        address_key,
        except.map(|e| e.0)
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.id, r.title)))
}

/// A listing's facts as typed, written once for both a new listing and an edit: a new
/// id inserts a draft by `by` at `now`; an existing id keeps its agent, status and
/// creation and takes the new facts (one statement, one list of columns).
#[allow(clippy::too_many_arguments)]
async fn upsert_listing(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    agent: Uuid,
    input: &ListingInput,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into listings (org_id, id, agent_id, title, property_type, status, price_cents, bedrooms,
             bathroom_halves, living_area_sqft, lot_size_sqft, year_built, garage_spaces, street, city, state,
             postal_code, address_key, description, features, created_by, created_at, status_changed_at)
           values ($1, $2, $3, $4, $5::text::property_type, 'draft', $6, $7, $8, $9, $10, $11, $12, $13, $14,
             $15, $16, $17, $18, $19, $20, $21, $21)
           on conflict (org_id, id) do update set title = excluded.title,
             property_type = excluded.property_type, price_cents = excluded.price_cents,
             bedrooms = excluded.bedrooms, bathroom_halves = excluded.bathroom_halves,
             living_area_sqft = excluded.living_area_sqft, lot_size_sqft = excluded.lot_size_sqft,
             year_built = excluded.year_built, garage_spaces = excluded.garage_spaces,
             street = excluded.street, city = excluded.city, state = excluded.state,
             postal_code = excluded.postal_code, address_key = excluded.address_key,
             description = excluded.description, features = excluded.features"#,
        org.0,
        id.0,
        agent,
        input.title,
        input.property_type.as_str(),
        input.price_cents,
        input.bedrooms,
        input.bathroom_halves,
        input.living_area_sqft,
        input.lot_size_sqft,
        input.year_built,
        input.garage_spaces,
        input.street,
        input.city,
        input.state,
        input.postal_code,
        input.address_key(),
        input.description,
        &input.features,
        by.0,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A new listing: a draft, with the first line of its status history.
pub async fn insert_listing(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    agent: Uuid,
    input: &ListingInput,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    upsert_listing(conn, org, id, agent, input, by, now).await?;
    insert_status_change(conn, org, id, None, ListingStatus::Draft, by, now).await
}

/// New facts for an existing listing (its agent, status and history stay).
pub async fn update_listing(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    agent: Uuid,
    input: &ListingInput,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    upsert_listing(conn, org, id, agent, input, by, now).await
}

/// A listing as stored, with its agent's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListingRow {
    pub id: Uuid,
    pub agent_id: Uuid,
    pub agent_name: String,
    pub agent_email: String,
    pub title: String,
    pub property_type: String,
    pub status: String,
    pub price_cents: i64,
    pub bedrooms: i16,
    pub bathroom_halves: i16,
    pub living_area_sqft: Option<i32>,
    pub lot_size_sqft: Option<i32>,
    pub year_built: Option<i16>,
    pub garage_spaces: Option<i16>,
    pub street: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub description: String,
    pub features: Vec<String>,
    pub archived_at: Option<DateTime<Utc>>,
    pub photo_count: i16,
    pub cover_photo_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ListingRow {
    pub fn status(&self) -> ListingStatus {
        ListingStatus::parse(&self.status).unwrap_or(ListingStatus::Draft)
    }

    pub fn property_type(&self) -> PropertyType {
        PropertyType::parse(&self.property_type).unwrap_or(PropertyType::House)
    }

    /// The stored values as typed input (for facts, staleness and the edit form).
    pub fn input(&self) -> ListingInput {
        ListingInput {
            title: self.title.clone(),
            property_type: self.property_type(),
            price_cents: self.price_cents,
            bedrooms: self.bedrooms,
            bathroom_halves: self.bathroom_halves,
            living_area_sqft: self.living_area_sqft,
            lot_size_sqft: self.lot_size_sqft,
            year_built: self.year_built,
            garage_spaces: self.garage_spaces,
            street: self.street.clone(),
            city: self.city.clone(),
            state: self.state.clone(),
            postal_code: self.postal_code.clone(),
            description: self.description.clone(),
            features: self.features.clone(),
        }
    }
}

const LISTING_COLUMNS: &str = "l.id, l.agent_id, u.name as agent_name, u.email as agent_email, l.title, \
     l.property_type::text as property_type, l.status::text as status, l.price_cents, l.bedrooms, \
     l.bathroom_halves, l.living_area_sqft, l.lot_size_sqft, l.year_built, l.garage_spaces, l.street, l.city, l.state, \
     l.postal_code, l.description, l.features, l.archived_at, l.photo_count, l.cover_photo_id, \
     l.created_at, l.updated_at";

/// Compile-time checked; the page query below selects the same columns at run time.
pub async fn select_listing(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
) -> Result<Option<ListingRow>, sqlx::Error> {
    sqlx::query_as!(
        ListingRow,
        r#"select l.id, l.agent_id, u.name as agent_name, u.email as agent_email, l.title,
             l.property_type::text as "property_type!", l.status::text as "status!", l.price_cents, l.bedrooms,
             l.bathroom_halves, l.living_area_sqft, l.lot_size_sqft, l.year_built, l.garage_spaces, l.street,
             l.city, l.state, l.postal_code, l.description, l.features, l.archived_at, l.photo_count,
             l.cover_photo_id, l.created_at, l.updated_at
           from listings l join users u on u.org_id = l.org_id and u.id = l.agent_id
           where l.org_id = $1 and l.id = $2"#,
        org.0,
        id.0
    )
    .fetch_optional(conn)
    .await
}

/// Words of a search as a prefix query: "harb st" → `harb:* & st:*`. Only letters and
/// digits survive, so the text can never be tsquery syntax.
pub fn prefix_tsquery(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("{}:*", w.to_lowercase()))
        .collect();
    (!words.is_empty()).then(|| words.join(" & "))
}

/// One page of listings in the caller's scope. Dynamic filters need QueryBuilder (the
/// combinations are too many for static queries); every value is bound, never spliced.
pub async fn select_listing_page(
    conn: &mut PgConnection,
    org: OrgId,
    agents: Option<&[Uuid]>,
    filter: &ListingFilter,
    limit: i64,
) -> Result<Vec<ListingRow>, sqlx::Error> {
    let mut b: QueryBuilder<Postgres> = QueryBuilder::new(format!(
        "select {LISTING_COLUMNS} from listings l join users u on u.org_id = l.org_id and u.id = l.agent_id \
         where l.org_id = "
    ));
    b.push_bind(org.0);
    if filter.archived {
        b.push(" and l.archived_at is not null");
    } else {
        b.push(" and l.archived_at is null");
    }
    if let Some(agents) = agents {
        b.push(" and l.agent_id = any(")
            .push_bind(agents.to_vec())
            .push(")");
    }
    if let Some(q) = prefix_tsquery(&filter.q) {
        b.push(" and l.search @@ to_tsquery('simple', ")
            .push_bind(q)
            .push(")");
    }
    if let Some(s) = filter.status {
        b.push(" and l.status = ")
            .push_bind(s.as_str())
            .push("::text::listing_status");
    }
    if let Some(t) = filter.property_type {
        b.push(" and l.property_type = ")
            .push_bind(t.as_str())
            .push("::text::property_type");
    }
    if let Some(p) = filter.min_price_cents {
        b.push(" and l.price_cents >= ").push_bind(p);
    }
    if let Some(p) = filter.max_price_cents {
        b.push(" and l.price_cents <= ").push_bind(p);
    }
    if let Some(n) = filter.min_beds {
        b.push(" and l.bedrooms >= ").push_bind(n);
    }
    if let Some(n) = filter.min_bath_halves {
        b.push(" and l.bathroom_halves >= ").push_bind(n);
    }
    // keyset: continue after the last row of the previous page, in the sort's order
    let (key_sql, dir) = match filter.sort {
        ListingSort::Newest => (
            "(extract(epoch from l.created_at) * 1000000)::bigint",
            "desc",
        ),
        ListingSort::PriceHigh => ("l.price_cents", "desc"),
        ListingSort::PriceLow => ("l.price_cents", "asc"),
        ListingSort::Beds => ("l.bedrooms::bigint", "desc"),
    };
    if let Some(Cursor { key, id }) = filter.after {
        let op = if dir == "desc" { "<" } else { ">" };
        if filter.sort == ListingSort::Newest {
            // compare on the indexed column itself so the index serves the range
            let at = DateTime::<Utc>::from_timestamp_micros(key).unwrap_or_default();
            b.push(format!(" and (l.created_at, l.id) {op} ("))
                .push_bind(at)
                .push(", ")
                .push_bind(id)
                .push(")");
        } else {
            b.push(format!(" and ({key_sql}, l.id) {op} ("))
                .push_bind(key)
                .push(", ")
                .push_bind(id)
                .push(")");
        }
    }
    match filter.sort {
        ListingSort::Newest => b.push(" order by l.created_at desc, l.id desc"),
        ListingSort::PriceHigh => b.push(" order by l.price_cents desc, l.id desc"),
        ListingSort::PriceLow => b.push(" order by l.price_cents asc, l.id asc"),
        ListingSort::Beds => b.push(" order by l.bedrooms desc, l.id desc"),
    };
    b.push(" limit ").push_bind(limit);
    b.build_query_as::<ListingRow>().fetch_all(conn).await
}

pub async fn org_has_listings(conn: &mut PgConnection, org: OrgId) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from listings where org_id = $1) as "e!""#,
        org.0
    )
    .fetch_one(conn)
    .await
}

pub async fn update_status(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    to: ListingStatus,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update listings set status = $3::text::listing_status, status_changed_at = $4 where org_id = $1 and id = $2",
        org.0,
        id.0,
        to.as_str(),
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_status_change(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    from: Option<ListingStatus>,
    to: ListingStatus,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into listing_status_history (org_id, id, listing_id, from_status, to_status, changed_by, changed_at)
           values ($1, $2, $3, $4::text::listing_status, $5::text::listing_status, $6, $7)"#,
        org.0,
        Uuid::new_v4(),
        id.0,
        from.map(|f| f.as_str()),
        to.as_str(),
        by.0,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct HistoryRow {
    pub from_status: Option<String>,
    pub to_status: String,
    pub by_name: String,
    pub changed_at: DateTime<Utc>,
}

pub async fn select_history(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
) -> Result<Vec<HistoryRow>, sqlx::Error> {
    sqlx::query_as!(
        HistoryRow,
        r#"select h.from_status::text as from_status, h.to_status::text as "to_status!", u.name as by_name, h.changed_at
           from listing_status_history h join users u on u.org_id = h.org_id and u.id = h.changed_by
           where h.org_id = $1 and h.listing_id = $2
           order by h.changed_at desc, h.id"#,
        org.0,
        id.0
    )
    .fetch_all(conn)
    .await
}

pub async fn set_archived(
    conn: &mut PgConnection,
    org: OrgId,
    id: ListingId,
    at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update listings set archived_at = $3 where org_id = $1 and id = $2",
        org.0,
        id.0,
        at
    )
    .execute(conn)
    .await?;
    Ok(())
}
