//! Fair Housing phrase SQL (ssr only).

use shared::fair_housing::Phrase;
use shared::ids::OrgId;
use shared::listing_dto::PhraseRow;
use sqlx::PgConnection;
use uuid::Uuid;

/// Adds a phrase unless the org has it already; whether it was added.
pub async fn insert_phrase(
    conn: &mut PgConnection,
    org: OrgId,
    p: &Phrase,
) -> Result<bool, sqlx::Error> {
    let n = sqlx::query!(
        r#"insert into fair_housing_phrases (org_id, id, phrase, category, reason)
           values ($1, $2, $3, $4, $5) on conflict (org_id, phrase) do nothing"#,
        org.0,
        Uuid::new_v4(),
        p.phrase,
        p.category,
        p.reason
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n > 0)
}

/// When the defaults were copied into the org's list; `lock` holds the org row until
/// the transaction ends (two first readers must not both copy them).
pub async fn seeded_at(
    conn: &mut PgConnection,
    org: OrgId,
    lock: bool,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, sqlx::Error> {
    if lock {
        sqlx::query_scalar!(
            "select fair_housing_seeded_at from orgs where id = $1 for update",
            org.0
        )
        .fetch_one(conn)
        .await
    } else {
        sqlx::query_scalar!(
            "select fair_housing_seeded_at from orgs where id = $1",
            org.0
        )
        .fetch_one(conn)
        .await
    }
}

pub async fn mark_seeded(conn: &mut PgConnection, org: OrgId) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update orgs set fair_housing_seeded_at = now() where id = $1",
        org.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn select_phrases(
    conn: &mut PgConnection,
    org: OrgId,
) -> Result<Vec<PhraseRow>, sqlx::Error> {
    let rows = sqlx::query!(
        "select id, phrase, category, reason from fair_housing_phrases where org_id = $1 order by category, phrase",
        org.0
    )
    .fetch_all(conn)
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

/// Deletes a phrase; its text, or `None` when the org has no such phrase.
pub async fn delete_phrase(
    conn: &mut PgConnection,
    org: OrgId,
    id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "delete from fair_housing_phrases where org_id = $1 and id = $2 returning phrase",
        org.0,
        id
    )
    .fetch_optional(conn)
    .await
}
