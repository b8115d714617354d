//! The remote provider with its safety net (product.md "AI content", seed 002
//! L839-842 and L936-938): a timeout per attempt, up to 3 attempts with 1 s, 2 s
//! backoff plus jitter on errors worth retrying, the circuit breaker, and the
//! offline writer when the remote one cannot answer. A request therefore always
//! gets a text; `fallback_reason` says when the built-in writer wrote it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::platform::ai::{AiError, AiOutput, AiProvider, AiTask};
use rand::Rng;

use super::breaker::CircuitBreaker;
use super::offline::millis;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts per request, the first included.
    pub attempts: u32,
    /// Deadline of each attempt.
    pub attempt_timeout: Duration,
    /// Wait before the 2nd attempt; doubled before each later one.
    pub backoff_base: Duration,
    /// Random extra wait, as a fraction of the backoff (0.25 = up to +25%).
    pub max_jitter: f64,
}

impl Default for RetryPolicy {
    /// product.md "AI content": timeouts 30 s; 3 attempts with 1 s, 2 s, 4 s
    /// backoff plus jitter (seed 002 L936-938).
    fn default() -> Self {
        Self {
            attempts: 3,
            attempt_timeout: Duration::from_secs(30),
            backoff_base: Duration::from_secs(1),
            max_jitter: 0.25,
        }
    }
}

impl RetryPolicy {
    /// The wait after failed attempt `n` (0-based), before jitter: base × 2ⁿ.
    pub fn backoff(&self, n: u32) -> Duration {
        self.backoff_base.saturating_mul(2u32.saturating_pow(n))
    }

    fn backoff_with_jitter(&self, n: u32) -> Duration {
        let base = self.backoff(n);
        let jitter = if self.max_jitter > 0.0 {
            rand::rng().random_range(0.0..=self.max_jitter)
        } else {
            0.0
        };
        base + base.mul_f64(jitter)
    }
}

/// Which failures are worth another attempt: timeouts, rate limits, 5xx answers and
/// connections that failed. A 4xx (bad key, unknown model) or an unreadable answer
/// will not get better by asking again.
pub fn retryable(e: &AiError) -> bool {
    match e {
        AiError::Timeout | AiError::RateLimited => true,
        AiError::Upstream(msg) => match http_status(msg) {
            Some(status) => status >= 500 || status == 408,
            None => true,
        },
        AiError::Malformed(_) | AiError::CircuitOpen => false,
    }
}

/// The HTTP status at the start of an `Upstream` message, if any.
fn http_status(msg: &str) -> Option<u16> {
    let code = msg.get(..3)?;
    let after = msg[3..].chars().next();
    (code.bytes().all(|b| b.is_ascii_digit()) && after.is_none_or(|c| !c.is_ascii_digit()))
        .then(|| code.parse().ok())
        .flatten()
}

pub const REASON_PAUSED: &str =
    "The AI service is paused after repeated failures; the built-in writer wrote this.";

/// Why the built-in writer stepped in, in words for the page.
pub fn fallback_reason(e: &AiError) -> &'static str {
    match e {
        AiError::Timeout => "The AI service timed out; the built-in writer wrote this.",
        AiError::RateLimited => {
            "The AI service is busy (rate limited); the built-in writer wrote this."
        }
        AiError::CircuitOpen => REASON_PAUSED,
        AiError::Upstream(msg) if http_status(msg).is_none() => {
            "The AI service could not be reached; the built-in writer wrote this."
        }
        AiError::Upstream(_) => {
            "The AI service answered with an error; the built-in writer wrote this."
        }
        AiError::Malformed(_) => {
            "The AI service's answer could not be read; the built-in writer wrote this."
        }
    }
}

/// A short label for metrics.
fn outcome(e: &AiError) -> &'static str {
    match e {
        AiError::Timeout => "timeout",
        AiError::RateLimited => "rate_limited",
        AiError::CircuitOpen => "circuit_open",
        AiError::Upstream(_) => "upstream_error",
        AiError::Malformed(_) => "malformed",
    }
}

type OnChunk<'a> = &'a (dyn Fn(&str) + Send + Sync);

pub struct ResilientProvider {
    remote: Arc<dyn AiProvider>,
    fallback: Arc<dyn AiProvider>,
    policy: RetryPolicy,
    breaker: Arc<CircuitBreaker>,
}

impl ResilientProvider {
    /// `fallback` is the offline writer.
    pub fn new(
        remote: Arc<dyn AiProvider>,
        fallback: Arc<dyn AiProvider>,
        policy: RetryPolicy,
        breaker: Arc<CircuitBreaker>,
    ) -> Self {
        Self {
            remote,
            fallback,
            policy,
            breaker,
        }
    }

    pub fn breaker(&self) -> &Arc<CircuitBreaker> {
        &self.breaker
    }

    pub fn policy(&self) -> RetryPolicy {
        self.policy
    }

