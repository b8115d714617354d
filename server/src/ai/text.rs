//! The words side of the AI engine: prompts for the remote model, the offline
//! writer, and reading a model's answer. Providers reach them only through this
//! module, so the real implementations in `shared` drop in at one place.
//!
//! The five functions marked PLACEHOLDER stand in for `shared::writer` and
//! `shared::prompt` (written in parallel); their bodies are deliberately trivial.

use app::platform::ai::AiTask;
use shared::content::{ContentKind, ContentOptions, GeneratedText, ListingFacts, PricingBrief};

/// The (system, user) prompt for a task.
pub fn prompt(task: &AiTask) -> (String, String) {
    match task {
        AiTask::ListingCopy {
            kind,
            facts,
            options,
        } => listing_copy_prompt(*kind, facts, options),
        AiTask::PriceExplanation(brief) => price_explanation_prompt(brief),
    }
}

/// The offline writer's text for a task.
pub fn offline(task: &AiTask) -> GeneratedText {
    match task {
        AiTask::ListingCopy {
            kind,
            facts,
            options,
        } => write_listing_copy(*kind, facts, options),
        AiTask::PriceExplanation(brief) => write_price_explanation(brief),
    }
}

/// A model's raw answer read into a text. A price explanation has no content kind
/// (no subject line, no layout), so it is the trimmed answer as is.
pub fn parse(task: &AiTask, raw: &str) -> GeneratedText {
    match task {
        AiTask::ListingCopy { kind, .. } => parse_model_output(*kind, raw),
        AiTask::PriceExplanation(_) => GeneratedText {
            subject: None,
            body: raw.trim().to_owned(),
        },
    }
}

// PLACEHOLDER: replaced by shared::writer / shared::prompt at merge
pub fn write_listing_copy(
    kind: ContentKind,
    facts: &ListingFacts,
    _options: &ContentOptions,
) -> GeneratedText {
    GeneratedText {
        subject: (kind == ContentKind::Email).then(|| facts.title.clone()),
        body: format!(
            "{} in {}, {}: {} bedrooms.",
            facts.title, facts.city, facts.state, facts.bedrooms
        ),
    }
}

// PLACEHOLDER: replaced by shared::writer / shared::prompt at merge
pub fn write_price_explanation(brief: &PricingBrief) -> GeneratedText {
    GeneratedText {
        subject: None,
        body: format!(
            "This suggestion is based on {} comparable listings in {}.",
            brief.comparables_used, brief.scope
        ),
    }
}

// PLACEHOLDER: replaced by shared::writer / shared::prompt at merge
pub fn listing_copy_prompt(
    kind: ContentKind,
    facts: &ListingFacts,
    options: &ContentOptions,
) -> (String, String) {
    (
        format!(
            "You write {} for real-estate listings in a {} tone for {}. Use only the facts given.",
            kind.label(),
            options.tone.as_str(),
            options.audience.as_str()
        ),
        serde_json::to_string(facts).unwrap_or_default(),
    )
}

// PLACEHOLDER: replaced by shared::writer / shared::prompt at merge
pub fn price_explanation_prompt(brief: &PricingBrief) -> (String, String) {
    (
        "You explain a suggested listing price using only the numbers given.".to_owned(),
        serde_json::to_string(brief).unwrap_or_default(),
    )
}

// PLACEHOLDER: replaced by shared::writer / shared::prompt at merge
pub fn parse_model_output(kind: ContentKind, raw: &str) -> GeneratedText {
    let raw = raw.trim();
    if kind == ContentKind::Email {
        if let Some((first, rest)) = raw.split_once('\n') {
            if let Some(subject) = first.strip_prefix("Subject:") {
                return GeneratedText {
                    subject: Some(subject.trim().to_owned()),
                    body: rest.trim().to_owned(),
                };
            }
        }
    }
    GeneratedText {
        subject: None,
        body: raw.to_owned(),
    }
}
