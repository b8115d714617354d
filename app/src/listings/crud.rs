//! Listing list, detail, create and update (ssr only).

use shared::auth::Permission;
use shared::ids::{ListingId, PhotoId, UserId};
use shared::listing::{ListingFilter, ListingForm, ListingInput, ListingQuery};
use shared::listing_dto::{ListingCard, ListingDetail, ListingPage, StatusChange};

use super::access::{self, can_write, listing_id};
use super::db::{self, ListingRow};
use super::photos::store::photo_url;
use crate::error::AppError;
use crate::platform::{request_meta, Scope};

/// Cards per page: a phone screen or two, and a fast index range scan.
pub const PAGE_SIZE: i64 = 24;

pub fn card(row: &ListingRow) -> ListingCard {
    ListingCard {
        id: ListingId(row.id),
        title: row.title.clone(),
        property_type: row.property_type(),
        status: row.status(),
        price_cents: row.price_cents,
        bedrooms: row.bedrooms,
        bathroom_halves: row.bathroom_halves,
        living_area_sqft: row.living_area_sqft,
        street: row.street.clone(),
        city: row.city.clone(),
        state: row.state.clone(),
        postal_code: row.postal_code.clone(),
        cover_url: row.cover_photo_id.map(|p| photo_url(PhotoId(p), "thumb")),
        photo_count: row.photo_count,
        agent_name: row.agent_name.clone(),
        archived: row.archived_at.is_some(),
    }
}

pub async fn list(s: &Scope, query: ListingQuery) -> Result<ListingPage, AppError> {
    s.require(Permission::ReadProperty).await?;
    let user = &s.user;
    let filter = ListingFilter::from_query(&query);
    let mut tx = s.tx().await?;
    let scope = access::scope(&mut tx, user).await?;
    // one extra row tells whether there is a next page
    let mut rows = db::select_listing_page(
        &mut tx,
        user.org_id,
        scope.agents.as_deref(),
        &filter,
        PAGE_SIZE + 1,
    )
    .await?;
    let next = if rows.len() as i64 > PAGE_SIZE {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|last| cursor_after(&filter, last).encode())
    } else {
        None
    };
    let org_has_listings = if rows.is_empty() {
        db::org_has_listings(&mut tx, user.org_id).await?
    } else {
        true
    };
    tx.commit().await?;
    Ok(ListingPage {
        items: rows.iter().map(card).collect(),
        next,
        can_create: can_write(user),
        can_edit: can_write(user),
        org_has_listings,
    })
}

fn cursor_after(filter: &ListingFilter, last: &ListingRow) -> shared::listing::Cursor {
    use shared::listing::{Cursor, ListingSort};
    let key = match filter.sort {
        ListingSort::Newest => last.created_at.timestamp_micros(),
        ListingSort::PriceHigh | ListingSort::PriceLow => last.price_cents,
        ListingSort::Beds => i64::from(last.bedrooms),
    };
    Cursor { key, id: last.id }
}

