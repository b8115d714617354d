//! Listing photos (ssr only): the list, delete, reorder, and the steps the upload
//! route (`server/src/photo_routes.rs`) runs around storing files. The first photo is
//! the cover.

use shared::auth::Permission;
use shared::ids::{ListingId, OrgId, PhotoId};
use shared::listing_dto::PhotoView;
use sqlx::PgConnection;
use uuid::Uuid;

pub use super::db::NewPhoto;
use super::db::{self, PhotoRow};
use crate::error::AppError;
use crate::listings::access::{self, listing_id};
use crate::platform::Scope;

/// Where a stored photo is served (`server/src/photo_routes.rs`).
pub fn photo_url(id: PhotoId, variant: &str) -> String {
    format!("/photos/{id}/{variant}")
}

/// product.md "Listings": at most 20 photos per listing.
pub const MAX_PHOTOS: i64 = shared::listing::photo_limits::MAX_PHOTOS as i64;

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
    Ok(db::select_photos(conn, org, listing)
        .await?
        .iter()
        .map(view)
        .collect())
}

/// Before storing anything: the caller may edit the listing.
pub async fn authorize_upload(s: &Scope, listing: &str) -> Result<ListingId, AppError> {
    s.require(Permission::WriteProperty).await?;
    let id = listing_id(listing)?;
    let mut tx = s.tx().await?;
    access::visible_listing(&mut tx, &s.user, id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Records a stored photo at the end of the listing's list. Locks the listing row so
/// parallel uploads count correctly; `Conflict` when the listing is full (the caller
/// then deletes the stored files, so nothing is left behind).
pub async fn insert_photo(
    s: &Scope,
    listing: ListingId,
    photo: &NewPhoto,
) -> Result<PhotoView, AppError> {
    s.require(Permission::WriteProperty).await?;
    let org = s.user.org_id;
    let mut tx = s.tx().await?;
    access::visible_listing(&mut tx, &s.user, listing).await?;
    let count = db::lock_and_count(&mut tx, org, listing).await?;
    if count >= MAX_PHOTOS {
        return Err(AppError::Conflict(format!(
            "This listing already has {MAX_PHOTOS} photos, the most it can have. Delete one to add another."
        )));
    }
    db::insert_photo(
        &mut tx,
        org,
        listing,
        count as i16,
        photo,
        s.user.user_id,
        s.now,
    )
    .await?;
    db::refresh_cover(&mut tx, org, listing).await?;
    s.audit("listing_photo_added")
        .target("listing", listing)
        .detail(serde_json::json!({ "photo": photo.id, "name": photo.original_name }))
        .record(&mut tx)
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

/// The stored key of a photo the caller may see (for serving it), by variant.
pub async fn photo_key(s: &Scope, photo: &str, thumb: bool) -> Result<String, AppError> {
    let id: Uuid = photo.parse().map_err(|_| AppError::NotFound)?;
    let mut tx = s.tx().await?;
    let row = db::select_keys(&mut tx, s.user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::visible_listing(&mut tx, &s.user, ListingId(row.listing_id)).await?;
    tx.commit().await?;
    Ok(if thumb {
        row.thumb_key
    } else {
        row.storage_key
    })
}

pub async fn delete(s: &Scope, listing: String, photo: String) -> Result<(), AppError> {
    s.require(Permission::WriteProperty).await?;
    let org = s.user.org_id;
    let listing = listing_id(&listing)?;
    let photo: Uuid = photo.parse().map_err(|_| AppError::NotFound)?;
    let mut tx = s.tx().await?;
    access::visible_listing(&mut tx, &s.user, listing).await?;
    let keys = db::delete_photo(&mut tx, org, listing, photo)
        .await?
        .ok_or(AppError::NotFound)?;
    db::refresh_cover(&mut tx, org, listing).await?;
    s.audit("listing_photo_deleted")
        .target("listing", listing)
        .detail(serde_json::json!({ "photo": photo }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    // the row is gone for good; now the files (a failure here only leaves an unreferenced file)
    for key in keys {
        if let Err(e) = s.ctx.files.delete(&key).await {
            tracing::warn!(error = %e, key, "could not delete a photo file");
        }
    }
    Ok(())
}

pub async fn reorder(
    s: &Scope,
    listing: String,
    photo_ids: Vec<String>,
) -> Result<Vec<PhotoView>, AppError> {
    s.require(Permission::WriteProperty).await?;
    let org = s.user.org_id;
    let listing = listing_id(&listing)?;
    let mut tx = s.tx().await?;
    access::visible_listing(&mut tx, &s.user, listing).await?;
    let current = db::select_photos(&mut tx, org, listing).await?;
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
        db::set_position(&mut tx, org, listing, *id, i as i16).await?;
    }
    db::refresh_cover(&mut tx, org, listing).await?;
    let out = views(&mut tx, org, listing).await?;
    tx.commit().await?;
    Ok(out)
}
