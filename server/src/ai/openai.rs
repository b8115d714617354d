//! The OpenAI-compatible provider (async-openai's chat completions): OpenAI, Azure
//! OpenAI's v1 endpoint, Ollama, vLLM, llama.cpp server. It makes exactly one HTTP
//! request per call: retries, backoff, the circuit breaker and the fallback are
//! `ResilientProvider`'s, so the policy lives in one place.

use std::time::{Duration, Instant};

use app::platform::ai::{AiError, AiOutput, AiProvider, AiTask};
use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::middleware::ReqwestService;
use async_openai::types::chat::{
    ChatCompletionRequestSystemMessage, ChatCompletionRequestUserMessage,
    ChatCompletionStreamOptions, CompletionUsage, CreateChatCompletionRequest,
};
use async_openai::Client;
use futures_util::StreamExt;
use secrecy::{ExposeSecret, SecretString};

use super::offline::{estimate_tokens, millis};
use super::text;

pub const OPENAI_NAME: &str = "openai";

/// Where and how to reach the model. `Debug` is not derived: the key stays out of logs.
#[derive(Clone)]
pub struct OpenAiSettings {
    /// Up to and including the version segment: `https://api.openai.com/v1`,
    /// `http://127.0.0.1:11434/v1` (Ollama).
    pub base_url: String,
    /// None for servers that take no key (Ollama, a local vLLM).
    pub api_key: Option<SecretString>,
    pub model: String,
    /// Price per million input (prompt) tokens, in micro-USD, for the cost estimate.
    pub price_in_micro_usd_per_mtok: i64,
    /// Price per million output (completion) tokens, in micro-USD.
    pub price_out_micro_usd_per_mtok: i64,
    /// The whole request, streaming included.
    pub timeout: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenAiSetupError {
    #[error("AI_BASE_URL must start with http:// or https://")]
    BaseUrl,
    #[error("AI_API_KEY may only contain visible ASCII characters")]
    ApiKey,
    #[error("could not build the HTTP client: {0}")]
    Client(#[from] reqwest::Error),
}

pub struct OpenAiCompatible {
    client: Client<OpenAIConfig>,
    model: String,
    price_in: i64,
    price_out: i64,
    timeout: Duration,
}

impl OpenAiCompatible {
    pub fn new(settings: OpenAiSettings) -> Result<Self, OpenAiSetupError> {
        let base = settings.base_url.trim_end_matches('/').to_owned();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(OpenAiSetupError::BaseUrl);
        }
        let key = settings
            .api_key
            .as_ref()
            .map(|k| k.expose_secret().to_owned())
            .unwrap_or_default();
        // async-openai puts the key in a header with `parse().unwrap()`: check it here
        // so a stray newline in the environment is a startup error, not a panic.
        if !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(OpenAiSetupError::ApiKey);
        }
        // reqwest with rustls but no bundled crypto provider: use ring, which the rest
        // of the server already builds (sqlx, lettre), instead of compiling aws-lc-sys.
        // An error means a provider is installed already, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
        // Only the configured base URL: no redirects (a 3xx is an error answer) and
        // no proxy from the environment. The overall timeout is enforced around each
        // call below, so streaming and non-streaming calls share one deadline.
        let http = reqwest::Client::builder()
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()?;
        // Org and project are set empty so OPENAI_ORG_ID / OPENAI_PROJECT_ID in the
        // environment (read by OpenAIConfig's defaults) never add headers.
        let config = OpenAIConfig::new()
            .with_api_base(base)
            .with_api_key(key)
            .with_org_id("")
            .with_project_id("");
        // `with_http_service` replaces async-openai's default executor, which wraps
        // every request in its own retry layer (3 retries with backoff on 429, 5xx and
        // connect errors). The bare ReqwestService sends each request once, so our
        // RetryPolicy is the only one: 3 attempts in all, not up to 12.
        let client = Client::with_config(config).with_http_service(ReqwestService::new(http));
        Ok(Self {
            client,
            model: settings.model,
            price_in: settings.price_in_micro_usd_per_mtok,
            price_out: settings.price_out_micro_usd_per_mtok,
            timeout: settings.timeout,
        })
    }

    fn request(&self, task: &AiTask) -> (CreateChatCompletionRequest, i32) {
        let (system, user) = text::prompt(task);
        let prompt_estimate = estimate_tokens(&system).saturating_add(estimate_tokens(&user));
        let request = CreateChatCompletionRequest {
            model: self.model.clone(),
            messages: vec![
                ChatCompletionRequestSystemMessage::from(system).into(),
                ChatCompletionRequestUserMessage::from(user).into(),
            ],
            ..Default::default()
        };
        (request, prompt_estimate)
    }

    /// Reads the raw answer into an output; usage from the server when it sent it.
    fn finish(
        &self,
        task: &AiTask,
        raw: &str,
        usage: Option<CompletionUsage>,
        prompt_estimate: i32,
        started: Instant,
    ) -> Result<AiOutput, AiError> {
        if raw.trim().is_empty() {
            return Err(AiError::Malformed("the answer held no text".into()));
        }
        let text = text::parse(task, raw);
        if text.body.trim().is_empty() {
            return Err(AiError::Malformed("the answer held no usable text".into()));
        }
        let (tokens_in, tokens_out) = match usage {
            Some(u) => (to_i32(u.prompt_tokens), to_i32(u.completion_tokens)),
            // estimates: the server did not report usage
            None => (prompt_estimate, estimate_tokens(raw)),
        };
        Ok(AiOutput {
            text,
            provider: OPENAI_NAME.to_owned(),
            model: self.model.clone(),
            tokens_in,
            tokens_out,
            cost_micro_usd: cost_micro_usd(tokens_in, tokens_out, self.price_in, self.price_out),
            latency_ms: millis(started.elapsed()),
            fallback_reason: None,
        })
    }

