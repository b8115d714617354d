//! AI listing copy: the content kinds, tones and audiences, and the facts a text
//! may be written from (product.md "AI content", seed 002 L2045-2069).

use serde::{Deserialize, Serialize};

use crate::listing::{ListingStatus, PropertyType};

/// One kind of text written for a listing. Social posts are one kind per platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    Description,
    MlsRemarks,
    Instagram,
    Facebook,
    Linkedin,
    Email,
    Flyer,
    OpenHouse,
}

impl ContentKind {
    pub const ALL: [ContentKind; 8] = [
        Self::Description,
        Self::MlsRemarks,
        Self::Instagram,
        Self::Facebook,
        Self::Linkedin,
        Self::Email,
        Self::Flyer,
        Self::OpenHouse,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Description => "description",
            Self::MlsRemarks => "mls_remarks",
            Self::Instagram => "instagram",
            Self::Facebook => "facebook",
            Self::Linkedin => "linkedin",
            Self::Email => "email",
            Self::Flyer => "flyer",
            Self::OpenHouse => "open_house",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Description => "Description",
            Self::MlsRemarks => "MLS remarks",
            Self::Instagram => "Instagram post",
            Self::Facebook => "Facebook post",
            Self::Linkedin => "LinkedIn post",
            Self::Email => "Email",
            Self::Flyer => "Flyer",
            Self::OpenHouse => "Open-house invitation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    #[default]
    Professional,
    Friendly,
    Luxury,
    Concise,
}

impl Tone {
    pub const ALL: [Tone; 4] = [
        Self::Professional,
        Self::Friendly,
        Self::Luxury,
        Self::Concise,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Professional => "professional",
            Self::Friendly => "friendly",
            Self::Luxury => "luxury",
            Self::Concise => "concise",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Professional => "Professional",
            Self::Friendly => "Friendly",
            Self::Luxury => "Luxury",
            Self::Concise => "Concise",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Buyers,
    Renters,
    Investors,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Self::Buyers, Self::Renters, Self::Investors];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Buyers => "buyers",
            Self::Renters => "renters",
            Self::Investors => "investors",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Buyers => "Buyers",
            Self::Renters => "Renters",
            Self::Investors => "Investors",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Everything a text may say about a listing: the prompt holds only these, and
/// the grounding check compares the output against them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingFacts {
    pub title: String,
    pub property_type: PropertyType,
    pub status: ListingStatus,
    /// USD cents.
    pub price_cents: i64,
    pub bedrooms: i16,
    /// Bathrooms in half units: 5 means 2.5 (RESO BathroomsTotal).
    pub bathroom_halves: i16,
    pub living_area_sqft: Option<i32>,
    pub lot_size_sqft: Option<i32>,
    pub year_built: Option<i16>,
    pub street: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    /// Feature tags as the agent typed them ("hardwood floors", "two-car garage").
    pub features: Vec<String>,
    /// The listing agent, for contact blocks (never in MLS remarks).
    pub agent_name: String,
    pub agent_email: String,
}

/// Choices made when asking for a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentOptions {
    pub tone: Tone,
    pub audience: Audience,
    /// The MLS remarks cap (product.md: configurable, default 1,000).
    pub mls_char_limit: usize,
    /// "Saturday, June 6, 1-4 pm": when the open house is, if the agent gave it.
    pub open_house_when: Option<String>,
}

impl Default for ContentOptions {
    fn default() -> Self {
        Self {
            tone: Tone::default(),
            audience: Audience::default(),
            mls_char_limit: 1000,
            open_house_when: None,
        }
    }
}

/// A written text: `subject` for emails, `body` for everything (plain text with
/// line breaks; flyers use a headline line, "• " bullet lines and a contact block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratedText {
    pub subject: Option<String>,
    pub body: String,
}

/// The numbers a pricing explanation is written from (shared::pricing computes
/// them; the AI only puts them into words and must not add any).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PricingBrief {
    pub facts: ListingFacts,
    /// None when there were too few comparables to suggest a price.
    pub suggested_cents: Option<i64>,
    pub low_cents: Option<i64>,
    pub high_cents: Option<i64>,
    /// "high" | "medium" | "low".
    pub confidence: String,
    pub comparables_used: usize,
    /// Where the comparables came from: "ZIP 02110" or "Boston".
    pub scope: String,
    pub median_price_per_sqft_cents: Option<i64>,
    /// "below" | "within" | "above" the suggested range, for the current list price.
    pub position: Option<String>,
}
