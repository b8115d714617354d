//! The AI providers against the fake OpenAI-compatible server (`fake_openai`), whose
//! answers are scripted per call and which counts the calls. No database.
//! Timeouts and backoff are milliseconds here; the production numbers are checked
//! by the unit tests beside `RetryPolicy`, `BreakerConfig` and `AiConfig`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::platform::ai::{AiError, AiProvider, AiTask};
use app::platform::Clock;
use server::ai::{
    build_provider, BreakerConfig, CircuitBreaker, CircuitState, OpenAiCompatible, OpenAiSettings,
    ResilientProvider, RetryPolicy,
};
use server::config::AiConfig;
use shared::content::{ContentKind, ContentOptions, ListingFacts};
use shared::listing::{ListingStatus, PropertyType};

use crate::fake_openai::{FakeOpenAi, Reply, TestClock};

fn task() -> AiTask {
    AiTask::ListingCopy {
        kind: ContentKind::Description,
        facts: ListingFacts {
            title: "Sunny corner house".into(),
            property_type: PropertyType::House,
            status: ListingStatus::Active,
            price_cents: 74_900_000,
            bedrooms: 3,
            bathroom_halves: 5,
            living_area_sqft: Some(1850),
            lot_size_sqft: None,
            year_built: Some(1998),
            street: "12 Harbor Way".into(),
            city: "Boston".into(),
            state: "MA".into(),
            postal_code: "02110".into(),
            features: vec!["hardwood floors".into()],
            agent_name: "Dana Agent".into(),
            agent_email: "dana@harbor.example".into(),
        },
        options: ContentOptions::default(),
    }
}

fn remote(fake: &FakeOpenAi) -> Arc<dyn AiProvider> {
    Arc::new(
        OpenAiCompatible::new(OpenAiSettings {
            base_url: fake.base_url(),
            api_key: Some("sk-test".into()),
            model: "fake-model".into(),
            price_in_micro_usd_per_mtok: 150_000,
            price_out_micro_usd_per_mtok: 600_000,
            // the resilient wrapper's attempt deadline (below) is the one under test
            timeout: Duration::from_secs(5),
        })
        .unwrap(),
    )
}

/// Production policy with milliseconds: 3 attempts, 150 ms each, 1 ms backoff base.
fn resilient(fake: &FakeOpenAi) -> (ResilientProvider, Arc<TestClock>) {
    let clock = TestClock::new();
    let breaker = Arc::new(CircuitBreaker::new(BreakerConfig::default(), clock.clone()));
    let policy = RetryPolicy {
        attempt_timeout: Duration::from_millis(150),
        backoff_base: Duration::from_millis(1),
        ..RetryPolicy::default()
    };
    let provider = ResilientProvider::new(
        remote(fake),
        Arc::new(server::ai::OfflineProvider),
        policy,
        breaker,
    );
    (provider, clock)
}

/// Five requests whose every attempt gets a 500: the breaker opens.
async fn open_the_breaker(ai: &ResilientProvider, fake: &FakeOpenAi) {
    fake.answer(Reply::ServerError);
    for _ in 0..5 {
        let out = ai.generate(&task()).await.unwrap();
        assert_eq!(out.provider, "offline");
    }
    assert_eq!(ai.breaker().state(), CircuitState::Open);
}

#[tokio::test]
async fn a_successful_answer_returns_the_text_tokens_cost_and_provider() {
    let fake = FakeOpenAi::start(vec![], Reply::Text("A bright three-bedroom home.")).await;
    let out = remote(&fake).generate(&task()).await.unwrap();
    assert_eq!(out.text.body, "A bright three-bedroom home.");
    assert_eq!(out.provider, "openai");
    assert_eq!(out.model, "fake-model");
    assert_eq!((out.tokens_in, out.tokens_out), (1000, 500));
    // 1000 × $0.15/M + 500 × $0.60/M = $0.00045
    assert_eq!(out.cost_micro_usd, 450);
    assert_eq!(out.fallback_reason, None);
    assert_eq!(fake.calls(), 1);
    let sent = fake.last_body().unwrap();
    assert_eq!(sent["model"], "fake-model");
    assert_eq!(sent["messages"][0]["role"], "system");
    assert_eq!(sent["messages"][1]["role"], "user");
    assert_eq!(fake.last_auth().as_deref(), Some("Bearer sk-test"));
}

