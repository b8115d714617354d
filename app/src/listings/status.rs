//! Status moves (the machine in `shared::listing`), bulk moves and archiving (ssr only).

use shared::ids::ListingId;
use shared::listing::ListingStatus;

use super::access::{self, listing_id};
use super::api::BulkResult;
use super::db;
use crate::error::AppError;
use crate::platform::{audit, ctx, current_user, tenant_tx, SessionUser};

fn parse_status(raw: &str) -> Result<ListingStatus, AppError> {
    ListingStatus::parse(raw.trim()).ok_or_else(|| AppError::field("status", "Choose a status."))
}

/// One move inside the caller's transaction: checked against the machine, recorded in
/// the history and the audit log. `Err((title, reason))` for a refused move.
async fn move_one(
    tx: &mut sqlx::PgConnection,
    user: &SessionUser,
    id: ListingId,
    to: ListingStatus,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Result<(), (String, String)>, AppError> {
    access::editable_listing(tx, user, id).await?;
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
    audit::record(
        tx,
        &audit::Entry::new(
            user.org_id,
            now,
            Some(user.user_id),
            "listing_status_changed",
        )
        .target("listing", id)
        .detail(
            serde_json::json!({ "title": row.title, "from": from.as_str(), "to": to.as_str() }),
        ),
    )
    .await?;
    Ok(Ok(()))
}

pub async fn set(id: String, status: String) -> Result<(), AppError> {
    let user = current_user()?;
    let id = listing_id(&id)?;
    let to = parse_status(&status)?;
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    match move_one(&mut tx, &user, id, to, now).await? {
        Ok(()) => {
            tx.commit().await?;
            Ok(())
        }
        Err((_, why)) => Err(AppError::Conflict(why)),
    }
}

/// At most this many listings per bulk change (one request, one transaction).
const BULK_MAX: usize = 100;

pub async fn bulk(ids: Vec<String>, status: String) -> Result<BulkResult, AppError> {
    let user = current_user()?;
    user.require(shared::auth::Permission::WriteProperty)
        .await?;
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
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    let mut changed = 0;
    let mut refused = Vec::new();
    for raw in &ids {
        let id = listing_id(raw)?;
        match move_one(&mut tx, &user, id, to, now).await {
            Ok(Ok(())) => changed += 1,
            Ok(Err((title, why))) => refused.push(format!("{title}: {why}")),
            Err(AppError::NotFound) => refused.push("A listing you can't see was skipped.".into()),
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(BulkResult { changed, refused })
}

pub async fn set_archived(id: String, archived: bool) -> Result<(), AppError> {
    let user = current_user()?;
    let id = listing_id(&id)?;
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    let agent = access::editable_listing(&mut tx, &user, id).await?;
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
    audit::record(
        &mut tx,
        &audit::Entry::new(user.org_id, now, Some(user.user_id), action)
            .target("listing", id)
            .detail(serde_json::json!({ "title": row.title })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
