//! The AI service's configuration, read from the `AI_*` variables.

use std::time::Duration;

use anyhow::{bail, Context};
use secrecy::SecretString;

/// The AI service (product.md "AI content"). Neither a key nor a base URL: the
/// built-in offline writer. A base URL alone is enough for servers without keys
/// (Ollama, a local vLLM); a key alone means OpenAI itself.
pub struct AiConfig {
    /// `AI_BASE_URL`, e.g. `http://127.0.0.1:11434/v1` (Ollama) or `https://api.openai.com/v1`.
    pub base_url: Option<String>,
    /// `AI_API_KEY`: never logged.
    pub api_key: Option<SecretString>,
    /// `AI_MODEL` (default `gpt-4o-mini`).
    pub model: String,
    /// `AI_TIMEOUT_SECS` (default 30): the deadline of each attempt.
    pub timeout: Duration,
    /// `AI_PRICE_IN_PER_MTOK_USD` (default 0.15), in micro-USD per million input tokens.
    pub price_in_micro_usd_per_mtok: i64,
    /// `AI_PRICE_OUT_PER_MTOK_USD` (default 0.60), in micro-USD per million output tokens.
    pub price_out_micro_usd_per_mtok: i64,
    /// `AI_USER_LIMIT_PER_HOUR` (default 50): generations per user per hour.
    pub user_limit_per_hour: i64,
    /// `AI_ORG_LIMIT_PER_HOUR` (default 1000): remote-provider requests per org per hour.
    pub org_limit_per_hour: i64,
}

/// Where the AI service is when neither AI_BASE_URL nor a different server is given.
pub const OPENAI_BASE_URL: &str = "https://api.openai.com/v1";

impl AiConfig {
    /// Reads the `AI_*` variables through `var` (the environment, or a map in tests).
    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let base_url = var("AI_BASE_URL").map(|u| u.trim().trim_end_matches('/').to_owned());
        if let Some(url) = &base_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                bail!("AI_BASE_URL must start with http:// or https://");
            }
        }
        let api_key = var("AI_API_KEY").map(|k| k.trim().to_owned());
        if api_key
            .as_deref()
            .is_some_and(|k| !k.bytes().all(|b| b.is_ascii_graphic()))
        {
            bail!("AI_API_KEY may only contain visible ASCII characters");
        }
        let number = |name: &str, default: i64| -> anyhow::Result<i64> {
            match var(name) {
                Some(v) => match v.trim().parse::<i64>() {
                    Ok(n) if n > 0 => Ok(n),
                    _ => bail!("{name} must be a whole number above 0"),
                },
                None => Ok(default),
            }
        };
        let price = |name: &str, default_usd: f64| -> anyhow::Result<i64> {
            let usd = match var(name) {
                Some(v) => v
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|p| p.is_finite() && *p >= 0.0)
                    .with_context(|| format!("{name} must be a price in US dollars, e.g. 0.15"))?,
                None => default_usd,
            };
            // to integer micro-USD at once: money is never carried as f64
            Ok((usd * 1_000_000.0).round() as i64)
        };
        Ok(AiConfig {
            base_url,
            api_key: api_key.map(SecretString::from),
            model: var("AI_MODEL").unwrap_or_else(|| "gpt-4o-mini".into()),
            timeout: Duration::from_secs(number("AI_TIMEOUT_SECS", 30)?.unsigned_abs()),
            price_in_micro_usd_per_mtok: price("AI_PRICE_IN_PER_MTOK_USD", 0.15)?,
            price_out_micro_usd_per_mtok: price("AI_PRICE_OUT_PER_MTOK_USD", 0.60)?,
            user_limit_per_hour: number("AI_USER_LIMIT_PER_HOUR", 50)?,
            org_limit_per_hour: number("AI_ORG_LIMIT_PER_HOUR", 1000)?,
        })
    }

    /// The remote service's settings, or None for the offline writer.
    pub fn remote(&self) -> Option<super::OpenAiSettings> {
        if self.base_url.is_none() && self.api_key.is_none() {
            return None;
        }
        Some(super::OpenAiSettings {
            base_url: self
                .base_url
                .clone()
                .unwrap_or_else(|| OPENAI_BASE_URL.to_owned()),
            api_key: self.api_key.clone(),
            model: self.model.clone(),
            price_in_micro_usd_per_mtok: self.price_in_micro_usd_per_mtok,
            price_out_micro_usd_per_mtok: self.price_out_micro_usd_per_mtok,
            timeout: self.timeout,
        })
    }
}
