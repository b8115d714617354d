//! The words side of the AI engine: prompts for the remote model, the offline
//! writer, and reading a model's answer. Providers reach them only through this
//! module, so the implementations (`prompt`, `writer`) drop in at one place.

use app::platform::ai::AiTask;
use shared::content::GeneratedText;

use super::prompt::{listing_copy_prompt, parse_model_output, price_explanation_prompt};
use super::writer::{write_listing_copy, write_price_explanation};

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