#[tokio::test]
async fn the_http_provider_sends_one_request_per_call_without_async_openais_own_retries() {
    let fake = FakeOpenAi::start(vec![Reply::RateLimited], Reply::ServerError).await;
    let ai = remote(&fake);
    assert_eq!(ai.generate(&task()).await, Err(AiError::RateLimited));
    assert_eq!(fake.calls(), 1);
    match ai.generate(&task()).await {
        Err(AiError::Upstream(msg)) => assert!(msg.starts_with("500"), "{msg}"),
        other => panic!("expected Upstream, got {other:?}"),
    }
    assert_eq!(fake.calls(), 2);
}

#[tokio::test]
async fn a_rate_limited_call_is_retried_once_and_succeeds_with_exactly_two_calls() {
    // seed 002 L7403-7426
    let fake = FakeOpenAi::start(vec![Reply::RateLimited], Reply::Text("Second time lucky.")).await;
    let (ai, _) = resilient(&fake);
    let out = ai.generate(&task()).await.unwrap();
    assert_eq!(out.provider, "openai");
    assert_eq!(out.text.body, "Second time lucky.");
    assert_eq!(out.fallback_reason, None);
    assert_eq!(fake.calls(), 2);
}

#[tokio::test]
async fn a_timeout_falls_back_to_the_offline_writer_with_a_reason() {
    let fake = FakeOpenAi::start(vec![], Reply::Hang(Duration::from_secs(3))).await;
    let (ai, _) = resilient(&fake);
    let started = std::time::Instant::now();
    let out = ai.generate(&task()).await.unwrap();
    assert_eq!(out.provider, "offline");
    assert_eq!(out.model, "template-v1");
    assert_eq!(out.cost_micro_usd, 0);
    assert_eq!(
        out.fallback_reason.as_deref(),
        Some("The AI service timed out; the built-in writer wrote this.")
    );
    assert!(!out.text.body.is_empty());
    assert_eq!(
        fake.calls(),
        3,
        "three attempts, each cut off at its deadline"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn five_failed_requests_open_the_breaker_and_the_next_request_never_reaches_the_server() {
    let fake = FakeOpenAi::start(vec![], Reply::ServerError).await;
    let (ai, _) = resilient(&fake);
    open_the_breaker(&ai, &fake).await;
    assert_eq!(fake.calls(), 15, "5 requests × 3 attempts");
    fake.answer(Reply::Text("never asked"));
    let out = ai.generate(&task()).await.unwrap();
    assert_eq!(out.provider, "offline");
    assert_eq!(
        out.fallback_reason.as_deref(),
        Some("The AI service is paused after repeated failures; the built-in writer wrote this.")
    );
    assert_eq!(fake.calls(), 15);
}

#[tokio::test]
async fn after_the_open_period_the_breaker_half_opens_and_three_successes_close_it() {
    let fake = FakeOpenAi::start(vec![], Reply::ServerError).await;
    let (ai, clock) = resilient(&fake);
    open_the_breaker(&ai, &fake).await;
    clock.advance(chrono::Duration::seconds(59));
    assert_eq!(ai.breaker().state(), CircuitState::Open);
    clock.advance(chrono::Duration::seconds(1));
    assert_eq!(ai.breaker().state(), CircuitState::HalfOpen);
    fake.answer(Reply::Text("Back again."));
    for expected in [
        CircuitState::HalfOpen,
        CircuitState::HalfOpen,
        CircuitState::Closed,
    ] {
        let out = ai.generate(&task()).await.unwrap();
        assert_eq!(out.provider, "openai");
        assert_eq!(ai.breaker().state(), expected);
    }
    assert_eq!(fake.calls(), 18);
}

#[tokio::test]
async fn a_failure_while_half_open_reopens_the_breaker() {
    let fake = FakeOpenAi::start(vec![], Reply::ServerError).await;
    let (ai, clock) = resilient(&fake);
    open_the_breaker(&ai, &fake).await;
    clock.advance(chrono::Duration::seconds(60));
    assert_eq!(ai.breaker().state(), CircuitState::HalfOpen);
    let out = ai.generate(&task()).await.unwrap();
    assert_eq!(out.provider, "offline");
    assert_eq!(ai.breaker().state(), CircuitState::Open);
    assert_eq!(fake.calls(), 18);
    ai.generate(&task()).await.unwrap();
    assert_eq!(fake.calls(), 18, "open again: the server is not asked");
}

#[tokio::test]
async fn a_malformed_answer_falls_back_without_a_retry() {
    let fake = FakeOpenAi::start(vec![], Reply::Malformed).await;
    let (ai, _) = resilient(&fake);
    let out = ai.generate(&task()).await.unwrap();
    assert_eq!(out.provider, "offline");
    assert_eq!(
        out.fallback_reason.as_deref(),
        Some("The AI service's answer could not be read; the built-in writer wrote this.")
    );
    assert_eq!(fake.calls(), 1);
}

#[tokio::test]
async fn a_redirect_is_not_followed_to_another_address() {
    let fake = FakeOpenAi::start(vec![], Reply::Redirect).await;
    let (ai, _) = resilient(&fake);
    let out = ai.generate(&task()).await.unwrap();
    assert_eq!(out.provider, "offline");
    assert_eq!(fake.calls(), 1);
    assert_eq!(fake.stray_calls(), 0);
}

#[tokio::test]
async fn streaming_delivers_chunks_in_order_and_the_total_is_their_concatenation() {
    let deltas = vec!["Sunny ", "corner ", "home ", "near ", "the park."];
    let fake = FakeOpenAi::start(vec![Reply::Stream(deltas.clone())], Reply::ServerError).await;
    let (ai, _) = resilient(&fake);
    let seen = Mutex::new(Vec::<String>::new());
    let on_chunk = |s: &str| seen.lock().unwrap().push(s.to_owned());
    let out = ai.generate_stream(&task(), &on_chunk).await.unwrap();
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen, deltas);
    assert_eq!(out.text.body, seen.concat());
    assert_eq!(out.provider, "openai");
    assert_eq!((out.tokens_in, out.tokens_out), (1000, 500));
    assert_eq!(out.fallback_reason, None);
    assert_eq!(fake.calls(), 1);
    let sent = fake.last_body().unwrap();
    assert_eq!(sent["stream"], true);
}

#[tokio::test]
async fn with_nothing_configured_the_offline_writer_answers() {
    let cfg = AiConfig::from_lookup(|_| None).unwrap();
    let clock: Arc<dyn Clock> = TestClock::new();
    let ai = build_provider(&cfg, clock);
    assert_eq!((ai.name(), ai.model()), ("offline", "template-v1"));
    let out = ai.generate(&task()).await.unwrap();
    assert_eq!(out.provider, "offline");
    assert_eq!(out.cost_micro_usd, 0);
    assert!(out.tokens_in > 0 && out.tokens_out > 0, "estimated tokens");
    assert_eq!(out.fallback_reason, None);
}

#[tokio::test]
async fn an_ollama_style_base_url_without_a_key_uses_the_remote_server() {
    let fake = FakeOpenAi::start(vec![], Reply::Text("Local model text.")).await;
    let base = fake.base_url();
    let cfg = AiConfig::from_lookup(|name| match name {
        "AI_BASE_URL" => Some(base.clone()),
        "AI_MODEL" => Some("llama3.2".into()),
        _ => None,
    })
    .unwrap();
    let clock: Arc<dyn Clock> = TestClock::new();
    let ai = build_provider(&cfg, clock);
    assert_eq!((ai.name(), ai.model()), ("openai", "llama3.2"));
    let out = ai.generate(&task()).await.unwrap();
    assert_eq!(out.text.body, "Local model text.");
    assert_eq!(out.model, "llama3.2");
    assert_eq!(fake.calls(), 1);
}
