//! Listing photo SQL (ssr only). Positions are 0-based and dense.

use chrono::{DateTime, Utc};
use shared::ids::{ListingId, OrgId, UserId};
use sqlx::PgConnection;
use uuid::Uuid;

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

pub struct PhotoRow {
    pub id: Uuid,
    pub position: i16,
    pub storage_key: String,
    pub thumb_key: String,
    pub width: i32,
    pub height: i32,
    pub original_name: String,
}

pub async fn select_photos(
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

/// Keeps the listing's photo count and cover in step with its photos.
pub async fn refresh_cover(
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

/// Locks the listing row (parallel uploads count one after another) and counts its photos.
pub async fn lock_and_count(
    conn: &mut PgConnection,
    org: OrgId,
    listing: ListingId,
) -> Result<i64, sqlx::Error> {
    sqlx::query!(
        "select id from listings where org_id = $1 and id = $2 for update",
        org.0,
        listing.0
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from listing_photos where org_id = $1 and listing_id = $2"#,
        org.0,
        listing.0
    )
    .fetch_one(conn)
    .await
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_photo(
    conn: &mut PgConnection,
    org: OrgId,
    listing: ListingId,
    position: i16,
    photo: &NewPhoto,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into listing_photos (org_id, id, listing_id, position, storage_key, thumb_key, width, height,
             bytes, original_name, created_by, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"#,
        org.0,
        photo.id,
        listing.0,
        position,
        photo.storage_key,
        photo.thumb_key,
        photo.width,
        photo.height,
        photo.bytes,
        photo.original_name,
        by.0,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A photo's listing and stored keys.
pub struct PhotoKeys {
    pub listing_id: Uuid,
    pub storage_key: String,
    pub thumb_key: String,
}

pub async fn select_keys(
    conn: &mut PgConnection,
    org: OrgId,
    id: Uuid,
) -> Result<Option<PhotoKeys>, sqlx::Error> {
    sqlx::query_as!(
        PhotoKeys,
        "select listing_id, storage_key, thumb_key from listing_photos where org_id = $1 and id = $2",
        org.0,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Deletes a photo and closes the gap so positions stay dense (the unique key is
/// deferred to commit); its stored keys, or `None` when the listing has no such photo.
pub async fn delete_photo(
    conn: &mut PgConnection,
    org: OrgId,
    listing: ListingId,
    photo: Uuid,
) -> Result<Option<[String; 2]>, sqlx::Error> {
    let Some(row) = sqlx::query!(
        r#"delete from listing_photos where org_id = $1 and listing_id = $2 and id = $3
           returning position, storage_key, thumb_key"#,
        org.0,
        listing.0,
        photo
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    sqlx::query!(
        "update listing_photos set position = position - 1 where org_id = $1 and listing_id = $2 and position > $3",
        org.0,
        listing.0,
        row.position
    )
    .execute(conn)
    .await?;
    Ok(Some([row.storage_key, row.thumb_key]))
}

pub async fn set_position(
    conn: &mut PgConnection,
    org: OrgId,
    listing: ListingId,
    photo: Uuid,
    position: i16,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update listing_photos set position = $4 where org_id = $1 and listing_id = $2 and id = $3",
        org.0,
        listing.0,
        photo,
        position
    )
    .execute(conn)
    .await?;
    Ok(())
}
