//! What the listing pages receive from the server: cards, detail, photos, status
//! history, AI texts with their checks, and the Fair Housing phrase list.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::content::{Audience, ContentKind, Tone};
use crate::fair_housing::{Hit, Phrase};
use crate::grounding::GroundingFlag;
use crate::ids::{ListingId, PhotoId, UserId};
use crate::listing::{ListingForm, ListingStatus, PropertyType};
use crate::pricing::PriceSuggestion;

/// One listing in the list/grid (seed 002 L1787-1946).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingCard {
    pub id: ListingId,
    pub title: String,
    pub property_type: PropertyType,
    pub status: ListingStatus,
    pub price_cents: i64,
    pub bedrooms: i16,
    pub bathroom_halves: i16,
    pub living_area_sqft: Option<i32>,
    pub street: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    /// `/photos/<id>/thumb`, when the listing has photos.
    pub cover_url: Option<String>,
    pub photo_count: i16,
    pub agent_name: String,
    pub archived: bool,
}

/// A page of cards; `next` is the cursor for the following page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingPage {
    pub items: Vec<ListingCard>,
    pub next: Option<String>,
    /// The caller may create listings (agents, brokers, admins).
    pub can_create: bool,
    /// The caller may change statuses in bulk.
    pub can_edit: bool,
    /// Whether the org has any listing at all (to teach in the empty state).
    pub org_has_listings: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoView {
    pub id: PhotoId,
    pub url: String,
    pub thumb_url: String,
    pub width: i32,
    pub height: i32,
    pub position: i16,
    pub original_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub from: Option<ListingStatus>,
    pub to: ListingStatus,
    pub by_name: String,
    pub at: DateTime<Utc>,
}

/// Everything the detail and edit pages show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingDetail {
    pub card: ListingCard,
    /// The stored values as the form's strings (edit page, duplicate).
    pub form: ListingForm,
    pub lot_size_sqft: Option<i32>,
    pub year_built: Option<i16>,
    pub description: String,
    pub features: Vec<String>,
    pub agent_id: UserId,
    pub reso_status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub photos: Vec<PhotoView>,
    pub history: Vec<StatusChange>,
    /// The statuses this listing may move to next.
    pub next_statuses: Vec<ListingStatus>,
    pub can_edit: bool,
    pub can_generate: bool,
}

/// One version of a text with the checks run on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextVersion {
    pub version: i32,
    pub subject: Option<String>,
    pub body: String,
    /// "generated" or "edited".
    pub origin: String,
    pub provider: Option<String>,
    pub model: Option<String>,
    pub tokens_in: Option<i32>,
    pub tokens_out: Option<i32>,
    pub cost_micro_usd: Option<i64>,
    pub latency_ms: Option<i32>,
    pub fallback_reason: Option<String>,
    pub word_count: i32,
    pub fair_housing: Vec<Hit>,
    pub grounding: Vec<GroundingFlag>,
    pub length: Vec<String>,
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The state of one content kind for a listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingText {
    pub kind: ContentKind,
    pub state: TextState,
    pub error: Option<String>,
    pub stale: bool,
    pub tone: Tone,
    pub audience: Audience,
    pub current: Option<TextVersion>,
    pub approved_version: Option<i32>,
    pub approved_by_name: Option<String>,
    pub approved_at: Option<DateTime<Utc>>,
    /// Earlier versions, newest first (without the current one).
    pub history: Vec<TextVersion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingTexts {
    pub texts: Vec<ListingText>,
    /// Any text still queued or being written: the page keeps polling.
    pub busy: bool,
    /// Provider and model new texts will come from ("offline" when no API is configured).
    pub provider: String,
    pub model: String,
    /// Generations left for this user in the current hour.
    pub remaining_this_hour: i64,
    /// The org's phrase list, so the editor can check text as it is typed.
    pub phrases: Vec<Phrase>,
    pub mls_char_limit: usize,
    pub can_generate: bool,
    pub can_approve: bool,
}

/// The pricing card: the suggestion and the AI's explanation of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PricingCard {
    pub suggestion: PriceSuggestion,
    /// Empty until written (a job writes it once per set of comparables).
    pub explanation: String,
    pub provider: String,
    pub fallback_reason: Option<String>,
    /// The explanation for these comparables is being written: ask again shortly.
    pub explanation_pending: bool,
}

/// A phrase of the org's Fair Housing list, for the settings page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhraseRow {
    pub id: uuid::Uuid,
    pub phrase: Phrase,
}

/// Where a listing text is in its life: never asked for, waiting for the job, being
/// written, written, or failed. Stored as `as_str` in `listing_texts.state`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextState {
    #[default]
    None,
    Queued,
    Writing,
    Ready,
    Failed,
}

impl TextState {
    pub const fn as_str(self) -> &'static str {
        match self {
            TextState::None => "none",
            TextState::Queued => "queued",
            TextState::Writing => "writing",
            TextState::Ready => "ready",
            TextState::Failed => "failed",
        }
    }

    /// Unknown values read as `None` (never asked).
    pub fn parse(s: &str) -> Self {
        match s {
            "queued" => TextState::Queued,
            "writing" => TextState::Writing,
            "ready" => TextState::Ready,
            "failed" => TextState::Failed,
            _ => TextState::None,
        }
    }

    /// A job is on it: the page keeps polling.
    pub const fn is_busy(self) -> bool {
        matches!(self, TextState::Queued | TextState::Writing)
    }
}

/// What a bulk status change did: how many moved and, for the rest, why not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulkResult {
    pub changed: usize,
    pub refused: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::TextState;

    #[test]
    fn text_states_round_trip_and_unknown_is_none() {
        for s in [
            TextState::None,
            TextState::Queued,
            TextState::Writing,
            TextState::Ready,
            TextState::Failed,
        ] {
            assert_eq!(TextState::parse(s.as_str()), s);
        }
        assert_eq!(TextState::parse("garbage"), TextState::None);
        assert!(TextState::Queued.is_busy() && TextState::Writing.is_busy());
        assert!(!TextState::Ready.is_busy() && !TextState::Failed.is_busy());
    }
}
