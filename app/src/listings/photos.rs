//! Listing photos in the database (ssr only): the list, delete, reorder, and the
//! steps the upload route (`server/src/photos/upload.rs`) runs around storing files.
//! Positions are 0-based and dense; the first photo is the cover.

use chrono::{DateTime, Utc};
use shared::ids::{ListingId, OrgId, PhotoId};
use shared::listing_dto::PhotoView;
use sqlx::PgConnection;
use uuid::Uuid;

use super::access::{self, listing_id};
use super::crud::photo_url;
use crate::error::AppError;
use crate::platform::{audit, ctx, current_user, tenant_tx, ServerCtx, SessionUser};

/// product.md "Listings": at most 20 photos per listing.
pub const MAX_PHOTOS: i64 = 20;

pub struct PhotoRow {
    pub id: Uuid,
    pub position: i16,
    pub storage_key: String,
    pub thumb_key: String,
    pub width: i32,
    pub height: i32,
    pub original_name: String,
}

async fn select_photos(
    conn: &mut PgConnection,
    org: OrgId,
    listing: ListingId,
) -> Result<Vec<PhotoRow>, sqlx::Error> {
    sqlx::query_as!(
        PhotoRow,
        r#"select id, position, storage_key, thumb_key, width, height, original_name
           from listing_photos where org_id = $1 and listing_id = $2 order by position"#,
        org.0,
        listing.0
    )
    .fetch_all(conn)
    .await
}

fn view(p: &PhotoRow) -> PhotoView {
    PhotoView {
        id: PhotoId(p.id),
        url: photo_url(PhotoId(p.id), "full"),
        thumb_url: photo_url(PhotoId(p.id), "thumb"),
        width: p.width,
        height: p.height,
        position: p.position,
        original_name: p.original_name.clone(),
    }
}

pub async fn views(
    conn: &mut PgConnection,
    org: OrgId,
    listing: ListingId,
) -> Result<Vec<PhotoView>, AppError> {
    Ok(select_photos(conn, org, listing)
        .await?
        .iter()
        .map(view)
        .collect())
}

