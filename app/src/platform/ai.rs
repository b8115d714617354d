//! The AI engine's interface (ssr only): what features ask for, what comes back.
//! Implementations live in `server/src/ai/`: the offline writer (default, and the
//! fallback), the OpenAI-compatible provider, and the resilient wrapper around it
//! (timeout, retries, circuit breaker, fallback). product.md "AI content".

use shared::content::{ContentKind, ContentOptions, GeneratedText, ListingFacts, PricingBrief};

/// One piece of work for a model. Structured, so the offline provider can write
/// from the facts and the remote one builds its prompt from the same facts only.
#[derive(Debug, Clone)]
pub enum AiTask {
    ListingCopy {
        kind: ContentKind,
        facts: ListingFacts,
        options: ContentOptions,
    },
    PriceExplanation(PricingBrief),
}

/// A finished generation and what it cost.
#[derive(Debug, Clone, PartialEq)]
pub struct AiOutput {
    pub text: GeneratedText,
    /// "offline" or "openai" (any OpenAI-compatible server).
    pub provider: String,
    pub model: String,
    pub tokens_in: i32,
    pub tokens_out: i32,
    /// Estimated cost in millionths of a US dollar.
    pub cost_micro_usd: i64,
    pub latency_ms: i32,
    /// Set when the remote provider failed and the offline one wrote this instead:
    /// why, in words for the UI ("The AI service timed out").
    pub fallback_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AiError {
    #[error("the AI service timed out")]
    Timeout,
    #[error("the AI service is rate limiting us")]
    RateLimited,
    #[error("the AI service is unavailable (circuit open)")]
    CircuitOpen,
    #[error("the AI service answered with an error: {0}")]
    Upstream(String),
    #[error("the AI service's answer could not be read: {0}")]
    Malformed(String),
}

/// A text generator. `generate_stream` hands out text as it arrives (remote
/// providers stream; others emit the whole text once) and returns the total.
#[async_trait::async_trait]
pub trait AiProvider: Send + Sync {
    /// Provider name shown in the UI and stored with usage.
    fn name(&self) -> &str;
    fn model(&self) -> &str;

    async fn generate(&self, task: &AiTask) -> Result<AiOutput, AiError>;

    async fn generate_stream(
        &self,
        task: &AiTask,
        on_chunk: &(dyn for<'c> Fn(&'c str) + Send + Sync),
    ) -> Result<AiOutput, AiError> {
        let out = self.generate(task).await?;
        on_chunk(&out.text.body);
        Ok(out)
    }
}