    /// One request: the remote with retries while the breaker allows, else the fallback.
    async fn run(&self, task: &AiTask, on_chunk: Option<OnChunk<'_>>) -> Result<AiOutput, AiError> {
        let started = Instant::now();
        if !self.breaker.allow() {
            return self
                .fall_back(task, on_chunk, &AiError::CircuitOpen, started)
                .await;
        }
        let mut attempt = 0;
        let error = loop {
            let (result, streamed) = self.attempt(task, on_chunk).await;
            match result {
                Ok(out) => {
                    self.breaker.record_success();
                    return Ok(out);
                }
                Err(e) => {
                    attempt += 1;
                    tracing::warn!(
                        provider = self.remote.name(),
                        attempt,
                        error = %e,
                        "AI request attempt failed"
                    );
                    // Once text has gone out to the caller a retry would repeat it.
                    if streamed || !retryable(&e) || attempt >= self.policy.attempts {
                        break e;
                    }
                    tokio::time::sleep(self.policy.backoff_with_jitter(attempt - 1)).await;
                }
            }
        };
        self.breaker.record_failure();
        self.fall_back(task, on_chunk, &error, started).await
    }

    /// One attempt under the attempt deadline; whether any chunk was handed out.
    async fn attempt(
        &self,
        task: &AiTask,
        on_chunk: Option<OnChunk<'_>>,
    ) -> (Result<AiOutput, AiError>, bool) {
        let streamed = AtomicBool::new(false);
        let began = Instant::now();
        let call = async {
            match on_chunk {
                None => self.remote.generate(task).await,
                Some(f) => {
                    let counted = |s: &str| {
                        streamed.store(true, Ordering::Relaxed);
                        f(s)
                    };
                    self.remote.generate_stream(task, &counted).await
                }
            }
        };
        let result = tokio::time::timeout(self.policy.attempt_timeout, call)
            .await
            .unwrap_or(Err(AiError::Timeout));
        let provider = self.remote.name().to_owned();
        let label = result.as_ref().map_or_else(outcome, |_| "success");
        metrics::counter!("ai_requests_total", "provider" => provider.clone(), "outcome" => label)
            .increment(1);
        metrics::histogram!("ai_latency_seconds", "provider" => provider)
            .record(began.elapsed().as_secs_f64());
        (result, streamed.load(Ordering::Relaxed))
    }

    async fn fall_back(
        &self,
        task: &AiTask,
        on_chunk: Option<OnChunk<'_>>,
        why: &AiError,
        started: Instant,
    ) -> Result<AiOutput, AiError> {
        metrics::counter!("ai_fallbacks_total", "reason" => outcome(why)).increment(1);
        let out = match on_chunk {
            None => self.fallback.generate(task).await,
            Some(f) => self.fallback.generate_stream(task, f).await,
        };
        let mut out = out?;
        out.fallback_reason = Some(fallback_reason(why).to_owned());
        // what the person waited, remote attempts included
        out.latency_ms = millis(started.elapsed());
        Ok(out)
    }
}

#[async_trait::async_trait]
impl AiProvider for ResilientProvider {
    fn name(&self) -> &str {
        self.remote.name()
    }

    fn model(&self) -> &str {
        self.remote.model()
    }

    async fn generate(&self, task: &AiTask) -> Result<AiOutput, AiError> {
        self.run(task, None).await
    }

    /// Streams the remote answer. If it fails after part of the text went out, there
    /// is no retry (the caller would see the text twice) and the fallback's text
    /// follows: the returned output is the authoritative text, so a progress view
    /// should show `AiOutput::text` once the call returns.
    async fn generate_stream(
        &self,
        task: &AiTask,
        on_chunk: &(dyn for<'c> Fn(&'c str) + Send + Sync),
    ) -> Result<AiOutput, AiError> {
        self.run(task, Some(on_chunk)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_is_three_attempts_thirty_seconds_and_one_two_four_second_backoff() {
        let p = RetryPolicy::default();
        assert_eq!(p.attempts, 3);
        assert_eq!(p.attempt_timeout, Duration::from_secs(30));
        assert_eq!(p.backoff(0), Duration::from_secs(1));
        assert_eq!(p.backoff(1), Duration::from_secs(2));
        assert_eq!(p.backoff(2), Duration::from_secs(4));
        assert!((p.max_jitter - 0.25).abs() < f64::EPSILON);
    }

    #[test]
    fn jitter_adds_at_most_a_quarter() {
        let p = RetryPolicy::default();
        for _ in 0..200 {
            let d = p.backoff_with_jitter(1);
            assert!(d >= Duration::from_secs(2) && d <= Duration::from_millis(2500));
        }
    }

    #[test]
    fn only_timeouts_rate_limits_5xx_and_lost_connections_are_retried() {
        assert!(retryable(&AiError::Timeout));
        assert!(retryable(&AiError::RateLimited));
        assert!(retryable(&AiError::Upstream(
            "503 Service Unavailable: x".into()
        )));
        assert!(retryable(&AiError::Upstream(
            "could not reach it: refused".into()
        )));
        assert!(!retryable(&AiError::Upstream(
            "401 Unauthorized: bad key".into()
        )));
        assert!(!retryable(&AiError::Upstream(
            "404 Not Found: no model".into()
        )));
        assert!(!retryable(&AiError::Malformed("x".into())));
        assert!(!retryable(&AiError::CircuitOpen));
    }
}
