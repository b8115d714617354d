//! The Today summary (ssr only): anyone signed in sees their org's counts.

use shared::dto::TodaySummary;

use super::db;
use crate::auth::session::IDLE_TIMEOUT;
use crate::error::AppError;
use crate::platform::Scope;

pub async fn load(s: &Scope) -> Result<TodaySummary, AppError> {
    let (user, now) = (&s.user, s.now);
    // a device unused for longer has been signed out
    let seen_since = now - IDLE_TIMEOUT;
    s.in_tx(async |tx| {
        Ok(db::select_summary(tx, user.org_id, user.user_id, now, seen_since).await?)
    })
    .await
}
