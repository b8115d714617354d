//! The built-in writer: deterministic text from templates and the listing's facts,
//! no network. The default when no AI service is configured, and the fallback when
//! the remote one fails (product.md "AI content", seed 002 L839-842).

use std::time::Instant;

use app::platform::ai::{AiError, AiOutput, AiProvider, AiTask};

use super::text;

pub const OFFLINE_NAME: &str = "offline";
pub const OFFLINE_MODEL: &str = "template-v1";

#[derive(Debug, Clone, Copy, Default)]
pub struct OfflineProvider;

#[async_trait::async_trait]
impl AiProvider for OfflineProvider {
    fn name(&self) -> &str {
        OFFLINE_NAME
    }

    fn model(&self) -> &str {
        OFFLINE_MODEL
    }

    async fn generate(&self, task: &AiTask) -> Result<AiOutput, AiError> {
        let started = Instant::now();
        let (system, user) = text::prompt(task);
        let written = text::offline(task);
        // Estimates, not counts: no tokenizer runs offline. They are what the same
        // prompt and answer would roughly cost on a remote model, so usage pages
        // compare like with like.
        let tokens_in = estimate_tokens(&system).saturating_add(estimate_tokens(&user));
        let tokens_out = estimate_tokens(written.subject.as_deref().unwrap_or(""))
            .saturating_add(estimate_tokens(&written.body));
        let elapsed = started.elapsed();
        metrics::counter!("ai_requests_total", "provider" => OFFLINE_NAME, "outcome" => "success")
            .increment(1);
        metrics::histogram!("ai_latency_seconds", "provider" => OFFLINE_NAME)
            .record(elapsed.as_secs_f64());
        Ok(AiOutput {
            text: written,
            provider: OFFLINE_NAME.to_owned(),
            model: OFFLINE_MODEL.to_owned(),
            tokens_in,
            tokens_out,
            cost_micro_usd: 0,
            latency_ms: millis(elapsed),
            fallback_reason: None,
        })
    }
}

/// A token estimate for English prose: words × 4/3 (OpenAI's rule of thumb of
/// about 0.75 words per token), rounded up. Used offline and when a remote
/// server reports no usage.
pub fn estimate_tokens(text: &str) -> i32 {
    let words = text.split_whitespace().count();
    i32::try_from(words.saturating_mul(4).div_ceil(3)).unwrap_or(i32::MAX)
}

/// Milliseconds for `AiOutput::latency_ms`, saturating.
pub fn millis(d: std::time::Duration) -> i32 {
    i32::try_from(d.as_millis()).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_estimated_as_four_thirds_of_the_words_rounded_up() {
        assert_eq!(estimate_tokens(""), 0);
        assert_eq!(estimate_tokens("one"), 2);
        assert_eq!(estimate_tokens("one two three"), 4);
        assert_eq!(estimate_tokens("  a b\n c  d e f "), 8);
    }
}