/// Keeps the listing's photo count and cover in step with its photos.
async fn refresh_cover(
    conn: &mut PgConnection,
    org: OrgId,
    listing: ListingId,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update listings set
             photo_count = (select count(*) from listing_photos p where p.org_id = $1 and p.listing_id = $2),
             cover_photo_id = (select p.id from listing_photos p where p.org_id = $1 and p.listing_id = $2
                               order by p.position limit 1)
           where org_id = $1 and id = $2"#,
        org.0,
        listing.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Before storing anything: the caller may edit the listing. Called from the upload
/// route (outside Leptos, hence the explicit context; the route checks the role first).
pub async fn authorize_upload(
    ctx: &ServerCtx,
    user: &SessionUser,
    listing: &str,
) -> Result<ListingId, AppError> {
    let id = listing_id(listing)?;
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    access::editable_listing(&mut tx, user, id).await?;
    tx.commit().await?;
    Ok(id)
}

/// A photo that was processed and stored, to be recorded.
pub struct NewPhoto {
    pub id: Uuid,
    pub storage_key: String,
    pub thumb_key: String,
    pub width: i32,
    pub height: i32,
    pub bytes: i32,
    pub original_name: String,
}

/// Records a stored photo at the end of the listing's list. Locks the listing row so
/// parallel uploads count correctly; `Conflict` when the listing is full (the caller
/// then deletes the stored files, so nothing is left behind).
pub async fn insert_photo(
    ctx: &ServerCtx,
    user: &SessionUser,
    listing: ListingId,
    photo: &NewPhoto,
    now: DateTime<Utc>,
) -> Result<PhotoView, AppError> {
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    access::editable_listing(&mut tx, user, listing).await?;
    sqlx::query!(
        "select id from listings where org_id = $1 and id = $2 for update",
        user.org_id.0,
        listing.0
    )
    .fetch_one(&mut *tx)
    .await?;
    let count: i64 = sqlx::query_scalar!(
        r#"select count(*) as "n!" from listing_photos where org_id = $1 and listing_id = $2"#,
        user.org_id.0,
        listing.0
    )
    .fetch_one(&mut *tx)
    .await?;
    if count >= MAX_PHOTOS {
        return Err(AppError::Conflict(format!(
            "This listing already has {MAX_PHOTOS} photos, the most it can have. Delete one to add another."
        )));
    }
    sqlx::query!(
        r#"insert into listing_photos (org_id, id, listing_id, position, storage_key, thumb_key, width, height,
             bytes, original_name, created_by, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"#,
        user.org_id.0,
        photo.id,
        listing.0,
        count as i16,
        photo.storage_key,
        photo.thumb_key,
        photo.width,
        photo.height,
        photo.bytes,
        photo.original_name,
        user.user_id.0,
        now
    )
    .execute(&mut *tx)
    .await?;
    refresh_cover(&mut tx, user.org_id, listing).await?;
    audit::record(
        &mut tx,
        &audit::Entry::new(user.org_id, now, Some(user.user_id), "listing_photo_added")
            .target("listing", listing)
            .detail(serde_json::json!({ "photo": photo.id, "name": photo.original_name })),
    )
    .await?;
    tx.commit().await?;
    Ok(PhotoView {
        id: PhotoId(photo.id),
        url: photo_url(PhotoId(photo.id), "full"),
        thumb_url: photo_url(PhotoId(photo.id), "thumb"),
        width: photo.width,
        height: photo.height,
        position: count as i16,
        original_name: photo.original_name.clone(),
    })
}

/// The stored keys of a photo the caller may see (for serving it), by variant.
pub async fn photo_key(
    ctx: &ServerCtx,
    user: &SessionUser,
    photo: &str,
    thumb: bool,
) -> Result<String, AppError> {
    let id: Uuid = photo.parse().map_err(|_| AppError::NotFound)?;
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    let row = sqlx::query!(
        "select listing_id, storage_key, thumb_key from listing_photos where org_id = $1 and id = $2",
        user.org_id.0,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    access::visible_listing(&mut tx, user, ListingId(row.listing_id)).await?;
    tx.commit().await?;
    Ok(if thumb {
        row.thumb_key
    } else {
        row.storage_key
    })
}

pub async fn delete(listing: String, photo: String) -> Result<(), AppError> {
    let user = current_user()?;
    let listing = listing_id(&listing)?;
    let photo: Uuid = photo.parse().map_err(|_| AppError::NotFound)?;
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    access::editable_listing(&mut tx, &user, listing).await?;
    let row = sqlx::query!(
        r#"delete from listing_photos where org_id = $1 and listing_id = $2 and id = $3
           returning position, storage_key, thumb_key"#,
        user.org_id.0,
        listing.0,
        photo
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    // close the gap so positions stay dense (the unique key is deferred to commit)
    sqlx::query!(
        "update listing_photos set position = position - 1 where org_id = $1 and listing_id = $2 and position > $3",
        user.org_id.0,
        listing.0,
        row.position
    )
    .execute(&mut *tx)
    .await?;
    refresh_cover(&mut tx, user.org_id, listing).await?;
    audit::record(
        &mut tx,
        &audit::Entry::new(
            user.org_id,
            now,
            Some(user.user_id),
            "listing_photo_deleted",
        )
        .target("listing", listing)
        .detail(serde_json::json!({ "photo": photo })),
    )
    .await?;
    tx.commit().await?;
    // the row is gone for good; now the files (a failure here only leaves an unreferenced file)
    for key in [row.storage_key, row.thumb_key] {
        if let Err(e) = ctx.files.delete(&key).await {
            tracing::warn!(error = %e, key, "could not delete a photo file");
        }
    }
    Ok(())
}

pub async fn reorder(listing: String, photo_ids: Vec<String>) -> Result<Vec<PhotoView>, AppError> {
    let user = current_user()?;
    let listing = listing_id(&listing)?;
    let ctx = ctx()?;
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    access::editable_listing(&mut tx, &user, listing).await?;
    let current = select_photos(&mut tx, user.org_id, listing).await?;
    let wanted: Vec<Uuid> = photo_ids
        .iter()
        .map(|p| p.parse::<Uuid>())
        .collect::<Result<_, _>>()
        .map_err(|_| AppError::field("photo_ids", "The photo order was not understood."))?;
    let mut have: Vec<Uuid> = current.iter().map(|p| p.id).collect();
    let mut sorted = wanted.clone();
    have.sort();
    sorted.sort();
    if have != sorted {
        return Err(AppError::Conflict(
            "The photos changed while you were reordering them. Reload the page and try again."
                .into(),
        ));
    }
    for (i, id) in wanted.iter().enumerate() {
        sqlx::query!(
            "update listing_photos set position = $4 where org_id = $1 and listing_id = $2 and id = $3",
            user.org_id.0,
            listing.0,
            id,
            i as i16
        )
        .execute(&mut *tx)
        .await?;
    }
    refresh_cover(&mut tx, user.org_id, listing).await?;
    let out = views(&mut tx, user.org_id, listing).await?;
    tx.commit().await?;
    Ok(out)
}