pub async fn get(s: &Scope, id: String) -> Result<ListingDetail, AppError> {
    s.require(Permission::ReadProperty).await?;
    let user = &s.user;
    let id = listing_id(&id)?;
    let mut tx = s.tx().await?;
    access::visible_listing(&mut tx, user, id).await?;
    let row = db::select_listing(&mut tx, user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let photos = super::photos::store::views(&mut tx, user.org_id, id).await?;
    let history = db::select_history(&mut tx, user.org_id, id).await?;
    tx.commit().await?;
    let status = row.status();
    let can_edit = can_write(user);
    Ok(ListingDetail {
        card: card(&row),
        form: row.input().to_form(),
        lot_size_sqft: row.lot_size_sqft,
        year_built: row.year_built,
        description: row.description.clone(),
        features: row.features.clone(),
        agent_id: UserId(row.agent_id),
        reso_status: status.reso_standard_status().to_owned(),
        created_at: row.created_at,
        updated_at: row.updated_at,
        photos,
        history: history
            .into_iter()
            .map(|h| StatusChange {
                from: h
                    .from_status
                    .as_deref()
                    .and_then(shared::listing::ListingStatus::parse),
                to: shared::listing::ListingStatus::parse(&h.to_status)
                    .unwrap_or(shared::listing::ListingStatus::Draft),
                by_name: h.by_name,
                at: h.changed_at,
            })
            .collect(),
        next_statuses: if can_edit && row.archived_at.is_none() {
            status.allowed_next().to_vec()
        } else {
            Vec::new()
        },
        can_edit,
        can_generate: shared::auth::can(user.role, Permission::GenerateContent),
    })
}

fn this_year(now: chrono::DateTime<chrono::Utc>) -> i32 {
    use chrono::Datelike;
    now.year()
}

/// The same-address rule (product.md): one live listing per address per agent.
async fn check_address(
    conn: &mut sqlx::PgConnection,
    user: &crate::platform::SessionUser,
    agent: uuid::Uuid,
    input: &ListingInput,
    except: Option<ListingId>,
) -> Result<(), AppError> {
    if let Some((other, title)) =
        db::find_same_address(conn, user.org_id, agent, &input.address_key(), except).await?
    {
        return Err(AppError::Invalid(shared::FieldErrors::one(
            "street",
            format!("You already have a listing at this address: “{title}” (/listings/{other}). Edit that one, or archive it first."),
        )));
    }
    Ok(())
}

pub async fn create(s: &Scope, form: ListingForm) -> Result<String, AppError> {
    s.require(Permission::WriteProperty).await?;
    let user = &s.user;
    let input = ListingInput::parse(&form, this_year(s.now))?;
    let mut tx = s.tx().await?;
    // the listing agent is the person who creates it
    let agent = user.user_id.0;
    check_address(&mut tx, user, agent, &input, None).await?;
    let id = ListingId(uuid::Uuid::new_v4());
    db::insert_listing(&mut tx, user.org_id, id, agent, &input, user.user_id, s.now)
        .await
        .map_err(address_race)?;
    s.audit("listing_created")
        .target("listing", id)
        .detail(serde_json::json!({ "title": input.title, "price_cents": input.price_cents }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(id.to_string())
}

/// Two creates racing past the check meet the unique index: same message.
fn address_race(e: sqlx::Error) -> AppError {
    if let sqlx::Error::Database(d) = &e {
        if d.constraint() == Some("listings_agent_address_key") {
            return AppError::field(
                "street",
                "You already have a listing at this address. Edit that one, or archive it first.",
            );
        }
    }
    e.into()
}

pub async fn update(s: &Scope, id: String, form: ListingForm) -> Result<String, AppError> {
    s.require(Permission::WriteProperty).await?;
    let user = &s.user;
    let id = listing_id(&id)?;
    let mut tx = s.tx().await?;
    let agent = access::visible_listing(&mut tx, user, id).await?;
    let input = ListingInput::parse(&form, this_year(s.now))?;
    let before = db::select_listing(&mut tx, user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if before.archived_at.is_none() {
        check_address(&mut tx, user, agent, &input, Some(id)).await?;
    }
    db::update_listing(&mut tx, user.org_id, id, agent, &input, user.user_id, s.now)
        .await
        .map_err(address_race)?;
    let significant = before.input().significant_change(&input);
    if significant {
        // texts written from the old facts are out of date (seed 002 L2166)
        super::texts::db::mark_stale(&mut tx, user.org_id, id).await?;
    }
    s.audit("listing_updated")
        .target("listing", id)
        .detail(serde_json::json!({ "title": input.title, "texts_marked_stale": significant }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(id.to_string())
}

/// After a plain (no-JavaScript) form post: to the listing on success, or back to the
/// form with the error and every typed value.
pub fn after_form_post(
    path: &str,
    form_page: &str,
    form: &ListingForm,
    result: &Result<String, AppError>,
) {
    match result {
        Ok(id) if request_meta().wants_html => {
            let page = listing_id(id)
                .map_or_else(|_| "/listings".to_owned(), |id| format!("/listings/{id}"));
            leptos_axum::redirect(&page);
        }
        Ok(_) => {}
        Err(e) => {
            let values = form.pairs();
            crate::platform::respond::back_with_values(path, form_page, &values, e);
        }
    }
}

/// The edit form of a listing, built from a parsed id (see `back_to_listing`).
pub fn edit_page(id: &str) -> String {
    listing_id(id).map_or_else(
        |_| "/listings".to_owned(),
        |id| format!("/listings/{id}/edit"),
    )
}

/// After a plain form post on the detail page: back to the listing (with the error
/// where the page's action finds it).
pub fn back_to_listing<T>(id: &str, path: &str, result: &Result<T, AppError>) {
    // built from a parsed id only: raw text could make a path browsers read as another
    // site ("/listings/../..//evil.example")
    let page = match listing_id(id) {
        Ok(id) => format!("/listings/{id}"),
        Err(_) => "/listings".to_owned(),
    };
    match result {
        Ok(_) if request_meta().wants_html => leptos_axum::redirect(&page),
        Ok(_) => {}
        Err(e) => crate::platform::respond::back_with_values(path, &page, &[], e),
    }
}
