//! The org's Fair Housing phrase list (anchors.md 4.5): seeded from the defaults the
//! first time it is needed, then the admins' to edit (ssr only).

use shared::auth::Permission;
use shared::fair_housing::{default_phrases, parse_phrase_input, Phrase};
use shared::ids::OrgId;
use shared::listing_dto::PhraseRow;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;
use crate::platform::{audit, ctx, current_user, tenant_tx};

async fn insert_defaults(conn: &mut PgConnection, org: OrgId) -> Result<usize, sqlx::Error> {
    let mut added = 0;
    for p in default_phrases() {
        let n = sqlx::query!(
            r#"insert into fair_housing_phrases (org_id, id, phrase, category, reason)
               values ($1, $2, $3, $4, $5) on conflict (org_id, phrase) do nothing"#,
            org.0,
            Uuid::new_v4(),
            p.phrase,
            p.category,
            p.reason
        )
        .execute(&mut *conn)
        .await?
        .rows_affected();
        added += n as usize;
    }
    Ok(added)
}

/// The org's phrases; copies the defaults in once (so an admin who deletes them all
/// gets an empty list, not the defaults back).
pub async fn org_phrases(
    conn: &mut PgConnection,
    org: OrgId,
) -> Result<Vec<PhraseRow>, sqlx::Error> {
    let seeded = sqlx::query_scalar!(
        "select fair_housing_seeded_at from orgs where id = $1",
        org.0
    )
    .fetch_one(&mut *conn)
    .await?;
    if seeded.is_none() {
        // lock only the first time, so two first readers don't both copy the defaults
        let again = sqlx::query_scalar!(
            "select fair_housing_seeded_at from orgs where id = $1 for update",
            org.0
        )
        .fetch_one(&mut *conn)
        .await?;
        if again.is_none() {
            insert_defaults(conn, org).await?;
            sqlx::query!(
                "update orgs set fair_housing_seeded_at = now() where id = $1",
                org.0
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    let rows = sqlx::query!(
        "select id, phrase, category, reason from fair_housing_phrases where org_id = $1 order by category, phrase",
        org.0
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PhraseRow {
            id: r.id,
            phrase: Phrase {
                phrase: r.phrase,
                category: r.category,
                reason: r.reason,
            },
        })
        .collect())
}

pub async fn phrase_list(conn: &mut PgConnection, org: OrgId) -> Result<Vec<Phrase>, sqlx::Error> {
    Ok(org_phrases(conn, org)
        .await?
        .into_iter()
        .map(|r| r.phrase)
        .collect())
}

pub async fn list() -> Result<Vec<PhraseRow>, AppError> {
    let user = current_user()?;
    user.require(Permission::SystemConfig).await?;
    let ctx = ctx()?;
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    let rows = org_phrases(&mut tx, user.org_id).await?;
    tx.commit().await?;
    Ok(rows)
}

pub async fn add(phrase: String, category: String, reason: String) -> Result<(), AppError> {
    let user = current_user()?;
    user.require(Permission::SystemConfig).await?;
    let input = parse_phrase_input(&phrase, &category, &reason)?;
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    org_phrases(&mut tx, user.org_id).await?;
    let inserted = sqlx::query!(
        r#"insert into fair_housing_phrases (org_id, id, phrase, category, reason)
           values ($1, $2, $3, $4, $5) on conflict (org_id, phrase) do nothing"#,
        user.org_id.0,
        Uuid::new_v4(),
        input.phrase,
        input.category,
        input.reason
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(AppError::field(
            "phrase",
            "This phrase is already on the list.",
        ));
    }
    audit::record(
        &mut tx,
        &audit::Entry::new(
            user.org_id,
            now,
            Some(user.user_id),
            "fair_housing_phrase_added",
        )
        .detail(serde_json::json!({ "phrase": input.phrase, "category": input.category })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete(id: String) -> Result<(), AppError> {
    let user = current_user()?;
    user.require(Permission::SystemConfig).await?;
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    let phrase = sqlx::query_scalar!(
        "delete from fair_housing_phrases where org_id = $1 and id = $2 returning phrase",
        user.org_id.0,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    audit::record(
        &mut tx,
        &audit::Entry::new(
            user.org_id,
            now,
            Some(user.user_id),
            "fair_housing_phrase_deleted",
        )
        .detail(serde_json::json!({ "phrase": phrase })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn restore_defaults() -> Result<usize, AppError> {
    let user = current_user()?;
    user.require(Permission::SystemConfig).await?;
    let ctx = ctx()?;
    let now = ctx.clock.now();
    let mut tx = tenant_tx(&ctx.pool, user.org_id).await?;
    org_phrases(&mut tx, user.org_id).await?;
    let added = insert_defaults(&mut tx, user.org_id).await?;
    audit::record(
        &mut tx,
        &audit::Entry::new(
            user.org_id,
            now,
            Some(user.user_id),
            "fair_housing_defaults_restored",
        )
        .detail(serde_json::json!({ "added": added })),
    )
    .await?;
    tx.commit().await?;
    Ok(added)
}
