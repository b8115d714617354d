//! Status moves (the machine in `shared::listing`), bulk moves and archiving (ssr only).

use shared::ids::ListingId;
use shared::listing::ListingStatus;

use super::access::{self, listing_id};
use super::db;
use crate::error::AppError;
use shared::auth::Permission;
use shared::listing_dto::BulkResult;

use crate::platform::Scope;

fn parse_status(raw: &str) -> Result<ListingStatus, AppError> {
    ListingStatus::parse(raw.trim()).ok_or_else(|| AppError::field("status", "Choose a status."))
}

/// One move inside the caller's transaction: checked against the machine, recorded in
/// the history and the audit log. `Err((title, reason))` for a refused move.
async fn move_one(
    tx: &mut sqlx::PgConnection,
    s: &Scope,
    id: ListingId,
    to: ListingStatus,
) -> Result<Result<(), (String, String)>, AppError> {
    let (user, now) = (&s.user, s.now);
    access::visible_listing(tx, user, id).await?;
    let row = db::select_listing(tx, user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.archived_at.is_some() {
        return Ok(Err((
            row.title,
            "This listing is archived; unarchive it before changing its status.".into(),
        )));
    }
    let from = row.status();
    if let Err(why) = from.check_move(to) {
        return Ok(Err((row.title, why)));
    }
    db::update_status(tx, user.org_id, id, to, now).await?;
    db::insert_status_change(tx, user.org_id, id, Some(from), to, user.user_id, now).await?;
    s.audit("listing_status_changed")
        .target("listing", id)
        .detail(serde_json::json!({ "title": row.title, "from": from.as_str(), "to": to.as_str() }))
        .record(tx)
        .await?;
    Ok(Ok(()))
}

pub async fn set(s: &Scope, id: String, status: String) -> Result<(), AppError> {
    s.require(Permission::WriteProperty).await?;
    let id = listing_id(&id)?;
    let to = parse_status(&status)?;
    let mut tx = s.tx().await?;
    match move_one(&mut tx, s, id, to).await? {
        Ok(()) => {
            tx.commit().await?;
            Ok(())
        }
        Err((_, why)) => Err(AppError::Conflict(why)),
    }
}

/// At most this many listings per bulk change (one request, one transaction).
const BULK_MAX: usize = 100;

pub async fn bulk(s: &Scope, ids: Vec<String>, status: String) -> Result<BulkResult, AppError> {
    s.require(Permission::WriteProperty).await?;
    let to = parse_status(&status)?;
    if ids.is_empty() {
        return Err(AppError::field("ids", "Select at least one listing."));
    }
    if ids.len() > BULK_MAX {
        return Err(AppError::field(
            "ids",
            format!("Change at most {BULK_MAX} listings at a time."),
        ));
    }
    let mut tx = s.tx().await?;
    let mut changed = 0;
    let mut refused = Vec::new();
    for raw in &ids {
        let id = listing_id(raw)?;
        match move_one(&mut tx, s, id, to).await {
            Ok(Ok(())) => changed += 1,
            Ok(Err((title, why))) => refused.push(format!("{title}: {why}")),
            Err(AppError::NotFound) => refused.push("A listing you can't see was skipped.".into()),
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(BulkResult { changed, refused })
}

pub async fn set_archived(s: &Scope, id: String, archived: bool) -> Result<(), AppError> {
    s.require(Permission::WriteProperty).await?;
    let (user, now) = (&s.user, s.now);
    let id = listing_id(&id)?;
    let mut tx = s.tx().await?;
    let agent = access::visible_listing(&mut tx, user, id).await?;
    let row = db::select_listing(&mut tx, user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !archived && row.archived_at.is_some() {
        // unarchiving brings the address back: it must still be unique among live ones
        let key = row.input().address_key();
        if let Some((_, title)) =
            db::find_same_address(&mut tx, user.org_id, agent, &key, Some(id)).await?
        {
            return Err(AppError::Conflict(format!(
                "Another live listing, “{title}”, has this address. Archive that one first."
            )));
        }
    }
    db::set_archived(&mut tx, user.org_id, id, archived.then_some(now)).await?;
    let action = if archived {
        "listing_archived"
    } else {
        "listing_unarchived"
    };
    s.audit(action)
        .target("listing", id)
        .detail(serde_json::json!({ "title": row.title }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
