//! The phrase list's bodies (ssr only): seeded from the defaults the first time it is
//! needed, then the admins' to edit.

use shared::auth::Permission;
use shared::fair_housing::{default_phrases, parse_phrase_input, Phrase};
use shared::ids::OrgId;
use shared::listing_dto::PhraseRow;
use sqlx::PgConnection;
use uuid::Uuid;

use super::db;
use crate::error::AppError;
use crate::platform::Scope;

async fn insert_defaults(conn: &mut PgConnection, org: OrgId) -> Result<usize, sqlx::Error> {
    let mut added = 0;
    for p in default_phrases() {
        added += usize::from(db::insert_phrase(conn, org, &p).await?);
    }
    Ok(added)
}

/// The org's phrases; copies the defaults in once (so an admin who deletes them all
/// gets an empty list, not the defaults back).
pub async fn org_phrases(
    conn: &mut PgConnection,
    org: OrgId,
) -> Result<Vec<PhraseRow>, sqlx::Error> {
    // lock only the first time, so two first readers don't both copy the defaults
    if db::seeded_at(conn, org, false).await?.is_none()
        && db::seeded_at(conn, org, true).await?.is_none()
    {
        insert_defaults(conn, org).await?;
        db::mark_seeded(conn, org).await?;
    }
    db::select_phrases(conn, org).await
}

pub async fn phrase_list(conn: &mut PgConnection, org: OrgId) -> Result<Vec<Phrase>, sqlx::Error> {
    Ok(org_phrases(conn, org)
        .await?
        .into_iter()
        .map(|r| r.phrase)
        .collect())
}

pub async fn list(s: &Scope) -> Result<Vec<PhraseRow>, AppError> {
    s.require(Permission::SystemConfig).await?;
    s.in_tx(async |tx| Ok(org_phrases(tx, s.user.org_id).await?))
        .await
}

pub async fn add(
    s: &Scope,
    phrase: String,
    category: String,
    reason: String,
) -> Result<(), AppError> {
    s.require(Permission::SystemConfig).await?;
    let input = parse_phrase_input(&phrase, &category, &reason)?;
    let mut tx = s.tx().await?;
    org_phrases(&mut tx, s.user.org_id).await?;
    if !db::insert_phrase(&mut tx, s.user.org_id, &input).await? {
        return Err(AppError::field(
            "phrase",
            "This phrase is already on the list.",
        ));
    }
    s.audit("fair_housing_phrase_added")
        .detail(serde_json::json!({ "phrase": input.phrase, "category": input.category }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete(s: &Scope, id: String) -> Result<(), AppError> {
    s.require(Permission::SystemConfig).await?;
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let mut tx = s.tx().await?;
    let phrase = db::delete_phrase(&mut tx, s.user.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    s.audit("fair_housing_phrase_deleted")
        .detail(serde_json::json!({ "phrase": phrase }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn restore_defaults(s: &Scope) -> Result<usize, AppError> {
    s.require(Permission::SystemConfig).await?;
    let mut tx = s.tx().await?;
    org_phrases(&mut tx, s.user.org_id).await?;
    let added = insert_defaults(&mut tx, s.user.org_id).await?;
    s.audit("fair_housing_defaults_restored")
        .detail(serde_json::json!({ "added": added }))
        .record(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(added)
}