    async fn complete(&self, task: &AiTask) -> Result<AiOutput, AiError> {
        let started = Instant::now();
        let (request, prompt_estimate) = self.request(task);
        let response = self
            .client
            .chat()
            .create(request)
            .await
            .map_err(map_error)?;
        let raw = response
            .choices
            .into_iter()
            .next()
            .and_then(|c| c.message.content)
            .ok_or_else(|| AiError::Malformed("the answer held no choices".into()))?;
        self.finish(task, &raw, response.usage, prompt_estimate, started)
    }

    async fn stream(
        &self,
        task: &AiTask,
        on_chunk: &(dyn for<'c> Fn(&'c str) + Send + Sync),
    ) -> Result<AiOutput, AiError> {
        let started = Instant::now();
        let (mut request, prompt_estimate) = self.request(task);
        request.stream = Some(true);
        // asks for a last chunk with the usage (ignored by servers that don't know it)
        request.stream_options = Some(ChatCompletionStreamOptions {
            include_usage: Some(true),
            include_obfuscation: None,
        });
        let mut stream = self
            .client
            .chat()
            .create_stream(request)
            .await
            .map_err(map_error)?;
        let mut raw = String::new();
        let mut usage = None;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(map_error)?;
            if chunk.usage.is_some() {
                usage = chunk.usage;
            }
            for choice in chunk.choices.into_iter().filter(|c| c.index == 0) {
                if let Some(delta) = choice.delta.content.filter(|d| !d.is_empty()) {
                    on_chunk(&delta);
                    raw.push_str(&delta);
                }
            }
        }
        self.finish(task, &raw, usage, prompt_estimate, started)
    }
}

#[async_trait::async_trait]
impl AiProvider for OpenAiCompatible {
    fn name(&self) -> &str {
        OPENAI_NAME
    }

    fn model(&self) -> &str {
        &self.model
    }

    async fn generate(&self, task: &AiTask) -> Result<AiOutput, AiError> {
        tokio::time::timeout(self.timeout, self.complete(task))
            .await
            .unwrap_or(Err(AiError::Timeout))
    }

    async fn generate_stream(
        &self,
        task: &AiTask,
        on_chunk: &(dyn for<'c> Fn(&'c str) + Send + Sync),
    ) -> Result<AiOutput, AiError> {
        tokio::time::timeout(self.timeout, self.stream(task, on_chunk))
            .await
            .unwrap_or(Err(AiError::Timeout))
    }
}

/// Cost in micro-USD from per-million-token prices, rounded to the nearest micro-USD.
pub fn cost_micro_usd(tokens_in: i32, tokens_out: i32, price_in: i64, price_out: i64) -> i64 {
    let micro_mtok = i128::from(tokens_in.max(0)) * i128::from(price_in)
        + i128::from(tokens_out.max(0)) * i128::from(price_out);
    i64::try_from((micro_mtok + 500_000) / 1_000_000).unwrap_or(i64::MAX)
}

fn to_i32(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// async-openai's errors in our words. `Upstream`'s text starts with the HTTP
/// status when there was one ("503 Service Unavailable: ..."); the retry policy
/// reads it to tell a 5xx (worth retrying) from a 4xx (not).
fn map_error(e: OpenAIError) -> AiError {
    match e {
        OpenAIError::ApiError(r) if r.status_code.as_u16() == 429 => AiError::RateLimited,
        OpenAIError::ApiError(r) => {
            let msg: String = r.api_error.message.chars().take(200).collect();
            AiError::Upstream(format!("{}: {msg}", r.status_code))
        }
        OpenAIError::Reqwest(e) if e.is_timeout() => AiError::Timeout,
        OpenAIError::Reqwest(e) => match e.status() {
            Some(s) if s.as_u16() == 429 => AiError::RateLimited,
            Some(s) => AiError::Upstream(s.to_string()),
            None if e.is_decode() => AiError::Malformed(e.without_url().to_string()),
            None => AiError::Upstream(format!("could not reach it: {}", e.without_url())),
        },
        OpenAIError::JSONDeserialize(err, _) => AiError::Malformed(err.to_string()),
        // the connection broke or the event stream was cut mid-answer
        OpenAIError::StreamError(err) => AiError::Upstream(format!("stream interrupted: {err}")),
        other => AiError::Upstream(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_is_tokens_times_price_per_million_rounded() {
        // gpt-4o-mini list prices: $0.15 in, $0.60 out per million tokens
        assert_eq!(cost_micro_usd(1000, 500, 150_000, 600_000), 450);
        assert_eq!(cost_micro_usd(1, 1, 150_000, 600_000), 1);
        assert_eq!(cost_micro_usd(0, 0, 150_000, 600_000), 0);
        assert_eq!(cost_micro_usd(3, 0, 150_000, 0), 0);
        assert_eq!(cost_micro_usd(4, 0, 150_000, 0), 1);
    }

    #[test]
    fn a_key_with_a_newline_is_refused_at_startup() {
        let settings = OpenAiSettings {
            base_url: "https://api.openai.com/v1".into(),
            api_key: Some(SecretString::from("sk-abc\n")),
            model: "gpt-4o-mini".into(),
            price_in_micro_usd_per_mtok: 0,
            price_out_micro_usd_per_mtok: 0,
            timeout: Duration::from_secs(30),
        };
        assert!(matches!(
            OpenAiCompatible::new(settings),
            Err(OpenAiSetupError::ApiKey)
        ));
    }
}
