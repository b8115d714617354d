//! The AI providers behind `app::platform::ai::AiProvider` (product.md "AI content",
//! F-004/F-011/F-013/F-014): the offline writer (`offline`), the OpenAI-compatible
//! HTTP provider (`openai`), and the wrapper that adds timeouts, retries, the
//! circuit breaker and the fallback (`resilient`, `breaker`). The words: the remote
//! model's prompts and the reading of its answers (`prompt`), and the offline
//! writer's templates, one file a channel (`writer`); providers reach them through
//! `text` only.

pub mod breaker;
pub mod config;
pub mod offline;
pub mod openai;
pub mod prompt;
pub mod resilient;
pub mod text;
pub mod writer;

use std::sync::Arc;

use app::platform::ai::AiProvider;
use app::platform::Clock;

pub use breaker::{BreakerConfig, CircuitBreaker, CircuitState};
pub use offline::OfflineProvider;
pub use openai::{OpenAiCompatible, OpenAiSettings};
pub use resilient::{ResilientProvider, RetryPolicy};

pub use config::AiConfig;

/// The provider for the process, and its breaker when there is a remote service
/// (for `/health`).
pub struct AiStack {
    pub provider: Arc<dyn AiProvider>,
    pub breaker: Option<Arc<CircuitBreaker>>,
}

/// The offline writer when neither AI_API_KEY nor AI_BASE_URL is set; otherwise the
/// OpenAI-compatible service wrapped in retries, breaker and offline fallback.
pub fn build_stack(cfg: &AiConfig, clock: Arc<dyn Clock>) -> AiStack {
    let offline: Arc<dyn AiProvider> = Arc::new(OfflineProvider);
    let Some(settings) = cfg.remote() else {
        tracing::info!("AI: built-in offline writer (no AI_API_KEY or AI_BASE_URL set)");
        return AiStack {
            provider: offline,
            breaker: None,
        };
    };
    let remote = match OpenAiCompatible::new(settings) {
        Ok(remote) => remote,
        Err(e) => {
            // AiConfig checked the URL and key already; this is the HTTP client itself.
            tracing::error!(error = %e, "AI: remote provider unusable; using the offline writer");
            return AiStack {
                provider: offline,
                breaker: None,
            };
        }
    };
    // the base URL is not logged: it may carry credentials (user:pass@host)
    tracing::info!(model = %cfg.model, "AI: OpenAI-compatible service");
    let breaker = Arc::new(CircuitBreaker::new(BreakerConfig::default(), clock));
    let policy = RetryPolicy {
        attempt_timeout: cfg.timeout,
        ..RetryPolicy::default()
    };
    AiStack {
        provider: Arc::new(ResilientProvider::new(
            Arc::new(remote),
            offline,
            policy,
            breaker.clone(),
        )),
        breaker: Some(breaker),
    }
}

/// The provider for the process (see `build_stack`).
pub fn build_provider(cfg: &AiConfig, clock: Arc<dyn Clock>) -> Arc<dyn AiProvider> {
    build_stack(cfg, clock).provider
}
